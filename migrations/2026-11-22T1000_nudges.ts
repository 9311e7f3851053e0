import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per reminder to one person: (kind, subject, slot, recipient) is unique, so planning
  // the same tick twice inserts nothing new.
  await db.schema
    .createTable('nudges')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending','claimed','sent','failed','cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('nudges_pk', ['tenant_id', 'id'])
    .addUniqueConstraint('nudges_key_uq', ['tenant_id', 'kind', 'subject_id', 'slot', 'recipient_id'])
    .execute();
  // Only open rows are indexed for the dispatcher, so the index stays small however long the
  // history grows; tenant_id leads it like every index here (tables can be distributed by tenant).
  await sql`create index nudges_pending_ix on nudges (tenant_id, due_at) where status = 'pending'`.execute(
    db,
  );
  // Claims whose lease may run out (a worker died): found without scanning the pending rows.
  await sql`create index nudges_claimed_ix on nudges (tenant_id, claimed_until) where status = 'claimed'`.execute(
    db,
  );

  // A queue table: rows go pending → claimed → sent quickly, so vacuum it often, or dead index
  // entries pile up and every claim has to step over them.
  await sql`alter table nudges set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
    autovacuum_analyze_scale_factor = 0.05)`.execute(db);

  // One row per scheduled fire of a cron task: the replica that inserts it runs the tick.
  await db.schema
    .createTable('cron_claims')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('cron_claims_pk', ['name', 'slot'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cron_claims').execute();
  await db.schema.dropTable('nudges').execute();
}
