import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import { type EntraStandIn, entraStandIn } from '../../support/entra.ts';
import { eventually } from '../../support/eventually.ts';
import { intercepted } from '../../support/nock.ts';
import { activity, SERVICE, send, startTeams } from '../../support/teams.ts';
import { buildWorld } from '../../support/world.ts';

const APP_ID = '6b3f1a52-4d1e-4a7e-9f0a-1c2d3e4f5a6b';
const BOT_TENANT = '9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

/** An activity of the bot's own tenant, as Teams sends it. */
const fromTeams = (from: string, extra: Record<string, unknown> = {}) =>
  activity(from, {
    text: 'ayuda',
    conversation: { id: `a:conv-${from}`, conversationType: 'personal', tenantId: BOT_TENANT },
    channelData: { tenant: { id: BOT_TENANT } },
    ...extra,
  });

describe('Teams tokens, verified against published keys (a single-tenant bot)', () => {
  let db: OpenDatabase;
  let entra: EntraStandIn;
  let teams: Awaited<ReturnType<typeof startTeams>>;
  const posted: { conversation: string; authorization: string; text: string }[] = [];
  const foreign: string[] = [];

  beforeAll(async () => {
    db = await openMigratedPGlite();
    await buildWorld(db.db, BOT_TENANT, 'teams');
    entra = await entraStandIn();
    nock(SERVICE)
      .persist()
      .get(/\/v3\/conversations\/[^/]+\/members\/.+/)
      .reply(404, { error: { code: 'MemberNotFound' } })
      .post(/\/v3\/conversations\/.+\/activities.*/)
      .reply(async (request: Request) => {
        const { uri, body, headers } = await intercepted(request);
        posted.push({
          conversation: decodeURIComponent(uri.split('/conversations/')[1]?.split('/')[0] ?? ''),
          authorization: headers.get('authorization') ?? '',
          text: JSON.stringify(body),
        });
        return [200, { id: `sent-${posted.length}` }];
      });
    // A host an attacker names as serviceUrl: it must never hear from the server.
    nock('https://attacker.example')
      .persist()
      .get(/.*/)
      .reply(async (request: Request) => {
        const { uri } = await intercepted(request);
        foreign.push(uri);
        return [200, {}];
      })
      .post(/.*/)
      .reply(async (request: Request) => {
        const { uri } = await intercepted(request);
        foreign.push(uri);
        return [200, { id: 'x' }];
      });
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
    teams = await startTeams(db, {
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'app-password-for-tests',
      MICROSOFT_APP_TENANT_ID: BOT_TENANT,
      TEAMS_OPENID_METADATA_URL: entra.botConnectorMetadata,
      MICROSOFT_LOGIN_URL: entra.url,
    });
  });
  afterAll(async () => {
    await new Promise((r) => teams?.server.close(r));
    await entra?.close();
    await db?.close();
    nock.cleanAll();
    nock.restore();
  });

  const connectorToken = (serviceUrl: string, extra: Record<string, unknown> = {}) =>
    entra.sign({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: serviceUrl, ...extra });

  it.each([
    ['the Bot Connector', 'https://api.botframework.com'],
    ['Entra v2.0', `https://login.microsoftonline.com/${BOT_TENANT}/v2.0`],
    ['Entra v1', `https://sts.windows.net/${BOT_TENANT}/`],
  ])('accepts a genuine token issued by %s and answers with the bot’s own token', async (_name, iss) => {
    const from = `29:${iss.length}`;
    const body = fromTeams(from);
    const token = await entra.sign({
      iss,
      aud: APP_ID,
      serviceurl: body.serviceUrl,
      ...(iss.includes('botframework') ? {} : { tid: BOT_TENANT }),
    });
    const res = await send(teams.url, body, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    const answer = await eventually(
      () =>
        posted.find(
          (p) => p.conversation === `a:conv-${from}` && p.text.includes('¿Qué puedo hacer por ti?'),
        ),
      10_000,
    );
    expect(answer.authorization).toBe(`Bearer ${entra.accessToken}`);
  });

  it('refuses forged and stale tokens with 401, and answers nobody', async () => {
    const body = fromTeams('29:forger');
    const now = Math.floor(Date.now() / 1000);
    const tokens = {
      none: undefined,
      'not a JWT': 'Bearer abc.def',
      'wrong audience': `Bearer ${await connectorToken(body.serviceUrl, { aud: 'another-bot' })}`,
      'wrong issuer': `Bearer ${await connectorToken(body.serviceUrl, { iss: 'https://evil.example' })}`,
      'another tenant’s Entra issuer': `Bearer ${await entra.sign({
        iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`,
        aud: APP_ID,
        tid: OTHER_TENANT,
      })}`,
      expired: `Bearer ${await connectorToken(body.serviceUrl, { exp: now - 3600, nbf: now - 7200, iat: now - 7200 })}`,
      'wrong key': `Bearer ${await entra.sign(
        { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: body.serviceUrl },
        { key: 'foreign' },
      )}`,
      'unknown key id': `Bearer ${await entra.sign(
        { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: body.serviceUrl },
        { kid: 'other' },
      )}`,
      'no serviceurl claim': `Bearer ${await entra.sign({ iss: 'https://api.botframework.com', aud: APP_ID })}`,
      unsigned: `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
        JSON.stringify({ aud: APP_ID, iss: 'https://api.botframework.com', exp: now + 3600 }),
      ).toString('base64url')}.`,
    };
    for (const [why, authorization] of Object.entries(tokens)) {
      const res = await send(teams.url, body, authorization ? { authorization } : {});
      expect(res.status, why).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(posted.filter((p) => p.conversation === 'a:conv-29:forger')).toEqual([]);
  });

  it('refuses an activity that names another service than its token, and never calls it', async () => {
    const body = fromTeams('29:redirector', { serviceUrl: 'https://attacker.example/amer/' });
    // A genuine token for Teams' service, replayed with a foreign serviceUrl.
    const stolen = await connectorToken(`${SERVICE}/amer/`);
    expect((await send(teams.url, body, { authorization: `Bearer ${stolen}` })).status).toBe(401);
    // Even a token that names the foreign host: it is not one of Microsoft's.
    const named = await connectorToken('https://attacker.example/amer/');
    expect((await send(teams.url, body, { authorization: `Bearer ${named}` })).status).toBe(403);
    await new Promise((r) => setTimeout(r, 300));
    expect(foreign).toEqual([]);
    const identity = await db.db
      .selectFrom('identities')
      .select('id')
      .where('external_id', '=', '29:redirector')
      .executeTakeFirst();
    expect(identity).toBeUndefined();
  });

  it('accepts Teams only, and only the bot’s own tenant', async () => {
    const other = fromTeams('29:outsider', {
      conversation: { id: 'a:conv-29:outsider', conversationType: 'personal', tenantId: OTHER_TENANT },
      channelData: { tenant: { id: OTHER_TENANT } },
    });
    const token = `Bearer ${await connectorToken(other.serviceUrl)}`;
    expect((await send(teams.url, other, { authorization: token })).status).toBe(403);
    const webchat = fromTeams('29:webchat', { channelId: 'webchat' });
    expect((await send(teams.url, webchat, { authorization: token })).status).toBe(403);
    const mixed = fromTeams('29:mixed', {
      conversation: { id: 'a:conv-29:mixed', conversationType: 'personal', tenantId: OTHER_TENANT },
    });
    expect((await send(teams.url, mixed, { authorization: token })).status).toBe(403);
    // The same person, from the bot's tenant, is answered.
    const own = fromTeams('29:insider');
    expect((await send(teams.url, own, { authorization: token })).status).toBe(200);
    await eventually(() => posted.find((p) => p.conversation === 'a:conv-29:insider'), 10_000);
    expect(
      posted.some((p) => p.conversation.includes('outsider') || p.conversation.includes('webchat')),
    ).toBe(false);
  });

  it('answers two people whose activities carry the same id (ids are unique per conversation only)', async () => {
    const token = `Bearer ${await connectorToken(`${SERVICE}/amer/`)}`;
    const [a, b] = await Promise.all([
      send(teams.url, fromTeams('29:twin-a', { id: '1700000000000' }), { authorization: token }),
      send(teams.url, fromTeams('29:twin-b', { id: '1700000000000' }), { authorization: token }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await eventually(() => posted.find((p) => p.conversation === 'a:conv-29:twin-a'), 10_000);
    await eventually(() => posted.find((p) => p.conversation === 'a:conv-29:twin-b'), 10_000);
    // A retry of one of them (same conversation, same id) is answered once.
    const n = posted.filter((p) => p.conversation === 'a:conv-29:twin-a').length;
    await send(teams.url, fromTeams('29:twin-a', { id: '1700000000000' }), { authorization: token });
    await new Promise((r) => setTimeout(r, 500));
    expect(posted.filter((p) => p.conversation === 'a:conv-29:twin-a').length).toBe(n);
  });

  it('refuses a message without an id instead of guessing one', async () => {
    const token = `Bearer ${await connectorToken(`${SERVICE}/amer/`)}`;
    const { id: _id, ...body } = fromTeams('29:noid');
    expect((await send(teams.url, body, { authorization: token })).status).toBe(400);
  });
});
