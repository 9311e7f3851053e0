import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../../src/store/db.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import {
  eventually,
  type ServerProcess,
  signedHeaders,
  slackStandIn,
  slashCommand,
  startServer,
  stopServer,
} from './support.ts';

/** Its own PostgreSQL cluster, since this test stops and starts it under a running server. */
describe.skipIf(!inject('pgUrl'))('PostgreSQL restarts while the server runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentoria-restart-pg-'));
  let url = '';
  let server: ServerProcess;
  let standIn: Awaited<ReturnType<typeof slackStandIn>>;
  let n = 0;
  const pgCluster = (cmd: string) =>
    execFileSync('bash', ['scripts/pg-cluster.sh', cmd, dir], { encoding: 'utf8' }).trim();

  beforeAll(async () => {
    execFileSync('chmod', ['755', dir]);
    const admin = pgCluster('start');
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query('create database mentoria');
    await client.end();
    const u = new URL(admin);
    u.pathname = '/mentoria';
    url = u.toString();
    const db = openPostgres(url, { max: 2 });
    await migrateToLatest(db.db);
    await db.close();
    standIn = await slackStandIn();
    server = await startServer({ DATABASE_URL: url, SLACK_API_URL: `${standIn.url}/api/` });
  });
  afterAll(async () => {
    if (server) await stopServer(server);
    standIn?.close();
    pgCluster('stop');
  });

  /** A signed slash command; resolves with the HTTP status and what the bot then said (DM or response_url). */
  async function ask(text: string): Promise<{ status: number; answer: string }> {
    const id = ++n;
    const from = standIn.calls.length;
    const body = slashCommand(text, 'U1', `${standIn.url}/respond/${id}`);
    const res = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body) },
      body,
    });
    await res.arrayBuffer();
    const said = () =>
      standIn.calls
        .slice(from)
        .filter(
          (c) =>
            c.method === `/respond/${id}` || (c.method === 'chat.postMessage' && c.params.channel === 'DU1'),
        );
    await eventually(() => (said().length ? true : undefined), 20_000).catch((error: Error) => {
      throw new Error(
        `${error.message} for "${text}" (HTTP ${res.status}); server said: ${server
          .output()
          .split('\n')
          .filter((l) => !l.includes('dispatcher') && !l.includes('NODE-CRON') && !l.includes('    at '))
          .join('\n')
          .slice(-3000)}; stand-in saw: ${JSON.stringify(standIn.calls.slice(from).map((c) => c.method))}`,
      );
    });
    await new Promise((r) => setTimeout(r, 300));
    return { status: res.status, answer: JSON.stringify(said().map((c) => c.params)) };
  }

  it('answers normally, then "try again" while the database is down, then normally again', async () => {
    const before = await ask('ayuda');
    expect(before.status).toBe(200);
    expect(before.answer).toContain('Qué puedo hacer');

    pgCluster('halt');
    const read = await ask('ayuda');
    expect(read.status).toBe(200);
    expect(read.answer).toContain('Inténtalo de nuevo en un momento');
    const write = await ask('meta nueva');
    expect(write.status).toBe(200);
    expect(write.answer).toContain('Inténtalo de nuevo en un momento');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
    expect(server.alive()).toBe(true);

    pgCluster('resume');
    await eventually(
      async () => ((await fetch(`${server.url}/healthz`)).status === 200 ? true : undefined),
      30_000,
    );
    const after = await ask('ayuda');
    expect(after.status).toBe(200);
    expect(after.answer).toContain('Qué puedo hacer');
    expect(server.alive()).toBe(true);
  });
});
