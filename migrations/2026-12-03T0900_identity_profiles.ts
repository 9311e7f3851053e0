import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // An account whose profile lookup failed on first contact: its name and email are placeholders,
  // looked up again on its next request and linked to the roster person with that email.
  await db.schema
    .alterTable('identities')
    .addColumn('profile_pending', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('identities').dropColumn('profile_pending').execute();
}
