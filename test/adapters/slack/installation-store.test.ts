import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreInstallationStore } from '../../../adapters/slack/installation.store.ts';
import { Inbox } from '../../../src/services/inbox.ts';
import type { OpenDatabase } from '../../../src/store/db.ts';
import { SecretBox } from '../../../src/store/secret-box.ts';
import { findTenant } from '../../../src/store/tenant.store.ts';
import { coreOf, installationsOf } from '../../support/core.ts';
import { openMigratedPGlite } from '../../support/databases.ts';
import { intercepted } from '../../support/nock.ts';

describe('Slack installations in Postgres (OAuth, several workspaces)', () => {
  let db: OpenDatabase;
  let store: CoreInstallationStore;
  const installed: [string, string | undefined][] = [];
  beforeAll(async () => {
    db = await openMigratedPGlite();
    store = new CoreInstallationStore(
      installationsOf(db, { locale: 'es', timezone: 'America/Santiago' }, new Date('2026-11-22T12:00:00Z')),
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

describe('Slack tokens encrypted at rest', () => {
  const OLD = randomBytes(32);
  const NEW = randomBytes(32);
  const install = (team: string, token: string) =>
    ({
      team: { id: team, name: `Workspace ${team}` },
      enterprise: undefined,
      user: { id: 'U_INSTALLER', token: 'xoxp-user-secret', scopes: undefined },
      bot: { token, scopes: ['chat:write'], id: 'B1', userId: 'UB1' },
      isEnterpriseInstall: false,
      tokenType: 'bot',
    }) as never;
  const query = (teamId: string) => ({ teamId, isEnterpriseInstall: false, enterpriseId: undefined });
  const storeWith = (db: OpenDatabase, box?: SecretBox) =>
    new CoreInstallationStore(
      installationsOf(db, { locale: 'es', timezone: 'UTC' }, new Date('2026-12-03T12:00:00Z'), box),
    );
  const rawRow = async (db: OpenDatabase, team: string) =>
    JSON.stringify(
      (
        await db.db
          .selectFrom('slack_installations')
          .select('installation')
          .where('install_key', '=', `T:${team}`)
          .executeTakeFirstOrThrow()
      ).installation,
    );
  const botToken = async (store: CoreInstallationStore, team: string) =>
    ((await store.fetchInstallation(query(team))) as { bot?: { token?: string } }).bot?.token;

  it('stores no token in clear text with a key, and reads it back', async () => {
    const db = await openMigratedPGlite();
    try {
      const store = storeWith(db, SecretBox.of(NEW));
      await store.storeInstallation(install('T1', 'xoxb-secret-1'));
      const raw = await rawRow(db, 'T1');
      expect(raw).not.toContain('xoxb-secret-1');
      expect(raw).not.toContain('xoxp-user-secret');
      expect(raw).toContain('mentoria:v1:');
      expect(await botToken(store, 'T1')).toBe('xoxb-secret-1');
      // The twin: without a key, the same install is stored as Slack sent it.
      const plain = storeWith(db);
      await plain.storeInstallation(install('T2', 'xoxb-plain-2'));
      expect(await rawRow(db, 'T2')).toContain('xoxb-plain-2');
    } finally {
      await db.close();
    }
  });

  it('encrypts rows written before a key was configured, at start and on first read', async () => {
    const db = await openMigratedPGlite();
    try {
      const before = storeWith(db);
      await before.storeInstallation(install('T1', 'xoxb-old-1'));
      await before.storeInstallation(install('T2', 'xoxb-old-2'));
      const after = storeWith(db, SecretBox.of(NEW));
      // First read of T1 seals it.
      expect(await botToken(after, 'T1')).toBe('xoxb-old-1');
      expect(await rawRow(db, 'T1')).not.toContain('xoxb-old-1');
      expect(await rawRow(db, 'T2')).toContain('xoxb-old-2');
      // The sweep at start seals the rest, and leaves sealed rows alone.
      expect(await after.sealExisting()).toBe(1);
      expect(await rawRow(db, 'T2')).not.toContain('xoxb-old-2');
      expect(await after.sealExisting()).toBe(0);
      expect(await botToken(after, 'T2')).toBe('xoxb-old-2');
      // Sealed rows cannot be read without a key: a clear error, not a token-less client.
      await expect(before.fetchInstallation(query('T2'))).rejects.toThrow(/ENCRYPTION_KEY/);
    } finally {
      await db.close();
    }
  });

  it('rotates keys: rows under the old key still open and are sealed again under the new one', async () => {
    const db = await openMigratedPGlite();
    try {
      await storeWith(db, SecretBox.of(OLD)).storeInstallation(install('T1', 'xoxb-rotating'));
      const underOld = await rawRow(db, 'T1');
      // The new key alone cannot open it.
      await expect(storeWith(db, SecretBox.of(NEW)).fetchInstallation(query('T1'))).rejects.toThrow(
        /not in ENCRYPTION_KEYS/,
      );
      const rotated = storeWith(db, SecretBox.of(NEW, OLD));
      expect(await botToken(rotated, 'T1')).toBe('xoxb-rotating');
      const underNew = await rawRow(db, 'T1');
      expect(underNew).not.toBe(underOld);
      expect(underNew).not.toContain('xoxb-rotating');
      // Once re-sealed, the old key can be dropped.
      expect(await botToken(storeWith(db, SecretBox.of(NEW)), 'T1')).toBe('xoxb-rotating');
      expect(await rotated.sealExisting()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("refuses a sealed value moved into another workspace's row, or altered", async () => {
    const db = await openMigratedPGlite();
    try {
      const store = storeWith(db, SecretBox.of(NEW));
      await store.storeInstallation(install('T1', 'xoxb-victim'));
      await store.storeInstallation(install('T2', 'xoxb-attacker'));
      const victim = await db.db
        .selectFrom('slack_installations')
        .select('installation')
        .where('install_key', '=', 'T:T1')
        .executeTakeFirstOrThrow();
      await db.db
        .updateTable('slack_installations')
        .set({ installation: JSON.stringify(victim.installation) })
        .where('install_key', '=', 'T:T2')
        .execute();
      await expect(store.fetchInstallation(query('T2'))).rejects.toThrow();
      expect(await botToken(store, 'T1')).toBe('xoxb-victim');
      const sealed = (victim.installation as { sealed: string }).sealed;
      // The character flipped is the one replaced (a random tag ends in 'A' one time in 64).
      const flipped = `${sealed.slice(0, -3)}${sealed.at(-3) === 'A' ? 'B' : 'A'}${sealed.slice(-2)}`;
      expect(() => SecretBox.of(NEW).open(flipped, 'slack_installations:T:T1')).toThrow();
    } finally {
      await db.close();
    }
  });
});

describe('who administers a tenant', () => {
  it('makes the person who installs the app an admin of the new tenant, found with users.info', async () => {
    const { default: nock } = await import('nock');
    const { SlackAdapter } = await import('../../../adapters/slack/slack.adapter.ts');
    const { parseServerConfig } = await import('../../../adapters/platforms.ts');
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
      const parsed = parseServerConfig({
        SLACK_CLIENT_ID: '1.2',
        SLACK_CLIENT_SECRET: 'secret',
        SLACK_STATE_SECRET: 'a-state-secret-long-enough',
        SLACK_SIGNING_SECRET: 'signing-secret-0123456789',
        SLACK_API_URL: 'https://slack-install.test/api/',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
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
        core: coreOf(bot, {
          inbox: new Inbox({
            db: db.db,
            clock: systemClock,
            worker: 'test',
            leaseMs: 30_000,
            onError: () => {},
          }),
        }),
        clock: systemClock,
        log: createLogger('silent'),
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
        .reply(async (request: Request) => {
          const { body } = await intercepted(request);
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
