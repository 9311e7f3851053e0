import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * A workspace whose platform refuses the bot's token (revoked, expired, the app's access
 * withdrawn) is paused: since when, and the platform's code. Its admins cannot be written to
 * while it lasts; the first message that goes through again ends it, and they are told then what
 * waited. Global table (`tenants`): the columns are plain, outside any key.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tenants add column paused_since timestamptz`.execute(db);
  await sql`alter table tenants add column paused_code text`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table tenants drop column if exists paused_code`.execute(db);
  await sql`alter table tenants drop column if exists paused_since`.execute(db);
}
