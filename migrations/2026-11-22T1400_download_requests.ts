import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // A browser asking for a report link: served once the link's person confirms it in chat.
  await db.schema
    .createTable('download_requests')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('download_requests_pk', ['tenant_id', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('download_requests').execute();
}
