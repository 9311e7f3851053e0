import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * The admin digest counts each cycle's reminders that failed for good in the last week, every
 * planner tick: a small partial index (failed rows are few), tenant first like every index here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index nudges_failed_ix on nudges (tenant_id, updated_at) where status = 'failed'`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists nudges_failed_ix`.execute(db);
}
