import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';
import type { Db } from './db.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

const MIGRATION_FILE = /^\d{4}-\d{2}-\d{2}T\d{4}_[\w-]+\.(ts|js)$/;

/** The migrations this build carries, by name (without loading them). */
async function migrationNames(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR))
    .filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.(ts|js)$/, ''))
    .sort();
}

/**
 * Whether the database has every migration this build carries (a replica of a newer build
 * migrates at start; until then, an older schema is not ready for it). False on any failure.
 */
export async function migrationsCurrent(db: Db): Promise<boolean> {
  try {
    const applied = new Set(
      (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name),
    );
    return (await migrationNames()).every((name) => applied.has(name));
  } catch {
    return false;
  }
}

/**
 * Loads `migrations/*.ts` in name order (names are date-prefixed, so order is time); in the built
 * server (`dist/`) the same files are `.js`.
 */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const extension = (await readdir(MIGRATIONS_DIR)).some((f) => MIGRATION_FILE.test(f) && f.endsWith('.ts'))
      ? 'ts'
      : 'js';
    const migrations: Record<string, Migration> = {};
    for (const name of await migrationNames()) {
      const module = (await import(pathToFileURL(`${MIGRATIONS_DIR}${name}.${extension}`).href)) as Migration;
      migrations[name] = untimed(module);
    }
    return migrations;
  }
}

/**
 * A migration runs inside its transaction without the role's statement and lock timeouts
 * (`set local` holds for that transaction only, also behind PgBouncer): rewriting a large table
 * may take longer than any chat query should. On PGlite the settings are simply accepted.
 */
export function untimed(migration: Migration): Migration {
  const lift = async (db: Kysely<unknown>) => {
    await sql`set local statement_timeout = 0`.execute(db);
    await sql`set local lock_timeout = 0`.execute(db);
  };
  return {
    up: async (db) => {
      await lift(db);
      await migration.up(db);
    },
    ...(migration.down
      ? {
          down: async (db: Kysely<unknown>) => {
            await lift(db);
            await migration.down?.(db);
          },
        }
      : {}),
  };
}

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: new FolderMigrationProvider() });
}

export interface MigrationReport {
  applied: string[];
}

function unwrap(result: MigrationResultSet): MigrationReport {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const message = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${message}`);
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}

/** Applies every pending migration (kysely takes a lock, so replicas starting together are safe). */
export async function migrateToLatest(db: Db): Promise<MigrationReport> {
  return unwrap(await migrator(db).migrateToLatest());
}

/** Reverts the latest applied migration. */
export async function migrateDown(db: Db): Promise<MigrationReport> {
  return unwrap(await migrator(db).migrateDown());
}
