import { ManualClock, OffsetClock } from '../../src/clock.ts';
import type { Cycle, Pairing, Person, Program, Tenant } from '../../src/domain/model.ts';
import type { Db } from '../../src/store/db.ts';
import { createPerson, type NewPersonInput } from '../../src/store/person.store.ts';
import { createCycle, createPairing, createProgram, enroll } from '../../src/store/program.store.ts';
import { ensureTenant } from '../../src/store/tenant.store.ts';

/** A small program to test against: one tenant, a classic program in execution, two pairs and staff. */
export interface World {
  tenant: Tenant;
  program: Program;
  cycle: Cycle;
  ana: Person;
  luis: Person;
  sofia: Person;
  marta: Person;
  carmen: Person;
  diego: Person;
  anaPairing: Pairing;
  sofiaPairing: Pairing;
  clock: ManualClock;
}

/** 2026-03-10 10:00 in Mexico City: the cycle below is in goal setting. */
export const WORLD_NOW = '2026-03-10T16:00:00Z';

/**
 * A clock that reads the world's moment and moves on in real time (servers under test: leases,
 * retries and signatures keep real durations while the cycle is in goal setting).
 */
export function worldClock(now = WORLD_NOW): OffsetClock {
  const clock = new OffsetClock();
  clock.advance(new Date(now).getTime() - Date.now());
  return clock;
}

export async function buildWorld(
  db: Db,
  externalId = 'test-tenant',
  platform: Tenant['platform'] = 'console',
  now = WORLD_NOW,
): Promise<World> {
  const clock = new ManualClock(now);
  const tenant = await ensureTenant(db, {
    platform,
    externalId,
    name: 'Secretaría de Prueba',
    defaultLocale: 'es',
    defaultTimezone: 'America/Mexico_City',
  });
  const program = await createProgram(db, tenant.id, { name: 'Programa de Mentoría', kind: 'classic' });
  const cycle = await createCycle(db, tenant.id, {
    programId: program.id,
    name: '2026-1',
    timezone: 'America/Mexico_City',
    enrollmentStarts: '2026-02-01',
    goalSettingStarts: '2026-03-01',
    executionStarts: '2026-04-01',
    closingStarts: '2026-07-15',
    ends: '2026-07-31',
  });
  const base = { locale: 'es', timezone: 'America/Mexico_City' } as const;
  const make = (input: Partial<NewPersonInput> & { name: string }) =>
    createPerson(db, tenant.id, { ...base, ...input });
  const ana = await make({ name: 'Ana', email: 'ana@example.org', gender: 'f', level: 2 });
  const luis = await make({ name: 'Luis', email: 'luis@example.org', gender: 'm', level: 4 });
  const sofia = await make({
    name: 'Sofía',
    email: 'sofia@example.org',
    gender: 'f',
    level: 1,
    locale: 'en',
    timezone: 'America/Santiago',
  });
  const marta = await make({ name: 'Marta', email: 'marta@example.org', gender: 'f', level: 3 });
  const carmen = await make({
    name: 'Carmen',
    email: 'carmen@example.org',
    gender: 'f',
    tenantRole: 'admin',
  });
  const diego = await make({
    name: 'Diego',
    email: 'diego@example.org',
    gender: 'm',
    tenantRole: 'director',
  });
  for (const [p, role] of [
    [ana, 'mentee'],
    [luis, 'mentor'],
    [sofia, 'mentee'],
    [marta, 'mentor'],
  ] as const) {
    await enroll(db, { tenantId: tenant.id, cycleId: cycle.id, personId: p.id, role });
  }
  const anaPairing = await createPairing(db, tenant.id, {
    cycleId: cycle.id,
    mentorId: luis.id,
    menteeId: ana.id,
  });
  const sofiaPairing = await createPairing(db, tenant.id, {
    cycleId: cycle.id,
    mentorId: marta.id,
    menteeId: sofia.id,
  });
  return { tenant, program, cycle, ana, luis, sofia, marta, carmen, diego, anaPairing, sofiaPairing, clock };
}

export const SAMPLE_GOAL = {
  title: 'Mejorar la comunicación con mi equipo',
  specific: 'Organizar reuniones semanales de seguimiento con mi equipo de trabajo',
  measurable: 'Realizar 12 reuniones con minuta publicada',
  achievable: 'Cuento con el apoyo de mi jefa y una sala disponible',
  relevant: 'La coordinación del área depende de que todos sepan las prioridades',
  dueDate: '2026-06-30',
  competencies: ['assertive_communication'],
  milestones: [{ title: 'Primeras cuatro reuniones', dueDate: '2026-04-30' }],
};
