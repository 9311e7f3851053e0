import { existsSync } from 'node:fs';

/** Reads `.env` from the working folder into the environment, if present (Node ≥ 20.12). Real variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
