import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenDatabase } from '../../src/store/db.ts';
import { openFreshPostgres } from '../support/databases.ts';

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
export function freshDatabase(serverUrl: string, poolSize = 10): Promise<OpenDatabase & { url: string }> {
  return openFreshPostgres(serverUrl, poolSize);
}
