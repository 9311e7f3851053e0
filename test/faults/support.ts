import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as netServer } from 'node:net';
import type { OpenDatabase } from '../../src/store/db.ts';
import { insertNudges } from '../../src/store/nudge.store.ts';
import { createPerson, upsertIdentity } from '../../src/store/person.store.ts';
import { createCycle, createProgram, enroll } from '../../src/store/program.store.ts';
import { ensureTenant } from '../../src/store/tenant.store.ts';

export const SIGNING_SECRET = 'faults-signing-secret-0123456789abcd';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface SlackCall {
  method: string;
  params: Record<string, string>;
}

/**
 * A Slack Web API stand-in that records every call: what the servers sent, to whom, how often.
 * `delayMs` slows chat.postMessage down so that a dispatch is still running when a test kills it.
 */
export async function slackStandIn(
  delayMs = 0,
): Promise<{ url: string; calls: SlackCall[]; close(): void; server: Server }> {
  const calls: SlackCall[] = [];
  let ts = 1;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const params = Object.fromEntries(
        (req.headers['content-type'] ?? '').includes('json')
          ? Object.entries(JSON.parse(body || '{}') as Record<string, unknown>).map(([k, v]) => [
              k,
              String(v),
            ])
          : new URLSearchParams(body),
      ) as Record<string, string>;
      calls.push({ method, params });
      let answer: object = { ok: true };
      if (method === 'auth.test') answer = { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
      else if (method === 'users.info') {
        const user = params.user ?? 'U0';
        answer = {
          ok: true,
          user: {
            id: user,
            real_name: `Persona ${user}`,
            tz: 'America/Santiago',
            locale: 'es-LA',
            profile: {},
            // Workspace admins and owners, as users.info reports them.
            is_admin: /ADMIN|OWNER/.test(user),
            is_owner: /OWNER/.test(user),
          },
        };
      } else if (method === 'chat.postMessage')
        answer = { ok: true, channel: params.channel, ts: `${++ts}.0` };
      else if (method === 'users.lookupByEmail') answer = { ok: false, error: 'users_not_found' };
      else if (method === 'oauth.v2.access') {
        // Slack's answer to the code exchange; the test's code names the installing user.
        const [team, user] = (params.code ?? 'T1:U1').split(':');
        answer = {
          ok: true,
          app_id: 'A1',
          authed_user: { id: user },
          scope: 'chat:write,commands,im:history,users:read,users:read.email',
          token_type: 'bot',
          access_token: `xoxb-installed-${team}-${user}`,
          bot_user_id: 'UBOT',
          team: { id: team, name: `Workspace ${team}` },
          enterprise: null,
          is_enterprise_install: false,
        };
      }
      const send = () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      if (delayMs && method === 'chat.postMessage') setTimeout(send, delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, calls, server, close: () => server.close() };
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  alive: () => boolean;
  /** The names of the configured secrets whose values appear in what the process wrote. */
  leaks: () => string[];
}

/** A password for the test cluster's URL: its trust authentication ignores it, our logs must too. */
export const DATABASE_PASSWORD = 'faults-db-password-5ecret';

/** The configuration values no log line may contain, by variable name. */
function secretsOf(env: Record<string, string>): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value && /(TOKEN|SECRET|PASSWORD|KEYS?)$/.test(name)) secrets[name] = value;
  }
  if (env.DATABASE_URL) {
    const password = decodeURIComponent(new URL(env.DATABASE_URL).password);
    if (password) secrets.DATABASE_URL = password;
  }
  return secrets;
}

/**
 * The compiled server (`node dist/src/main.js`), as `npm start` runs it, on its own port. Its
 * database URL carries a password, and `stopServer` fails the suite if any secret it was given
 * appears in what it wrote.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  let output = '';
  const withPassword = (url: string | undefined) => {
    if (!url) return url;
    const u = new URL(url);
    if (!u.password) u.password = DATABASE_PASSWORD;
    return u.toString();
  };
  const databaseUrl = withPassword(env.DATABASE_URL);
  const fullEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SLACK_BOT_TOKEN: 'xoxb-faults',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: String(port),
    ...env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const secrets = secretsOf(fullEnv);
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c) => {
    output += c;
  });
  child.stderr?.on('data', (c) => {
    output += c;
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 30_000) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    leaks: () => Object.keys(secrets).filter((name) => output.includes(secrets[name] as string)),
  };
}

/** Stops a server (SIGTERM, then SIGKILL); throws if it wrote any of its secrets meanwhile. */
export async function stopServer(server: ServerProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    if (!server.alive()) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
    setTimeout(() => {
      if (server.alive()) server.child.kill('SIGKILL');
    }, 5_000);
  });
  const leaked = server.leaks();
  if (leaked.length) throw new Error(`the server wrote the value of ${leaked.join(', ')} to its output`);
}

export function signedHeaders(body: string, secret = SIGNING_SECRET, at = Math.floor(Date.now() / 1000)) {
  return {
    'x-slack-request-timestamp': String(at),
    'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${at}:${body}`).digest('hex')}`,
  };
}

export function slashCommand(text: string, user: string, responseUrl: string): string {
  return new URLSearchParams({
    team_id: 'T1',
    channel_id: `D${user}`,
    user_id: user,
    command: '/mentoria',
    text,
    response_url: responseUrl,
    trigger_id: `trigger-${Math.random()}`,
  }).toString();
}

export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() - started > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `count` people of one Slack workspace's cycle, each with a DM channel (`D<prefix><i>`, user
 * `U<prefix><i>`); the function returned queues a due welcome reminder for each.
 */
export async function seedSlackCycle(
  db: OpenDatabase,
  count: number,
  prefix = '',
): Promise<() => Promise<void>> {
  const tenant = await ensureTenant(db.db, {
    platform: 'slack',
    externalId: 'T:T1',
    name: 'T1',
    defaultLocale: 'es',
    defaultTimezone: 'America/Santiago',
  });
  const program = await createProgram(db.db, tenant.id, { name: 'Mentoría', kind: 'classic' });
  const cycle = await createCycle(db.db, tenant.id, {
    programId: program.id,
    name: '2027-1',
    timezone: 'America/Santiago',
    enrollmentStarts: '2027-01-04',
    goalSettingStarts: '2027-01-25',
    executionStarts: '2027-02-15',
    closingStarts: '2027-06-10',
    ends: '2027-06-30',
  });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const person = await createPerson(db.db, tenant.id, {
      name: `Persona ${i}`,
      locale: 'es',
      timezone: 'America/Santiago',
    });
    await upsertIdentity(db.db, {
      tenantId: tenant.id,
      personId: person.id,
      platform: 'slack',
      externalId: `U${prefix}${i}`,
      conversationRef: { channel: `D${prefix}${i}` },
      now: new Date(),
    });
    await enroll(db.db, { tenantId: tenant.id, cycleId: cycle.id, personId: person.id, role: 'mentee' });
    ids.push(person.id);
  }
  // Queued once every replica is up, so that all of them compete for the same rows.
  return async () => {
    const now = new Date();
    await insertNudges(
      db.db,
      ids.map((id) => ({
        tenantId: tenant.id,
        kind: 'welcome' as const,
        subjectId: cycle.id,
        slot: 'roster',
        recipientId: id,
        dueAt: now,
      })),
      now,
    );
  };
}
