import { loggerFor, openMigratedDatabase } from './boot.ts';
import { loadConfigOrExit } from './config.ts';
import { loadDotEnv } from './env.ts';

// The composition root: the one file of src/ that may import adapters.
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfigOrExit();
  const log = loggerFor(config, true);
  const database = await openMigratedDatabase(config, log);
  console.log(
    `Mentoría is running on the ${database.kind === 'pglite' ? `embedded database in ${config.DATA_DIR}` : 'PostgreSQL server'}. Ctrl+C stops it.`,
  );
  const stop = async () => {
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
