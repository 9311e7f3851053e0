import type { Config } from './config.ts';
import { createLogger, type Logger, safeUrl } from './log.ts';
import { DataDirInUseError } from './store/data-dir-lock.ts';
import { applyTimeouts, type OpenDatabase, openDatabase } from './store/db.ts';
import { migrateToLatest } from './store/migrate.ts';

/**
 * Opens and migrates the database, or stops the process with one clear line: the folder in use
 * by another process, or the server unreachable.
 */
export async function openMigratedDatabase(config: Config, log: Logger): Promise<OpenDatabase> {
  let database: OpenDatabase;
  try {
    database = await openDatabase(config);
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (database.kind === 'postgres') {
    const timeouts = {
      statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      lockMs: config.DATABASE_LOCK_TIMEOUT_MS,
    };
    // Before migrating, so that the sessions a pooler opens from now on have them.
    await applyTimeouts(database.db, timeouts).catch((error: unknown) => {
      log.warn(
        { code: (error as { code?: string }).code, ...timeouts },
        'the database role could not keep the statement and lock timeouts: only direct connections have them',
      );
    });
  }
  try {
    const report = await migrateToLatest(database.db);
    log.info(
      {
        database: database.kind,
        where: config.DATABASE_URL ? safeUrl(config.DATABASE_URL) : config.DATA_DIR,
        applied: report.applied,
      },
      'database ready',
    );
  } catch (error) {
    await database.close().catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Mentoría cannot start: the database could not be prepared (${message}).`);
    process.exit(1);
  }
  return database;
}

export function loggerFor(config: Config, consoleMode: boolean): Logger {
  return createLogger(config.LOG_LEVEL ?? (consoleMode ? 'warn' : 'info'));
}
