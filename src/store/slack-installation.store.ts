import { sql } from 'kysely';
import type { Db } from './db.ts';
import { isSealed, type SecretBox } from './secret-box.ts';

/*
 * Slack installations (OAuth), one per workspace or Enterprise Grid organisation, under the
 * adapter's key. The installation JSON is Slack's own shape and stays opaque to the core.
 */

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
  box: SecretBox | undefined,
): Promise<void> {
  const json = stored(input.key, input.installation, box);
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
  box: SecretBox | undefined,
): Promise<{ tenantId: string; installation: unknown } | undefined> {
  const row = await db
    .selectFrom('slack_installations')
    .select(['install_key', 'tenant_id', 'installation'])
    .where('install_key', '=', key)
    .executeTakeFirst();
  return row ? { tenantId: row.tenant_id, installation: await readRow(db, row, box) } : undefined;
}

export async function findInstallationByTenant(
  db: Db,
  tenantId: string,
  box: SecretBox | undefined,
): Promise<unknown | undefined> {
  const row = await db
    .selectFrom('slack_installations')
    .select(['install_key', 'installation'])
    .where('tenant_id', '=', tenantId)
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return row ? readRow(db, row, box) : undefined;
}

/** Whether a workspace has an installation, without opening it. */
export async function hasInstallation(db: Db, tenantId: string): Promise<boolean> {
  const row = await db
    .selectFrom('slack_installations')
    .select('install_key')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Seals every installation still in plain text or under an older key (at start, so that rows
 * written before encryption was configured do not wait for their workspace's next request).
 * Returns how many rows were sealed again.
 */
export async function sealInstallations(db: Db, box: SecretBox): Promise<number> {
  const rows = await db.selectFrom('slack_installations').select(['install_key', 'installation']).execute();
  let sealed = 0;
  for (const row of rows) {
    const { stale } = open(row.install_key, row.installation, box);
    if (stale) {
      await readRow(db, row, box);
      sealed += 1;
    }
  }
  return sealed;
}

/** What the column holds: the installation, sealed when a key is configured. */
function stored(key: string, installation: unknown, box: SecretBox | undefined): string {
  const json = JSON.stringify(installation);
  return box ? JSON.stringify({ sealed: box.seal(json, context(key)) }) : json;
}

function open(
  key: string,
  value: unknown,
  box: SecretBox | undefined,
): { installation: unknown; stale: boolean } {
  const sealed = (value as { sealed?: unknown } | null)?.sealed;
  if (!isSealed(sealed)) return { installation: value, stale: Boolean(box) };
  if (!box) {
    throw new Error(
      `the Slack installation ${key} is encrypted, and no ENCRYPTION_KEY (or ENCRYPTION_KEYS) is configured`,
    );
  }
  const { plain, stale } = box.open(sealed, context(key));
  return { installation: JSON.parse(plain), stale };
}

/** Opens a row, sealing it again under the newest key when it was plain or under an older one. */
async function readRow(
  db: Db,
  row: { install_key: string; installation: unknown },
  box: SecretBox | undefined,
): Promise<unknown> {
  const { installation, stale } = open(row.install_key, row.installation, box);
  if (stale && box) {
    // Only if nobody rewrote it meanwhile (a reinstall): compare with what was read.
    await db
      .updateTable('slack_installations')
      .set({ installation: stored(row.install_key, installation, box) })
      .where('install_key', '=', row.install_key)
      .where(sql`installation`, '=', sql`${JSON.stringify(row.installation)}::jsonb`)
      .execute();
  }
  return installation;
}

/** Binds a sealed installation to its row: copied into another workspace's row, it does not open. */
function context(key: string): string {
  return `slack_installations:${key}`;
}

export async function deleteInstallation(db: Db, key: string): Promise<void> {
  await db.deleteFrom('slack_installations').where('install_key', '=', key).execute();
}
