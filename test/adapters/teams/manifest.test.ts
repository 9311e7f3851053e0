import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildAppPackage, fillPlaceholders } from '../../../adapters/teams/app-package.ts';

// Microsoft's published schema for manifest 1.25, as shipped in @microsoft/app-manifest (offline).
const require = createRequire(import.meta.url);
const schemaPath = join(
  require.resolve('@microsoft/app-manifest/package.json'),
  '..',
  'build',
  'json-schemas',
  'teams',
  'v1.25',
  'MicrosoftTeams.schema.json',
);
const values = {
  MICROSOFT_APP_ID: '00000000-0000-0000-0000-0000000000b0',
  TEAMS_APP_ID: '00000000-0000-0000-0000-0000000000a0',
  BOT_DOMAIN: 'mentoria.example.org',
};

describe('the Teams app package', () => {
  it('validates against the 1.25 schema once its placeholders are filled', () => {
    // CommonJS modules: their default export is under .default when imported from ESM.
    const Ajv = (AjvDraft04 as unknown as { default: typeof AjvDraft04 }).default ?? AjvDraft04;
    const addFormats = (formats as unknown as { default: typeof formats }).default ?? formats;
    const ajv = new (Ajv as unknown as new (o: object) => import('ajv').default)({
      allErrors: true,
      strict: false,
    });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    const { manifest } = buildAppPackage(values);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(manifest.manifestVersion).toBe('1.25');
  });

  it('lists the chat commands in both languages in the bot’s command menu', () => {
    const { manifest } = buildAppPackage(values);
    const commands =
      (manifest.bots as { commandLists: { commands: { title: string; description: string }[] }[] }[])[0]
        ?.commandLists[0]?.commands ?? [];
    expect(commands.map((c) => c.title)).toEqual(
      expect.arrayContaining(['ayuda', 'meta nueva', 'sesiones', 'avance']),
    );
    for (const c of commands) expect(c.description).toMatch(/\//);
  });

  it('refuses to build with a placeholder left empty', () => {
    expect(() =>
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the manifest's placeholders are written this way.
      fillPlaceholders('{"id":"${{TEAMS_APP_ID}}","d":"${{BOT_DOMAIN}}"}', { TEAMS_APP_ID: 'x' }),
    ).toThrow('missing values for BOT_DOMAIN');
  });

  it('writes a zip with the manifest and both icons (npm run teams:package)', () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/teams-package.ts'], {
      env: { ...process.env, ...values },
      stdio: 'pipe',
    });
    const listing = execFileSync(
      'python3',
      [
        '-c',
        'import zipfile,sys; print(sorted(zipfile.ZipFile(sys.argv[1]).namelist()))',
        'dist/mentoria-teams.zip',
      ],
      { encoding: 'utf8' },
    );
    expect(listing.trim()).toBe("['color.png', 'manifest.json', 'outline.png']");
    const inside = execFileSync(
      'python3',
      [
        '-c',
        'import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read("manifest.json").decode())',
        'dist/mentoria-teams.zip',
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(inside).bots[0].botId).toBe(values.MICROSOFT_APP_ID);
  });
});
