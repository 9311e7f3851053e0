import { parseArgs } from 'node:util';
import { loggerFor, openMigratedDatabase } from './boot.ts';
import { loadConfigOrExit } from './config.ts';
import { loadDotEnv } from './env.ts';
import { migrateDown } from './store/migrate.ts';

const USAGE = `Usage: mentoria <command> [options]

Commands:
  migrate            apply every pending database migration
  migrate --down     revert the latest migration
  help               show this help

The database is DATABASE_URL when set, else the embedded one under DATA_DIR.`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  loadDotEnv();
  const config = loadConfigOrExit();
  const log = loggerFor(config, true);
  switch (command) {
    case 'migrate': {
      const { values } = parseArgs({ args: rest, options: { down: { type: 'boolean', default: false } } });
      // Opening applies pending migrations; --down then reverts the newest.
      const database = await openMigratedDatabase(config, log);
      try {
        if (values.down) {
          const report = await migrateDown(database.db);
          console.log(report.applied.length ? `Reverted ${report.applied.join(', ')}` : 'Nothing to revert.');
        } else {
          console.log(`Database is up to date (${database.kind}).`);
        }
      } finally {
        await database.close();
      }
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
