import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Installations } from '../../src/flows/ports.ts';

/** Slack's tenant key: the Enterprise Grid organisation for org-wide installs, else the workspace. */
export function slackTenantKey(input: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string {
  return input.isEnterpriseInstall && input.enterpriseId
    ? `E:${input.enterpriseId}`
    : `T:${input.teamId ?? ''}`;
}

/**
 * Bolt's installation store on the core's installations: every workspace (or org) becomes a
 * tenant, and its installation JSON (Slack's own shape, opaque to the core) is sealed at rest.
 */
export class CoreInstallationStore implements InstallationStore {
  constructor(
    private readonly installations: Installations,
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
  ) {}

  /** Seals rows still in plain text or under an older key; how many were sealed again. */
  sealExisting(): Promise<number> {
    return this.installations.sealExisting();
  }

  async storeInstallation<A extends 'v1' | 'v2'>(installation: Installation<A, boolean>): Promise<void> {
    const isEnterpriseInstall = Boolean(installation.isEnterpriseInstall);
    const key = slackTenantKey({
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall,
    });
    const { tenantId, first } = await this.installations.save({
      key,
      tenantName: (isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? key,
      teamId: installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      isEnterpriseInstall,
      installerUserId: installation.user?.id ?? null,
      installation,
    });
    await this.onInstalled?.(tenantId, installation.user?.id, installation.bot?.token, first);
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
      const found = await this.installations.find(key);
      if (found) return found as Installation<'v1' | 'v2', boolean>;
    }
    throw new Error(`no Slack installation for ${keys.join(', ')}`);
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.installations.delete(
      slackTenantKey({
        teamId: query.teamId,
        enterpriseId: query.enterpriseId,
        isEnterpriseInstall: query.isEnterpriseInstall,
      }),
    );
  }
}
