import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  // A message for someone the bot cannot reach yet (a roster person who never opened it, where
  // the platform offers no way in) waits, instead of being cancelled, until they first write.
  await sql`alter table nudges drop constraint if exists nudges_status_check`.execute(db);
  await sql`alter table nudges add constraint nudges_status_check
              check (status in ('pending','claimed','sent','failed','cancelled','waiting'))`.execute(db);
  // A notice rendered when it happened (a goal to review, an outcome), kept as it was written.
  await db.schema.alterTable('nudges').addColumn('payload', 'jsonb').execute();
  await sql`create index nudges_waiting_ix on nudges (tenant_id, recipient_id) where status = 'waiting'`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists nudges_waiting_ix`.execute(db);
  await sql`update nudges set status = 'cancelled' where status = 'waiting'`.execute(db);
  await db.schema.alterTable('nudges').dropColumn('payload').execute();
  await sql`alter table nudges drop constraint if exists nudges_status_check`.execute(db);
  await sql`alter table nudges add constraint nudges_status_check
              check (status in ('pending','claimed','sent','failed','cancelled'))`.execute(db);
}
