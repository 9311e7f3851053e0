import type { Db } from './db.ts';

/** A file kept for a download link or a card's image, until it expires. */
export interface KeptFile {
  tenantId: string;
  id: string;
  personId: string | null;
  name: string;
  mimeType: string;
  content: Buffer;
  permission: string | null;
  expiresAt: Date;
}

export async function keepFile(db: Db, file: KeptFile): Promise<void> {
  await db
    .insertInto('kept_files')
    .values({
      tenant_id: file.tenantId,
      id: file.id,
      person_id: file.personId,
      name: file.name,
      mime_type: file.mimeType,
      content: file.content,
      permission: file.permission,
      expires_at: file.expiresAt,
    })
    .execute();
}

/** A kept file that has not expired, or nothing. */
export async function getKeptFile(
  db: Db,
  tenantId: string,
  id: string,
  now: Date,
): Promise<KeptFile | undefined> {
  const row = await db
    .selectFrom('kept_files')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    tenantId: row.tenant_id,
    id: row.id,
    personId: row.person_id,
    name: row.name,
    mimeType: row.mime_type,
    content: Buffer.from(row.content),
    permission: row.permission,
    expiresAt: row.expires_at,
  };
}
