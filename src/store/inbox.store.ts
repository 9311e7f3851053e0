import { sql } from 'kysely';
import type { Db } from './db.ts';

/** A stored chat request: its platform's own data, answered by that platform's adapter. */
export interface InboxEntry {
  key: string;
  platform: string;
  payload: unknown;
  attempts: number;
}

/**
 * Stores requests in one statement; keys already stored (a replayed delivery) are skipped.
 * Returns the keys that were new. `claimedBy` set: this process answers them, and another takes
 * them over once `claimedUntil` has passed.
 */
export async function insertInbox(
  db: Db,
  entries: {
    key: string;
    platform: string;
    tenantId?: string | undefined;
    payload: unknown;
    claimed: boolean;
  }[],
  claim: { by: string; until: Date },
  now: Date,
): Promise<Set<string>> {
  // One JSON document for the whole batch: PostgreSQL parses it, instead of one escaped array
  // literal per column built in JavaScript.
  const rows = JSON.stringify(
    entries.map((e) => ({ k: e.key, p: e.platform, t: e.tenantId ?? null, pl: e.payload, c: e.claimed })),
  );
  const result = await sql<{ key: string }>`
    insert into inbox (key, platform, tenant_id, payload, received_at, claimed_by, claimed_until, attempts)
    select k, p, t, pl, ${now.toISOString()}::timestamptz,
           case when c then ${claim.by} end, case when c then ${claim.until.toISOString()}::timestamptz end,
           case when c then 1 else 0 end
      from jsonb_to_recordset(${rows}::jsonb) as u(k text, p text, t text, pl jsonb, c boolean)
    on conflict (key) do nothing
    returning key`.execute(db);
  return new Set(result.rows.map((r) => r.key));
}

/**
 * Claims up to `limit` requests nobody answers: never claimed, or claimed by a process whose
 * lease has passed (it died). Oldest first; concurrent claimers skip each other's rows.
 */
export async function claimInbox(
  db: Db,
  platforms: string[],
  claim: { by: string; until: Date },
  now: Date,
  limit: number,
): Promise<InboxEntry[]> {
  const result = await sql<InboxEntry>`
    update inbox set claimed_by = ${claim.by}, claimed_until = ${claim.until.toISOString()}::timestamptz,
                     attempts = attempts + 1
     where key in (
       select key from inbox
        where platform = any(${platforms}::text[])
          and (claimed_until is null or claimed_until < ${now.toISOString()}::timestamptz)
        order by received_at
        limit ${limit}
        for update skip locked)
    returning key, platform, payload, attempts`.execute(db);
  return result.rows;
}

/** Forgets answered requests (only while this process still holds them). */
export async function completeInbox(db: Db, keys: string[], by: string): Promise<void> {
  if (!keys.length) return;
  await sql`delete from inbox where key = any(${keys}::text[]) and claimed_by = ${by}`.execute(db);
}

/** Hands requests this process will not answer back to the others, at once. */
export async function releaseInbox(db: Db, keys: string[], by: string): Promise<void> {
  if (!keys.length) return;
  await sql`
    update inbox set claimed_by = null, claimed_until = null, attempts = greatest(attempts - 1, 0)
     where key = any(${keys}::text[]) and claimed_by = ${by}`.execute(db);
}

/** How many requests wait (for health and the benchmarks). */
export async function inboxSize(db: Db): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from inbox`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** How many requests wait in the inbox, and how long the oldest has waited (seconds), for /metrics. */
export async function inboxStats(db: Db, now: Date): Promise<{ depth: number; oldestSeconds: number }> {
  const result = await sql<{ n: number; oldest: Date | null }>`
    select count(*)::int as n, min(received_at) as oldest from inbox`.execute(db);
  const row = result.rows[0];
  const oldest = row?.oldest ? new Date(row.oldest) : undefined;
  return {
    depth: row?.n ?? 0,
    oldestSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
  };
}
