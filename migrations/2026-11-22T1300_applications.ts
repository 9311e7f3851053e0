import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // Chile's model: people apply while the window is open; their supervisor endorses; the admin selects.
  await db.schema.alterTable('cycles').addColumn('applications_until', 'timestamptz').execute();
  await db.schema
    .createTable('applications')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('mentor','mentee')`))
    .addColumn('motivation', 'text', (c) => c.notNull())
    .addColumn('topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('supervisor_id', 'text', (c) => c.notNull())
    .addColumn('endorsement', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`endorsement in ('pending','endorsed','declined')`),
    )
    .addColumn('endorsed_at', 'timestamptz')
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('submitted').check(sql`state in ('submitted','selected','rejected')`),
    )
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('applications_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('applications_cycle_fk', ['tenant_id', 'cycle_id'], 'cycles', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('applications_person_fk', ['tenant_id', 'person_id'], 'people', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('applications_supervisor_fk', ['tenant_id', 'supervisor_id'], 'people', [
      'tenant_id',
      'id',
    ])
    .addUniqueConstraint('applications_one_per_cycle_uq', ['tenant_id', 'cycle_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('applications_supervisor_ix')
    .on('applications')
    .columns(['tenant_id', 'supervisor_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('applications').execute();
  await db.schema.alterTable('cycles').dropColumn('applications_until').execute();
}
