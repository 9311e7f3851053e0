import type { Selectable } from 'kysely';
import type { MilestoneStatus } from '../domain/model.ts';
import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';
import type { ProgressUpdatesTable } from './schema.ts';

export interface ProgressUpdate {
  id: string;
  checkinId: string;
  goalId: string;
  milestoneId: string | null;
  progress: number | null;
  status: MilestoneStatus | null;
  note: string | null;
  newDueDate: string | null;
  previousDueDate: string | null;
  mentorReply: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
}

function toProgress(row: Selectable<ProgressUpdatesTable>): ProgressUpdate {
  return {
    id: row.id,
    checkinId: row.checkin_id,
    goalId: row.goal_id,
    milestoneId: row.milestone_id,
    progress: row.progress,
    status: row.status as MilestoneStatus | null,
    note: row.note,
    newDueDate: row.new_due_date,
    previousDueDate: row.previous_due_date,
    mentorReply: row.mentor_reply,
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
  };
}

/** The check-in of a pairing for a week, created on first report. */
export async function ensureCheckin(
  tx: Tx,
  input: {
    tenantId: string;
    pairingId: string;
    weekStart: string;
    createdBy: string;
    via: string;
    now: Date;
  },
): Promise<string> {
  const inserted = await tx
    .insertInto('checkins')
    .values({
      tenant_id: input.tenantId,
      id: newId(),
      pairing_id: input.pairingId,
      week_start: input.weekStart,
      created_by: input.createdBy,
      via: input.via,
      created_at: input.now,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'pairing_id', 'week_start']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await tx
    .selectFrom('checkins')
    .select('id')
    .where('tenant_id', '=', input.tenantId)
    .where('pairing_id', '=', input.pairingId)
    .where('week_start', '=', input.weekStart)
    .executeTakeFirstOrThrow();
  return existing.id;
}

export async function insertProgress(
  tx: Tx,
  tenantId: string,
  update: Omit<ProgressUpdate, 'id' | 'mentorReply' | 'resolvedAt'>,
): Promise<ProgressUpdate> {
  const id = newId();
  await tx
    .insertInto('progress_updates')
    .values({
      tenant_id: tenantId,
      id,
      checkin_id: update.checkinId,
      goal_id: update.goalId,
      milestone_id: update.milestoneId,
      progress: update.progress,
      status: update.status,
      note: update.note,
      new_due_date: update.newDueDate,
      previous_due_date: update.previousDueDate,
      mentor_reply: null,
      resolved_at: null,
      created_at: update.createdAt,
    })
    .execute();
  return { ...update, id, mentorReply: null, resolvedAt: null };
}

export async function getProgress(
  db: Db | Tx,
  tenantId: string,
  id: string,
): Promise<(ProgressUpdate & { pairingId: string }) | undefined> {
  const row = await db
    .selectFrom('progress_updates as u')
    .innerJoin('checkins as c', (j) =>
      j.onRef('c.tenant_id', '=', 'u.tenant_id').onRef('c.id', '=', 'u.checkin_id'),
    )
    .selectAll('u')
    .select('c.pairing_id')
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...toProgress(row), pairingId: row.pairing_id };
}

export async function answerProgress(
  tx: Tx,
  tenantId: string,
  id: string,
  reply: string | null,
  resolvedAt: Date | null,
): Promise<void> {
  await tx
    .updateTable('progress_updates')
    .set({
      ...(reply !== null ? { mentor_reply: reply } : {}),
      ...(resolvedAt ? { resolved_at: resolvedAt } : {}),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function setMilestone(
  tx: Tx,
  tenantId: string,
  milestoneId: string,
  changes: { status: MilestoneStatus; dueDate?: string },
): Promise<void> {
  await tx
    .updateTable('milestones')
    .set({ status: changes.status, ...(changes.dueDate ? { due_date: changes.dueDate } : {}) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', milestoneId)
    .execute();
}

/** Weeks a pairing has reported since a date (for "pending" and the report). */
export async function lastCheckinWeek(
  db: Db | Tx,
  tenantId: string,
  pairingId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('checkins')
    .select('week_start')
    .where('tenant_id', '=', tenantId)
    .where('pairing_id', '=', pairingId)
    .orderBy('week_start', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.week_start;
}

/** Open alerts and restrictions of a pairing's goals that the mentor has not resolved. */
export async function openIssues(
  db: Db | Tx,
  tenantId: string,
  pairingId: string,
): Promise<ProgressUpdate[]> {
  const rows = await db
    .selectFrom('progress_updates as u')
    .innerJoin('checkins as c', (j) =>
      j.onRef('c.tenant_id', '=', 'u.tenant_id').onRef('c.id', '=', 'u.checkin_id'),
    )
    .selectAll('u')
    .where('u.tenant_id', '=', tenantId)
    .where('c.pairing_id', '=', pairingId)
    .where('u.status', 'in', ['alert', 'restriction'])
    .where('u.resolved_at', 'is', null)
    .orderBy('u.created_at')
    .execute();
  return rows.map(toProgress);
}

/** Unresolved alerts and restrictions across a cycle, for the admin's overview. */
export async function countOpenIssues(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
): Promise<{ alert: number; restriction: number }> {
  const rows = await db
    .selectFrom('progress_updates as u')
    .innerJoin('checkins as c', (j) =>
      j.onRef('c.tenant_id', '=', 'u.tenant_id').onRef('c.id', '=', 'u.checkin_id'),
    )
    .innerJoin('pairings as p', (j) =>
      j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.pairing_id'),
    )
    .select(['u.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('u.tenant_id', '=', tenantId)
    .where('p.cycle_id', '=', cycleId)
    .where('u.status', 'in', ['alert', 'restriction'])
    .where('u.resolved_at', 'is', null)
    .groupBy('u.status')
    .execute();
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { alert: count('alert'), restriction: count('restriction') };
}
