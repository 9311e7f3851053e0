import type { Db } from './db.ts';

/** How many people each cycle of a tenant has, by role, and how many pairs are active. */
export async function cycleCounts(
  db: Db,
  tenantId: string,
): Promise<Map<string, { mentors: number; mentees: number; staff: number; pairs: number }>> {
  const enrolled = await db
    .selectFrom('enrollments')
    .select(['cycle_id', 'role', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy(['cycle_id', 'role'])
    .execute();
  const pairs = await db
    .selectFrom('pairings')
    .select(['cycle_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('active', '=', true)
    .groupBy('cycle_id')
    .execute();
  const out = new Map<string, { mentors: number; mentees: number; staff: number; pairs: number }>();
  const of = (cycleId: string) => {
    let counts = out.get(cycleId);
    if (!counts) {
      counts = { mentors: 0, mentees: 0, staff: 0, pairs: 0 };
      out.set(cycleId, counts);
    }
    return counts;
  };
  for (const row of enrolled) {
    const counts = of(row.cycle_id);
    const n = Number(row.n);
    if (row.role === 'mentor') counts.mentors += n;
    else if (row.role === 'mentee') counts.mentees += n;
    else counts.staff += n;
  }
  for (const row of pairs) of(row.cycle_id).pairs = Number(row.n);
  return out;
}

/** The people of one cycle with their role and, for participants, who they are paired with. */
export async function cyclePeople(
  db: Db,
  tenantId: string,
  cycleId: string,
): Promise<{ personId: string; name: string; email: string | null; role: string; partners: string[] }[]> {
  const people = await db
    .selectFrom('enrollments')
    .innerJoin('people', (j) =>
      j
        .onRef('people.tenant_id', '=', 'enrollments.tenant_id')
        .onRef('people.id', '=', 'enrollments.person_id'),
    )
    .select(['people.id', 'people.name', 'people.email', 'enrollments.role'])
    .where('enrollments.tenant_id', '=', tenantId)
    .where('enrollments.cycle_id', '=', cycleId)
    .execute();
  const pairings = await db
    .selectFrom('pairings')
    .select(['mentor_id', 'mentee_id'])
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .where('active', '=', true)
    .execute();
  const names = new Map(people.map((p) => [p.id, p.name]));
  const partners = new Map<string, string[]>();
  const add = (who: string, other: string) =>
    partners.set(who, [...(partners.get(who) ?? []), names.get(other) ?? '—']);
  for (const p of pairings) {
    add(p.mentor_id, p.mentee_id);
    add(p.mentee_id, p.mentor_id);
  }
  return people.map((p) => ({
    personId: p.id,
    name: p.name,
    email: p.email,
    role: p.role,
    partners: (partners.get(p.id) ?? []).sort((a, b) => a.localeCompare(b, 'es')),
  }));
}
