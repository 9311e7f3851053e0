import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type OpenDatabase, openPostgres } from '../../src/store/db.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

/**
 * A PostgreSQL server for the benchmarks: BENCH_DATABASE_URL or TEST_DATABASE_URL when set,
 * else a throwaway cluster started here (Debian's postgresql) and stopped at the end.
 */
export async function benchServer(): Promise<{ url: string; stop(): void }> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop() {} };
  const dir = mkdtempSync(join(tmpdir(), 'mentoria-bench-pg-'));
  execFileSync('chmod', ['755', dir]);
  const url = execFileSync('bash', ['scripts/pg-cluster.sh', 'start', dir], { encoding: 'utf8' }).trim();
  return {
    url,
    stop() {
      execFileSync('bash', ['scripts/pg-cluster.sh', 'stop', dir]);
    },
  };
}

/** A fresh, migrated database on the server, dropped on close. */
export async function freshDatabase(
  serverUrl: string,
  poolSize = 10,
): Promise<OpenDatabase & { url: string }> {
  const name = `mentoria_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = openPostgres(url.toString(), { max: poolSize });
  await migrateToLatest(opened.db);
  return {
    ...opened,
    url: url.toString(),
    close: async () => {
      await opened.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
