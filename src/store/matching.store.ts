import type { Person } from '../domain/model.ts';
import type { Db, Tx } from './db.ts';
import { toPerson } from './person.store.ts';

export interface MatchingPool {
  mentors: (Person & { load: number })[];
  /** Mentees of the cycle with no active mentor in it. */
  mentees: Person[];
  /** Pairs made in other cycles between the cycle's mentors and mentees: `mentorId|menteeId`. */
  earlierPairs: Set<string>;
}

/** Everyone a suggestion may pair in a cycle (erased people excluded), in a stable order. */
export async function matchingPool(db: Db | Tx, tenantId: string, cycleId: string): Promise<MatchingPool> {
  const enrolled = await db
    .selectFrom('enrollments as e')
    .innerJoin('people as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.person_id'),
    )
    .selectAll('p')
    .select('e.role as enrolled_as')
    .where('e.tenant_id', '=', tenantId)
    .where('e.cycle_id', '=', cycleId)
    .where('e.role', 'in', ['mentor', 'mentee'])
    .where('p.erased_at', 'is', null)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  const active = await db
    .selectFrom('pairings')
    .select(['mentor_id', 'mentee_id'])
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .where('active', '=', true)
    .execute();
  const earlier = await db
    .selectFrom('pairings as pr')
    .innerJoin('enrollments as e', (j) =>
      j
        .onRef('e.tenant_id', '=', 'pr.tenant_id')
        .onRef('e.person_id', '=', 'pr.mentee_id')
        .on('e.cycle_id', '=', cycleId)
        .on('e.role', '=', 'mentee'),
    )
    .select(['pr.mentor_id', 'pr.mentee_id'])
    .where('pr.tenant_id', '=', tenantId)
    .where('pr.cycle_id', '<>', cycleId)
    .execute();
  const load = new Map<string, number>();
  const paired = new Set<string>();
  for (const p of active) {
    load.set(p.mentor_id, (load.get(p.mentor_id) ?? 0) + 1);
    paired.add(p.mentee_id);
  }
  return {
    mentors: enrolled
      .filter((r) => r.enrolled_as === 'mentor')
      .map((r) => ({ ...toPerson(r), load: load.get(r.id) ?? 0 })),
    mentees: enrolled.filter((r) => r.enrolled_as === 'mentee' && !paired.has(r.id)).map(toPerson),
    earlierPairs: new Set(earlier.map((p) => `${p.mentor_id}|${p.mentee_id}`)),
  };
}

/** Holds the cycle's row until the transaction ends: pairings of one cycle are made one batch at a time. */
export async function lockCycle(tx: Tx, tenantId: string, cycleId: string): Promise<void> {
  await tx
    .selectFrom('cycles')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', cycleId)
    .forUpdate()
    .execute();
}
