import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // How a program's diplomas look: the institution that grants them, an optional logo (PNG) and
  // the people who sign them.
  await db.schema
    .createTable('certificate_designs')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull())
    .addColumn('institution', 'text', (c) => c.notNull())
    // [{ name, position }], at most three.
    .addColumn('signatories', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('logo', 'bytea')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('certificate_designs_pk', ['tenant_id', 'program_id'])
    .addForeignKeyConstraint('certificate_designs_program_fk', ['tenant_id', 'program_id'], 'programs', [
      'tenant_id',
      'id',
    ])
    .execute();
  // A diploma issued: one per person and cycle, with a random number anyone can check. The number
  // is looked up without knowing the tenant (the public verification page), so it has its own
  // index; it is not unique by constraint (a distributed table's unique keys begin with the
  // tenant), and 60 random bits make a collision as likely as guessing one.
  await db.schema
    .createTable('certificates')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('certificates_pk', ['tenant_id', 'cycle_id', 'person_id'])
    .addForeignKeyConstraint('certificates_cycle_fk', ['tenant_id', 'cycle_id'], 'cycles', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('certificates_person_fk', ['tenant_id', 'person_id'], 'people', [
      'tenant_id',
      'id',
    ])
    .execute();
  await sql`create index certificates_number_ix on certificates (number)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificates').execute();
  await db.schema.dropTable('certificate_designs').execute();
}
