import { sql } from 'kysely';
import type { Db } from './db.ts';
import { newId } from './ids.ts';

export const NUDGE_KINDS = [
  'session_reminder',
  'session_outcome',
  'goal_drafting',
  'approval_pending',
  'checkin',
  'admin_digest',
  'evaluation_due',
  'survey',
] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** A reminder for one person, as the planner proposes it. */
export interface PlannedNudge {
  tenantId: string;
  kind: NudgeKind;
  subjectId: string;
  slot: string;
  recipientId: string;
  dueAt: Date;
}

export interface Nudge extends PlannedNudge {
  id: string;
  status: 'pending' | 'claimed' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  lastError: string | null;
}

/** Inserts planned nudges; ones already known (same kind, subject, slot, recipient) are skipped. */
export async function insertNudges(db: Db, nudges: PlannedNudge[], now: Date): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < nudges.length; i += 1000) {
    const chunk = nudges.slice(i, i + 1000);
    const result = await db
      .insertInto('nudges')
      .values(
        chunk.map((n) => ({
          tenant_id: n.tenantId,
          id: newId(),
          kind: n.kind,
          subject_id: n.subjectId,
          slot: n.slot,
          recipient_id: n.recipientId,
          due_at: n.dueAt,
          claimed_by: null,
          claimed_until: null,
          last_error: null,
          sent_at: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'subject_id', 'slot', 'recipient_id']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/**
 * Claims due nudges for one worker until `leaseMs` from now. Rows another worker holds are
 * skipped (SKIP LOCKED); rows whose lease ran out (a worker died mid-batch) are claimed again.
 */
export async function claimDue(
  db: Db,
  input: { now: Date; leaseMs: number; worker: string; limit: number },
): Promise<Nudge[]> {
  const until = new Date(input.now.getTime() + input.leaseMs);
  const result = await sql<{
    tenant_id: string;
    id: string;
    kind: string;
    subject_id: string;
    slot: string;
    recipient_id: string;
    due_at: Date;
    status: string;
    attempts: number;
    last_error: string | null;
  }>`
    update nudges n
       set status = 'claimed', claimed_by = ${input.worker}, claimed_until = ${until}, updated_at = ${input.now}
      from (
        select tenant_id, id from nudges
         where status in ('pending', 'claimed')
           and due_at <= ${input.now}
           and (status = 'pending' or claimed_until < ${input.now})
         limit ${input.limit}
         for update skip locked
      ) due
     where n.tenant_id = due.tenant_id and n.id = due.id
 returning n.tenant_id, n.id, n.kind, n.subject_id, n.slot, n.recipient_id, n.due_at, n.status, n.attempts, n.last_error`.execute(
    db,
  );
  return result.rows.map((r) => ({
    tenantId: r.tenant_id,
    id: r.id,
    kind: r.kind as NudgeKind,
    subjectId: r.subject_id,
    slot: r.slot,
    recipientId: r.recipient_id,
    dueAt: r.due_at,
    status: r.status as Nudge['status'],
    attempts: r.attempts,
    lastError: r.last_error,
  }));
}

/** Final outcomes, written only while this worker still holds the claim. */
export async function finishNudges(
  db: Db,
  worker: string,
  outcome: 'sent' | 'cancelled' | 'failed',
  rows: { tenantId: string; id: string; error?: string | null }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  if (outcome !== 'failed') {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await db
        .updateTable('nudges')
        .set({
          status: outcome,
          claimed_by: null,
          claimed_until: null,
          updated_at: now,
          ...(outcome === 'sent' ? { sent_at: now } : {}),
        })
        .where('status', '=', 'claimed')
        .where('claimed_by', '=', worker)
        .where((eb) =>
          eb.or(chunk.map((r) => eb.and([eb('tenant_id', '=', r.tenantId), eb('id', '=', r.id)]))),
        )
        .execute();
    }
    return;
  }
  for (const row of rows) {
    await db
      .updateTable('nudges')
      .set((eb) => ({
        status: 'failed',
        claimed_by: null,
        claimed_until: null,
        last_error: row.error ?? null,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('tenant_id', '=', row.tenantId)
      .where('id', '=', row.id)
      .where('claimed_by', '=', worker)
      .execute();
  }
}

/** Puts a claimed nudge back for later (rate limited, transient error, quiet hours, snooze). */
export async function requeueNudge(
  db: Db,
  worker: string,
  row: { tenantId: string; id: string },
  input: { dueAt: Date; countAttempt: boolean; error?: string | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('nudges')
    .set((eb) => ({
      status: 'pending',
      due_at: input.dueAt,
      claimed_by: null,
      claimed_until: null,
      last_error: input.error ?? null,
      attempts: input.countAttempt ? eb('attempts', '+', 1) : eb.ref('attempts'),
      updated_at: now,
    }))
    .where('tenant_id', '=', row.tenantId)
    .where('id', '=', row.id)
    .where('claimed_by', '=', worker)
    .execute();
}

/** "Remind me later": the recipient's own sent nudge comes back at a later time. */
export async function snoozeNudge(
  db: Db,
  tenantId: string,
  id: string,
  recipientId: string,
  dueAt: Date,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('nudges')
    .set({ status: 'pending', due_at: dueAt, attempts: 0, last_error: null, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('recipient_id', '=', recipientId)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function getNudge(db: Db, tenantId: string, id: string) {
  return db
    .selectFrom('nudges')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Failed nudges of a tenant, for the admins to see. */
export async function failedNudges(db: Db, tenantId: string, limit = 50) {
  return db
    .selectFrom('nudges')
    .select(['id', 'kind', 'recipient_id', 'due_at', 'attempts', 'last_error', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'failed')
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Claims one run of a cron task across replicas: the first to insert the (task, slot) row wins.
 * Old claims are pruned so the table stays small.
 */
export async function claimCronRun(
  db: Db,
  name: string,
  slot: string,
  worker: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('cron_claims')
    .values({ name, slot, claimed_by: worker, claimed_at: now })
    .onConflict((oc) => oc.columns(['name', 'slot']).doNothing())
    .executeTakeFirst();
  const won = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (won) {
    await db
      .deleteFrom('cron_claims')
      .where('name', '=', name)
      .where('claimed_at', '<', new Date(now.getTime() - 24 * 3600 * 1000))
      .execute();
  }
  return won;
}
