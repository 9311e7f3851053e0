import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTimeouts, type OpenDatabase, openPostgres } from '../../../src/store/db.ts';
import { untimed } from '../../../src/store/migrate.ts';
import { openFreshPostgres } from '../../support/databases.ts';

const server = process.env.TEST_DATABASE_URL;
const pgbouncer = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].some((p) => existsSync(p));
const timeouts = { statementMs: 300, lockMs: 200 };

const failure = async (run: Promise<unknown>) => {
  try {
    await run;
    return 'none';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

const settings = async (url: string) => {
  // A bare client: no startup parameter and no SET, like the sessions a pooler opens.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const statement = (await client.query('show statement_timeout')).rows[0].statement_timeout;
    const lock = (await client.query('show lock_timeout')).rows[0].lock_timeout;
    return { statement, lock };
  } finally {
    await client.end();
  }
};

describe.skipIf(!server)('statement and lock timeouts (PostgreSQL)', () => {
  let fresh: OpenDatabase & { url: string };
  beforeAll(async () => {
    fresh = await openFreshPostgres();
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it('cancels a statement that runs too long on a pool opened with timeouts, and lets a quick one run', async () => {
    const timed = openPostgres(fresh.url, { max: 2, timeouts });
    try {
      expect(await failure(sql`select pg_sleep(1)`.execute(timed.db))).toBe('57014');
      expect(await failure(sql`select pg_sleep(0.05)`.execute(timed.db))).toBe('none');
      // The twin: the same statement on a pool without timeouts runs to its end.
      expect(await failure(sql`select pg_sleep(1)`.execute(fresh.db))).toBe('none');
    } finally {
      await timed.close();
    }
  });

  it("keeps them as the role's defaults in this database, so sessions opened by anyone have them", async () => {
    expect(await settings(fresh.url)).toEqual({ statement: '0', lock: '0' });
    await applyTimeouts(fresh.db, timeouts);
    expect(await settings(fresh.url)).toEqual({ statement: '300ms', lock: '200ms' });
    // Only this database: another database on the same server keeps its own.
    const other = await openFreshPostgres();
    try {
      expect(await settings(other.url)).toEqual({ statement: '0', lock: '0' });
    } finally {
      await other.close();
    }
  });

  it('gives up waiting for a row lock after the lock timeout', async () => {
    const timed = openPostgres(fresh.url, { max: 2, timeouts: { statementMs: 10_000, lockMs: 200 } });
    try {
      await sql`create table if not exists lock_probe (id int primary key, n int)`.execute(fresh.db);
      await sql`insert into lock_probe values (1, 0) on conflict do nothing`.execute(fresh.db);
      const holder = new pg.Client({ connectionString: fresh.url });
      await holder.connect();
      try {
        await holder.query('begin; set local lock_timeout = 0; update lock_probe set n = n + 1 where id = 1');
        const started = Date.now();
        expect(await failure(sql`update lock_probe set n = n + 1 where id = 1`.execute(timed.db))).toBe(
          '55P03',
        );
        expect(Date.now() - started).toBeLessThan(5_000);
        await holder.query('rollback');
        expect(await failure(sql`update lock_probe set n = n + 1 where id = 1`.execute(timed.db))).toBe(
          'none',
        );
      } finally {
        await holder.end();
      }
    } finally {
      await timed.close();
    }
  });

  it("runs a migration longer than the role's statement timeout, and only a migration", async () => {
    await applyTimeouts(fresh.db, timeouts);
    const timed = openPostgres(fresh.url, { max: 2, timeouts });
    try {
      const slow = {
        up: async (db: never) => {
          await sql`select pg_sleep(0.6)`.execute(db);
        },
      };
      const run = (name: string, migration: typeof slow) =>
        new Migrator({
          db: timed.db,
          migrationTableName: `probe_${name}`,
          migrationLockTableName: `probe_${name}_lock`,
          provider: { getMigrations: async () => ({ [name]: migration }) },
        }).migrateToLatest();
      const lifted = await run('lifted', untimed(slow) as typeof slow);
      expect(lifted.error).toBeUndefined();
      // The twin: the same migration without `untimed` is cancelled by the role's timeout.
      const cut = await run('cut', slow);
      expect((cut.error as { code?: string } | undefined)?.code).toBe('57014');
      // After migrating, the pool's sessions have their timeout again.
      expect(await failure(sql`select pg_sleep(1)`.execute(timed.db))).toBe('57014');
    } finally {
      await timed.close();
    }
  });

  describe.skipIf(!pgbouncer)('behind PgBouncer in transaction mode', () => {
    let dir: string;
    let pooled: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'mentoria-pgbouncer-'));
      execFileSync('chmod', ['755', dir]);
      pooled = execFileSync('bash', ['scripts/pgbouncer.sh', 'start', dir, fresh.url], {
        encoding: 'utf8',
      }).trim();
    });
    afterAll(() => {
      if (dir) execFileSync('bash', ['scripts/pgbouncer.sh', 'stop', dir]);
    });

    it('refuses timeouts as startup parameters, and keeps the role defaults applied through it', async () => {
      const withOptions = new pg.Client({ connectionString: pooled, options: '-c statement_timeout=300' });
      expect(await failure(withOptions.connect())).not.toBe('none');
      await withOptions.end().catch(() => {});
      // Applied through the pooler itself: each statement is its own transaction.
      const through = new Kysely<never>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: pooled, max: 1 }) }),
      });
      await applyTimeouts(through as never, { statementMs: 250, lockMs: 200 });
      await through.destroy();
      // PgBouncer keeps server sessions; a new one (after RECONNECT) starts with the role default.
      const admin = new pg.Client({ connectionString: pooled.replace(/\/[^/]+$/, '/pgbouncer') });
      await admin.connect();
      await admin.query('RECONNECT');
      await admin.end();
      expect((await settings(pooled)).statement).toBe('250ms');
      const client = new pg.Client({ connectionString: pooled });
      await client.connect();
      try {
        expect(await failure(client.query('select pg_sleep(1)'))).toBe('57014');
        expect(await failure(client.query('select pg_sleep(0.05)'))).toBe('none');
      } finally {
        await client.end();
      }
    });
  });
});
