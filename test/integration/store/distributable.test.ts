import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testBackends } from '../../support/databases.ts';

/**
 * Tables that are not one tenant's: they stay whole on a Citus coordinator (reference or local
 * tables), each for its reason.
 */
const GLOBAL_TABLES: Record<string, string> = {
  // The tenants themselves: the distribution column is their own id.
  tenants: 'one row per tenant, keyed by its id',
  // Requests acknowledged before the workspace is even resolved (the key is the platform delivery).
  inbox: 'requests kept before their tenant is known',
  // Installations are looked up by workspace key before the tenant is known (OAuth callbacks).
  slack_installations: 'looked up by workspace before the tenant is known',
  // The scheduler's planning ticks, claimed once across replicas for every tenant at a time.
  cron_claims: 'one planning tick for all tenants',
  // Kysely's own bookkeeping.
  kysely_migration: 'migration bookkeeping',
  kysely_migration_lock: 'migration bookkeeping',
};

/**
 * Every tenant's table can be distributed by tenant (Citus row-based sharding needs the
 * distribution column in every primary key and unique index): each primary key and unique index
 * begins with `tenant_id`.
 */
describe.each(testBackends())('schema distributable by tenant ($name)', (backend) => {
  it('every primary key and unique index of a tenant’s table begins with tenant_id', async () => {
    const db = await backend.open();
    try {
      const rows = await sql<{ table: string; index: string; first: string; primary: boolean }>`
        select t.relname as "table", i.relname as "index", a.attname as "first", x.indisprimary as "primary"
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_class t on t.oid = x.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        left join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
        where n.nspname = 'public' and t.relkind = 'r' and (x.indisunique or x.indisprimary)
        order by 1, 2`.execute(db.db);
      const tables = new Set(rows.rows.map((r) => r.table));
      // The catalog was read: the tables a tenant's data lives in are there.
      for (const table of ['people', 'identities', 'goals', 'sessions', 'nudges'])
        expect(tables).toContain(table);
      const offenders = rows.rows
        .filter((r) => !(r.table in GLOBAL_TABLES) && r.first !== 'tenant_id')
        .map((r) => `${r.table}.${r.index} begins with ${r.first ?? 'an expression'}`);
      expect(offenders).toEqual([]);
      // Every table without a key of its own is named above with its reason, or has a primary key.
      const unkeyed = [...tables].filter(
        (t) => !rows.rows.some((r) => r.table === t && r.primary) && !(t in GLOBAL_TABLES),
      );
      expect(unkeyed).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
