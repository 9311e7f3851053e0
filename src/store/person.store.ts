import { type Selectable, sql } from 'kysely';
import type { Locale } from '../config.ts';
import type { Gender, Identity, Person, Platform, TenantRole } from '../domain/model.ts';
import type { ConversationState } from './conversation.store.ts';
import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';
import { releaseWaiting } from './nudge.store.ts';
import type { IdentitiesTable, PersonRow } from './schema.ts';

export function toPerson(row: PersonRow): Person {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    email: row.email,
    gender: row.gender as Gender | null,
    level: row.level,
    unit: row.unit,
    institution: row.institution,
    region: row.region,
    birthYear: row.birth_year,
    topics: row.topics ?? [],
    locale: row.locale as Locale,
    timezone: row.timezone,
    tenantRole: row.tenant_role as TenantRole | null,
    snoozedUntil: row.snoozed_until,
    privacyNoticeAt: row.privacy_notice_at ?? null,
  };
}

function toIdentity(row: Selectable<IdentitiesTable>): Identity {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    personId: row.person_id,
    platform: row.platform as Platform,
    externalId: row.external_id,
    conversationRef: row.conversation_ref as Record<string, unknown> | null,
    active: row.active,
    profilePending: row.profile_pending,
  };
}

export type NewPersonInput = Pick<Person, 'name' | 'locale' | 'timezone'> &
  Partial<
    Pick<
      Person,
      'email' | 'gender' | 'level' | 'unit' | 'institution' | 'region' | 'birthYear' | 'topics' | 'tenantRole'
    >
  >;

export async function createPerson(db: Db | Tx, tenantId: string, input: NewPersonInput): Promise<Person> {
  const row = await db
    .insertInto('people')
    .values({
      tenant_id: tenantId,
      id: newId(),
      name: input.name,
      email: input.email ?? null,
      gender: input.gender ?? null,
      level: input.level ?? null,
      unit: input.unit ?? null,
      institution: input.institution ?? null,
      region: input.region ?? null,
      birth_year: input.birthYear ?? null,
      locale: input.locale,
      timezone: input.timezone,
      tenant_role: input.tenantRole ?? null,
      topics: input.topics ?? [],
      snoozed_until: null,
      erased_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPerson(row);
}

export async function getPerson(
  db: Db | Tx,
  tenantId: string,
  personId: string,
): Promise<Person | undefined> {
  const row = await db
    .selectFrom('people')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .executeTakeFirst();
  return row ? toPerson(row) : undefined;
}

export async function getPeople(db: Db | Tx, tenantId: string, ids: string[]): Promise<Map<string, Person>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toPerson(r)]));
}

export async function findPersonByEmail(
  db: Db | Tx,
  tenantId: string,
  email: string,
): Promise<Person | undefined> {
  const row = await db
    .selectFrom('people')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.fn('lower', ['email']), '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? toPerson(row) : undefined;
}

/** Gives a person without one the email their platform reports (an account settled later). */
export async function setPersonEmail(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  email: string,
  now: Date,
): Promise<Person> {
  const row = await db
    .updateTable('people')
    .set({ email, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPerson(row);
}

/** The people who administer a tenant (ADMIN_EMAILS, the app's installer, roles granted). */
export async function tenantAdmins(db: Db | Tx, tenantId: string): Promise<Person[]> {
  const rows = await db
    .selectFrom('people')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('tenant_role', '=', 'admin')
    .where('erased_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map(toPerson);
}

/** Who administers a cycle: the tenant's admins and the people enrolled in it as admins. */
export async function cycleAdmins(db: Db | Tx, tenantId: string, cycleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('people')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('erased_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('tenant_role', '=', 'admin'),
        eb.exists(
          eb
            .selectFrom('enrollments as e')
            .select('e.person_id')
            .whereRef('e.tenant_id', '=', 'people.tenant_id')
            .whereRef('e.person_id', '=', 'people.id')
            .where('e.cycle_id', '=', cycleId)
            .where('e.role', '=', 'admin'),
        ),
      ]),
    )
    .orderBy('name')
    .execute();
  return rows.map((r) => r.id);
}

export async function listPeople(db: Db, tenantId: string): Promise<Person[]> {
  const rows = await db
    .selectFrom('people')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('erased_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map(toPerson);
}

export async function updatePersonPreferences(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  changes: { locale?: Locale; timezone?: string; snoozedUntil?: Date | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('people')
    .set({
      ...(changes.locale ? { locale: changes.locale } : {}),
      ...(changes.timezone ? { timezone: changes.timezone } : {}),
      ...(changes.snoozedUntil !== undefined ? { snoozed_until: changes.snoozedUntil } : {}),
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .execute();
}

export async function findIdentity(
  db: Db | Tx,
  tenantId: string,
  platform: Platform,
  externalId: string,
): Promise<Identity | undefined> {
  const row = await db
    .selectFrom('identities')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('platform', '=', platform)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? toIdentity(row) : undefined;
}

/** Identities through which the bot can reach a person on its own, newest first. */
export async function activeIdentities(db: Db | Tx, tenantId: string, personId: string): Promise<Identity[]> {
  const rows = await db
    .selectFrom('identities')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('active', '=', true)
    .orderBy('updated_at', 'desc')
    .execute();
  return rows.map(toIdentity);
}

/** Links a platform account to a person, or refreshes its conversation reference and reactivates it. */
export async function upsertIdentity(
  db: Db | Tx,
  input: {
    tenantId: string;
    personId: string;
    platform: Platform;
    externalId: string;
    conversationRef: Record<string, unknown> | null;
    /** The profile lookup failed: the person's name and email are placeholders for now. */
    profilePending?: boolean;
    now: Date;
  },
): Promise<Identity> {
  const ref = input.conversationRef === null ? null : JSON.stringify(input.conversationRef);
  const row = await db
    .insertInto('identities')
    .values({
      tenant_id: input.tenantId,
      id: newId(),
      person_id: input.personId,
      platform: input.platform,
      external_id: input.externalId,
      conversation_ref: ref,
      deactivated_reason: null,
      profile_pending: input.profilePending ?? false,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'platform', 'external_id']).doUpdateSet((eb) => ({
        conversation_ref: ref === null ? eb.ref('identities.conversation_ref') : ref,
        active: true,
        deactivated_reason: null,
        updated_at: input.now,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  // Reachable now: what waited for this person goes out.
  await releaseWaiting(db, input.tenantId, input.personId, input.now);
  return toIdentity(row);
}

/**
 * An account whose profile was missing is now known: it belongs to `personId` (the roster person
 * with its email, or the person created for it), and its profile is no longer pending. When it
 * moves to the roster person, the placeholder person made for it is removed if nothing else
 * refers to it (no other account, no enrollment, no application).
 */
export async function settleIdentityProfile(
  tx: Tx,
  input: { tenantId: string; identityId: string; placeholderId: string; personId: string; now: Date },
): Promise<void> {
  await tx
    .updateTable('identities')
    .set({ person_id: input.personId, profile_pending: false, updated_at: input.now })
    .where('tenant_id', '=', input.tenantId)
    .where('id', '=', input.identityId)
    .execute();
  await releaseWaiting(tx, input.tenantId, input.personId, input.now);
  if (input.placeholderId === input.personId) return;
  await sql`
    delete from people p
    where p.tenant_id = ${input.tenantId} and p.id = ${input.placeholderId} and p.email is null
      and not exists (select 1 from identities i where i.tenant_id = p.tenant_id and i.person_id = p.id)
      and not exists (select 1 from enrollments e where e.tenant_id = p.tenant_id and e.person_id = p.id)
      and not exists (select 1 from applications a where a.tenant_id = p.tenant_id and a.person_id = p.id)`.execute(
    tx,
  );
}

/** The person is gone from the platform (left, removed the bot): stop sending there. */
export async function deactivateIdentity(
  db: Db | Tx,
  tenantId: string,
  identityId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('identities')
    .set({ active: false, deactivated_reason: reason, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', identityId)
    .execute();
}

/** Active identities of many people at once, by person id (the dispatcher loads a batch's in one query). */
export async function activeIdentitiesOf(
  db: Db | Tx,
  tenantId: string,
  personIds: string[],
): Promise<Map<string, Identity[]>> {
  const map = new Map<string, Identity[]>();
  if (personIds.length === 0) return map;
  const rows = await db
    .selectFrom('identities')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('person_id', 'in', [...new Set(personIds)])
    .where('active', '=', true)
    .execute();
  for (const row of rows) map.set(row.person_id, [...(map.get(row.person_id) ?? []), toIdentity(row)]);
  return map;
}

/** People and their active identities for many (tenant, person) pairs at once, keyed `tenant:person`. */
export async function recipientsOf(
  db: Db | Tx,
  keys: { tenantId: string; personId: string }[],
): Promise<{ people: Map<string, Person>; identities: Map<string, Identity[]> }> {
  const people = new Map<string, Person>();
  const identities = new Map<string, Identity[]>();
  if (keys.length === 0) return { people, identities };
  // One row per person, however many of their nudges are in the batch.
  const unique = [...new Map(keys.map((k) => [`${k.tenantId}:${k.personId}`, k])).values()];
  const tenants = unique.map((k) => k.tenantId);
  const ids = unique.map((k) => k.personId);
  const personRows = await sql<PersonRow>`
    select p.* from unnest(${tenants}::text[], ${ids}::text[]) as want(t, i)
      join people p on p.tenant_id = want.t and p.id = want.i`.execute(db);
  for (const row of personRows.rows) people.set(`${row.tenant_id}:${row.id}`, toPerson(row));
  const identityRows = await sql<Selectable<IdentitiesTable>>`
    select x.* from unnest(${tenants}::text[], ${ids}::text[]) as want(t, i)
      join identities x on x.tenant_id = want.t and x.person_id = want.i and x.active`.execute(db);
  for (const row of identityRows.rows) {
    const key = `${row.tenant_id}:${row.person_id}`;
    identities.set(key, [...(identities.get(key) ?? []), toIdentity(row)]);
  }
  return { people, identities };
}

/** The app was removed from a workspace: every identity there stops receiving messages. */
export async function deactivateTenantIdentities(
  db: Db,
  tenantId: string,
  platform: Platform,
  reason: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('identities')
    .set({ active: false, deactivated_reason: reason, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('platform', '=', platform)
    .where('active', '=', true)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Updates what a roster import knows about a person. */
export async function updatePersonProfile(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  changes: Partial<
    Pick<
      Person,
      | 'name'
      | 'gender'
      | 'level'
      | 'unit'
      | 'institution'
      | 'region'
      | 'birthYear'
      | 'topics'
      | 'locale'
      | 'timezone'
    >
  >,
  now: Date,
): Promise<Person> {
  const row = await db
    .updateTable('people')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.gender !== undefined ? { gender: changes.gender } : {}),
      ...(changes.level !== undefined ? { level: changes.level } : {}),
      ...(changes.unit !== undefined ? { unit: changes.unit } : {}),
      ...(changes.institution !== undefined ? { institution: changes.institution } : {}),
      ...(changes.region !== undefined ? { region: changes.region } : {}),
      ...(changes.birthYear !== undefined ? { birth_year: changes.birthYear } : {}),
      ...(changes.topics !== undefined ? { topics: changes.topics } : {}),
      ...(changes.locale !== undefined ? { locale: changes.locale } : {}),
      ...(changes.timezone !== undefined ? { timezone: changes.timezone } : {}),
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPerson(row);
}

/**
 * A platform account with its person and their staff role from enrollments, in one query (every
 * inbound event starts here).
 */
export async function identityWithPerson(
  db: Db | Tx,
  tenantId: string,
  platform: Platform,
  externalId: string,
): Promise<{ identity: Identity; person: Person; enrolledStaff: TenantRole | null } | undefined> {
  const row = await db
    .selectFrom('identities as i')
    .innerJoin('people as p', (j) =>
      j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.person_id'),
    )
    .selectAll('p')
    .select([
      'i.id as identity_id',
      'i.person_id as identity_person_id',
      'i.platform as identity_platform',
      'i.external_id as identity_external_id',
      'i.conversation_ref as identity_conversation_ref',
      'i.active as identity_active',
      'i.profile_pending as identity_profile_pending',
      sql<
        string | null
      >`(select case when bool_or(e.role = 'admin') then 'admin' when bool_or(e.role = 'director') then 'director' end
        from enrollments e where e.tenant_id = p.tenant_id and e.person_id = p.id and e.role in ('admin', 'director'))`.as(
        'enrolled_staff',
      ),
    ])
    .where('i.tenant_id', '=', tenantId)
    .where('i.platform', '=', platform)
    .where('i.external_id', '=', externalId)
    .executeTakeFirst();
  return row ? toIdentityWithPerson(tenantId, row) : undefined;
}

type IdentityWithPersonRow = PersonRow & {
  identity_id: string;
  identity_person_id: string;
  identity_platform: string;
  identity_external_id: string;
  identity_conversation_ref: unknown;
  identity_active: boolean;
  identity_profile_pending: boolean;
  enrolled_staff: string | null;
};

function toIdentityWithPerson(tenantId: string, row: IdentityWithPersonRow) {
  return {
    identity: {
      tenantId,
      id: row.identity_id,
      personId: row.identity_person_id,
      platform: row.identity_platform as Platform,
      externalId: row.identity_external_id,
      conversationRef: row.identity_conversation_ref as Record<string, unknown> | null,
      active: row.identity_active,
      profilePending: row.identity_profile_pending,
    },
    person: toPerson(row),
    enrolledStaff: row.enrolled_staff as TenantRole | null,
  };
}

/** Makes a person an admin or director of their tenant (ADMIN_EMAILS, the app's installer). */
export async function setTenantRole(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  role: TenantRole | null,
  now: Date,
): Promise<Person> {
  const row = await db
    .updateTable('people')
    .set({ tenant_role: role, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPerson(row);
}

/**
 * Records an inbound event as processed and finds who sent it, in one round trip: every request
 * starts here. `fresh` is false for a delivery already seen (a retry).
 */
export async function acceptEvent(
  db: Db,
  input: { tenantId: string; key: string; now: Date; platform: Platform; externalId: string },
): Promise<{
  fresh: boolean;
  found: Awaited<ReturnType<typeof identityWithPerson>>;
  conversation: ConversationState | undefined;
}> {
  const { rows } = await sql<
    IdentityWithPersonRow & {
      fresh: number;
      conv_flow: string | null;
      conv_step: string;
      conv_data: Record<string, unknown>;
      conv_expires_at: Date;
      conv_version: number;
    }
  >`
    with ins as (
      insert into processed_events (tenant_id, key, at) values (${input.tenantId}, ${input.key}, ${input.now.toISOString()}::timestamptz)
      on conflict (tenant_id, key) do nothing returning 1
    )
    select (select count(*)::int from ins) as fresh, p.*,
           i.id as identity_id, i.person_id as identity_person_id, i.platform as identity_platform,
           i.external_id as identity_external_id, i.conversation_ref as identity_conversation_ref,
           i.active as identity_active, i.profile_pending as identity_profile_pending,
           (select case when bool_or(e.role = 'admin') then 'admin' when bool_or(e.role = 'director') then 'director' end
              from enrollments e where e.tenant_id = p.tenant_id and e.person_id = p.id and e.role in ('admin', 'director'))
             as enrolled_staff,
           c.flow as conv_flow, c.step as conv_step, c.data as conv_data, c.expires_at as conv_expires_at,
           c.version as conv_version
      from (select 1) as one
      left join identities i on i.tenant_id = ${input.tenantId} and i.platform = ${input.platform} and i.external_id = ${input.externalId}
      left join people p on p.tenant_id = i.tenant_id and p.id = i.person_id
      left join conversations c on c.tenant_id = p.tenant_id and c.person_id = p.id`.execute(db);
  const row = rows[0];
  const fresh = Number(row?.fresh ?? 0) > 0;
  // No identity: the left joins gave nulls (a person's first message).
  if (!row?.identity_id || !row.id) return { fresh, found: undefined, conversation: undefined };
  return {
    fresh,
    found: toIdentityWithPerson(input.tenantId, row),
    conversation: row.conv_flow
      ? {
          flow: row.conv_flow,
          step: row.conv_step,
          data: row.conv_data,
          expiresAt: row.conv_expires_at,
          version: row.conv_version,
        }
      : undefined,
  };
}

/** Records that the privacy notice was shown; false when it already had been (another replica, a retry). */
export async function markPrivacyNotice(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('people')
    .set({ privacy_notice_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .where('privacy_notice_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
