import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresInstallationStore } from '../../../adapters/slack/installation.store.ts';
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
