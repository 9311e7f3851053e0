import type { Db } from './db.ts';

/**
 * Slack installations (OAuth), one per workspace or Enterprise Grid organisation. The
 * installation JSON is Slack's own shape and stays opaque to the core.
 */
export function installKey(input: {
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
  isEnterpriseInstall?: boolean;
}): string {
  return input.isEnterpriseInstall && input.enterpriseId
    ? `E:${input.enterpriseId}`
    : `T:${input.teamId ?? ''}`;
}

export async function saveInstallation(
  db: Db,
  input: {
    key: string;
    tenantId: string;
    teamId: string | null;
    enterpriseId: string | null;
    isEnterpriseInstall: boolean;
    installerUserId: string | null;
    installation: unknown;
    now: Date;
  },
): Promise<void> {
  const json = JSON.stringify(input.installation);
  await db
    .insertInto('slack_installations')
    .values({
      install_key: input.key,
      tenant_id: input.tenantId,
      team_id: input.teamId,
      enterprise_id: input.enterpriseId,
      is_enterprise_install: input.isEnterpriseInstall,
      installer_user_id: input.installerUserId,
      installation: json,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.column('install_key').doUpdateSet({
        installation: json,
        installer_user_id: input.installerUserId,
        tenant_id: input.tenantId,
        updated_at: input.now,
      }),
    )
    .execute();
}

export async function findInstallation(
  db: Db,
  key: string,
): Promise<{ tenantId: string; installation: unknown } | undefined> {
  const row = await db
    .selectFrom('slack_installations')
    .select(['tenant_id', 'installation'])
    .where('install_key', '=', key)
    .executeTakeFirst();
  return row ? { tenantId: row.tenant_id, installation: row.installation } : undefined;
}

export async function findInstallationByTenant(db: Db, tenantId: string): Promise<unknown | undefined> {
  const row = await db
    .selectFrom('slack_installations')
    .select('installation')
    .where('tenant_id', '=', tenantId)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return row?.installation;
}

export async function deleteInstallation(db: Db, key: string): Promise<void> {
  await db.deleteFrom('slack_installations').where('install_key', '=', key).execute();
}
