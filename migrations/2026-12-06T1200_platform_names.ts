import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Platforms are a registry (adapters/platforms.ts), not a closed list: the column keeps a name's
 * shape (lower-case letters, digits and dashes) instead of naming every platform, so adding one
 * needs no migration.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['tenants', 'identities']) {
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(`${table}_platform_check`)}`.execute(
      db,
    );
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_platform_name`)} check (platform ~ '^[a-z][a-z0-9-]{0,31}$')`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on today's types.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['tenants', 'identities']) {
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(`${table}_platform_name`)}`.execute(
      db,
    );
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_platform_check`)} check (platform in ('slack','teams','console'))`.execute(
      db,
    );
  }
}
