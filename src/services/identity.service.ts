import { LOCALES, type Locale } from '../config.ts';
import type { Actor } from '../domain/authz.ts';
import type { Identity, Person, Platform, Tenant } from '../domain/model.ts';
import { isValidTimeZone } from '../domain/time.ts';
import type { PlatformUser } from '../messages/inbound.ts';
import {
  createPerson,
  findPersonByEmail,
  identityWithPerson,
  setPersonEmail,
  setTenantRole,
  settleIdentityProfile,
  updatePersonProfile,
  upsertIdentity,
} from '../store/person.store.ts';
import { type Deps, resolveActor } from './deps.ts';

/** The language a platform reports (`es-MX`, `en`), or the fallback when it is not one we speak. */
export function localeOf(value: string | undefined, fallback: Locale): Locale {
  const short = value?.slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(short ?? '') ? (short as Locale) : fallback;
}

/**
 * Who is writing: their identity, or a new person linked by email (a roster person) or created
 * on first contact. An account whose profile lookup failed before is settled once it works;
 * people in ADMIN_EMAILS administer the tenant from their first message on.
 */
export async function whoIsWriting(
  deps: Deps & { adminEmails?: string[] | undefined },
  tenant: Tenant,
  sender: { platform: Platform; user: PlatformUser },
  prefetched?: Awaited<ReturnType<typeof identityWithPerson>>,
): Promise<{ person: Person; actor: Actor; firstContact: boolean }> {
  const { db } = deps;
  const { platform, user } = sender;
  const now = deps.clock.now();
  let person: Person | undefined;
  let firstContact = false;
  const found = prefetched ?? (await identityWithPerson(db, tenant.id, platform, user.externalId));
  const identity = found?.identity;
  let actor: Actor | undefined;
  if (found && identity?.profilePending && !user.profilePending) {
    // The lookup that failed on first contact worked this time: link the account to the roster
    // person with that email, or give its placeholder person the real name and email.
    person = await settleProfile(deps, tenant, found.person, identity, user);
  } else if (found && identity) {
    person = found.person;
    actor = {
      tenantId: tenant.id,
      personId: found.person.id,
      staffRole: found.person.tenantRole ?? found.enrolledStaff,
    };
    if (
      (user.conversationRef &&
        JSON.stringify(user.conversationRef) !== JSON.stringify(identity.conversationRef)) ||
      !identity.active
    ) {
      await upsertIdentity(db, {
        tenantId: tenant.id,
        personId: identity.personId,
        platform,
        externalId: user.externalId,
        conversationRef: user.conversationRef ?? null,
        now,
      });
    }
  }
  if (!person) {
    person = user.email ? await findPersonByEmail(db, tenant.id, user.email) : undefined;
    person ??= await createPerson(db, tenant.id, {
      name: (user.name ?? user.externalId).slice(0, 200),
      email: user.email ?? null,
      locale: localeOf(user.locale, tenant.defaultLocale),
      timezone: user.timezone && isValidTimeZone(user.timezone) ? user.timezone : tenant.defaultTimezone,
    });
    await upsertIdentity(db, {
      tenantId: tenant.id,
      personId: person.id,
      platform,
      externalId: user.externalId,
      conversationRef: user.conversationRef ?? null,
      profilePending: Boolean(user.profilePending),
      now,
    });
    firstContact = true;
  }
  if (!person.tenantRole && person.email && deps.adminEmails?.includes(person.email.toLowerCase())) {
    // ADMIN_EMAILS: the person administers this tenant from their first message on.
    person = await setTenantRole(db, tenant.id, person.id, 'admin', now);
    actor = { tenantId: tenant.id, personId: person.id, staffRole: 'admin' };
  }
  actor ??= await resolveActor(db, tenant.id, person.id);
  return { person, actor, firstContact };
}

/**
 * An account created while the platform's profile lookup was failing, now looked up: moved to
 * the roster person with its email (the placeholder removed when nothing refers to it), or its
 * placeholder person given the name, email, language and zone the platform reports.
 */
async function settleProfile(
  deps: Deps,
  tenant: Tenant,
  placeholder: Person,
  identity: Identity,
  user: PlatformUser,
): Promise<Person> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const roster = user.email ? await findPersonByEmail(tx, tenant.id, user.email) : undefined;
    if (user.conversationRef) {
      await upsertIdentity(tx, {
        tenantId: tenant.id,
        personId: identity.personId,
        platform: identity.platform,
        externalId: identity.externalId,
        conversationRef: user.conversationRef,
        now,
      });
    }
    if (roster && roster.id !== placeholder.id) {
      await settleIdentityProfile(tx, {
        tenantId: tenant.id,
        identityId: identity.id,
        placeholderId: placeholder.id,
        personId: roster.id,
        now,
      });
      return roster;
    }
    await settleIdentityProfile(tx, {
      tenantId: tenant.id,
      identityId: identity.id,
      placeholderId: placeholder.id,
      personId: placeholder.id,
      now,
    });
    // Only what is still the placeholder's: a name or language the person set is kept.
    const changes: Parameters<typeof updatePersonProfile>[3] = {};
    if (user.name && placeholder.name === identity.externalId) changes.name = user.name.slice(0, 200);
    if (user.timezone && isValidTimeZone(user.timezone) && placeholder.timezone === tenant.defaultTimezone)
      changes.timezone = user.timezone;
    if (user.locale && placeholder.locale === tenant.defaultLocale)
      changes.locale = localeOf(user.locale, tenant.defaultLocale);
    let person = await updatePersonProfile(tx, tenant.id, placeholder.id, changes, now);
    if (user.email && !placeholder.email)
      person = await setPersonEmail(tx, tenant.id, placeholder.id, user.email, now);
    return person;
  });
}
