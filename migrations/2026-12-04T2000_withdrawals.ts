import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // A person taken out of a cycle: their enrollment moves here (so every query of who takes part
  // leaves them out), their records stay with their pairs for the history and the report.
  await db.schema
    .createTable('withdrawals')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // Null when done from the command line.
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdrawn_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('withdrawals_pk', ['tenant_id', 'cycle_id', 'person_id', 'role'])
    .addForeignKeyConstraint('withdrawals_cycle_fk', ['tenant_id', 'cycle_id'], 'cycles', ['tenant_id', 'id'])
    .addForeignKeyConstraint('withdrawals_person_fk', ['tenant_id', 'person_id'], 'people', [
      'tenant_id',
      'id',
    ])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('withdrawals').execute();
}
