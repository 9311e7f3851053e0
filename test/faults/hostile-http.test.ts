import { createServer, type Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { OpenDatabase } from '../../src/store/db.ts';
import { openFreshPostgres } from '../support/databases.ts';
import { type EntraStandIn, entraStandIn } from '../support/entra.ts';
import {
  DATABASE_PASSWORD,
  type ServerProcess,
  SIGNING_SECRET,
  signedHeaders,
  slackStandIn,
  slashCommand,
  startServer,
  stopServer,
} from './support.ts';

const FORM = 'application/x-www-form-urlencoded';

/** Property-based fuzzing of what reaches our HTTP endpoints: never a 5xx from our code, never a crash. */
describe.skipIf(!inject('pgUrl'))('hostile input at the HTTP edge', () => {
  let db: OpenDatabase & { url: string };
  let open: ServerProcess;
  let guarded: ServerProcess;
  let standIn: Awaited<ReturnType<typeof slackStandIn>>;
  let entra: EntraStandIn;
  // A host an attacker controls, on this machine: the server must never call it.
  let trap: { server: Server; url: string; calls: string[] };

  beforeAll(async () => {
    db = await openFreshPostgres(inject('pgUrl'), 4);
    standIn = await slackStandIn();
    entra = await entraStandIn();
    const calls: string[] = [];
    const server = createServer((req, res) => {
      calls.push(`${req.method} ${req.url}`);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"id":"trap","email":"admin@example.org"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    trap = {
      server,
      calls,
      url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    };
    const base = { DATABASE_URL: db.url, SLACK_API_URL: `${standIn.url}/api/` };
    // Teams without credentials (development) to reach the parsing; with credentials to test the tokens.
    [open, guarded] = await Promise.all([
      startServer({ ...base, TEAMS_ANONYMOUS: 'true' }),
      startServer({
        ...base,
        MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
        MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
        MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-000000000002',
        TEAMS_OPENID_METADATA_URL: entra.botConnectorMetadata,
        MICROSOFT_LOGIN_URL: entra.url,
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([open && stopServer(open), guarded && stopServer(guarded)]);
    standIn?.close();
    await entra?.close();
    trap?.server.close();
    await db?.close();
  });

  const post = async (server: ServerProcess, path: string, body: string, headers: Record<string, string>) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body });
    await res.arrayBuffer();
    return res.status;
  };

  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.constantFrom(
      'ayuda',
      'meta nueva',
      'pendientes',
      'admin reporte',
      'cancelar',
      '\u0000',
      '💥'.repeat(3000),
    ),
  );
  const anyJson = fc.jsonValue({ maxDepth: 4 });
  const slackBody = fc.oneof(
    // slash commands with any text and any extra fields
    fc.record({ text, user: fc.string({ minLength: 1, maxLength: 12 }) }).map(({ text, user }) => ({
      type: FORM,
      body: slashCommand(text, user, `${standIn.url}/respond/fuzz`),
    })),
    // interactivity payloads of any shape, and block actions with any ids and values
    anyJson.map((payload) => ({
      type: FORM,
      body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    })),
    fc
      .record({
        action_id: fc.string({ maxLength: 80 }),
        value: fc.string({ maxLength: 3000 }),
        user: fc.string({ maxLength: 12 }),
      })
      .map(({ action_id, value, user }) => ({
        type: FORM,
        body: new URLSearchParams({
          payload: JSON.stringify({
            type: 'block_actions',
            team: { id: 'T1' },
            user: { id: user || 'U1', team_id: 'T1' },
            trigger_id: 't',
            container: { type: 'message', channel_id: 'DU1', message_ts: '1.0' },
            actions: [{ type: 'button', action_id, block_id: 'b', value, action_ts: `${Math.random()}` }],
          }),
        }).toString(),
      })),
    // events of any shape
    anyJson.map((event) => ({
      type: 'application/json',
      body: JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: `Ev${Math.random()}`, event }),
    })),
    // not even well-formed
    fc.string({ maxLength: 500 }).map((body) => ({ type: FORM, body })),
    fc.string({ maxLength: 500 }).map((body) => ({ type: 'application/json', body })),
  );

  it('signed Slack requests of any shape never get a 5xx and never bring the server down', async () => {
    await fc.assert(
      fc.asyncProperty(slackBody, async ({ type, body }) => {
        const status = await post(open, '/slack/events', body, {
          'content-type': type,
          ...signedHeaders(body),
        });
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 60, seed: 11 },
    );
    // The body that used to kill the process inside Bolt's receiver.
    const killer = 'payload=null';
    expect(
      await post(open, '/slack/events', killer, { 'content-type': FORM, ...signedHeaders(killer) }),
    ).toBe(400);
    expect(open.alive()).toBe(true);
  });

  it('download links of any shape are refused, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (path) => {
        const res = await fetch(
          `${open.url}/files/${path.replaceAll('/', '%2F').replaceAll('?', '%3F').replaceAll('#', '%23')}`,
        );
        await res.arrayBuffer();
        expect(res.status).toBeLessThan(500);
        expect(res.status).not.toBe(200);
      }),
      { numRuns: 60, seed: 15 },
    );
  });

  it('limits the public pages per client: past a burst, /files and /slack/install answer 429', async () => {
    const statuses = async (path: string, times: number) => {
      const out: number[] = [];
      for (let i = 0; i < times; i++) {
        const res = await fetch(`${guarded.url}${path}${i}`, { redirect: 'manual' });
        await res.arrayBuffer();
        out.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      return out;
    };
    // Served (an invalid link is 403) until the client's burst is spent, then refused.
    const files = await statuses('/files/guess-', 40);
    expect(files.slice(0, 25).every((s) => s === 403)).toBe(true);
    expect(files.slice(-5)).toEqual([429, 429, 429, 429, 429]);
    const install = await statuses('/slack/install?i=', 15);
    expect(install.slice(-3)).toEqual([429, 429, 429]);
    // Slack's and Teams' endpoints, and health checks, are not limited this way.
    expect((await fetch(`${guarded.url}/healthz`)).status).toBe(200);
  });

  it('refuses forged signatures, stale timestamps and unsigned requests (401), whatever the body', async () => {
    const body = slashCommand('ayuda', 'U1', `${standIn.url}/respond/x`);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 80 }),
        fc.string({ minLength: 1, maxLength: 64 }),
        async (signature, secret) => {
          expect(
            await post(open, '/slack/events', body, {
              'content-type': FORM,
              'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
              'x-slack-signature': signature,
            }),
          ).toBe(401);
          expect(
            await post(open, '/slack/events', body, {
              'content-type': FORM,
              ...signedHeaders(body, `${secret}x`),
            }),
          ).toBe(401);
        },
      ),
      { numRuns: 40, seed: 12 },
    );
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect(
      await post(open, '/slack/events', body, {
        'content-type': FORM,
        ...signedHeaders(body, undefined, stale),
      }),
    ).toBe(401);
    expect(await post(open, '/slack/events', body, { 'content-type': FORM })).toBe(401);
  });

  const activity = fc.record(
    {
      type: fc.oneof(
        fc.constantFrom('message', 'invoke', 'installationUpdate', 'conversationUpdate'),
        fc.string(),
      ),
      name: fc.oneof(fc.constant('adaptiveCard/action'), fc.string()),
      id: fc.string(),
      text: text,
      from: fc.oneof(fc.record({ id: fc.string(), name: fc.string() }), anyJson),
      conversation: fc.oneof(
        fc.record({ id: fc.string(), tenantId: fc.string(), conversationType: fc.constant('personal') }),
        anyJson,
      ),
      serviceUrl: fc.constantFrom('http://127.0.0.1:9/teams/', 'not a url'),
      value: fc.oneof(
        anyJson,
        fc.record({ action: fc.record({ verb: fc.string(), data: fc.dictionary(fc.string(), anyJson) }) }),
      ),
      attachments: fc.array(anyJson, { maxLength: 2 }),
      channelData: anyJson,
    },
    { requiredKeys: ['type'] },
  );

  it('Teams activities of any shape never get a 5xx and never bring the server down', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          activity.map((a) => JSON.stringify(a)),
          fc.string({ maxLength: 300 }),
        ),
        async (body) => {
          const status = await post(open, '/api/messages', body, { 'content-type': 'application/json' });
          expect(status).toBeLessThan(500);
        },
      ),
      { numRuns: 150, seed: 13 },
    );
    expect(open.alive()).toBe(true);
  });

  it('with credentials configured, refuses Teams requests with a missing or invalid token (401)', async () => {
    const body = JSON.stringify({
      type: 'message',
      text: 'ayuda',
      from: { id: '29:x' },
      conversation: { id: 'a:x' },
    });
    expect(await post(guarded, '/api/messages', body, { 'content-type': 'application/json' })).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({
        aud: '00000000-0000-0000-0000-000000000001',
        iss: 'https://api.botframework.com',
        exp: 9999999999,
      }),
    ).toString('base64url')}.`;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.constant(unsigned)), async (token) => {
        const status = await post(guarded, '/api/messages', body, {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
        });
        expect(status).toBe(401);
      }),
      { numRuns: 30, seed: 14 },
    );
    expect(guarded.alive()).toBe(true);
  });

  const APP = '00000000-0000-0000-0000-000000000001';
  const BOT_TENANT = '00000000-0000-0000-0000-000000000002';
  const invoke = (from: string, serviceUrl: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `inv-${Math.random()}`,
      channelId: 'msteams',
      serviceUrl,
      from: { id: from, name: from },
      recipient: { id: '28:bot' },
      conversation: { id: `a:${from}`, conversationType: 'personal', tenantId: BOT_TENANT },
      channelData: { tenant: { id: BOT_TENANT } },
      locale: 'es-MX',
      value: { action: { type: 'Action.Execute', verb: 'menu', data: { value: '{"c":"help"}' } } },
      ...extra,
    });
  const teamsPost = async (body: string, token?: string) => {
    const res = await fetch(`${guarded.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    const text = await res.text();
    return { status: res.status, text };
  };

  it('with credentials, accepts a genuine token (answering in the invoke) and refuses forged ones', async () => {
    const serviceUrl = 'https://smba.trafficmanager.net/amer/';
    const genuine = await entra.sign({
      iss: 'https://api.botframework.com',
      aud: APP,
      serviceurl: serviceUrl,
    });
    const accepted = await teamsPost(invoke('29:real', serviceUrl), genuine);
    expect(accepted.status).toBe(200);
    // The invoke's answer is the core's reply, computed with the token accepted.
    expect(JSON.parse(accepted.text)).toMatchObject({ statusCode: 200 });
    const forged = [
      undefined,
      await entra.sign({ iss: 'https://api.botframework.com', aud: 'someone-else', serviceurl: serviceUrl }),
      await entra.sign({ iss: 'https://evil.example', aud: APP, serviceurl: serviceUrl }),
      await entra.sign(
        { iss: 'https://api.botframework.com', aud: APP, serviceurl: serviceUrl },
        { key: 'foreign' },
      ),
      await entra.sign({
        iss: 'https://api.botframework.com',
        aud: APP,
        serviceurl: serviceUrl,
        exp: 1_000_000,
      }),
    ];
    for (const token of forged)
      expect((await teamsPost(invoke('29:forger', serviceUrl), token)).status).toBe(401);
    expect(guarded.alive()).toBe(true);
  });

  it('never calls a serviceUrl or a file URL an activity names on a host of its own', async () => {
    const real = 'https://smba.trafficmanager.net/amer/';
    // A genuine token replayed with a foreign serviceUrl; a token that names the foreign host.
    const replayed = await entra.sign({ iss: 'https://api.botframework.com', aud: APP, serviceurl: real });
    expect((await teamsPost(invoke('29:mallory', `${trap.url}/amer/`), replayed)).status).toBe(401);
    const named = await entra.sign({
      iss: 'https://api.botframework.com',
      aud: APP,
      serviceurl: `${trap.url}/amer/`,
    });
    expect((await teamsPost(invoke('29:mallory', `${trap.url}/amer/`), named)).status).toBe(403);
    // Anonymous mode (local only) still never calls a loopback connector it is not allowed…
    const message = (url: string) =>
      JSON.stringify({
        type: 'message',
        id: `m-${Math.random()}`,
        channelId: 'msteams',
        serviceUrl: real,
        from: { id: '29:mallory', name: 'Mallory' },
        recipient: { id: '28:bot' },
        conversation: { id: 'a:mallory', conversationType: 'personal', tenantId: 't-anon' },
        channelData: { tenant: { id: 't-anon' } },
        text: '',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            name: 'nomina.csv',
            content: { downloadUrl: url, fileType: 'csv' },
          },
        ],
      });
    // …and a shared file is fetched for no one but an admin, and never from loopback.
    for (const url of [
      `${trap.url}/secret.csv`,
      'http://127.0.0.1:1/x.csv',
      'https://169.254.169.254/latest',
    ])
      await post(open, '/api/messages', message(url), { 'content-type': 'application/json' });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(trap.calls).toEqual([]);
    expect(open.alive() && guarded.alive()).toBe(true);
  });

  it('wrote none of its secrets to its logs while under attack', () => {
    for (const server of [open, guarded]) {
      // Every configured secret, the database password among them (support.ts)…
      expect(server.leaks()).toEqual([]);
      // …and the tokens it was handed or obtained.
      for (const secret of [
        'not-a-real-secret',
        'xoxb-faults',
        SIGNING_SECRET,
        entra.accessToken,
        DATABASE_PASSWORD,
      ])
        expect(server.output().includes(secret), secret).toBe(false);
    }
  });
});
