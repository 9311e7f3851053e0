import './require-node.ts';
import { fstatSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConsoleChat, runConsole } from '../adapters/console/console.adapter.ts';
import { createHttpServer, listen } from '../adapters/http/server.ts';
import { enabledPlatforms, loadServerConfigOrExit, PLATFORMS } from '../adapters/platforms.ts';
import { loggerFor, openMigratedDatabase } from './boot.ts';
import { type Clock, OffsetClock, systemClock } from './clock.ts';
import { type Config, encryptionKeys } from './config.ts';
import { loadDotEnv } from './env.ts';
import { BackgroundChatPort, PlatformRouter } from './flows/background-port.ts';
import { Bot } from './flows/bot.ts';
import { Core } from './flows/core.ts';
import type { ChatPort } from './flows/ports.ts';
import type { Logger } from './log.ts';
import { Metrics } from './metrics.ts';
import type { PlatformModule, PlatformRuntime } from './platforms.ts';
import { FilePool } from './reports/file-pool.ts';
import { Dispatcher, type SendLimits } from './scheduler/dispatcher.ts';
import { planTick } from './scheduler/planner.ts';
import { startScheduler } from './scheduler/scheduler.ts';
import { type AiCoach, openAiCoach } from './services/ai-coach.service.ts';
import { verifyHandler } from './services/certificate.service.ts';
import { consolePeople, seedDemo } from './services/demo.service.ts';
import { downloadHandler, imageHandler } from './services/downloads.ts';
import { Inbox } from './services/inbox.ts';
import { FileKeeper } from './services/kept-files.ts';
import { LinkSigner } from './services/links.ts';
import { type OpenDatabase, ping } from './store/db.ts';
import { inboxStats } from './store/inbox.store.ts';
import { migrationsCurrent } from './store/migrate.ts';
import { dueStats } from './store/nudge.store.ts';
import { deactivateIdentity } from './store/person.store.ts';
import { SecretBox } from './store/secret-box.ts';
import { pausedByPlatform } from './store/tenant.store.ts';

// The composition root: the one file of src/ that may import adapters (the command line gets the
// platform list from its entry point, bin/mentoria.js).
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadServerConfigOrExit();
  const server = enabledPlatforms(config).length > 0;
  // Servers log at info; the console chat at warn (logs would drown the conversation).
  const log = loggerFor(config, !server);
  const database = await openMigratedDatabase(config, log);
  const stop = async (code = 0) => {
    await database.close().catch(() => {});
    process.exit(code);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  if (server) {
    await runServer(config, database, log);
    return;
  }

  // The console's clock can be moved forward (/reloj) to see reminders and session reports.
  const clock = new OffsetClock();
  const defaults = { locale: config.DEFAULT_LOCALE, timezone: config.DEFAULT_TIMEZONE };
  const { tenant, seeded } = await seedDemo(database.db, clock.now(), defaults);
  const es = config.DEFAULT_LOCALE === 'es';
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const people = await consolePeople(database.db, tenant, clock.now());
  const first = seeded ? people.find((p) => p.handle === 'ana') : people[0];
  const chat = new ConsoleChat(out, join(config.DATA_DIR, 'files'), first?.handle ?? '');
  const bot = new Bot({
    db: database.db,
    clock,
    chat,
    defaults,
    adminEmails: config.ADMIN_EMAILS,
    ...(await aiCoachOf(config)),
    onError: (error, context) => log.error({ err: error, context }, 'core error'),
  });

  const worker = `${hostname()}:${process.pid}`;
  const onError = (error: unknown, context: string) => log.error({ err: error, context }, 'scheduler error');
  const dispatcher = newDispatcher(config, database, clock, chat, worker, onError, { console: 'unlimited' });
  const stdinIsTty = process.stdin.isTTY === true;
  // Started with no input attached (stdin is /dev/null, e.g. in the background): keep serving, no chat.
  const noInput = !stdinIsTty && fstatSync(0).isCharacterDevice();
  const where =
    database.kind === 'pglite'
      ? `${es ? 'base de datos integrada en' : 'embedded database in'} ${config.DATA_DIR}`
      : 'PostgreSQL';
  out(`Mentoría — ${es ? 'chat de consola' : 'console chat'} (${where})`);
  if (seeded) {
    out(
      es
        ? 'Creé un programa de demostración: ana y sofia (mentoradas), luis y marta (sus mentores), carmen (coordinadora) y diego (director).'
        : 'I created a demo program: ana and sofia (mentees), luis and marta (their mentors), carmen (admin) and diego (director).',
    );
  }
  if (!first) {
    out(
      es
        ? 'No hay nadie en este programa todavía. Importa la nómina con «npm run mentoria -- roster import nomina.csv --cycle NOMBRE» y vuelve a abrir la consola.'
        : 'There is nobody in this program yet. Import the roster with "npm run mentoria -- roster import roster.csv --cycle NAME" and open the console again.',
    );
    await stop(0);
    return;
  }
  out(
    es
      ? `Escribes como ${first.handle} (${first.name}). «/quien» lista a las personas, «/as HANDLE» cambia de persona, «/reloj +1d» adelanta el reloj, «/pulsar N» pulsa el botón N aunque sea de otra persona, «/salir» termina. Escribe «ayuda».`
      : `You are typing as ${first.handle} (${first.name}). "/who" lists the people, "/as HANDLE" switches person, "/clock +1d" moves time forward, "/click N" presses button N even if it was sent to someone else, "/exit" quits. Type "help".`,
  );
  // Interactive: reminders also arrive on their own as real time passes. Piped or typed, each line
  // is followed by one planning and sending round, so whatever it made due (a welcome, an
  // introduction, a reminder after `/reloj`) is sent the same way and a script's transcript is stable.
  const scheduler =
    stdinIsTty || noInput
      ? startScheduler({ db: database.db, clock, dispatcher, worker, onError })
      : undefined;
  const tick = async () => {
    await planTick(database.db, clock.now());
    await dispatcher.drain();
  };
  if (noInput) {
    out(
      es
        ? 'Sin entrada de consola: sigo en marcha. Ctrl+C detiene.'
        : 'No console input attached: still running. Ctrl+C stops.',
    );
    return;
  }
  await runConsole({
    core: new Core({ bot }),
    tenant,
    chat,
    clock,
    handles: people.map((p) => p.handle),
    input: process.stdin,
    output: process.stdout,
    echo: !stdinIsTty,
    timezone: config.DEFAULT_TIMEZONE,
    tick,
  });
  await scheduler?.stop();
  await stop(0);
}

/** The reminder dispatcher with each platform's sending limits (and the ones given). */
function newDispatcher(
  config: Config,
  database: OpenDatabase,
  clock: Clock,
  chat: ChatPort,
  worker: string,
  onError: (error: unknown, context: string) => void,
  more: SendLimits = {},
  observer?: Metrics,
): Dispatcher {
  const limits: SendLimits = {
    ...Object.fromEntries(enabledPlatforms(config).map((p) => [p.name, p.limits(config)])),
    ...more,
  };
  return new Dispatcher({
    db: database.db,
    clock,
    chat,
    worker,
    leaseMs: config.NUDGE_LEASE_SECONDS * 1000,
    limits,
    observer,
    onError,
  });
}

/** Server mode: Slack (and later Teams) over HTTP or Socket Mode, reminders in the background. */
async function runServer(config: Config, database: OpenDatabase, log: Logger): Promise<void> {
  const clock = systemClock;
  const defaults = { locale: config.DEFAULT_LOCALE, timezone: config.DEFAULT_TIMEZONE };
  const onError = (error: unknown, context: string) => log.error({ err: error, context }, 'core error');
  // Adapters need the core for inbound events, and the core needs their ports for outbound ones.
  const ports: Record<string, ChatPort> = {};
  const platforms = enabledPlatforms(config);
  const signer = new LinkSigner(config.LINK_SECRET);
  const links = config.PUBLIC_URL
    ? { signer, baseUrl: config.PUBLIC_URL, ttlHours: config.LINK_TTL_HOURS }
    : undefined;
  const fileless = new Set(platforms.filter((p) => !p.takesFiles).map((p) => p.name));
  const router = new PlatformRouter(ports, new FileKeeper({ db: database.db, clock, links }), fileless);
  const background = new BackgroundChatPort(router, {
    concurrency: 8,
    maxQueued: 1_000,
    onError: (error) => log.warn({ err: error }, 'notification not delivered'),
    onPermanent: async (identity, code) => {
      await deactivateIdentity(database.db, identity.tenantId, identity.id, code, clock.now());
    },
  });
  if (config.PUBLIC_URL && !config.LINK_SECRET)
    log.warn('LINK_SECRET is not set: report links work only until this process stops');
  // Report files are built off the event loop by worker threads reading the same database.
  const files =
    config.DATABASE_URL && database.kind === 'postgres' && config.FILE_WORKERS > 0
      ? new FilePool({
          size: config.FILE_WORKERS,
          database: {
            url: config.DATABASE_URL,
            prepared: config.DATABASE_PREPARED_STATEMENTS,
            timeouts: {
              statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
              lockMs: config.DATABASE_LOCK_TIMEOUT_MS,
            },
          },
          onError: (error) => log.error({ err: error }, 'file worker'),
        })
      : undefined;
  const bot = new Bot({
    db: database.db,
    clock,
    files,
    chat: background,
    defaults,
    onError,
    fileless,
    adminEmails: config.ADMIN_EMAILS,
    ...(links ? { links } : {}),
    ...(await aiCoachOf(config)),
  });
  const worker = `${hostname()}:${process.pid}`;
  const inbox = new Inbox({
    db: database.db,
    clock,
    worker,
    leaseMs: config.INBOX_LEASE_SECONDS * 1000,
    onError: (error, context) => log.warn({ err: error, context }, 'inbox'),
  });
  const metrics = new Metrics({
    inbox: () => inboxStats(database.db, clock.now()),
    reminders: () => dueStats(database.db, clock.now()),
    paused: () => pausedByPlatform(database.db),
    pool: () => database.poolStats?.(),
  });
  const core = new Core({ bot, inbox, box: SecretBox.from(encryptionKeys(config)), observer: metrics });
  const running = new Map<PlatformModule, PlatformRuntime>();
  for (const platform of platforms) {
    const runtime = await platform.create({ config, core, clock, log });
    running.set(platform, runtime);
    ports[platform.name] = runtime.port;
  }
  inbox.start();
  const dispatcher = newDispatcher(config, database, clock, router, worker, onError, {}, metrics);
  const scheduler = startScheduler({ db: database.db, clock, dispatcher, worker, onError });
  const server = createHttpServer(
    {
      files: downloadHandler({ db: database.db, clock, chat: background, files }, signer, {
        secureCookies: config.PUBLIC_URL?.startsWith('https://') ?? false,
        publicUrl: config.PUBLIC_URL,
      }),
      images: imageHandler({ db: database.db, clock }, signer),
      verify: verifyHandler({ db: database.db }),
      platforms: [...running].flatMap(([platform, runtime]) =>
        runtime.listener
          ? [{ name: platform.name, routes: platform.routes, listener: runtime.listener }]
          : [],
      ),
      metrics,
      health: () => ping(database.db),
      ready: async () => (await ping(database.db)) && (await migrationsCurrent(database.db)),
    },
    { proxyHops: config.TRUST_PROXY_HOPS, metricsToken: config.METRICS_TOKEN, observer: metrics },
  );
  const port = await listen(server, config.PORT, config.HOST);
  for (const runtime of running.values()) await runtime.start();
  log.info(
    {
      port,
      ...Object.fromEntries(PLATFORMS.map((p) => [p.name, running.get(p)?.mode ?? 'off'])),
    },
    'mentoria server listening',
  );
  const stop = async () => {
    server.close();
    for (const runtime of running.values()) await runtime.stop().catch(() => {});
    await inbox.stop();
    await scheduler.stop();
    await background.idle();
    await files?.close();
    await database.close();
    process.exit(0);
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

/** The AI coach, when the server has a model (LLM_BASE_URL): tenants still opt in one by one. */
async function aiCoachOf(config: Config): Promise<{ aiCoach?: AiCoach; aiMaxCallsPerDay?: number }> {
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) return {};
  return {
    aiCoach: await openAiCoach({
      baseUrl: config.LLM_BASE_URL,
      model: config.LLM_MODEL,
      apiKey: config.LLM_API_KEY,
      timeoutMs: config.LLM_TIMEOUT_MS,
      maxTokens: config.LLM_MAX_TOKENS,
    }),
    aiMaxCallsPerDay: config.LLM_MAX_CALLS_PER_DAY,
  };
}
