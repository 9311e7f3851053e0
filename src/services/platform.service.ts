import type { Locale } from '../config.ts';
import type { Person, Platform, Tenant } from '../domain/model.ts';
import { isValidTimeZone } from '../domain/time.ts';
import type { PlatformUser } from '../messages/inbound.ts';
import { recordAudit } from '../store/audit.store.ts';
import { markProcessed } from '../store/conversation.store.ts';
import {
  activeIdentities,
  createPerson,
  deactivateIdentity,
  deactivateTenantIdentities,
  findIdentity,
  findPersonByEmail,
  getPerson,
  setTenantRole,
  tenantAdmins,
  upsertIdentity,
} from '../store/person.store.ts';
import type { SecretBox } from '../store/secret-box.ts';
import {
  deleteInstallation,
  findInstallation,
  findInstallationByTenant,
  hasInstallation,
  saveInstallation,
  sealInstallations,
} from '../store/slack-installation.store.ts';
import { ensureTenant, findTenant } from '../store/tenant.store.ts';
import type { Deps } from './deps.ts';
import { localeOf } from './identity.service.ts';

/**
 * What a platform's adapter asks of the core outside a person's turn: its workspaces and
 * organisations as tenants, accounts added and removed, installations kept and withdrawn.
 */
type PlatformDeps = Deps & { defaults: { locale: Locale; timezone: string } };

/** The tenant a platform names (a workspace, an organisation, an Entra tenant), made on first sight. */
export function tenantOfPlatform(
  deps: PlatformDeps,
  platform: Platform,
  key: string,
  name?: string,
): Promise<Tenant> {
  return ensureTenant(deps.db, {
    platform,
    externalId: key,
    name: name ?? key,
    defaultLocale: deps.defaults.locale,
    defaultTimezone: deps.defaults.timezone,
  });
}

/** The tenant a platform names, if it exists already (an uninstall of an unknown workspace changes nothing). */
export function knownTenant(deps: Deps, platform: Platform, key: string): Promise<Tenant | undefined> {
  return findTenant(deps.db, platform, key);
}

/** Whether an account is linked to a person whose profile is settled (nothing left to look up). */
export async function isSettled(
  deps: Deps,
  tenantId: string,
  platform: Platform,
  externalId: string,
): Promise<boolean> {
  return (await findIdentity(deps.db, tenantId, platform, externalId))?.profilePending === false;
}

/** The language of the person behind an account: the one they chose, else their client's, else the server's. */
export async function languageOfAccount(
  deps: PlatformDeps,
  tenantId: string,
  platform: Platform,
  externalId: string,
  clientLocale: string | undefined,
): Promise<Locale> {
  const identity = await findIdentity(deps.db, tenantId, platform, externalId);
  const person = identity ? await getPerson(deps.db, tenantId, identity.personId) : undefined;
  return localeOf(person?.locale ?? clientLocale, deps.defaults.locale);
}

/** The bot was added again to an account's chat: writing to it works again, at its new address. */
export async function accountAdded(
  deps: Deps,
  tenantId: string,
  platform: Platform,
  externalId: string,
  conversationRef: Record<string, unknown> | null,
): Promise<void> {
  const identity = await findIdentity(deps.db, tenantId, platform, externalId);
  if (!identity) return;
  await upsertIdentity(deps.db, {
    tenantId,
    personId: identity.personId,
    platform,
    externalId,
    conversationRef,
    now: deps.clock.now(),
  });
}

/** The person removed the bot from their chat: nothing more is sent to that account. */
export async function accountRemoved(
  deps: Deps,
  tenantId: string,
  platform: Platform,
  externalId: string,
  reason: string,
): Promise<void> {
  const identity = await findIdentity(deps.db, tenantId, platform, externalId);
  if (identity) await deactivateIdentity(deps.db, tenantId, identity.id, reason, deps.clock.now());
}

/**
 * The person who first installs the app administers their workspace's tenant; a re-install
 * (members may re-install to grant a scope) makes an admin only of a workspace admin or owner,
 * as the platform says. Anyone else is linked and nothing more. The installer's person id.
 */
export async function installedBy(
  deps: PlatformDeps,
  input: {
    tenantId: string;
    platform: Platform;
    user: PlatformUser;
    first: boolean;
    workspaceAdmin: boolean;
  },
): Promise<string> {
  const { db, clock, defaults } = deps;
  const { tenantId, platform, user } = input;
  const now = clock.now();
  const grant = input.first || input.workspaceAdmin;
  const known = await findIdentity(db, tenantId, platform, user.externalId);
  let person: Person | undefined = known ? await getPerson(db, tenantId, known.personId) : undefined;
  person ??= user.email ? await findPersonByEmail(db, tenantId, user.email) : undefined;
  person ??= await createPerson(db, tenantId, {
    name: user.name ?? user.externalId,
    email: user.email ?? null,
    locale: localeOf(user.locale, defaults.locale),
    timezone: user.timezone && isValidTimeZone(user.timezone) ? user.timezone : defaults.timezone,
  });
  if (grant && person.tenantRole !== 'admin') await setTenantRole(db, tenantId, person.id, 'admin', now);
  await upsertIdentity(db, {
    tenantId,
    personId: person.id,
    platform,
    externalId: user.externalId,
    conversationRef: null,
    now,
  });
  if (!grant || person.tenantRole === 'admin') return person.id;
  await recordAudit(db, {
    tenantId,
    at: now,
    actorId: person.id,
    via: 'system',
    action: 'tenant.admin',
    subjectType: 'person',
    subjectId: person.id,
    data: { reason: input.first ? 'installed the app' : 're-installed the app as a workspace admin' },
  });
  return person.id;
}

/**
 * The app was removed from a workspace: its installation goes and nobody there is written to
 * again. Retries of the platform's event change nothing; the tenant's id when this delivery did it.
 */
export async function uninstalled(
  deps: Deps,
  input: { platform: Platform; key: string; eventId: string; reason: string },
): Promise<{ tenantId: string; identities: number } | undefined> {
  const tenant = await findTenant(deps.db, input.platform, input.key);
  if (!tenant) return undefined;
  if (!(await markProcessed(deps.db, tenant.id, `${input.platform}:${input.eventId}`, deps.clock.now())))
    return undefined;
  await deleteInstallation(deps.db, input.key);
  const identities = await deactivateTenantIdentities(
    deps.db,
    tenant.id,
    input.platform,
    input.reason,
    deps.clock.now(),
  );
  return { tenantId: tenant.id, identities };
}

/**
 * A workspace stopped accepting the bot's writes (a revoked token, a missing permission). The
 * first report of a code on a day, across replicas, is true: the operator hears it once; the
 * tenant's admins, with their accounts on that platform, are whom to tell.
 */
export async function firstPauseToday(
  deps: Deps,
  tenantId: string,
  platform: Platform,
  code: string,
): Promise<boolean> {
  const now = deps.clock.now();
  const day = now.toISOString().slice(0, 10);
  return markProcessed(deps.db, tenantId, `notice:${platform}:${code}:${day}`, now).catch(() => false);
}

/** A tenant's admins with their active accounts on one platform. */
export async function adminsOn(
  deps: Deps,
  tenantId: string,
  platform: Platform,
): Promise<{ person: Person; identities: Awaited<ReturnType<typeof activeIdentities>> }[]> {
  const out = [];
  for (const person of await tenantAdmins(deps.db, tenantId)) {
    const identities = (await activeIdentities(deps.db, tenantId, person.id)).filter(
      (i) => i.platform === platform,
    );
    out.push({ person, identities });
  }
  return out;
}

/** A platform's OAuth installations (Slack's workspaces), opaque to the core, sealed at rest when a key is set. */
export interface Installations {
  /** Keeps an installation, making its tenant on first sight; whether it is the tenant's first. */
  save(input: {
    key: string;
    tenantName: string;
    teamId: string | null;
    enterpriseId: string | null;
    isEnterpriseInstall: boolean;
    installerUserId: string | null;
    installation: unknown;
  }): Promise<{ tenantId: string; first: boolean }>;
  find(key: string): Promise<unknown | undefined>;
  forTenant(tenantId: string): Promise<unknown | undefined>;
  delete(key: string): Promise<void>;
  /** Seals rows still in plain text or under an older key; how many were sealed again. */
  sealExisting(): Promise<number>;
}

export function installations(
  deps: PlatformDeps,
  platform: Platform,
  box: SecretBox | undefined,
): Installations {
  const { db } = deps;
  return {
    async save(input) {
      const tenant = await tenantOfPlatform(deps, platform, input.key, input.tenantName);
      const first = !(await hasInstallation(db, tenant.id));
      await saveInstallation(db, { ...input, tenantId: tenant.id, now: deps.clock.now() }, box);
      return { tenantId: tenant.id, first };
    },
    async find(key) {
      return (await findInstallation(db, key, box))?.installation;
    },
    forTenant: (tenantId) => findInstallationByTenant(db, tenantId, box),
    delete: (key) => deleteInstallation(db, key),
    sealExisting: async () => (box ? sealInstallations(db, box) : 0),
  };
}
