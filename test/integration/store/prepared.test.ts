import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { openFreshPostgres } from '../../support/databases.ts';

// Named statements exist on a server connection only: PostgreSQL, one connection in the pool.
describe.skipIf(!process.env.TEST_DATABASE_URL)('prepared statements on PostgreSQL', () => {
  let opened: OpenDatabase;
  beforeAll(async () => {
    opened = await openFreshPostgres(process.env.TEST_DATABASE_URL, 1);
  });
  afterAll(() => opened?.close());

  it('prepares each query text once per connection and reuses it', async () => {
    const { db } = opened;
    for (const id of ['a', 'b', 'c']) {
      await db.selectFrom('tenants').select('id').where('id', '=', id).execute();
    }
    const prepared = await sql<{ statement: string }>`
      select statement from pg_prepared_statements
       where statement like '%from "tenants"%' and statement not like '%pg_prepared_statements%'
    `.execute(db);
    expect(prepared.rows).toHaveLength(1);
    expect(prepared.rows[0]?.statement).toBe('select "id" from "tenants" where "id" = $1');
  });

  it('drops a connection whose plan a migration changed, and the next query prepares again', async () => {
    const { db } = opened;
    await sql`create table probe (a int)`.execute(db);
    await sql`insert into probe values (1)`.execute(db);
    const read = () =>
      db
        .selectFrom('probe' as never)
        .selectAll()
        .execute();
    expect(await read()).toEqual([{ a: 1 }]);
    await sql`alter table probe add column b int`.execute(db);
    await expect(read()).rejects.toThrow(/cached plan/);
    expect(await read()).toEqual([{ a: 1, b: null }]);
  });
});
