import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import nock from 'nock';
import { createHttpServer, listen } from '../../adapters/http/server.ts';
import { parseServerConfig } from '../../adapters/platforms.ts';
import { slackPlatform } from '../../adapters/slack/platform.ts';
import { SlackAdapter, type SlackChatPort } from '../../adapters/slack/slack.adapter.ts';
import type { Clock } from '../../src/clock.ts';
import { encryptionKeys } from '../../src/config.ts';
import { BackgroundChatPort, PlatformRouter } from '../../src/flows/background-port.ts';
import { Bot } from '../../src/flows/bot.ts';
import { createLogger } from '../../src/log.ts';
import { Inbox } from '../../src/services/inbox.ts';
import type { OpenDatabase } from '../../src/store/db.ts';
import { ping } from '../../src/store/db.ts';
import { SecretBox } from '../../src/store/secret-box.ts';
import { coreOf } from './core.ts';
import { intercepted } from './nock.ts';
import { worldClock } from './world.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789ab';
export const API = 'https://slack.test';

/** A Web API call the app made, with its arguments decoded. */
export interface SlackCall {
  method: string;
  // biome-ignore lint/suspicious/noExplicitAny: Web API arguments are Slack's shape.
  args: Record<string, any>;
}

/** Intercepts the Slack Web API (and response_url posts) and records every call. */
export function fakeSlack(
  profiles: Record<string, { name: string; email: string; tz: string; locale: string }>,
): {
  calls: SlackCall[];
  responses: object[];
  rateLimitNext: (method: string, seconds: number) => void;
  failNext: (method: string, answer: { error: string } & Record<string, unknown>) => void;
} {
  const calls: SlackCall[] = [];
  // Slack's `{ ok: false, error, … }` answers for the next call of a method.
  const failing: { method: string; answer: Record<string, unknown> }[] = [];
  // Slack's answer past a method's limit: HTTP 429 with Retry-After (seconds).
  const limited: { method: string; seconds: number }[] = [];
  const responses: object[] = [];
  let ts = 1000;
  const decode = (body: unknown): Record<string, unknown> => {
    if (typeof body === 'object' && body) return body as Record<string, unknown>;
    const params = new URLSearchParams(String(body));
    const out: Record<string, unknown> = {};
    for (const [k, v] of params) {
      try {
        out[k] = k === 'blocks' || k === 'view' ? JSON.parse(v) : v;
      } catch {
        out[k] = v;
      }
    }
    return out;
  };
  nock(API)
    .persist()
    .post(/\/api\/.*/)
    .reply(async (request: Request) => {
      const { uri, body } = await intercepted(request);
      const method = uri.replace('/api/', '');
      const args = decode(body);
      calls.push({ method, args });
      const limit = limited.findIndex((l) => l.method === method);
      if (limit >= 0) {
        const seconds = limited.splice(limit, 1)[0]?.seconds ?? 1;
        return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(seconds) }];
      }
      const fail = failing.findIndex((f) => f.method === method);
      if (fail >= 0) return [200, { ok: false, ...failing.splice(fail, 1)[0]?.answer }];
      switch (method) {
        case 'auth.test':
          return [200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' }];
        case 'users.info': {
          const p = profiles[String(args.user)];
          if (!p) return [200, { ok: false, error: 'user_not_found' }];
          return [
            200,
            {
              ok: true,
              user: {
                id: args.user,
                real_name: p.name,
                tz: p.tz,
                locale: p.locale,
                profile: { email: p.email, real_name: p.name },
              },
            },
          ];
        }
        case 'users.lookupByEmail': {
          const id = Object.entries(profiles).find(([, p]) => p.email === args.email)?.[0];
          return [200, id ? { ok: true, user: { id } } : { ok: false, error: 'users_not_found' }];
        }
        case 'chat.postMessage':
          return [200, { ok: true, channel: args.channel, ts: String(++ts) }];
        case 'conversations.open':
          return [200, { ok: true, channel: { id: `D${String(args.users)}` } }];
        case 'files.getUploadURLExternal':
          return [200, { ok: true, upload_url: `${API}/upload/${++ts}`, file_id: `F${ts}` }];
        case 'files.completeUploadExternal':
          return [200, { ok: true, files: [{ id: 'F1' }] }];
        default:
          return [200, { ok: true }];
      }
    });
  nock(API)
    .persist()
    .post(/\/upload\/.*/)
    .reply(200, 'OK');
  nock('https://hooks.slack.test')
    .persist()
    .post(/.*/)
    .reply(async (request: Request) => {
      const { body } = await intercepted(request);
      responses.push(typeof body === 'string' ? JSON.parse(body) : (body as object));
      return [200, 'ok'];
    });
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  return {
    calls,
    responses,
    rateLimitNext: (method, seconds) => void limited.push({ method, seconds }),
    failNext: (method, answer) => void failing.push({ method, answer }),
  };
}

/** The server as `npm start` runs it with a signing secret, a bot token and SLACK_API_URL. */
export async function startSlackServer(db: OpenDatabase): Promise<{
  url: string;
  server: Server;
  background: BackgroundChatPort;
  inbox: Inbox;
  port: SlackChatPort;
  clock: Clock;
  close(): Promise<void>;
}> {
  const parsed = parseServerConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${API}/api/`,
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const config = parsed.config;
  const log = createLogger('silent');
  // The world's cycle is in goal setting at WORLD_NOW; time moves on from there.
  const clock = worldClock();
  const ports = {};
  const router = new PlatformRouter(ports);
  const background = new BackgroundChatPort(router, {
    concurrency: 4,
    maxQueued: 100,
    onError: () => {},
    onPermanent: async () => {},
  });
  const bot = new Bot({
    db: db.db,
    clock,
    chat: background,
    defaults: { locale: 'es', timezone: 'America/Mexico_City' },
  });
  const inbox = new Inbox({
    db: db.db,
    clock,
    worker: 'test',
    leaseMs: 30_000,
    pollMs: 50,
    onError: () => {},
  });
  inbox.start();
  const slack = new SlackAdapter({
    config,
    core: coreOf(bot, { inbox, box: SecretBox.from(encryptionKeys(config)) }),
    clock,
    log,
  });
  Object.assign(ports, { slack: slack.port });
  const server = createHttpServer({
    platforms: slack.requestListener
      ? [{ routes: slackPlatform.routes, listener: slack.requestListener }]
      : [],
    health: () => ping(db.db),
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    background,
    inbox,
    port: slack.port,
    clock,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inbox.stop();
    },
  };
}

/** Signs a body the way Slack does (v0, HMAC-SHA256 of "v0:timestamp:body"). */
export function sign(
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
  secret = SIGNING_SECRET,
): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export async function post(
  url: string,
  body: string,
  contentType: string,
  headers: Record<string, string> = sign(body),
): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  return { status: res.status, text: await res.text(), ms: performance.now() - started };
}

/** A recorded, anonymised Slack payload from test/fixtures/slack. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are Slack's JSON, overridden per test.
export function fixture(name: string): any {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'slack', `${name}.json`), 'utf8'),
  );
}

/** The slash command fixture, form-encoded as Slack sends it, with a fresh trigger and response URL. */
export function command(text: string, user: string, extra: Record<string, string> = {}): string {
  const unique = Math.random().toString(36).slice(2);
  return new URLSearchParams({
    ...fixture('slash-command'),
    text,
    user_id: user,
    user_name: user,
    response_url: `https://hooks.slack.test/commands/${user}/${unique}`,
    trigger_id: `trig-${unique}`,
    ...extra,
  }).toString();
}

export function interaction(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export { eventually } from './eventually.ts';
