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

/**
 * A rolling deploy: SIGTERM to a replica under load. It stops taking requests, finishes what it is
 * sending, and hands back at once what it claimed and had not started — reminders and acknowledged
 * reads — so the survivor serves them long before the ten-minute leases would have let it.
 */
describe.skipIf(!inject('pgUrl'))('SIGTERM to a replica under load', () => {
  let db: OpenDatabase & { url: string };
  let servers: ServerProcess[] = [];
  let standIn: Awaited<ReturnType<typeof slackStandIn>>;
  afterEach(async () => {
    await Promise.all(servers.map(stopServer));
    servers = [];
    standIn?.close();
    await db?.close();
  });

  it('hands back its claimed reminders and reads at once; the survivor sends and answers each once', async () => {
    db = await openFreshPostgres(inject('pgUrl'), 4);
    const queue = await seedSlackCycle(db, 400);
    // Slow sends, so that the replica still holds most of what it claimed when it is told to stop.
    standIn = await slackStandIn(60);
    const env = {
      DATABASE_URL: db.url,
      SLACK_API_URL: `${standIn.url}/api/`,
      NUDGE_LEASE_SECONDS: '600',
      INBOX_LEASE_SECONDS: '600',
    };
    const leaving = await startServer(env);
    servers = [leaving];
    // Reads acknowledged by the leaving replica, answered slowly (60 ms a post).
    const users = Array.from({ length: 80 }, (_, i) => `UR${i}`);
    const acks = await Promise.all(
      users.map(async (user) => {
        const body = slashCommand('ayuda', user, `${standIn.url}/respond/${user}`);
        const res = await fetch(`${leaving.url}/slack/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body) },
          body,
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(acks.every((s) => s === 200)).toBe(true);
    await queue();
    const posted = (prefix: string) =>
      standIn.calls.filter(
        (c) => c.method === 'chat.postMessage' && String(c.params.channel).startsWith(prefix),
      );
    await eventually(() => (posted('D').length >= 20 ? true : undefined));
    const pid = leaving.child.pid;
    leaving.child.kill('SIGTERM');
    await eventually(() => (leaving.alive() ? undefined : true), 30_000);
    expect(leaving.child.exitCode).toBe(0);
    // Asserted on the claims: nothing is held by the stopped replica (its leases had ten minutes to run).
    const heldNudges = await db.db
      .selectFrom('nudges')
      .select('id')
      .where('claimed_by', 'like', `%:${pid}`)
      .execute();
    const heldReads = await db.db
      .selectFrom('inbox')
      .select('key')
      .where('claimed_by', 'like', `%:${pid}`)
      .execute();
    expect(heldNudges).toEqual([]);
    expect(heldReads).toEqual([]);
    const sentBefore = posted('D').length;
    expect(sentBefore).toBeLessThan(400);
    // The survivor sends the rest and answers the reads: each once, before any lease could expire.
    const survivor = await startServer(env);
    servers = [survivor];
    await eventually(async () => {
      const row = await db.db
        .selectFrom('nudges')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow();
      return Number(row.n) === 400 ? true : undefined;
    }, 120_000);
    const welcomes = posted('D').filter((c) => !String(c.params.channel).startsWith('DUR'));
    expect(new Set(welcomes.map((c) => c.params.channel)).size).toBe(400);
    expect(welcomes.length).toBe(400);
    const helped = () =>
      standIn.calls.filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          String(c.params.channel).startsWith('DUR') &&
          JSON.stringify(c.params).includes('Qué puedo hacer'),
      );
    await eventually(
      () => (new Set(helped().map((c) => c.params.channel)).size === users.length ? true : undefined),
      60_000,
    );
    expect(helped().length).toBe(users.length);
    expect(await db.db.selectFrom('inbox').select('key').execute()).toEqual([]);
  });
});
