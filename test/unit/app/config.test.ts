import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLATFORMS, parseServerConfig } from '../../../adapters/platforms.ts';
import { configVariables, encryptionKeys } from '../../../src/config.ts';

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const result = parseServerConfig({});
    expect(result).toEqual({
      ok: true,
      config: {
        DATA_DIR: './data',
        PORT: 3000,
        HOST: '0.0.0.0',
        DEFAULT_LOCALE: 'es',
        DEFAULT_TIMEZONE: 'America/Mexico_City',
        NUDGE_SLACK_PER_CHANNEL: 1,
        NUDGE_TEAMS_PER_CONVERSATION: 7,
        NUDGE_TEAMS_PER_TENANT: 30,
        NUDGE_LEASE_SECONDS: 60,
        INBOX_LEASE_SECONDS: 30,
        DATABASE_PREPARED_STATEMENTS: true,
        FILE_WORKERS: 1,
        LINK_TTL_HOURS: 24,
        DATABASE_STATEMENT_TIMEOUT_MS: 30_000,
        DATABASE_LOCK_TIMEOUT_MS: 5_000,
        TRUST_PROXY_HOPS: 0,
        LLM_TIMEOUT_MS: 8000,
        LLM_MAX_TOKENS: 400,
        LLM_MAX_CALLS_PER_DAY: 10,
      },
    });
  });

  it('takes an AI coach endpoint over https, or over http on this machine only, with its model', () => {
    const azure = parseServerConfig({
      LLM_BASE_URL: 'https://my-resource.openai.azure.com/openai/v1/',
      LLM_MODEL: 'gpt-4o-mini',
      LLM_API_KEY: 'key',
    });
    expect(azure.ok && azure.config.LLM_BASE_URL).toBe('https://my-resource.openai.azure.com/openai/v1');
    expect(parseServerConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'llama3.1' }).ok).toBe(
      true,
    );
    for (const bad of [
      { LLM_BASE_URL: 'http://llm.example/v1', LLM_MODEL: 'm' },
      { LLM_BASE_URL: 'https://llm.example/v1' },
      { LLM_BASE_URL: 'https://llm.example/v1', LLM_MODEL: 'm', LLM_TIMEOUT_MS: '10' },
    ]) {
      const result = parseServerConfig(bad);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
      if (!result.ok) expect(result.problems.join('\n')).toMatch(/^LLM_/m);
    }
  });

  it('treats empty values as unset', () => {
    const result = parseServerConfig({ DATABASE_URL: '', PORT: ' ' });
    expect(result.ok && result.config.DATABASE_URL).toBe(undefined);
    expect(result.ok && result.config.PORT).toBe(3000);
  });

  it('names every problem on its own line with an example', () => {
    const result = parseServerConfig({
      DATABASE_URL: 'mysql://x',
      PORT: 'ochenta',
      DEFAULT_LOCALE: 'fr',
      DEFAULT_TIMEZONE: 'Mars/Base',
      LOG_LEVEL: 'loud',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'DATABASE_URL: must be a postgres:// or postgresql:// URL (example: DATABASE_URL=postgres://mentoria:secret@localhost:5432/mentoria)',
      'PORT: must be a number (example: PORT=3000)',
      'DEFAULT_LOCALE: must be one of es, en (example: DEFAULT_LOCALE=es)',
      'DEFAULT_TIMEZONE: must be an IANA time zone name (example: DEFAULT_TIMEZONE=America/Mexico_City)',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (example: LOG_LEVEL=info)',
    ]);
  });

  it('accepts a real configuration', () => {
    const result = parseServerConfig({
      DATABASE_URL: 'postgresql://u:p@db:5432/m',
      PORT: '8080',
      DEFAULT_LOCALE: 'en',
      DEFAULT_TIMEZONE: 'America/Santiago',
      NODE_ENV: 'production',
    });
    expect(result.ok && result.config).toMatchObject({
      PORT: 8080,
      DEFAULT_LOCALE: 'en',
      NODE_ENV: 'production',
    });
  });

  it('allows anonymous Teams requests only outside production and on a loopback address', () => {
    const anonymous = (env: Record<string, string>) => parseServerConfig({ TEAMS_ANONYMOUS: 'true', ...env });
    // NODE_ENV unset is production; development on every interface is reachable from outside.
    const refused: Record<string, string>[] = [
      {},
      { NODE_ENV: 'production', HOST: '127.0.0.1' },
      { NODE_ENV: 'development' },
      { NODE_ENV: 'development', HOST: '0.0.0.0' },
      { NODE_ENV: 'test', HOST: '10.0.0.5' },
      { NODE_ENV: 'development', HOST: '127.0.0.1', MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'b' },
    ];
    for (const env of refused) {
      const result = anonymous(env);
      expect(result.ok, JSON.stringify(env)).toBe(false);
      if (!result.ok) expect(result.problems.join('\n')).toMatch(/^TEAMS_ANONYMOUS: /);
    }
    for (const env of [
      { NODE_ENV: 'development', HOST: '127.0.0.1' },
      { NODE_ENV: 'test', HOST: 'localhost' },
      { NODE_ENV: 'development', HOST: '::1' },
    ]) {
      expect(anonymous(env).ok, JSON.stringify(env)).toBe(true);
    }
  });

  it('takes the identity endpoints over https, or over http on this machine only', () => {
    expect(parseServerConfig({ MICROSOFT_LOGIN_URL: 'https://login.microsoftonline.us' }).ok).toBe(true);
    expect(parseServerConfig({ TEAMS_OPENID_METADATA_URL: 'http://127.0.0.1:4000/meta' }).ok).toBe(true);
    expect(parseServerConfig({ MICROSOFT_LOGIN_URL: 'http://login.example' }).ok).toBe(false);
    expect(parseServerConfig({ TEAMS_OPENID_METADATA_URL: 'file:///etc/passwd' }).ok).toBe(false);
  });

  it('requires an encryption key for several workspaces in production, and takes keys as hex or base64', () => {
    const oauth = {
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'secret',
      SLACK_STATE_SECRET: 'a-state-secret-long-enough',
      SLACK_SIGNING_SECRET: 'signing-secret-0123456789',
    };
    const hex = 'ab'.repeat(32);
    const base64 = Buffer.alloc(32, 7).toString('base64');
    const refused = parseServerConfig(oauth);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.join('\n')).toMatch(/^ENCRYPTION_KEY: required in production/m);
    // The twins: a key in production, or no key in development, start.
    const withKey = parseServerConfig({ ...oauth, ENCRYPTION_KEY: base64 });
    expect(withKey.ok && encryptionKeys(withKey.config)?.map((k) => k.length)).toEqual([32]);
    expect(parseServerConfig({ ...oauth, NODE_ENV: 'development' }).ok).toBe(true);
    // One workspace's token comes from the environment, not the database: no key needed.
    expect(
      parseServerConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'signing-secret-0123456789' }).ok,
    ).toBe(true);
    const rotating = parseServerConfig({ ...oauth, ENCRYPTION_KEYS: `${hex}, ${base64}` });
    expect(rotating.ok && encryptionKeys(rotating.config)?.map((k) => k.toString('hex'))).toEqual([
      hex,
      Buffer.alloc(32, 7).toString('hex'),
    ]);
    for (const bad of [
      { ENCRYPTION_KEY: 'too-short' },
      { ENCRYPTION_KEY: `${hex},${hex}` },
      { ENCRYPTION_KEYS: `${hex},nope` },
      { ENCRYPTION_KEY: hex, ENCRYPTION_KEYS: hex },
    ]) {
      const result = parseServerConfig(bad);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
      if (!result.ok) expect(result.problems.join('\n')).toMatch(/^ENCRYPTION_KEYS?/m);
    }
  });

  it('documents every variable it reads in the README and .env.example', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Commands'));
    const example = readFileSync('.env.example', 'utf8');
    const variables = configVariables(PLATFORMS);
    expect(variables.length).toBeGreaterThan(40);
    expect(variables.filter((v) => !table.includes(`\`${v}\``))).toEqual([]);
    expect(variables.filter((v) => !example.includes(`${v}=`))).toEqual([]);
  });
});
