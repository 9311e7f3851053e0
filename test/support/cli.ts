import { PLATFORMS } from '../../adapters/platforms.ts';
import { runCli } from '../../src/cli.ts';
import { parseConfig } from '../../src/config.ts';
import type { OpenDatabase } from '../../src/store/db.ts';

/** The default configuration, as the CLI reads it with no environment. */
export function defaultConfig() {
  const parsed = parseConfig({});
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.config;
}

/**
 * Runs `mentoria …` in this process on a database (given, or read when called): what it printed,
 * its errors and progress lines, and its exit code. `extra` is appended to every command line.
 */
export function cliOn(database: () => OpenDatabase, extra: string[] = []) {
  const config = defaultConfig();
  return async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const progress: string[] = [];
    const code = await runCli([...argv, ...extra], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      progress: (t) => progress.push(t),
      database: database(),
      config,
      platforms: PLATFORMS,
    });
    return { code, out: out.join('\n'), err: err.join('\n'), progress };
  };
}
