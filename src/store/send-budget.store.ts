import { sql } from 'kysely';
import type { Db } from './db.ts';

/** What a replica asks of one tenant's bucket on one platform. */
export interface DrawRequest {
  tenantId: string;
  scope: string;
  /** Tokens a second, and at most this many held. */
  rate: number;
  burst: number;
  /** Tokens wanted now (0: only giving some back). */
  want: number;
  /** Tokens drawn before and not spent, given back to the bucket (never above its burst). */
  returned?: number;
}

export interface Grant {
  tenantId: string;
  scope: string;
  /** Tokens this caller may spend now (0 when the bucket is empty). */
  granted: number;
  /** With nothing granted: milliseconds until the bucket holds a whole token again. */
  waitMs: number;
}

/**
 * Draws tokens from buckets shared by every replica (`draw_send_tokens`, one round trip for all
 * of them): each is refilled at its rate up to its burst since it was last drawn from, by the
 * database's clock, given back what the caller did not spend, then drawn from under its row
 * lock. Rows are visited in key order, so concurrent callers never deadlock.
 */
export async function drawTokens(db: Db, requests: readonly DrawRequest[]): Promise<Grant[]> {
  if (requests.length === 0) return [];
  const sorted = [...requests].sort((a, b) =>
    a.tenantId === b.tenantId ? (a.scope < b.scope ? -1 : 1) : a.tenantId < b.tenantId ? -1 : 1,
  );
  const rates = new Map(sorted.map((r) => [`${r.tenantId}\u0000${r.scope}`, r.rate]));
  const result = await sql<{ tenant: string; scope_name: string; granted_now: number; tokens_left: number }>`
    select * from draw_send_tokens(
      ${sorted.map((r) => r.tenantId)}::text[], ${sorted.map((r) => r.scope)}::text[],
      ${sorted.map((r) => r.rate)}::float8[], ${sorted.map((r) => r.burst)}::float8[],
      ${sorted.map((r) => Math.max(0, Math.floor(r.want)))}::int[],
      ${sorted.map((r) => Math.max(0, Math.floor(r.returned ?? 0)))}::int[])`.execute(db);
  return result.rows.map((row) => {
    const granted = Number(row.granted_now);
    const rate = rates.get(`${row.tenant}\u0000${row.scope_name}`) ?? 1;
    return {
      tenantId: row.tenant,
      scope: row.scope_name,
      granted,
      waitMs: granted > 0 ? 0 : Math.max(1, Math.ceil(((1 - Number(row.tokens_left)) / rate) * 1000)),
    };
  });
}
