import { sql } from 'kysely';
import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';

export const NUDGE_KINDS = [
  'session_reminder',
  'session_outcome',
  'goal_drafting',
  'approval_pending',
  'endorsement_pending',
  'checkin',
  'admin_digest',
  'evaluation_due',
  'work_report_due',
  'survey',
  'introduction',
  'plenary',
  'welcome',
  'notice',
  'admin_reminder',
  'pairing_change',
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
  status: 'pending' | 'claimed' | 'sent' | 'failed' | 'cancelled' | 'waiting';
  attempts: number;
  lastError: string | null;
}

/**
 * Inserts planned nudges; ones already known (same kind, subject, slot, recipient) are skipped.
 * Rows travel as one array per column (unnest): a tick can plan tens of thousands of them.
 */
export async function insertNudges(db: Db | Tx, nudges: PlannedNudge[], now: Date): Promise<number> {
  const chunks: PlannedNudge[][] = [];
  for (let i = 0; i < nudges.length; i += 5_000) chunks.push(nudges.slice(i, i + 5_000));
  const insert = async (chunk: PlannedNudge[]) => {
    const result = await sql`
      insert into nudges (tenant_id, id, kind, subject_id, slot, recipient_id, due_at, created_at, updated_at)
      select t, i, k, s, sl, r, d::timestamptz, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
        from unnest(
          ${chunk.map((n) => n.tenantId)}::text[], ${chunk.map(() => newId())}::text[], ${chunk.map((n) => n.kind)}::text[],
          ${chunk.map((n) => n.subjectId)}::text[], ${chunk.map((n) => n.slot)}::text[], ${chunk.map((n) => n.recipientId)}::text[],
          ${chunk.map((n) => n.dueAt.toISOString())}::text[]
        ) as u(t, i, k, s, sl, r, d)
      on conflict (tenant_id, kind, subject_id, slot, recipient_id) do nothing`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  };
  // Chunks go in parallel over the pool (a tick can plan tens of thousands); PGlite serialises them.
  let inserted = 0;
  for (let i = 0; i < chunks.length; i += 4) {
    const counts = await Promise.all(chunks.slice(i, i + 4).map(insert));
    inserted += counts.reduce((a, b) => a + b, 0);
  }
  return inserted;
}

/**
 * Claims due nudges for one worker until `leaseMs` from now. Rows another worker holds are
 * skipped (SKIP LOCKED); rows whose lease ran out (a worker died mid-batch) are claimed again.
 * At most `perTenant` rows of each tenant per claim, so a batch spans many tenants and one
 * tenant's rate limit cannot hold up the others.
 */
export async function claimDue(
  db: Db,
  input: {
    now: Date;
    leaseMs: number;
    worker: string;
    limit: number;
    perTenant?: number;
    skipTenants?: string[];
  },
): Promise<Nudge[]> {
  const until = new Date(input.now.getTime() + input.leaseMs);
  const perTenant = input.perTenant ?? input.limit;
  // Tenants the caller already holds enough rows of (it is waiting on their rate limits).
  const skip = input.skipTenants ?? [];
  // Rows whose holder died: their lease ran out, so they are pending again.
  await sql`update nudges set status = 'pending', claimed_by = null, claimed_until = null
             where status = 'claimed' and claimed_until < ${input.now}`.execute(db);
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
    with recursive tenants as (
      -- Tenants with due rows, one index probe each (a skip scan over the pending index).
      (select tenant_id from nudges where status = 'pending' and due_at <= ${input.now} and tenant_id <> all(${skip}::text[])
        order by tenant_id limit 1)
      union all
      select (select n.tenant_id from nudges n
               where n.status = 'pending' and n.due_at <= ${input.now} and n.tenant_id > tenants.tenant_id
                 and n.tenant_id <> all(${skip}::text[])
               order by n.tenant_id limit 1)
        from tenants where tenants.tenant_id is not null
    )
    update nudges n
       set status = 'claimed', claimed_by = ${input.worker}, claimed_until = ${until}, updated_at = ${input.now}
      from (
        select d.tenant_id, d.id
          -- Each claim visits tenants in a different order, so workers spread over all of them.
          from (select tenant_id from tenants where tenant_id is not null order by random()) t
          cross join lateral (
            select x.tenant_id, x.id from nudges x
             where x.tenant_id = t.tenant_id and x.status = 'pending' and x.due_at <= ${input.now}
               -- A person's rows are in one replica's hands at a time: it alone paces that conversation.
               and not exists (select 1 from nudges o
                                 where o.tenant_id = x.tenant_id and o.recipient_id = x.recipient_id
                                   and o.status = 'claimed' and o.claimed_by <> ${input.worker})
             order by x.due_at
             limit ${perTenant}
             for update skip locked
          ) d
         limit ${input.limit}
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
  outcome: 'sent' | 'cancelled' | 'failed' | 'waiting',
  rows: { tenantId: string; id: string; error?: string | null }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  if (outcome !== 'failed') {
    await sql`
      update nudges n
         set status = ${outcome}::text, claimed_by = null, claimed_until = null, updated_at = ${now}::timestamptz,
             sent_at = case when ${outcome}::text = 'sent' then ${now}::timestamptz else n.sent_at end
        from unnest(${rows.map((r) => r.tenantId)}::text[], ${rows.map((r) => r.id)}::text[]) as done(t, i)
       where n.tenant_id = done.t and n.id = done.i and n.status = 'claimed' and n.claimed_by = ${worker}`.execute(
      db,
    );
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

/** A message written now in its recipient's language, as a row the dispatcher sends as it is. */
function noticeRow(n: { tenantId: string; recipientId: string; message: unknown }, now: Date) {
  return {
    tenant_id: n.tenantId,
    id: newId(),
    kind: 'notice',
    subject_id: newId(),
    slot: now.toISOString(),
    recipient_id: n.recipientId,
    due_at: now,
    payload: JSON.stringify(n.message),
    created_at: now,
    updated_at: now,
  };
}

/**
 * A message for someone the bot cannot reach yet, kept as written, to go out when they first
 * write (see `releaseWaiting`).
 */
export async function keepNotice(
  db: Db | Tx,
  input: { tenantId: string; recipientId: string; message: unknown },
  now: Date,
): Promise<void> {
  await db
    .insertInto('nudges')
    .values({ ...noticeRow(input, now), status: 'waiting', last_error: 'unreachable' })
    .execute();
}

/**
 * Messages written now, each in its recipient's language, for the dispatcher to send (rate limits
 * and quiet hours apply; one the bot cannot deliver yet waits like any other reminder).
 */
export async function queueNotices(
  db: Db | Tx,
  notices: { tenantId: string; recipientId: string; message: unknown }[],
  now: Date,
): Promise<void> {
  if (notices.length === 0) return;
  await db
    .insertInto('nudges')
    .values(notices.map((n) => noticeRow(n, now)))
    .execute();
}

/** Someone became reachable: what waited for them goes out now, in the order it was written. */
export async function releaseWaiting(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('nudges')
    .set({ status: 'pending', due_at: now, last_error: null, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('recipient_id', '=', personId)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

/** Waiting messages untouched since `before` are tried again (the recipient may be reachable now). */
export async function retryWaiting(db: Db | Tx, before: Date, now: Date): Promise<number> {
  const result = await db
    .updateTable('nudges')
    .set({ status: 'pending', due_at: now, updated_at: now })
    .where('status', '=', 'waiting')
    .where('updated_at', '<', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

/** The people of a tenant with messages waiting because the bot cannot reach them yet. */
export async function waitingRecipients(
  db: Db | Tx,
  tenantId: string,
): Promise<{ personId: string; messages: number }[]> {
  const rows = await db
    .selectFrom('nudges')
    .select(['recipient_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'waiting')
    .groupBy('recipient_id')
    .execute();
  return rows.map((r) => ({ personId: r.recipient_id, messages: Number(r.n) }));
}

/** The notice a `notice` nudge carries. */
export async function noticeOf(db: Db | Tx, tenantId: string, id: string): Promise<unknown> {
  const row = await db
    .selectFrom('nudges')
    .select('payload')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.payload ?? null;
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

/**
 * Rows a stopping replica claimed and did not start: back to pending at once, due as they were,
 * for any replica to claim (instead of waiting for the claim to expire).
 */
export async function releaseNudges(
  db: Db,
  worker: string,
  rows: readonly { tenantId: string; id: string }[],
  now: Date,
): Promise<void> {
  if (!rows.length) return;
  await sql`
    update nudges set status = 'pending', claimed_by = null, claimed_until = null, updated_at = ${now}
     where (tenant_id, id) in (select * from unnest(${rows.map((r) => r.tenantId)}::text[], ${rows.map((r) => r.id)}::text[]))
       and claimed_by = ${worker} and status = 'claimed'`.execute(db);
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

/** How many reminders of a tenant failed for good (shown to admins). */
export async function countFailedNudges(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('nudges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'failed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Reminders due and not sent yet (pending or claimed), and how late the oldest of them is
 * (seconds past its due time), for /metrics.
 */
export async function dueStats(db: Db, now: Date): Promise<{ due: number; lagSeconds: number }> {
  const result = await sql<{ n: number; oldest: Date | null }>`
    select count(*)::int as n, min(due_at) as oldest from nudges
     where status in ('pending', 'claimed') and due_at <= ${now}`.execute(db);
  const row = result.rows[0];
  const oldest = row?.oldest ? new Date(row.oldest) : undefined;
  return {
    due: row?.n ?? 0,
    lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
  };
}
