import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // When the person was first told what is kept, who sees it and how to ask for export or erasure.
  await db.schema.alterTable('people').addColumn('privacy_notice_at', 'timestamptz').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('privacy_notice_at').execute();
}
