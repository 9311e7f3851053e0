import type { Server } from 'node:http';
import nock from 'nock';
import { createHttpServer, listen } from '../../adapters/http/server.ts';
import { parseServerConfig } from '../../adapters/platforms.ts';
import { teamsPlatform } from '../../adapters/teams/platform.ts';
import { TeamsAdapter } from '../../adapters/teams/teams.adapter.ts';
import { BackgroundChatPort, PlatformRouter } from '../../src/flows/background-port.ts';
import { Bot } from '../../src/flows/bot.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { downloadHandler, imageHandler } from '../../src/services/downloads.ts';
import { Inbox } from '../../src/services/inbox.ts';
import { FileKeeper } from '../../src/services/kept-files.ts';
import { LinkSigner } from '../../src/services/links.ts';
import { type OpenDatabase, ping } from '../../src/store/db.ts';
import { coreOf } from './core.ts';
import { intercepted } from './nock.ts';
import { worldClock } from './world.ts';

/** Teams over HTTP in this process: the real adapter and core on a database, on 127.0.0.1. */

/** The Bot Connector's real host: outbound calls go to Microsoft's hosts only. */
export const SERVICE = 'https://smba.trafficmanager.net';
export const TENANT = 'aad-tenant-1';

export interface Posted {
  conversation: string;
  // biome-ignore lint/suspicious/noExplicitAny: Bot Framework activity JSON.
  activity: any;
}

export async function startTeams(
  db: OpenDatabase,
  env: Record<string, string>,
  log: Logger = createLogger('silent'),
): Promise<{
  url: string;
  server: Server;
  background: BackgroundChatPort;
  router: PlatformRouter;
  inbox: Inbox;
  teams: TeamsAdapter;
  bot: Bot;
}> {
  const parsed = parseServerConfig({ LOG_LEVEL: 'silent', ...env });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  // The world's cycle is in goal setting at WORLD_NOW; time moves on from there.
  const clock = worldClock();
  const ports = {};
  // As the server wires it: download links and card images when PUBLIC_URL is set.
  const { config } = parsed;
  const signer = new LinkSigner(config.LINK_SECRET);
  const links = config.PUBLIC_URL
    ? { signer, baseUrl: config.PUBLIC_URL, ttlHours: config.LINK_TTL_HOURS }
    : undefined;
  // Teams' chats take no file from the bot (its platform module says so): files go as links.
  const fileless = new Set(teamsPlatform.takesFiles ? [] : [teamsPlatform.name]);
  const router = new PlatformRouter(ports, new FileKeeper({ db: db.db, clock, links }), fileless);
  const background = new BackgroundChatPort(router, {
    concurrency: 4,
    maxQueued: 100,
    onError: () => {},
    onPermanent: async () => {},
  });
  const bot = new Bot({
    fileless,
    db: db.db,
    clock,
    chat: background,
    defaults: { locale: 'es', timezone: 'America/Mexico_City' },
    ...(links ? { links } : {}),
  });
  const inbox = new Inbox({
    db: db.db,
    clock,
    worker: 'test',
    leaseMs: 30_000,
    onError: () => {},
  });
  const teams = new TeamsAdapter({ config: parsed.config, core: coreOf(bot, { inbox }), clock, log });
  Object.assign(ports, { teams: teams.port });
  const server = createHttpServer({
    platforms: [{ routes: teamsPlatform.routes, listener: (req, res) => teams.handle(req, res) }],
    files: downloadHandler({ db: db.db, clock, chat: background }, signer),
    images: imageHandler({ db: db.db, clock }, signer),
    health: () => ping(db.db),
  });
  const port = await listen(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, server, background, router, inbox, teams, bot };
}

let seq = 0;
export function activity(from: string, extra: Record<string, unknown>) {
  return {
    type: 'message',
    id: `act-${++seq}`,
    timestamp: new Date().toISOString(),
    serviceUrl: `${SERVICE}/amer/`,
    channelId: 'msteams',
    from: { id: from, name: from, aadObjectId: `aad-${from}` },
    conversation: { id: `a:conv-${from}`, conversationType: 'personal', tenantId: TENANT },
    recipient: { id: '28:bot', name: 'Mentoría' },
    locale: 'es-MX',
    localTimezone: 'America/Mexico_City',
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
}

export async function send(url: string, body: object, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * The Bot Connector as a test sees it: member lookups answered from `members` (404 for anyone
 * else), and every posted activity recorded with its conversation.
 */
export function interceptConnector(
  posted: Posted[],
  members: Record<string, { name: string; email: string }>,
) {
  nock(SERVICE)
    .persist()
    .get(/\/amer\/v3\/conversations\/[^/]+\/members\/.+/)
    .reply(async (request: Request) => {
      const { uri } = await intercepted(request);
      const id = decodeURIComponent(uri.split('/members/')[1] ?? '');
      const m = members[id];
      return m
        ? [200, { id, name: m.name, email: m.email, userPrincipalName: m.email }]
        : [404, { error: { code: 'MemberNotFound' } }];
    })
    .post(/\/amer\/v3\/conversations\/.+\/activities.*/)
    .reply(async (request: Request) => {
      const { uri, body } = await intercepted(request);
      const conversation = decodeURIComponent(uri.split('/conversations/')[1]?.split('/')[0] ?? '');
      posted.push({ conversation, activity: typeof body === 'string' ? JSON.parse(body) : body });
      return [200, { id: `sent-${posted.length}` }];
    });
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
}
