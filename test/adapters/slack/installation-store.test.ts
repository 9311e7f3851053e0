import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresInstallationStore } from '../../../adapters/slack/installation.store.ts';
import { Inbox } from '../../../src/services/inbox.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { findTenant } from '../../../src/store/tenant.store.ts';
import { openMigratedPGlite } from '../../support/databases.ts';

describe('Slack installations in Postgres (OAuth, several workspaces)', () => {
  let db: OpenDatabase;
  let store: PostgresInstallationStore;
  const installed: [string, string | undefined][] = [];
  beforeAll(async () => {
    db = await openMigratedPGlite();
    store = new PostgresInstallationStore(
      db.db,
      { locale: 'es', timezone: 'America/Santiago' },
      () => new Date('2026-11-22T12:00:00Z'),
      async (tenantId, user) => {
        installed.push([tenantId, user]);
      },
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it('makes each workspace a tenant, and finds its installation again', async () => {
    await store.storeInstallation({
      team: { id: 'T111', name: 'Servicio Civil' },
      enterprise: undefined,
      user: { id: 'U_INSTALLER', token: undefined, scopes: undefined },
      bot: { token: 'xoxb-111', scopes: ['chat:write'], id: 'B1', userId: 'UB1' },
      isEnterpriseInstall: false,
      tokenType: 'bot',
    } as never);
    const tenant = await findTenant(db.db, 'slack', 'T:T111');
    expect(tenant).toMatchObject({ name: 'Servicio Civil', defaultTimezone: 'America/Santiago' });
    expect(installed).toEqual([[tenant?.id, 'U_INSTALLER']]);
    const found = (await store.fetchInstallation({
      teamId: 'T111',
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    })) as { bot?: { token: string } };
    expect(found.bot?.token).toBe('xoxb-111');
    await expect(
      store.fetchInstallation({ teamId: 'T999', isEnterpriseInstall: false, enterpriseId: undefined }),
    ).rejects.toThrow('no Slack installation');
  });

  it('makes an Enterprise Grid org-wide install one tenant, found from any of its workspaces', async () => {
    await store.storeInstallation({
      team: undefined,
      enterprise: { id: 'E1', name: 'Gobierno' },
      user: { id: 'U_ORG', token: undefined, scopes: undefined },
      bot: { token: 'xoxb-org', scopes: ['chat:write'], id: 'B2', userId: 'UB2' },
      isEnterpriseInstall: true,
      tokenType: 'bot',
    } as never);
    expect(await findTenant(db.db, 'slack', 'E:E1')).toMatchObject({ name: 'Gobierno' });
    const viaWorkspace = (await store.fetchInstallation({
      teamId: 'T222',
      enterpriseId: 'E1',
      isEnterpriseInstall: false,
    })) as { bot?: { token: string } };
    expect(viaWorkspace.bot?.token).toBe('xoxb-org');
    await store.deleteInstallation({ enterpriseId: 'E1', isEnterpriseInstall: true, teamId: undefined });
    await expect(
      store.fetchInstallation({ enterpriseId: 'E1', isEnterpriseInstall: true, teamId: undefined }),
    ).rejects.toThrow();
  });
});

describe('who administers a tenant', () => {
  it('makes the person who installs the app an admin of the new tenant, found with users.info', async () => {
    const { default: nock } = await import('nock');
    const { SlackAdapter } = await import('../../../adapters/slack/slack.adapter.ts');
    const { parseConfig } = await import('../../../src/config.ts');
    const { Bot } = await import('../../../src/flows/bot.ts');
    const { createLogger } = await import('../../../src/log.ts');
    const { systemClock } = await import('../../../src/clock.ts');
    const db = await openMigratedPGlite();
    try {
      nock('https://slack-install.test')
        .post('/api/users.info')
        .reply(200, {
          ok: true,
          user: {
            id: 'U_BOSS',
            real_name: 'Rosa Jefa',
            tz: 'America/Bogota',
            locale: 'es-LA',
            profile: { email: 'rosa@example.gob' },
          },
        });
      const parsed = parseConfig({
        SLACK_CLIENT_ID: '1.2',
        SLACK_CLIENT_SECRET: 'secret',
        SLACK_STATE_SECRET: 'a-state-secret-long-enough',
        SLACK_SIGNING_SECRET: 'signing-secret-0123456789',
        SLACK_API_URL: 'https://slack-install.test/api/',
        LOG_LEVEL: 'silent',
      });
      if (!parsed.ok) throw new Error(parsed.problems.join());
      const bot = new Bot({
        db: db.db,
        clock: systemClock,
        chat: { send: async () => null, update: async () => {} },
        defaults: { locale: 'es', timezone: 'UTC' },
      });
      const adapter = new SlackAdapter({
        config: parsed.config,
        bot,
        db: db.db,
        clock: systemClock,
        log: createLogger('silent'),
        inbox: new Inbox({
          db: db.db,
          clock: systemClock,
          worker: 'test',
          leaseMs: 30_000,
          onError: () => {},
        }),
      });
      await adapter.installationStore?.storeInstallation({
        team: { id: 'T777', name: 'Ministerio' },
        enterprise: undefined,
        user: { id: 'U_BOSS', token: undefined, scopes: undefined },
        bot: { token: 'xoxb-777', scopes: ['chat:write'], id: 'B7', userId: 'UB7' },
        isEnterpriseInstall: false,
        tokenType: 'bot',
      } as never);
      const admin = await db.db
        .selectFrom('people')
        .innerJoin('identities', 'identities.person_id', 'people.id')
        .select([
          'people.name',
          'people.email',
          'people.tenant_role',
          'people.timezone',
          'identities.external_id',
        ])
        .executeTakeFirstOrThrow();
      expect(admin).toEqual({
        name: 'Rosa Jefa',
        email: 'rosa@example.gob',
        tenant_role: 'admin',
        timezone: 'America/Bogota',
        external_id: 'U_BOSS',
      });

      // Re-installs: an ordinary member (re-installing to grant a scope) gets nothing; a
      // workspace admin, as users.info says, administers the tenant too.
      const people: Record<string, object> = {
        U_MEMBER: { id: 'U_MEMBER', real_name: 'Pablo Miembro', is_admin: false, is_owner: false },
        U_WSADMIN: { id: 'U_WSADMIN', real_name: 'Inés Admin', is_admin: true },
      };
      nock('https://slack-install.test')
        .persist()
        .post('/api/users.info')
        .reply((_uri, body) => {
          const user = new URLSearchParams(String(body)).get('user') ?? '';
          return [200, { ok: true, user: { ...people[user], profile: {} } }];
        });
      for (const user of ['U_MEMBER', 'U_WSADMIN']) {
        await adapter.installationStore?.storeInstallation({
          team: { id: 'T777', name: 'Ministerio' },
          enterprise: undefined,
          user: { id: user, token: undefined, scopes: undefined },
          bot: { token: `xoxb-777-${user}`, scopes: ['chat:write'], id: 'B7', userId: 'UB7' },
          isEnterpriseInstall: false,
          tokenType: 'bot',
        } as never);
      }
      const roles = await db.db
        .selectFrom('people')
        .innerJoin('identities', 'identities.person_id', 'people.id')
        .select(['identities.external_id', 'people.tenant_role'])
        .orderBy('identities.external_id')
        .execute();
      expect(roles).toEqual([
        { external_id: 'U_BOSS', tenant_role: 'admin' },
        { external_id: 'U_MEMBER', tenant_role: null },
        { external_id: 'U_WSADMIN', tenant_role: 'admin' },
      ]);
      nock.cleanAll();
    } finally {
      await db.close();
    }
  });

  it('makes people listed in ADMIN_EMAILS admins from their first message, and only them', async () => {
    const { Bot } = await import('../../../src/flows/bot.ts');
    const { systemClock } = await import('../../../src/clock.ts');
    const { ensureTenant } = await import('../../../src/store/tenant.store.ts');
    const db = await openMigratedPGlite();
    try {
      const tenant = await ensureTenant(db.db, {
        platform: 'slack',
        externalId: 'T:T5',
        name: 'T5',
        defaultLocale: 'es',
        defaultTimezone: 'UTC',
      });
      const bot = new Bot({
        db: db.db,
        clock: systemClock,
        chat: { send: async () => null, update: async () => {} },
        defaults: { locale: 'es', timezone: 'UTC' },
        adminEmails: ['rrhh@example.gob'],
      });
      const say = (user: string, email: string, text: string) =>
        bot.handle({
          eventId: `${user}-${text}`,
          tenantId: tenant.id,
          platform: 'slack',
          user: { externalId: user, name: user, email },
          kind: 'message',
          text,
        });
      const hr = await say('U_HR', 'RRHH@example.gob', 'admin reporte');
      expect(hr.messages.map((m) => m.summary)).toContain(
        'No encontré ese ciclo. Escribe «admin reporte» para el ciclo actual o «admin reporte <nombre>».',
      );
      const other = await say('U_X', 'otra@example.gob', 'admin reporte');
      expect(other.messages.map((m) => m.summary)).toContain(
        'No puedes hacer eso: no te corresponde en este programa.',
      );
      const roles = await db.db.selectFrom('people').select(['email', 'tenant_role']).execute();
      expect(roles).toHaveLength(2);
      expect(roles).toEqual(
        expect.arrayContaining([
          { email: 'otra@example.gob', tenant_role: null },
          { email: 'RRHH@example.gob', tenant_role: 'admin' },
        ]),
      );
    } finally {
      await db.close();
    }
  });
});
