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
