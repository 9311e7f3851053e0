import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type OpenDatabase, openPostgres } from '../../src/store/db.ts';
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

const pgbouncer = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].some((p) => existsSync(p));
if (inject('pgUrl') && !pgbouncer)
  console.warn(
    'test:faults: PgBouncer is not installed here, so its suite is skipped (.ci/run installs it).',
  );

/**
 * Managed PostgreSQL often sits behind a pooler in transaction mode (Debian's PgBouncer 1.18
 * here): each transaction may run on another server connection, so a statement prepared on one
 * is unknown on the next. With DATABASE_PREPARED_STATEMENTS=false the server migrates, answers
 * chat traffic and sends reminders through it.
 */
describe.skipIf(!inject('pgUrl') || !pgbouncer)('behind PgBouncer in transaction mode', () => {
  let dir: string;
  let name: string;
  let direct: string;
  let pooled: string;
  let db: OpenDatabase;
  let server: ServerProcess | undefined;
  let standIn: Awaited<ReturnType<typeof slackStandIn>>;

  beforeAll(async () => {
    // An empty database: the server's own migrations run through the pooler.
    const admin = new pg.Client({ connectionString: inject('pgUrl') });
    await admin.connect();
    name = `mentoria_pgb_${Date.now().toString(36)}`;
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(inject('pgUrl'));
    url.pathname = `/${name}`;
    direct = url.toString();
    dir = mkdtempSync(join(tmpdir(), 'mentoria-faults-pgbouncer-'));
    execFileSync('chmod', ['755', dir]);
    pooled = execFileSync('bash', ['scripts/pgbouncer.sh', 'start', dir, direct], {
      encoding: 'utf8',
    }).trim();
    standIn = await slackStandIn(5);
  });
  afterAll(async () => {
    if (server) await stopServer(server);
    standIn?.close();
    await db?.close();
    if (dir) execFileSync('bash', ['scripts/pgbouncer.sh', 'stop', dir]);
    const admin = new pg.Client({ connectionString: inject('pgUrl') });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('named statements fail through it, unnamed ones do not', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => sql`select ${sql.lit(i)}::int + ${i} as n`);
    const run = async (prepared: boolean) => {
      const through = openPostgres(pooled, { max: 6, prepared });
      try {
        const results = await Promise.allSettled(
          Array.from({ length: 240 }, (_, i) =>
            (texts[i % texts.length] as (typeof texts)[number]).execute(through.db),
          ),
        );
        return results
          .filter((r) => r.status === 'rejected')
          .map((r) => (r.reason as { code?: string }).code);
      } finally {
        await through.close();
      }
    };
    // "prepared statement … does not exist" (26000): it lives on another server session; or
    // "… already exists" (42P05): this session got it from another client.
    const named = await run(true);
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((code) => code === '26000' || code === '42P05')).toBe(true);
    expect(await run(false)).toEqual([]);
  });

  it('migrates, answers chat traffic and sends reminders through it with DATABASE_PREPARED_STATEMENTS=false', async () => {
    server = await startServer({
      DATABASE_URL: pooled,
      DATABASE_PREPARED_STATEMENTS: 'false',
      SLACK_API_URL: `${standIn.url}/api/`,
    });
    // The migrations ran through the pooler.
    db = openPostgres(direct, { max: 2 });
    const applied = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(db.db);
    expect(applied.rows[0]?.n).toBeGreaterThan(10);
    // Chat traffic: 60 people ask for help at once; every one is answered.
    const users = Array.from({ length: 60 }, (_, i) => `UH${i}`);
    const codes = await Promise.all(
      users.map(async (user) => {
        const body = slashCommand('ayuda', user, `${standIn.url}/respond/${user}`);
        const res = await fetch(`${server?.url}/slack/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body) },
          body,
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(codes.every((c) => c === 200)).toBe(true);
    const helped = () =>
      new Set(
        standIn.calls
          .filter((c) => JSON.stringify(c.params).includes('Qué puedo hacer'))
          .map((c) => String(c.params.channel ?? c.params.user ?? '')),
      );
    await eventually(() => (helped().size >= users.length ? true : undefined), 30_000);
    // Reminders: 100 due welcomes are each sent once.
    const queue = await seedSlackCycle(db, 100, 'R');
    await queue();
    const sent = async () =>
      Number(
        (
          await db.db
            .selectFrom('nudges')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '=', 'sent')
            .executeTakeFirstOrThrow()
        ).n,
      );
    await eventually(async () => ((await sent()) === 100 ? true : undefined), 60_000);
    const channels = standIn.calls
      .filter((c) => c.method === 'chat.postMessage' && String(c.params.channel).startsWith('DR'))
      .map((c) => String(c.params.channel));
    expect(new Set(channels).size).toBe(100);
    expect(channels.length).toBe(100);
    // Nothing failed on a statement the pooler could not find.
    expect(server.output()).not.toMatch(/prepared statement .* does not exist/);
    expect(server.alive()).toBe(true);
  });
});
