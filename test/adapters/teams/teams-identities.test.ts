import { createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIdentitiesFile } from '../../../adapters/teams/teams-identities.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { findIdentity, getPerson } from '../../../src/store/person.store.ts';
import { findTenant } from '../../../src/store/tenant.store.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import { type EntraStandIn, entraStandIn } from '../../support/entra.ts';
import { eventually } from '../../support/eventually.ts';
import { intercepted } from '../../support/nock.ts';
import { activity, SERVICE, send, startTeams } from '../../support/teams.ts';

/**
 * Several institutions on Teams: each tenant's own single-tenant bot (a secret, or a
 * certificate), side by side with a multi-tenant registration for the other tenants.
 */
const TENANT_A = '0a0a0a0a-1111-4111-8111-aaaaaaaaaaaa';
const TENANT_B = '0b0b0b0b-2222-4222-8222-bbbbbbbbbbbb';
const TENANT_C = '0c0c0c0c-3333-4333-8333-cccccccccccc';
const APP_A = 'a0000000-0000-4000-8000-00000000000a';
const APP_B = 'b0000000-0000-4000-8000-00000000000b';
const APP_M = 'f0000000-0000-4000-8000-00000000000f';
const PEM = new URL('../../fixtures/teams/test-bot-identity.pem', import.meta.url);

const inTenant = (tenant: string, from: string) =>
  activity(from, {
    text: 'ayuda',
    conversation: { id: `a:conv-${from}`, conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
  });

function writeIdentities(dir: string, body: unknown): string {
  const path = join(dir, `identities-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(body));
  return path;
}

describe('Teams bot identities per tenant', () => {
  let db: OpenDatabase;
  let entra: EntraStandIn;
  let teams: Awaited<ReturnType<typeof startTeams>>;
  const posted: { conversation: string; authorization: string }[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'mentoria-identities-'));

  beforeAll(async () => {
    db = await openMigratedPGlite();
    const pem = readFileSync(PEM, 'utf8');
    const certificate = new X509Certificate(pem);
    entra = await entraStandIn({
      certificates: {
        [APP_B]: {
          publicKey: createPublicKey(pem),
          x5t: Buffer.from(certificate.fingerprint.replace(/:/g, ''), 'hex').toString('base64url'),
        },
      },
    });
    nock(SERVICE)
      .persist()
      .get(/\/v3\/conversations\/[^/]+\/members\/.+/)
      .reply(404, { error: { code: 'MemberNotFound' } })
      .post(/\/v3\/conversations\/.+\/activities.*/)
      .reply(async (request: Request) => {
        const { uri, headers } = await intercepted(request);
        posted.push({
          conversation: decodeURIComponent(uri.split('/conversations/')[1]?.split('/')[0] ?? ''),
          authorization: headers.get('authorization') ?? '',
        });
        return [200, { id: `sent-${posted.length}` }];
      });
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
    const file = writeIdentities(dir, {
      identities: [
        { tenant: TENANT_A, appId: APP_A, secret: 'secret-of-tenant-a' },
        { tenant: TENANT_B, appId: APP_B, certificate: PEM.pathname, authority: entra.url },
      ],
    });
    teams = await startTeams(db, {
      TEAMS_IDENTITIES_FILE: file,
      // The multi-tenant registration that serves every tenant the file does not name.
      MICROSOFT_APP_ID: APP_M,
      MICROSOFT_APP_PASSWORD: 'secret-of-the-multi-tenant-bot',
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

  const tokenFor = (appId: string, serviceUrl: string) =>
    entra.sign({ iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl });
  const answeredWith = async (conversation: string) =>
    (await eventually(() => posted.find((p) => p.conversation === conversation), 10_000)).authorization;

  it('checks each tenant’s activities against its own bot and answers with that bot’s token (secret and certificate)', async () => {
    const a = inTenant(TENANT_A, '29:ana-a');
    expect(
      (await send(teams.url, a, { authorization: `Bearer ${await tokenFor(APP_A, a.serviceUrl)}` })).status,
    ).toBe(200);
    expect(await answeredWith('a:conv-29:ana-a')).toBe(`Bearer bot-access-${APP_A}`);
    const b = inTenant(TENANT_B, '29:bea-b');
    expect(
      (await send(teams.url, b, { authorization: `Bearer ${await tokenFor(APP_B, b.serviceUrl)}` })).status,
    ).toBe(200);
    expect(await answeredWith('a:conv-29:bea-b')).toBe(`Bearer bot-access-${APP_B}`);
    // Each token came from its own tenant's endpoint: A with its secret, B with a signed assertion.
    const tokenCalls = entra.calls.filter((c) => c.path.endsWith('/oauth2/v2.0/token'));
    const a1 = tokenCalls.find((c) => c.path === `/${TENANT_A}/oauth2/v2.0/token`);
    const b1 = tokenCalls.find((c) => c.path === `/${TENANT_B}/oauth2/v2.0/token`);
    expect(new URLSearchParams(a1?.body).get('client_secret')).toBe('secret-of-tenant-a');
    expect(new URLSearchParams(b1?.body).get('client_secret')).toBeNull();
    expect(new URLSearchParams(b1?.body).get('client_assertion')).toMatch(/^ey/);
  });

  it('refuses a tenant’s activity carrying another tenant’s bot token', async () => {
    const a = inTenant(TENANT_A, '29:intruder');
    const res = await send(teams.url, a, { authorization: `Bearer ${await tokenFor(APP_B, a.serviceUrl)}` });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(posted.some((p) => p.conversation === 'a:conv-29:intruder')).toBe(false);
  });

  it('keeps the single-identity configuration: a tenant the file does not name is served by MICROSOFT_APP_ID', async () => {
    const c = inTenant(TENANT_C, '29:cata-c');
    expect(
      (await send(teams.url, c, { authorization: `Bearer ${await tokenFor(APP_M, c.serviceUrl)}` })).status,
    ).toBe(200);
    expect(await answeredWith('a:conv-29:cata-c')).toBe(`Bearer bot-access-${APP_M}`);
    expect(entra.calls.some((c) => c.path === '/botframework.com/oauth2/v2.0/token')).toBe(true);
    // A named tenant's own bot token does not open the multi-tenant bot's door, nor the reverse.
    const wrong = inTenant(TENANT_C, '29:cata-wrong');
    expect(
      (await send(teams.url, wrong, { authorization: `Bearer ${await tokenFor(APP_A, wrong.serviceUrl)}` }))
        .status,
    ).toBe(401);
  });

  it('writes first to a tenant’s person as that tenant’s bot', async () => {
    const tenant = await findTenant(db.db, 'teams', TENANT_B);
    const identity = await findIdentity(db.db, tenant?.id ?? '', 'teams', '29:bea-b');
    const person = await getPerson(db.db, tenant?.id ?? '', identity?.personId ?? '');
    if (!identity || !person) throw new Error('Bea has not written');
    const n = posted.length;
    await teams.router.send(
      { person, identity },
      { summary: 'Recordatorio', blocks: [{ type: 'text', text: 'Hola' }] },
    );
    const sent = posted.slice(n).find((p) => p.conversation === 'a:conv-29:bea-b');
    expect(sent?.authorization).toBe(`Bearer bot-access-${APP_B}`);
  });
});

describe('the identities file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentoria-identities-'));
  it('takes a tenant with a secret and one with a certificate', () => {
    const file = writeIdentities(dir, {
      identities: [
        { tenant: TENANT_A, appId: APP_A, secret: 's', catalogId: 'cat-a' },
        { tenant: TENANT_B, appId: APP_B, certificate: PEM.pathname },
      ],
    });
    expect(readIdentitiesFile(file).map((i) => i.tenant)).toEqual([TENANT_A, TENANT_B]);
  });

  it.each([
    [
      'neither a secret nor a certificate',
      { identities: [{ tenant: TENANT_A, appId: APP_A }] },
      'give either secret or certificate',
    ],
    [
      'both a secret and a certificate',
      { identities: [{ tenant: TENANT_A, appId: APP_A, secret: 's', certificate: PEM.pathname }] },
      'give either secret or certificate',
    ],
    [
      'a tenant that is not an id',
      { identities: [{ tenant: 'contoso', appId: APP_A, secret: 's' }] },
      'identities.0.tenant',
    ],
    [
      'a tenant twice',
      {
        identities: [
          { tenant: TENANT_A, appId: APP_A, secret: 's' },
          { tenant: TENANT_A.toUpperCase(), appId: APP_B, secret: 't' },
        ],
      },
      'listed twice',
    ],
    [
      'a certificate file that is not one',
      { identities: [{ tenant: TENANT_A, appId: APP_A, certificate: '/nonexistent/cert.pem' }] },
      'cannot be read',
    ],
    [
      'an unknown key',
      { identities: [{ tenant: TENANT_A, appId: APP_A, secret: 's', password: 'x' }] },
      'identities.0',
    ],
  ])('refuses %s, saying what is wrong', (_name, body, says) => {
    expect(() => readIdentitiesFile(writeIdentities(dir, body))).toThrow(says);
  });
});
