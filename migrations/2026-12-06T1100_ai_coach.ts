import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // An institution opts in to the AI coach (off by default), where the server has a model.
  await db.schema
    .alterTable('tenants')
    .addColumn('ai_coach', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // Every call to the model: who asked, when, about which goal, which model, and how it went.
  await db.schema
    .createTable('ai_coach_calls')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    // The goal being edited; a goal still being drafted has no id yet, only its title.
    .addColumn('goal_id', 'text')
    .addColumn('goal_title', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    // suggested, accepted, timeout, refused, malformed, error
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('ai_coach_calls_pk', ['tenant_id', 'id'])
    .execute();
  await sql`create index ai_coach_calls_person_ix on ai_coach_calls (tenant_id, person_id, at)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ai_coach_calls').execute();
  await db.schema.alterTable('tenants').dropColumn('ai_coach').execute();
}
