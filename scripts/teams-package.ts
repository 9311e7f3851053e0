// `npm run teams:package`: fills the manifest's placeholders from the environment (.env too) and
// writes the zip to upload in Teams (Apps → Manage your apps → Upload a custom app).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAppPackage } from '../adapters/teams/app-package.ts';
import { loadDotEnv } from '../src/env.ts';

loadDotEnv();
const env = process.env;
try {
  const { zip } = buildAppPackage({
    MICROSOFT_APP_ID: env.MICROSOFT_APP_ID,
    // The Teams app's own id; the bot's app id is a fine default for a single app.
    TEAMS_APP_ID: env.TEAMS_APP_ID ?? env.MICROSOFT_APP_ID,
    BOT_DOMAIN: env.BOT_DOMAIN,
  });
  const dir = join(process.cwd(), 'dist');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'mentoria-teams.zip');
  writeFileSync(file, zip);
  console.log(`Wrote ${file} (${zip.length} bytes).`);
} catch (error) {
  console.error(`Cannot build the Teams package: ${error instanceof Error ? error.message : String(error)}`);
  console.error(
    'Set MICROSOFT_APP_ID and BOT_DOMAIN (the public host name of this server); TEAMS_APP_ID is optional.',
  );
  process.exitCode = 1;
}
