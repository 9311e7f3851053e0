import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * A stored chat request names its tenant when the adapter knows it, so the admins of a tenant
 * whose people's requests have waited for minutes can be told the same day (the planner counts
 * them). Global table: the tenant is a plain column, not part of the key.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table inbox add column tenant_id text`.execute(db);
  await sql`create index inbox_tenant_ix on inbox (tenant_id, received_at) where tenant_id is not null`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists inbox_tenant_ix`.execute(db);
  await sql`alter table inbox drop column if exists tenant_id`.execute(db);
}
