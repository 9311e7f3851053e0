import type { WorkReportState } from '../domain/work-report.ts';
import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';

/** A reverse pair's work report as the core reads it (its file's bytes only when asked for). */
export interface WorkReport {
  tenantId: string;
  id: string;
  pairingId: string;
  state: WorkReportState;
  body: string;
  fileName: string | null;
  fileType: string | null;
  revision: number;
  submittedBy: string;
  enteredBy: string | null;
  submittedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  comment: string | null;
}

const COLUMNS = [
  'tenant_id',
  'id',
  'pairing_id',
  'state',
  'body',
  'file_name',
  'file_type',
  'revision',
  'submitted_by',
  'entered_by',
  'submitted_at',
  'decided_by',
  'decided_at',
  'comment',
] as const;

type Row = {
  tenant_id: string;
  id: string;
  pairing_id: string;
  state: string;
  body: string;
  file_name: string | null;
  file_type: string | null;
  revision: number;
  submitted_by: string;
  entered_by: string | null;
  submitted_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  comment: string | null;
};

function toReport(r: Row): WorkReport {
  return {
    tenantId: r.tenant_id,
    id: r.id,
    pairingId: r.pairing_id,
    state: r.state as WorkReportState,
    body: r.body,
    fileName: r.file_name,
    fileType: r.file_type,
    revision: r.revision,
    submittedBy: r.submitted_by,
    enteredBy: r.entered_by,
    submittedAt: r.submitted_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    comment: r.comment,
  };
}

export async function workReportOfPairing(
  db: Db | Tx,
  tenantId: string,
  pairingId: string,
): Promise<WorkReport | undefined> {
  const row = await db
    .selectFrom('work_reports')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('pairing_id', '=', pairingId)
    .executeTakeFirst();
  return row ? toReport(row) : undefined;
}

export async function getWorkReport(
  db: Db | Tx,
  tenantId: string,
  id: string,
): Promise<WorkReport | undefined> {
  const row = await db
    .selectFrom('work_reports')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toReport(row) : undefined;
}

/** Locks a report's row until the transaction ends (one decision, one submission at a time). */
export async function lockWorkReport(tx: Tx, tenantId: string, id: string): Promise<WorkReport | undefined> {
  const row = await tx
    .selectFrom('work_reports')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toReport(row) : undefined;
}

/** The report's attached file, for whoever may read the report. */
export async function workReportFile(
  db: Db | Tx,
  tenantId: string,
  id: string,
): Promise<{ name: string; type: string; content: Buffer } | undefined> {
  const row = await db
    .selectFrom('work_reports')
    .select(['file_name', 'file_type', 'file'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.file && row.file_name && row.file_type
    ? { name: row.file_name, type: row.file_type, content: Buffer.from(row.file) }
    : undefined;
}

/** Writes a sending of the report: the first (a new row) or a later one (the text replaced, one revision up). */
export async function saveSubmission(
  tx: Tx,
  input: {
    tenantId: string;
    pairingId: string;
    previous: WorkReport | undefined;
    body: string;
    submittedBy: string;
    enteredBy: string | null;
    now: Date;
  },
): Promise<WorkReport> {
  if (input.previous) {
    const row = await tx
      .updateTable('work_reports')
      .set({
        state: 'submitted',
        body: input.body,
        revision: input.previous.revision + 1,
        submitted_by: input.submittedBy,
        entered_by: input.enteredBy,
        submitted_at: input.now,
        updated_at: input.now,
      })
      .where('tenant_id', '=', input.tenantId)
      .where('id', '=', input.previous.id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toReport(row);
  }
  const row = await tx
    .insertInto('work_reports')
    .values({
      tenant_id: input.tenantId,
      id: newId(),
      pairing_id: input.pairingId,
      state: 'submitted',
      body: input.body,
      submitted_by: input.submittedBy,
      entered_by: input.enteredBy,
      submitted_at: input.now,
      updated_at: input.now,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toReport(row);
}

export async function setWorkReportFile(
  tx: Tx,
  tenantId: string,
  id: string,
  file: { name: string; type: string; content: Buffer },
  now: Date,
): Promise<void> {
  await tx
    .updateTable('work_reports')
    .set({ file_name: file.name, file_type: file.type, file: file.content, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function decideWorkReport(
  tx: Tx,
  input: {
    tenantId: string;
    id: string;
    state: WorkReportState;
    decidedBy: string;
    comment: string | null;
    now: Date;
  },
): Promise<WorkReport> {
  const row = await tx
    .updateTable('work_reports')
    .set({
      state: input.state,
      decided_by: input.decidedBy,
      decided_at: input.now,
      comment: input.comment,
      updated_at: input.now,
    })
    .where('tenant_id', '=', input.tenantId)
    .where('id', '=', input.id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toReport(row);
}

/**
 * What a tenant's admins have to decide in reverse programs, for their to-do list: plan goals
 * waiting for validation, work reports sent, and unresolved alerts and restrictions of reverse
 * pairs (the program follows them up). With the names the list shows.
 */
export async function reverseReviewQueue(
  db: Db | Tx,
  tenantId: string,
): Promise<{
  goals: { goalId: string; revision: number; title: string; author: string; colleague: string }[];
  reports: { reportId: string; revision: number; author: string; colleague: string }[];
  issues: { updateId: string; status: string; note: string | null; author: string }[];
}> {
  const pairs = db
    .selectFrom('pairings as p')
    .innerJoin('people as m', (j) =>
      j.onRef('m.tenant_id', '=', 'p.tenant_id').onRef('m.id', '=', 'p.mentor_id'),
    )
    .innerJoin('people as e', (j) =>
      j.onRef('e.tenant_id', '=', 'p.tenant_id').onRef('e.id', '=', 'p.mentee_id'),
    )
    .where('p.tenant_id', '=', tenantId)
    .where('p.active', '=', true)
    .where('p.plan_author', '=', 'mentor');
  const goals = await pairs
    .innerJoin('goals as g', (j) =>
      j.onRef('g.tenant_id', '=', 'p.tenant_id').onRef('g.pairing_id', '=', 'p.id'),
    )
    .select(['g.id', 'g.revision', 'g.title', 'm.name as author', 'e.name as colleague'])
    .where('g.state', '=', 'submitted')
    .orderBy('g.submitted_at')
    .execute();
  const reports = await pairs
    .innerJoin('work_reports as w', (j) =>
      j.onRef('w.tenant_id', '=', 'p.tenant_id').onRef('w.pairing_id', '=', 'p.id'),
    )
    .select(['w.id', 'w.revision', 'm.name as author', 'e.name as colleague'])
    .where('w.state', '=', 'submitted')
    .orderBy('w.submitted_at')
    .execute();
  const issues = await pairs
    .innerJoin('checkins as c', (j) =>
      j.onRef('c.tenant_id', '=', 'p.tenant_id').onRef('c.pairing_id', '=', 'p.id'),
    )
    .innerJoin('progress_updates as u', (j) =>
      j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.checkin_id', '=', 'c.id'),
    )
    .select(['u.id', 'u.status', 'u.note', 'm.name as author'])
    .where('u.status', 'in', ['alert', 'restriction'])
    .where('u.resolved_at', 'is', null)
    .orderBy('u.created_at')
    .execute();
  return {
    goals: goals.map((g) => ({
      goalId: g.id,
      revision: g.revision,
      title: g.title,
      author: g.author,
      colleague: g.colleague,
    })),
    reports: reports.map((r) => ({
      reportId: r.id,
      revision: r.revision,
      author: r.author,
      colleague: r.colleague,
    })),
    issues: issues.map((u) => ({
      updateId: u.id,
      status: u.status as string,
      note: u.note,
      author: u.author,
    })),
  };
}
