import { sql } from 'kysely';
import type { Db } from './db.ts';

export interface DownloadRequest {
  tenantId: string;
  id: string;
  personId: string;
  tokenHash: string;
  file: string;
  approvedAt: Date | null;
  expiresAt: Date;
}

export async function createDownloadRequest(db: Db, r: Omit<DownloadRequest, 'approvedAt'>): Promise<void> {
  await db
    .insertInto('download_requests')
    .values({
      tenant_id: r.tenantId,
      id: r.id,
      person_id: r.personId,
      token_hash: r.tokenHash,
      file: r.file,
      approved_at: null,
      expires_at: r.expiresAt,
    })
    .execute();
}

/**
 * Creates a request unless the same link already has one waiting that was made after `since`
 * (one "was it you?" per link every few minutes, however often it is opened). True when created.
 * One statement, so two browsers opening the link together do not both get one.
 */
export async function createDownloadRequestUnlessRecent(
  db: Db,
  r: Omit<DownloadRequest, 'approvedAt'>,
  recentWhenExpiringAfter: Date,
): Promise<boolean> {
  const result = await sql`
    insert into download_requests (tenant_id, id, person_id, token_hash, file, approved_at, expires_at)
    select ${r.tenantId}::text, ${r.id}::text, ${r.personId}::text, ${r.tokenHash}::text, ${r.file}::text,
      null, ${r.expiresAt}::timestamptz
    where not exists (
      select 1 from download_requests
      where tenant_id = ${r.tenantId} and token_hash = ${r.tokenHash}
        and approved_at is null and expires_at > ${recentWhenExpiringAfter}::timestamptz
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

export async function getDownloadRequest(
  db: Db,
  tenantId: string,
  id: string,
): Promise<DownloadRequest | undefined> {
  const row = await db
    .selectFrom('download_requests')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        tenantId: row.tenant_id,
        id: row.id,
        personId: row.person_id,
        tokenHash: row.token_hash,
        file: row.file,
        approvedAt: row.approved_at,
        expiresAt: row.expires_at,
      }
    : undefined;
}

/** The person confirms it was them: true when it changed the row (once, before it expires). */
export async function approveDownloadRequest(
  db: Db,
  tenantId: string,
  id: string,
  personId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('download_requests')
    .set({ approved_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('approved_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
