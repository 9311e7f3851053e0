import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/scheduler/dispatcher.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { insertNudges } from '../../../src/store/nudge.store.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import { intercepted } from '../../support/nock.ts';
import { FAST_LIMITS } from '../../support/nudges.ts';
import { SERVICE, startTeams, TENANT } from '../../support/teams.ts';
import { buildWorld, type World } from '../../support/world.ts';

const APP = '00000000-0000-0000-0000-0000000000a1';
const CATALOG = '8a7b6c5d-1111-2222-3333-444455556666';
const GRAPH = 'https://graph.microsoft.com';
const LOGIN = 'https://login.microsoftonline.com';

/** Entra's token endpoint: the bot's tokens for the Bot Connector and for Graph, recorded by scope. */
function entra(scopes: string[]) {
  return nock(LOGIN)
    .persist()
    .post(`/${TENANT}/oauth2/v2.0/token`)
    .reply(async (request: Request) => {
      const { body } = await intercepted(request);
      scopes.push(new URLSearchParams(String(body)).get('scope') ?? '');
      return [200, { token_type: 'Bearer', expires_in: 3600, access_token: 'token-for-tests' }];
    });
}

describe('Teams: writing first to roster people through Graph’s proactive installation', () => {
  let db: OpenDatabase;
  let world: World;
  let teams: Awaited<ReturnType<typeof startTeams>>;
  const scopes: string[] = [];
  const posted: { conversation: string; text: string }[] = [];

  beforeAll(async () => {
    db = await openMigratedPGlite();
    world = await buildWorld(db.db, TENANT, 'teams');
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
    teams = await startTeams(db, {
      MICROSOFT_APP_ID: APP,
      MICROSOFT_APP_PASSWORD: 'app-secret',
      MICROSOFT_APP_TENANT_ID: TENANT,
      TEAMS_APP_CATALOG_ID: CATALOG,
      TEAMS_SERVICE_URL: `${SERVICE}/teams/`,
    });
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(async () => {
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
    }).drain();
  const statusOf = async (personId: string) =>
    (await db.db.selectFrom('nudges').select('status').where('recipient_id', '=', personId).execute()).map(
      (r) => r.status,
    );

  it('keeps the reminder waiting when Graph refuses (403: no admin consent) or does not know the person (404)', async () => {
    entra(scopes);
    nock(GRAPH)
      .persist()
      .get(/\/v1\.0\/users\/ana%40example\.org/)
      .reply(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } })
      .get(/\/v1\.0\/users\/sofia%40example\.org/)
      .reply(404, { error: { code: 'Request_ResourceNotFound' } })
      .get(/\/v1\.0\/users\?/)
      .reply(200, { value: [] });
    // The cycle's welcome, due now for two roster people who never opened the bot.
    await insertNudges(
      db.db,
      [world.ana, world.sofia].map((p) => ({
        tenantId: world.tenant.id,
        kind: 'welcome' as const,
        subjectId: world.cycle.id,
        slot: 'welcome',
        recipientId: p.id,
        dueAt: world.clock.now(),
      })),
      world.clock.now(),
    );
    expect(await dispatch()).toMatchObject({ waiting: 2, cancelled: 0 });
    expect(await statusOf(world.ana.id)).toContain('waiting');
    expect(await statusOf(world.sofia.id)).toContain('waiting');
    expect(await statusOf(world.ana.id)).not.toContain('cancelled');
    expect(scopes).toContain('https://graph.microsoft.com/.default');
    expect(await db.db.selectFrom('identities').select('id').execute()).toEqual([]);
  });

  it('installs the app for a person found by email, opens their chat, and delivers what waited there', async () => {
    entra(scopes);
    const installs: unknown[] = [];
    nock(GRAPH)
      .get('/v1.0/users/ana%40example.org?$select=id')
      .reply(200, { id: 'aad-ana' })
      .post('/v1.0/users/aad-ana/teamwork/installedApps')
      .reply(async (request: Request) => {
        installs.push((await intercepted(request)).body);
        return [201, {}];
      })
      .get('/v1.0/users/aad-ana/teamwork/installedApps')
      .query(true)
      .reply(200, { value: [{ id: 'install-1', teamsApp: { id: CATALOG } }] })
      .get('/v1.0/users/aad-ana/teamwork/installedApps/install-1/chat')
      .reply(200, { id: '19:ana-bot-chat@unq.gbl.spaces' })
      .get(/\/v1\.0\/users/)
      .times(10)
      .reply(404, { error: { code: 'Request_ResourceNotFound' } });
    nock(SERVICE)
      .get(/\/teams\/v3\/conversations\/[^/]+\/members\/aad-ana/)
      .reply(200, { id: '29:ana-teams', name: 'Ana', aadObjectId: 'aad-ana' })
      .post(/\/teams\/v3\/conversations\/.+\/activities.*/)
      .times(10)
      .reply(async (request: Request) => {
        const { uri, body } = await intercepted(request);
        posted.push({
          conversation: decodeURIComponent(uri.split('/conversations/')[1]?.split('/')[0] ?? ''),
          text: JSON.stringify(body),
        });
        return [200, { id: `sent-${posted.length}` }];
      });
    // Consent granted since: what waited is tried again some hours later, and reaches her.
    world.clock.advance(2 * 3_600_000);
    await dispatch();
    expect(installs).toEqual([]); // not yet: nobody is asked again every few minutes
    world.clock.advance(5 * 3_600_000);
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(installs).toEqual([
      { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${CATALOG}` },
    ]);
    // Her waiting reminder went out once the chat existed, in it.
    const waitingLeft = await statusOf(world.ana.id);
    expect(waitingLeft).not.toContain('waiting');
    expect(posted.some((p) => p.conversation === '19:ana-bot-chat@unq.gbl.spaces')).toBe(true);
    const identity = await db.db
      .selectFrom('identities')
      .select(['external_id', 'conversation_ref', 'person_id'])
      .executeTakeFirstOrThrow();
    expect(identity.person_id).toBe(world.ana.id);
    expect(identity.external_id).toBe('29:ana-teams');
    expect(identity.conversation_ref).toMatchObject({
      serviceUrl: `${SERVICE}/teams/`,
      conversation: { id: '19:ana-bot-chat@unq.gbl.spaces', tenantId: TENANT },
    });
  });
});
