import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type OpenDatabase, openPGlite, openPostgres } from '../../src/store/db.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

/** A database backend the store suite runs on. */
export interface TestBackend {
  name: 'pglite' | 'postgres';
  open(): Promise<OpenDatabase>;
}

/**
 * PGlite always; a real PostgreSQL server too when TEST_DATABASE_URL is set (CI). On the server
 * each opened database is a fresh one, created and migrated for this file and dropped at close.
 */
export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [{ name: 'pglite', open: openMigratedPGlite }];
  if (process.env.TEST_DATABASE_URL) backends.push({ name: 'postgres', open: openFreshPostgres });
  return backends;
}

export async function openMigratedPGlite(): Promise<OpenDatabase> {
  const opened = await openPGlite();
  await migrateToLatest(opened.db);
  return opened;
}

/** A new, migrated database on the TEST_DATABASE_URL server, dropped on close. */
export async function openFreshPostgres(
  adminUrl = process.env.TEST_DATABASE_URL,
  poolSize = 8,
): Promise<OpenDatabase & { url: string }> {
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `mentoria_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const opened = openPostgres(url.toString(), { max: poolSize });
  await migrateToLatest(opened.db);
  return {
    ...opened,
    url: url.toString(),
    close: async () => {
      await opened.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
