import { z } from 'zod';
import { isValidTimeZone } from './domain/time.ts';
import type { PlatformModule } from './platforms.ts';
import { parseKey } from './store/secret-box.ts';

/** Languages the bot speaks; Spanish first. */
export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

// Every variable: its schema, and an example shown when it is wrong.
const EXAMPLES: Record<string, string> = {
  DATABASE_URL: 'postgres://mentoria:secret@localhost:5432/mentoria',
  DATA_DIR: './data',
  PORT: '3000',
  HOST: '0.0.0.0',
  DEFAULT_LOCALE: 'es',
  DEFAULT_TIMEZONE: 'America/Mexico_City',
  LOG_LEVEL: 'info',
  NODE_ENV: 'production',
  ADMIN_EMAILS: 'rrhh@example.gob,coordinacion@example.gob',
  NUDGE_LEASE_SECONDS: '60',
  INBOX_LEASE_SECONDS: '30',
  PUBLIC_URL: 'https://mentoria.example.gob',
  LINK_SECRET: 'a-random-string-of-at-least-32-characters',
  LINK_TTL_HOURS: '24',
  METRICS_TOKEN: '(openssl rand -hex 24)',
  ENCRYPTION_KEY: '(openssl rand -base64 32)',
  DATABASE_STATEMENT_TIMEOUT_MS: '30000',
  DATABASE_LOCK_TIMEOUT_MS: '5000',
  DATABASE_PREPARED_STATEMENTS: 'false',
  FILE_WORKERS: '1',
  TRUST_PROXY_HOPS: '1',
  ENCRYPTION_KEYS: 'new-key,old-key',
  LLM_BASE_URL: 'https://my-resource.openai.azure.com/openai/v1',
  LLM_MODEL: 'gpt-4o-mini',
  LLM_API_KEY: '(the endpoint’s key; none for a local Ollama)',
  LLM_TIMEOUT_MS: '8000',
  LLM_MAX_TOKENS: '400',
  LLM_MAX_CALLS_PER_DAY: '10',
};

/** One AES-256 key per entry: 32 bytes as 64 hex digits or base64 (`openssl rand -base64 32`). */
const keyList = (max: number) =>
  z.string().transform((v, ctx) => {
    const texts = v
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    if (texts.length > max) {
      ctx.addIssue({ code: 'custom', message: 'must be one key; use ENCRYPTION_KEYS=new,old to rotate' });
      return z.NEVER;
    }
    const keys = texts.map(parseKey);
    if (!keys.length || keys.some((k) => !k)) {
      ctx.addIssue({
        code: 'custom',
        message: 'each key must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)',
      });
      return z.NEVER;
    }
    return keys as Buffer[];
  });

/** A rate in messages a second, for a platform's sending limits. */
export const perSecond = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .positive('must be more than 0')
    .max(1000, 'must be at most 1000')
    .default(fallback);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(3000),
  // The address the HTTP server listens on; 127.0.0.1 keeps it to this machine.
  HOST: z
    .string()
    .regex(/^[0-9A-Za-z.:[\]-]+$/, 'must be an IP address or a host name')
    .default('0.0.0.0'),
  DEFAULT_LOCALE: z.enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}` }).default('es'),
  DEFAULT_TIMEZONE: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone name')
    .default('America/Mexico_City'),
  // Unset: `info` for servers, `warn` for the console chat (logs would drown the conversation).
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .optional(),
  // Unset counts as production wherever it matters (`npm start` sets it so unless told otherwise).
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .optional(),
  // Emails of people who administer their tenant (comma-separated); the Slack installer is one too.
  ADMIN_EMAILS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email({ error: 'must be comma-separated email addresses' })))
    .optional(),
  // Proxies in front of this server that append to X-Forwarded-For (per-client limits use it).
  TRUST_PROXY_HOPS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(5, 'must be at most 5')
    .default(0),
  // Where people reach this server from outside (signed download links for reports).
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  // The optional AI coach: an OpenAI-compatible endpoint (Azure OpenAI, Ollama, vLLM). Off when unset.
  LLM_BASE_URL: z
    .string()
    .refine(isTrustedUrl, 'must be an https URL (http only on 127.0.0.1 or localhost)')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  LLM_MODEL: z.string().min(1).max(200).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(500, 'must be at least 500')
    .max(60_000, 'must be at most 60000')
    .default(8000),
  LLM_MAX_TOKENS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(50, 'must be at least 50')
    .max(4000, 'must be at most 4000')
    .default(400),
  LLM_MAX_CALLS_PER_DAY: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(10),
  // The bearer token GET /metrics asks for; without it, /metrics answers this machine only.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // Signs download links; without it, links last as long as the process.
  LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LINK_TTL_HOURS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(720, 'must be at most 720')
    .default(24),
  // Encrypts Slack tokens at rest (AES-256-GCM). ENCRYPTION_KEYS=new,old rotates: the first seals.
  ENCRYPTION_KEY: keyList(1).optional(),
  ENCRYPTION_KEYS: keyList(10).optional(),
  // PostgreSQL cancels a statement running, or waiting for a lock, longer than this (0: never).
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no limit) or more')
    .max(3_600_000, 'must be at most 3600000 (an hour)')
    .default(30_000),
  DATABASE_LOCK_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no limit) or more')
    .max(3_600_000, 'must be at most 3600000 (an hour)')
    .default(5_000),
  // Named (prepared) statements: parsed and planned once per connection. Off behind a pooler in
  // transaction mode (PgBouncer before 1.21, managed poolers), where they are not carried over.
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .default(true),
  // Worker threads that build report files (xlsx, CSV, diplomas PDF, chart) off the event loop,
  // each with its own two database connections (PostgreSQL only; 0 builds them in the process).
  FILE_WORKERS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (build in the process) or more')
    .max(16, 'must be at most 16')
    .default(1),
  // How long a replica holds the reminders it claimed; if it dies, others send them after this.
  NUDGE_LEASE_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(2, 'must be at least 2')
    .max(3600, 'must be at most 3600')
    .default(60),
  // How long a replica holds the chat requests it acknowledged; if it dies, others answer them after this.
  INBOX_LEASE_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(2, 'must be at least 2')
    .max(600, 'must be at most 600')
    .default(30),
});

/** https anywhere; plain http only for this machine (tests, local stand-ins). */
export function isTrustedUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  } catch {
    return false;
  }
}

/** Whether a host name or address is this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The variables every server reads; each platform adds its own (`PlatformModule.configSchema`). */
export type Config = z.infer<typeof schema>;

export type ConfigResult<C = Config> = { ok: true; config: C } | { ok: false; problems: string[] };

/** What parsing needs of a platform: its variables, their examples, and its combinations. */
export type PlatformSettings = Pick<PlatformModule, 'configSchema' | 'examples' | 'configChecks'>;

/**
 * Parses the environment once, with the variables of the platforms given. Empty values count as
 * unset, as in most `.env` files. Each problem is one line: the variable, what is wrong, and an
 * example of a good value.
 */
export function parseConfig(
  env: Record<string, string | undefined>,
  platforms: readonly PlatformSettings[] = [],
): ConfigResult {
  const full = platforms.reduce<z.ZodObject>((all, p) => all.extend(p.configSchema.shape), schema);
  const examples: Record<string, string> = Object.assign(
    {},
    EXAMPLES,
    ...platforms.map((p) => p.examples ?? {}),
  );
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(full.shape)) {
    const value = env[key]?.trim();
    if (value) cleaned[key] = value;
  }
  const result = full.safeParse(cleaned);
  if (result.success) {
    const config = result.data as Config;
    const problems = [...platforms.flatMap((p) => p.configChecks?.(config) ?? []), ...crossChecks(config)];
    return problems.length ? { ok: false, problems } : { ok: true, config };
  }
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const example = examples[name];
    return `${name}: ${issue.message}${example ? ` (example: ${name}=${example})` : ''}`;
  });
  return { ok: false, problems };
}

/** Every variable read: the common ones and each platform's (for the README's table and its test). */
export function configVariables(platforms: readonly PlatformSettings[] = []): string[] {
  return [...Object.keys(schema.shape), ...platforms.flatMap((p) => Object.keys(p.configSchema.shape))];
}

/** Combinations that only make sense together. */
function crossChecks(c: Config): string[] {
  const problems: string[] = [];
  if (c.PUBLIC_URL && !c.LINK_SECRET && isProduction(c)) {
    problems.push(
      `LINK_SECRET: required with PUBLIC_URL in production, so that download links survive restarts and replicas (example: LINK_SECRET=${EXAMPLES.LINK_SECRET})`,
    );
  }
  if (c.ENCRYPTION_KEY && c.ENCRYPTION_KEYS) {
    problems.push('ENCRYPTION_KEY and ENCRYPTION_KEYS: set one of them (ENCRYPTION_KEYS=new,old to rotate)');
  }
  if (c.LLM_BASE_URL && !c.LLM_MODEL) {
    problems.push(
      `LLM_MODEL: required with LLM_BASE_URL, the model to ask (example: LLM_MODEL=${EXAMPLES.LLM_MODEL})`,
    );
  }
  return problems;
}

/** The keys that seal secrets at rest, newest first; undefined when encryption is off. */
export function encryptionKeys(c: Config): Buffer[] | undefined {
  return c.ENCRYPTION_KEYS ?? c.ENCRYPTION_KEY;
}

/** Unset NODE_ENV is production: only an explicit development or test relaxes anything. */
export function isProduction(c: Config): boolean {
  return c.NODE_ENV !== 'development' && c.NODE_ENV !== 'test';
}

/** Parses the environment or stops the process with one line per problem. */
export function loadConfigOrExit(
  env: Record<string, string | undefined> = process.env,
  platforms: readonly PlatformSettings[] = [],
): Config {
  const result = parseConfig(env, platforms);
  if (result.ok) return result.config;
  console.error('Mentoría cannot start: the configuration has problems.');
  for (const line of result.problems) console.error(`  ${line}`);
  process.exit(1);
}
