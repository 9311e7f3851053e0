import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // Who writes a pair's plan (its goals and milestones): the mentee in a classic program, the
  // mentor in a reverse one (Chile's young mentor drafts the mentoring plan; the program
  // validates it). Fixed when the pair is made, from its program's kind.
  await db.schema
    .alterTable('pairings')
    .addColumn('plan_author', 'text', (c) => c.notNull().defaultTo('mentee'))
    .execute();
  await sql`
    update pairings set plan_author = 'mentor'
    from cycles c join programs p on p.tenant_id = c.tenant_id and p.id = c.program_id
    where c.tenant_id = pairings.tenant_id and c.id = pairings.cycle_id and p.kind = 'reverse'`.execute(db);
  // A reverse pair's work report: written by the mentor at closing (text and an optional file),
  // validated by the program's admins or sent back with a comment. One per pair.
  await db.schema
    .createTable('work_reports')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('pairing_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('file_type', 'text')
    .addColumn('file', 'bytea')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    // The admin who entered it from paper on the mentor's behalf, if so.
    .addColumn('entered_by', 'text')
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('comment', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_reports_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('work_reports_pairing_uq', ['tenant_id', 'pairing_id'])
    .addForeignKeyConstraint('work_reports_pairing_fk', ['tenant_id', 'pairing_id'], 'pairings', [
      'tenant_id',
      'id',
    ])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('work_reports').execute();
  await db.schema.alterTable('pairings').dropColumn('plan_author').execute();
}
