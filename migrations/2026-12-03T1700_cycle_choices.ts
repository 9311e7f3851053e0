import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // Which cycle a person said they mean, when several run at once: remembered for 30 minutes of use.
  await db.schema
    .createTable('cycle_choices')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('cycle_choices_pk', ['tenant_id', 'person_id'])
    .addForeignKeyConstraint(
      'cycle_choices_cycle_fk',
      ['tenant_id', 'cycle_id'],
      'cycles',
      ['tenant_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cycle_choices').execute();
}
