import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyTeamsError } from '../../../adapters/teams/teams.adapter.ts';
import { BotTokenSource } from '../../../adapters/teams/teams-auth.ts';
import { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { insertNudges } from '../../../src/store/nudge.store.ts';
import { upsertIdentity } from '../../../src/store/person.store.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import { intercepted } from '../../support/nock.ts';
import { FAST_LIMITS } from '../../support/nudges.ts';
import { SERVICE, startTeams, TENANT } from '../../support/teams.ts';
import { buildWorld, type World } from '../../support/world.ts';

const APP = '00000000-0000-0000-0000-0000000000a1';
const LOGIN = 'https://login.microsoftonline.com';

/** Entra's answer to a client-credentials request made with an expired app secret (AADSTS7000222). */
const EXPIRED_SECRET = {
  error: 'invalid_client',
  error_description: `AADSTS7000222: The provided client secret keys for app '${APP}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds. Trace ID: 0d1c2b3a-0000-4000-8000-000000000001 Correlation ID: 0d1c2b3a-0000-4000-8000-000000000002 Timestamp: 2026-03-10 16:00:00Z`,
  error_codes: [7000222],
  timestamp: '2026-03-10 16:00:00Z',
  trace_id: '0d1c2b3a-0000-4000-8000-000000000001',
  correlation_id: '0d1c2b3a-0000-4000-8000-000000000002',
  error_uri: 'https://login.microsoftonline.com/error?code=7000222',
};

describe('Teams: an app secret Entra refuses pauses the organization instead of failing its messages', () => {
  let db: OpenDatabase;
  let world: World;
  let teams: Awaited<ReturnType<typeof startTeams>>;
  let expired = true;
  let tokenRequests = 0;
  const posted: { conversation: string; text: string }[] = [];

  beforeAll(async () => {
    db = await openMigratedPGlite();
    world = await buildWorld(db.db, TENANT, 'teams');
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
    teams = await startTeams(db, {
      MICROSOFT_APP_ID: APP,
      MICROSOFT_APP_PASSWORD: 'app-secret-that-expired',
      MICROSOFT_APP_TENANT_ID: TENANT,
      TEAMS_SERVICE_URL: `${SERVICE}/teams/`,
    });
    nock(LOGIN)
      .persist()
      .post(`/${TENANT}/oauth2/v2.0/token`)
      .reply(() => {
        tokenRequests++;
        return expired
          ? [401, EXPIRED_SECRET]
          : [200, { token_type: 'Bearer', expires_in: 3600, access_token: 'token-for-tests' }];
      });
    nock(SERVICE)
      .persist()
      .post(/\/teams\/v3\/conversations\/.+\/activities.*/)
      .reply(async (request: Request) => {
        const { uri, body } = await intercepted(request);
        posted.push({
          conversation: decodeURIComponent(uri.split('/conversations/')[1]?.split('/')[0] ?? ''),
          text: JSON.stringify(body),
        });
        return [200, { id: `sent-${posted.length}` }];
      });
    // Ana, Luis and Carmen (an admin) opened the bot in Teams before.
    for (const [person, id] of [
      [world.ana, 'ana'],
      [world.luis, 'luis'],
      [world.carmen, 'carmen'],
    ] as const)
      await upsertIdentity(db.db, {
        tenantId: world.tenant.id,
        personId: person.id,
        platform: 'teams',
        externalId: `29:${id}`,
        conversationRef: {
          channelId: 'msteams',
          serviceUrl: `${SERVICE}/teams/`,
          conversation: { id: `a:${id}`, conversationType: 'personal', tenantId: TENANT },
          agent: { id: `28:${APP}`, name: 'Mentoría' },
          user: { id: `29:${id}`, aadObjectId: `aad-${id}` },
        },
        now: world.clock.now(),
      });
  });
  afterAll(async () => {
    nock.cleanAll();
    await new Promise((r) => teams?.server.close(r));
    await db?.close();
    nock.restore();
  });

  const dispatch = () =>
    new Dispatcher({
      db: db.db,
      clock: world.clock,
      chat: teams.teams.port,
      worker: 'w',
      limits: FAST_LIMITS,
      concurrency: 1,
      monotonic: () => world.clock.now().getTime(),
    }).drain();
  const welcomes = () =>
    db.db
      .selectFrom('nudges')
      .select(['status', 'attempts', 'last_error'])
      .where('kind', '=', 'welcome')
      .execute();

  it('keeps the reminders waiting, untried, for as long as it lasts; when the secret works, they go and the admins hear', async () => {
    await insertNudges(
      db.db,
      [world.ana, world.luis].map((p) => ({
        tenantId: world.tenant.id,
        kind: 'welcome' as const,
        subjectId: world.cycle.id,
        slot: 'welcome',
        recipientId: p.id,
        dueAt: world.clock.now(),
      })),
      world.clock.now(),
    );
    const pausedAt = world.clock.now();
    await dispatch();
    // Hours go by with the secret expired: nothing fails for good, nothing is counted as an attempt.
    for (let i = 0; i < 8; i++) {
      world.clock.advance(16 * 60_000);
      await dispatch();
    }
    expect(await welcomes()).toEqual([
      { status: 'pending', attempts: 0, last_error: 'invalid_client' },
      { status: 'pending', attempts: 0, last_error: 'invalid_client' },
    ]);
    expect(posted).toEqual([]);
    // Entra was asked once per quarter of an hour, not once per message.
    expect(tokenRequests).toBe(9);
    const tenant = await db.db
      .selectFrom('tenants')
      .select(['paused_since', 'paused_code'])
      .where('id', '=', world.tenant.id)
      .executeTakeFirstOrThrow();
    expect(tenant).toEqual({ paused_since: pausedAt, paused_code: 'invalid_client' });

    // A new secret is set: the next try goes through, and everything with it.
    expired = false;
    world.clock.advance(16 * 60_000);
    await dispatch();
    await dispatch();
    expect((await welcomes()).map((w) => w.status)).toEqual(['sent', 'sent']);
    expect(posted.map((p) => p.conversation).sort()).toEqual(['a:ana', 'a:carmen', 'a:luis']);
    const toCarmen = posted.find((p) => p.conversation === 'a:carmen')?.text ?? '';
    expect(toCarmen).toContain('Mentoría vuelve a escribir en tu organización en Microsoft Teams.');
    expect(toCarmen).toContain(
      'no pudo: Microsoft rechazó las credenciales del bot (su secreto o certificado de aplicación venció o cambió).',
    );
    expect(toCarmen).toContain('2 recordatorios esperaron y salen ahora.');
    // Said once: another round tells nobody again.
    world.clock.advance(60_000);
    await dispatch();
    expect(posted).toHaveLength(3);
  });

  it('tells Entra refusing the credentials (a pause) from Entra being down (retried as before)', async () => {
    const answers: [number, object][] = [
      [401, EXPIRED_SECRET],
      [
        400,
        {
          error: 'unauthorized_client',
          error_description: `AADSTS700016: Application with identifier '${APP}' was not found in the directory 'Contoso'.`,
          error_codes: [700016],
        },
      ],
      [503, { error: 'temporarily_unavailable', error_codes: [90033] }],
      [200, { token_type: 'Bearer', expires_in: 3600, access_token: 'token-ok' }],
    ];
    const outcomes: unknown[] = [];
    for (const [status, body] of answers) {
      nock('https://entra.test').post('/other-tenant/oauth2/v2.0/token').reply(status, body);
      const source = new BotTokenSource({
        appId: APP,
        appPassword: 'secret',
        tenantId: 'other-tenant',
        loginUrl: 'https://entra.test',
      });
      try {
        outcomes.push(await source.token());
      } catch (error) {
        const failure = classifyTeamsError(error);
        outcomes.push({ kind: failure.kind, code: failure.code, scope: failure.scope });
      }
    }
    expect(outcomes).toEqual([
      { kind: 'rate_limited', code: 'invalid_client', scope: 'workspace' },
      { kind: 'rate_limited', code: 'unauthorized_client', scope: 'workspace' },
      { kind: 'transient', code: 'http_503:bot token refused: temporarily_unavailable', scope: undefined },
      'token-ok',
    ]);
  });
});
