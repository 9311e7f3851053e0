import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { ManualClock } from '../../src/clock.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import type { Db } from '../../src/store/db.ts';
import { LIMITS } from './limits.ts';
import { freshDatabase } from './postgres.ts';
import { COHORT_CYCLE, seedCohort, seedDueSessionReminders } from './seed.ts';
import { type Conversation, StandInPlatform } from './stand-in-platform.ts';

const NOW = new Date('2026-03-10T16:00:00Z');

const count = async (db: Db, where: 'open' | 'sent') =>
  Number(
    (
      await sql<{ n: number }>`select count(*)::int as n from nudges
        where status = any(${where === 'open' ? ['pending', 'claimed'] : ['sent']}::text[])`.execute(db)
    ).rows[0]?.n ?? 0,
  );

/**
 * 100,000 due nudges (two session reminders per person) to 50,000 people over Slack-like and
 * Teams-like tenants. Each tenant's share is proportional to its ceiling, so the limits allow the
 * whole workload in about a minute; `allowed` is that bound (per second).
 */
async function seedWorkload(db: Db, people: number): Promise<{ total: number; allowed: number }> {
  const slackTenants = 20;
  const teamsTenants = 20;
  const weight = slackTenants * LIMITS.slack.perTenant + teamsTenants * LIMITS.teams.perTenant;
  const pairsFor = (ceiling: number) => Math.round(((people / 2) * ceiling) / weight);
  const tenants = [
    ...Array.from({ length: slackTenants }, (_, i) => ({
      id: `s${i}`,
      platform: 'slack' as const,
      pairs: pairsFor(LIMITS.slack.perTenant),
    })),
    ...Array.from({ length: teamsTenants }, (_, i) => ({
      id: `m${i}`,
      platform: 'teams' as const,
      pairs: pairsFor(LIMITS.teams.perTenant),
    })),
  ];
  await seedCohort(db, {
    tenants,
    cycle: COHORT_CYCLE,
  });
  const total = await seedDueSessionReminders(db, NOW);
  // The bound the limits allow: the slowest tenant (its nudges over its ceiling) decides.
  const perTenant = await sql<{ tenant_id: string; platform: string; n: number }>`
    select n.tenant_id, t.platform, count(*)::int as n from nudges n join tenants t on t.id = n.tenant_id group by 1, 2`.execute(
    db,
  );
  const makespan = Math.max(
    ...perTenant.rows.map(
      (r) => r.n / (r.platform === 'teams' ? LIMITS.teams.perTenant : LIMITS.slack.perTenant),
    ),
  );
  return { total, allowed: total / makespan };
}

/** Waits until no row is pending or claimed (at most ten minutes); the seconds it took. */
async function untilSent(db: Db, started: number, between: () => Promise<void>): Promise<number> {
  while ((await count(db, 'open')) > 0 && performance.now() - started < 10 * 60_000) await between();
  return (performance.now() - started) / 1000;
}

/** What the platform saw against what was due: duplicates, losses, 429s, the rate achieved. */
async function outcome(
  db: Db,
  platform: StandInPlatform,
  workload: { total: number; allowed: number; people: number },
  seconds: number,
): Promise<Record<string, number>> {
  if (process.env.BENCH_TIMELINE)
    console.error(platform.timeline.map((t, i) => `${i}:${t.slack}/${t.teams}`).join(' '));
  const { total, allowed, people } = workload;
  const duplicates = [...platform.deliveries.values()].reduce((sum, n) => sum + (n - 1), 0);
  const attempts = platform.accepted + platform.rateLimited;
  return {
    nudges: total,
    people,
    sent: await count(db, 'sent'),
    duplicates,
    lost: total - platform.deliveries.size,
    rate_limited: platform.rateLimited,
    rate_limited_pct: Math.round((platform.rateLimited / Math.max(1, attempts)) * 10_000) / 100,
    seconds: Math.round(seconds * 10) / 10,
    achieved_per_s: Math.round(total / seconds),
    allowed_per_s: Math.round(allowed),
    ratio: Math.round((total / seconds / allowed) * 1000) / 1000,
  };
}

/**
 * The workload through one dispatcher in this process, against a stand-in platform that answers
 * 429 past its limits; `ratio` is how close it gets to what the limits allow.
 */
export async function nudgeDispatch(serverUrl: string, quick: boolean): Promise<Record<string, number>> {
  const people = quick ? 5_000 : 50_000;
  const db = await freshDatabase(serverUrl, 12);
  try {
    const workload = { ...(await seedWorkload(db.db, people)), people };
    const platform = new StandInPlatform(LIMITS);
    const clock = new ManualClock(NOW);
    const dispatcher = new Dispatcher({
      db: db.db,
      clock,
      chat: platform,
      worker: 'bench',
      limits: LIMITS,
      concurrency: 256,
      maxInlineWaitMs: 2_000,
      leaseMs: 10 * 60_000,
    });
    const started = performance.now();
    // The dispatcher's own clock moves with real time, so requeued rows come due again.
    const ticker = setInterval(() => clock.set(new Date(NOW.getTime() + (performance.now() - started))), 50);
    const seconds = await untilSent(db.db, started, async () => {
      await dispatcher.drain();
      await new Promise((r) => setTimeout(r, 100));
    });
    clearInterval(ticker);
    return await outcome(db.db, platform, workload, seconds);
  } finally {
    await db.close();
  }
}

/**
 * The same workload sent by three dispatcher processes on one database, as three replicas of the
 * server would (its settings, its loop), to one stand-in platform over HTTP: together they must
 * keep within each tenant's ceiling, so few sends meet a 429, while getting close to it.
 */
export async function nudgeDispatchReplicas(
  serverUrl: string,
  quick: boolean,
): Promise<Record<string, number>> {
  const people = quick ? 5_000 : 50_000;
  const db = await freshDatabase(serverUrl, 4);
  const platform = new StandInPlatform(LIMITS);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Conversation & { text: string };
      setTimeout(() => {
        const retryAfter = platform.receive(body, body.text);
        if (retryAfter > 0) res.writeHead(429, { 'retry-after': String(retryAfter / 1000) }).end();
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, platform.latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  const replicas: ChildProcess[] = [];
  try {
    const workload = { ...(await seedWorkload(db.db, people)), people };
    const ready: Promise<void>[] = [];
    for (const worker of ['r1', 'r2', 'r3']) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/bench/dispatch-replica.ts', db.url, url, worker, NOW.toISOString()],
        { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
      );
      replicas.push(child);
      ready.push(new Promise((resolve) => child.once('message', () => resolve())));
    }
    await Promise.all(ready);
    const started = performance.now();
    for (const child of replicas) child.send('go');
    const seconds = await untilSent(db.db, started, () => new Promise((r) => setTimeout(r, 100)));
    return await outcome(db.db, platform, workload, seconds);
  } finally {
    await Promise.all(
      replicas.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    server.close();
    await db.close();
  }
}
