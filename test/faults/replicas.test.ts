import { afterEach, describe, expect, inject, it } from 'vitest';
import type { OpenDatabase } from '../../src/store/db.ts';
import { openFreshPostgres } from '../support/databases.ts';
import {
  eventually,
  type ServerProcess,
  seedSlackCycle,
  signedHeaders,
  slackStandIn,
  slashCommand,
  startServer,
  stopServer,
} from './support.ts';

const statuses = async (db: OpenDatabase) =>
  Object.fromEntries(
    (
      await db.db
        .selectFrom('nudges')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute()
    ).map((r) => [r.status, Number(r.n)]),
  );

describe.skipIf(!inject('pgUrl'))('several server processes on one PostgreSQL', () => {
  let db: OpenDatabase & { url: string };
  let servers: ServerProcess[] = [];
  let standIn: Awaited<ReturnType<typeof slackStandIn>>;
  afterEach(async () => {
    await Promise.all(servers.map(stopServer));
    servers = [];
    standIn?.close();
    await db?.close();
  });

  const postsPerChannel = () => {
    const counts = new Map<string, number>();
    for (const c of standIn.calls.filter((c) => c.method === 'chat.postMessage'))
      counts.set(c.params.channel as string, (counts.get(c.params.channel as string) ?? 0) + 1);
    return counts;
  };

  it('three replicas send each due reminder exactly once', async () => {
    db = await openFreshPostgres(inject('pgUrl'), 4);
    const queue = await seedSlackCycle(db, 300);
    standIn = await slackStandIn(5);
    const env = { DATABASE_URL: db.url, SLACK_API_URL: `${standIn.url}/api/` };
    servers = await Promise.all([startServer(env), startServer(env), startServer(env)]);
    await queue();
    await eventually(async () => ((await statuses(db)).sent === 300 ? true : undefined));
    const counts = postsPerChannel();
    expect(counts.size).toBe(300);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(servers.every((s) => s.alive())).toBe(true);
  });

  it('a replica killed with SIGKILL mid-dispatch loses nothing: the others send its reminders', async () => {
    db = await openFreshPostgres(inject('pgUrl'), 4);
    const queue = await seedSlackCycle(db, 600);
    standIn = await slackStandIn(40);
    const env = { DATABASE_URL: db.url, SLACK_API_URL: `${standIn.url}/api/`, NUDGE_LEASE_SECONDS: '3' };
    servers = await Promise.all([startServer(env), startServer(env), startServer(env)]);
    await queue();
    await eventually(() => (postsPerChannel().size >= 120 ? true : undefined));
    const victim = servers[0] as ServerProcess;
    victim.child.kill('SIGKILL');
    await eventually(() => (victim.alive() ? undefined : true));
    // Everyone gets the message: the killed replica's claimed rows return after their lease.
    await eventually(async () => ((await statuses(db)).sent === 600 ? true : undefined), 90_000);
    const counts = postsPerChannel();
    expect(counts.size).toBe(600);
    // At most what the killed replica had sent but not yet marked (it marks every 100 or 250 ms).
    const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(100);
    expect(await statuses(db)).toEqual({ sent: 600 });
  });

  it('a replica killed with SIGKILL after acknowledging reads loses none: another answers them', async () => {
    db = await openFreshPostgres(inject('pgUrl'), 4);
    await seedSlackCycle(db, 0);
    // Slow answers, so that the victim still holds most of what it acknowledged when it dies.
    standIn = await slackStandIn(200);
    const env = { DATABASE_URL: db.url, SLACK_API_URL: `${standIn.url}/api/`, INBOX_LEASE_SECONDS: '3' };
    servers = await Promise.all([startServer(env), startServer(env)]);
    const [victim, survivor] = servers as [ServerProcess, ServerProcess];
    const users = Array.from({ length: 150 }, (_, i) => `U${i}`);
    const statuses = await Promise.all(
      users.map(async (user) => {
        const body = slashCommand('ayuda', user, `${standIn.url}/respond/${user}`);
        const res = await fetch(`${victim.url}/slack/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body) },
          body,
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    victim.child.kill('SIGKILL');
    await eventually(() => (victim.alive() ? undefined : true));
    const helped = () =>
      new Set(
        standIn.calls
          .filter(
            (c) => c.method === 'chat.postMessage' && JSON.stringify(c.params).includes('Qué puedo hacer'),
          )
          .map((c) => c.params.channel),
      );
    const answeredByVictim = helped().size;
    expect(answeredByVictim).toBeLessThan(users.length);
    // Every person gets the answer: the survivor claims what the victim held once its lease ends.
    await eventually(() => (helped().size === users.length ? true : undefined), 60_000);
    expect(survivor.alive()).toBe(true);
    await eventually(async () =>
      (await db.db.selectFrom('inbox').select('key').execute()).length === 0 ? true : undefined,
    );
  });
});
