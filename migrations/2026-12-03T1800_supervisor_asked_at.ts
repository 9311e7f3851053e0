import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // When the current supervisor was asked: a reassigned application waits three days again
  // before its new supervisor is reminded (null: asked when the application was made).
  await db.schema.alterTable('applications').addColumn('supervisor_asked_at', 'timestamptz').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('supervisor_asked_at').execute();
}
