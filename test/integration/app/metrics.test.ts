import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../../adapters/http/server.ts';
import { Bot } from '../../../src/flows/bot.ts';
import { Core } from '../../../src/flows/core.ts';
import { Metrics } from '../../../src/metrics.ts';
import { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { inboxStats } from '../../../src/store/inbox.store.ts';
import { dueStats } from '../../../src/store/nudge.store.ts';
import { pausedByPlatform } from '../../../src/store/tenant.store.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import {
  ChatDeliveryError,
  FAST_LIMITS,
  RecordingChat,
  worldWithDueReminders,
} from '../../support/nudges.ts';

const TOKEN = 'metrics-token-0123456789abcdef';

/** The value of one sample in Prometheus' text format (labels in any order), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  let db: OpenDatabase;
  let server: Server;
  let url: string;
  let metrics: Metrics;
  let w: Awaited<ReturnType<typeof worldWithDueReminders>>['w'];
  beforeAll(async () => {
    db = await openMigratedPGlite();
    ({ w } = await worldWithDueReminders(db.db, 3));
    metrics = new Metrics({
      inbox: () => inboxStats(db.db, w.clock.now()),
      reminders: () => dueStats(db.db, w.clock.now()),
      paused: () => pausedByPlatform(db.db),
    });
    server = createHttpServer(
      { metrics, health: async () => true },
      { metricsToken: TOKEN, observer: metrics },
    );
    url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    server?.close();
    await db?.close();
  });
  const scrape = async (token = TOKEN) => {
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  };

  it('needs its token: none or a wrong one is refused, the right one reads', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await scrape('metrics-token-0123456789abcdeX')).status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.type).toContain('text/plain');
    // Node's own figures are there: event-loop lag and memory.
    expect(sample(ok.text, 'mentoria_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(ok.text, 'mentoria_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('moves with traffic: turns by platform and kind, reminders due and sent by outcome, the inbox, requests served', async () => {
    const before = (await scrape()).text;
    expect(sample(before, 'mentoria_reminders_due')).toBe(6);
    expect(sample(before, 'mentoria_reminders_lag_seconds')).toBeGreaterThanOrEqual(60);
    // Chat traffic through the core.
    const bot = new Bot({
      db: db.db,
      clock: w.clock,
      chat: new RecordingChat(),
      defaults: { locale: 'es', timezone: 'UTC' },
    });
    const core = new Core({ bot, observer: metrics });
    for (let i = 0; i < 3; i++)
      await core.handle({
        eventId: `ev-${i}`,
        tenantId: w.tenant.id,
        platform: 'slack',
        kind: 'message',
        text: 'ayuda',
        user: { externalId: `U-METRICS-${i}`, name: 'Ana' },
      });
    // Reminders: Luis's platform refuses with a 429 once, the rest go out.
    const chat = new RecordingChat();
    chat.failWith = (identity, attempt) =>
      identity.externalId === 'ULUIS' && attempt === 1
        ? new ChatDeliveryError('rate_limited', 'ratelimited', 1)
        : undefined;
    await new Dispatcher({
      db: db.db,
      clock: w.clock,
      chat,
      worker: 'w',
      limits: FAST_LIMITS,
      observer: metrics,
    }).drain();
    // A read waiting in the inbox.
    await db.db
      .insertInto('inbox')
      .values({
        key: 'slack:metrics',
        platform: 'slack',
        payload: '{}',
        received_at: new Date(w.clock.now().getTime() - 90_000),
        attempts: 0,
      } as never)
      .execute();
    const after = (await scrape()).text;
    expect(sample(after, 'mentoria_turn_seconds_count', { platform: 'slack', kind: 'message' })).toBe(3);
    expect(sample(after, 'mentoria_sends_total', { platform: 'slack', outcome: 'sent' })).toBe(
      chat.delivered.length,
    );
    expect(sample(after, 'mentoria_sends_total', { platform: 'slack', outcome: 'rate_limited' })).toBe(1);
    // Due now: the one put back after its 429, and whatever the turns queued (welcomes), as the table says.
    const pending = await db.db
      .selectFrom('nudges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .where('due_at', '<=', w.clock.now())
      .executeTakeFirstOrThrow();
    expect(sample(after, 'mentoria_reminders_due')).toBe(Number(pending.n));
    expect(chat.delivered.length).toBe(5);
    expect(sample(after, 'mentoria_inbox_depth')).toBe(1);
    expect(sample(after, 'mentoria_inbox_oldest_seconds')).toBeGreaterThanOrEqual(90);
    // Each scrape was itself a request served.
    expect(
      sample(after, 'mentoria_http_request_seconds_count', { route: 'metrics', status: '200' }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('counts the workspaces whose platform refuses the bot’s token, from the first refusal to the first send through', async () => {
    const paused = async () =>
      sample((await scrape()).text, 'mentoria_workspaces_paused', { platform: 'slack' });
    expect(await paused()).toBe(0);
    expect(sample((await scrape()).text, 'mentoria_workspaces_paused', { platform: 'teams' })).toBe(0);
    // A Slack workspace (the test world's tenants are the console's).
    const other = await worldWithDueReminders(db.db, 1, 'metrics-paused');
    await db.db
      .updateTable('tenants')
      .set({ platform: 'slack' })
      .where('id', '=', other.w.tenant.id)
      .execute();
    let revoked = true;
    const chat = new RecordingChat();
    chat.failWith = (identity) =>
      revoked && identity.tenantId === other.w.tenant.id
        ? new ChatDeliveryError('rate_limited', 'token_revoked', 60_000, 'workspace')
        : undefined;
    const dispatcher = new Dispatcher({
      db: db.db,
      clock: other.w.clock,
      chat,
      worker: 'w-paused',
      limits: FAST_LIMITS,
      monotonic: () => other.w.clock.now().getTime(),
    });
    await dispatcher.drain();
    expect(await paused()).toBe(1);
    revoked = false;
    other.w.clock.advance(61_000);
    await dispatcher.drain();
    expect(chat.delivered.length).toBeGreaterThan(0);
    expect(await paused()).toBe(0);
  });

  it('without a token, answers this machine only, not a client a proxy forwards', async () => {
    const open = createHttpServer({ metrics, health: async () => true }, { proxyHops: 1 });
    const openUrl = `http://127.0.0.1:${await listen(open, 0, '127.0.0.1')}`;
    try {
      expect((await fetch(`${openUrl}/metrics`)).status).toBe(200);
      expect(
        (await fetch(`${openUrl}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status,
      ).toBe(403);
    } finally {
      open.close();
    }
  });
});
