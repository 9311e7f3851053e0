import { type Phase, phaseAt } from '../domain/cycle.ts';
import type { Cycle, Program } from '../domain/model.ts';
import { cycleCounts, cyclePeople } from '../store/directory.store.ts';
import { listCycles, listPrograms } from '../store/program.store.ts';
import { withdrawalsOf } from '../store/withdrawal.store.ts';
import type { Deps } from './deps.ts';

export interface CycleListing {
  cycle: Cycle;
  phase: Phase;
  mentors: number;
  mentees: number;
  staff: number;
  pairs: number;
}

/** Every program of a tenant with its cycles (newest first), each with today's phase and its people. */
export async function programDirectory(
  deps: Deps,
  tenantId: string,
): Promise<{ program: Program; cycles: CycleListing[] }[]> {
  const [programs, cycles, counts] = await Promise.all([
    listPrograms(deps.db, tenantId),
    listCycles(deps.db, tenantId),
    cycleCounts(deps.db, tenantId),
  ]);
  const now = deps.clock.now();
  return programs.map((program) => ({
    program,
    cycles: cycles
      .filter((c) => c.programId === program.id)
      .sort((a, b) => b.enrollmentStarts.localeCompare(a.enrollmentStarts))
      .map((cycle) => ({
        cycle,
        phase: phaseAt(cycle, now),
        ...(counts.get(cycle.id) ?? { mentors: 0, mentees: 0, staff: 0, pairs: 0 }),
      })),
  }));
}

const ROLE_ORDER: Record<string, number> = { mentor: 0, mentee: 1, admin: 2, director: 3 };

/** The people of a cycle, mentors first, then mentees, then staff, each by name. */
export async function peopleOfCycle(deps: Deps, tenantId: string, cycle: Cycle) {
  const people = await cyclePeople(deps.db, tenantId, cycle.id);
  return people.sort(
    (a, b) => (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9) || a.name.localeCompare(b.name, 'es'),
  );
}

/** Who was withdrawn from a cycle: name, email, role, when and why (admins only: see the flow). */
export async function withdrawnFromCycle(deps: Deps, tenantId: string, cycle: Cycle) {
  return withdrawalsOf(deps.db, tenantId, cycle.id);
}
