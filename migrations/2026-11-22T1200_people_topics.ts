import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // What a person offers (mentor) or wants to work on (mentee): competency keys or free topics,
  // normalised to lower case without accents. Suggested matches score the overlap.
  await db.schema
    .alterTable('people')
    .addColumn('topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('topics').execute();
}
