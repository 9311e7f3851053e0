import type { Locale } from '../config.ts';
import { planCycleDates } from '../domain/cycle.ts';
import type { Gender, Person, Tenant } from '../domain/model.ts';
import { defaultSettings } from '../domain/program.ts';
import { addDays, localDate } from '../domain/time.ts';
import type { Db } from '../store/db.ts';
import { activeIdentitiesOf, createPerson, listPeople, upsertIdentity } from '../store/person.store.ts';
import { createCycle, createPairing, createProgram, enroll, listPrograms } from '../store/program.store.ts';
import { ensureTenant } from '../store/tenant.store.ts';

/** The console's tenant: one per database. */
export const CONSOLE_TENANT = 'console';

export const DEMO_PEOPLE: {
  handle: string;
  name: string;
  gender: Gender;
  level: number;
  role: 'mentee' | 'mentor' | 'admin' | 'director';
  mentor?: string;
}[] = [
  { handle: 'ana', name: 'Ana Torres', gender: 'f', level: 2, role: 'mentee', mentor: 'luis' },
  { handle: 'luis', name: 'Luis Herrera', gender: 'm', level: 4, role: 'mentor' },
  { handle: 'sofia', name: 'Sofía Rivas', gender: 'f', level: 1, role: 'mentee', mentor: 'marta' },
  { handle: 'marta', name: 'Marta Díaz', gender: 'f', level: 3, role: 'mentor' },
  { handle: 'carmen', name: 'Carmen Vega', gender: 'f', level: 5, role: 'admin' },
  { handle: 'diego', name: 'Diego Salas', gender: 'm', level: 6, role: 'director' },
];

/**
 * On an empty console tenant: a demo program and cycle (now in goal setting) with two pairs, an
 * admin and a director, each reachable by their console handle. Returns whether it seeded.
 */
export async function seedDemo(
  db: Db,
  now: Date,
  defaults: { locale: Locale; timezone: string },
): Promise<{ tenant: Tenant; seeded: boolean }> {
  const tenant = await ensureTenant(db, {
    platform: 'console',
    externalId: CONSOLE_TENANT,
    name: 'Demo',
    defaultLocale: defaults.locale,
    defaultTimezone: defaults.timezone,
  });
  if ((await listPrograms(db, tenant.id)).length > 0) return { tenant, seeded: false };
  await db.transaction().execute(async (tx) => {
    const program = await createProgram(tx, tenant.id, { name: 'Programa de Mentoría', kind: 'classic' });
    const today = localDate(now, defaults.timezone);
    // Enrollment opened two weeks ago; goal setting runs for the next two weeks; six months in all.
    const starts = addDays(today, -14);
    const dates = planCycleDates(
      { starts, ends: addDays(starts, 182), goalSettingStarts: addDays(today, -1) },
      defaultSettings('classic'),
    );
    const cycle = await createCycle(tx, tenant.id, {
      programId: program.id,
      name: `${today.slice(0, 4)}-demo`,
      timezone: defaults.timezone,
      ...dates,
    });
    const ids = new Map<string, string>();
    for (const p of DEMO_PEOPLE) {
      const person = await createPerson(tx, tenant.id, {
        name: p.name,
        email: `${p.handle}@demo.mentoria.invalid`,
        gender: p.gender,
        level: p.level,
        locale: defaults.locale,
        timezone: defaults.timezone,
        tenantRole: p.role === 'admin' || p.role === 'director' ? p.role : null,
      });
      ids.set(p.handle, person.id);
      await upsertIdentity(tx, {
        tenantId: tenant.id,
        personId: person.id,
        platform: 'console',
        externalId: p.handle,
        conversationRef: { handle: p.handle },
        now,
      });
      await enroll(tx, { tenantId: tenant.id, cycleId: cycle.id, personId: person.id, role: p.role });
    }
    for (const p of DEMO_PEOPLE.filter((x) => x.mentor)) {
      await createPairing(tx, tenant.id, {
        cycleId: cycle.id,
        mentorId: ids.get(p.mentor as string) as string,
        menteeId: ids.get(p.handle) as string,
        createdAt: now,
      });
    }
  });
  return { tenant, seeded: true };
}

/** Who can type in the console: every person of the console tenant, by handle. */
export interface ConsolePerson {
  handle: string;
  name: string;
  tenantRole: Person['tenantRole'];
}

/**
 * The console tenant's people, each reachable by a handle: their console identity where they have
 * one, else one made now from their email's local part ("rosa.perez@…" → "rosa.perez"), unique
 * within the tenant. People imported with the command line before the first `npm start` thus
 * become reachable in the console. Admins first, then by name.
 */
export async function consolePeople(db: Db, tenant: Tenant, now: Date): Promise<ConsolePerson[]> {
  const people = await listPeople(db, tenant.id);
  const identities = await activeIdentitiesOf(
    db,
    tenant.id,
    people.map((p) => p.id),
  );
  const taken = new Set<string>();
  const handleOf = new Map<string, string>();
  for (const person of people) {
    const own = identities.get(person.id)?.find((i) => i.platform === 'console');
    if (own) {
      handleOf.set(person.id, own.externalId);
      taken.add(own.externalId);
    }
  }
  for (const person of people) {
    if (handleOf.has(person.id)) continue;
    const base =
      (person.email?.split('@')[0] ?? person.name)
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '.')
        .replace(/^\.+|\.+$/g, '') || 'persona';
    let handle = base;
    for (let n = 2; taken.has(handle); n++) handle = `${base}${n}`;
    taken.add(handle);
    handleOf.set(person.id, handle);
    await upsertIdentity(db, {
      tenantId: tenant.id,
      personId: person.id,
      platform: 'console',
      externalId: handle,
      conversationRef: { handle },
      now,
    });
  }
  const rank = (p: Person) => (p.tenantRole === 'admin' ? 0 : p.tenantRole === 'director' ? 1 : 2);
  return people
    .slice()
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'es'))
    .map((p) => ({ handle: handleOf.get(p.id) as string, name: p.name, tenantRole: p.tenantRole }));
}
