import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Locale } from '../../src/config.ts';
import type { Db } from '../../src/store/db.ts';
import type { SecretBox } from '../../src/store/secret-box.ts';
import {
  deleteInstallation,
  findInstallation,
  hasInstallation,
  installKey,
  saveInstallation,
  sealInstallations,
} from '../../src/store/slack-installation.store.ts';
import { ensureTenant } from '../../src/store/tenant.store.ts';

/** Slack's tenant key: the Enterprise Grid organisation for org-wide installs, else the workspace. */
export function slackTenantKey(input: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string {
  return installKey({
    teamId: input.teamId,
    enterpriseId: input.enterpriseId,
    isEnterpriseInstall: input.isEnterpriseInstall ?? false,
  });
}

/** Bolt's installation store on our Postgres: every workspace (or org) becomes a tenant. */
export class PostgresInstallationStore implements InstallationStore {
  constructor(
    private readonly db: Db,
    private readonly defaults: { locale: Locale; timezone: string },
    private readonly now: () => Date,
    /**
     * Called after each install: the first installation of a workspace makes its installer an
     * admin; a re-install only if Slack says the installer administers the workspace.
     */
    private readonly onInstalled?: (
      tenantId: string,
      installerUserId: string | undefined,
      botToken: string | undefined,
      firstInstallation: boolean,
    ) => Promise<void>,
    /** Seals the installations (their tokens) at rest; without it they are stored as Slack sends them. */
    private readonly box?: SecretBox,
  ) {}

  /** Seals rows still in plain text or under an older key; how many were sealed again. */
  async sealExisting(): Promise<number> {
    return this.box ? sealInstallations(this.db, this.box) : 0;
  }

  async storeInstallation<A extends 'v1' | 'v2'>(installation: Installation<A, boolean>): Promise<void> {
    const isEnterpriseInstall = Boolean(installation.isEnterpriseInstall);
    const key = slackTenantKey({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall,
    });
    const tenant = await ensureTenant(this.db, {
      platform: 'slack',
      externalId: key,
      name: (isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? key,
      defaultLocale: this.defaults.locale,
      defaultTimezone: this.defaults.timezone,
    });
    const firstInstallation = !(await hasInstallation(this.db, tenant.id));
    await saveInstallation(
      this.db,
      {
        key,
        tenantId: tenant.id,
        teamId: installation.team?.id ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall,
        installerUserId: installation.user?.id ?? null,
        installation,
        now: this.now(),
      },
      this.box,
    );
    await this.onInstalled?.(tenant.id, installation.user?.id, installation.bot?.token, firstInstallation);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const keys = query.isEnterpriseInstall
      ? [slackTenantKey({ enterpriseId: query.enterpriseId, isEnterpriseInstall: true })]
      : [
          slackTenantKey({ teamId: query.teamId }),
          ...(query.enterpriseId
            ? [slackTenantKey({ enterpriseId: query.enterpriseId, isEnterpriseInstall: true })]
            : []),
        ];
    for (const key of keys) {
      const found = await findInstallation(this.db, key, this.box);
      if (found) return found.installation as Installation<'v1' | 'v2', boolean>;
    }
    throw new Error(`no Slack installation for ${keys.join(', ')}`);
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await deleteInstallation(
      this.db,
      slackTenantKey({
        teamId: query.teamId,
        enterpriseId: query.enterpriseId,
        isEnterpriseInstall: query.isEnterpriseInstall,
      }),
    );
  }
}
