import { validateCycleDates } from '../domain/cycle.ts';
import { DomainError } from '../domain/errors.ts';
import type { Cycle } from '../domain/model.ts';
import { type MisplacedFact, misplacedFacts, type PhasedAction } from '../domain/phase-rules.ts';
import { localDate } from '../domain/time.ts';
import { recordAudit } from '../store/audit.store.ts';
import {
  cycleContents,
  cycleFactTimes,
  deleteEmptyCycle,
  lockCycle,
  setCycleDates,
} from '../store/program.store.ts';
import type { AdminRun } from './admin.service.ts';
import type { Deps } from './deps.ts';

export type CycleDateFields = Pick<
  Cycle,
  'enrollmentStarts' | 'goalSettingStarts' | 'executionStarts' | 'closingStarts' | 'ends'
>;
export const CYCLE_DATE_FIELDS = [
  'enrollmentStarts',
  'goalSettingStarts',
  'executionStarts',
  'closingStarts',
  'ends',
] as const satisfies readonly (keyof CycleDateFields)[];

/**
 * Moves a cycle's phase dates. Refused (`cycle.dates`) unless they are valid and in order, and
 * left unchanged, with the facts named, when a goal, review, session, check-in, evaluation,
 * survey or application already recorded would fall outside its phase (the phase table decides).
 * Reminders follow by themselves: the planner reads the dates on every tick. Audited.
 */
export async function changeCycleDatesAs(
  deps: Deps,
  run: AdminRun,
  cycleId: string,
  change: Partial<CycleDateFields>,
): Promise<{ before: Cycle; after: Cycle; misplaced: MisplacedFact[] }> {
  return deps.db.transaction().execute(async (tx) => {
    const before = await lockCycle(tx, run.tenantId, cycleId);
    if (!before) throw new DomainError('record.not_found', { entity: 'cycle' });
    const candidate: Cycle = { ...before, ...change };
    validateCycleDates(candidate);
    if (CYCLE_DATE_FIELDS.every((f) => candidate[f] === before[f])) throw new DomainError('cycle.unchanged');
    const spans = (await cycleFactTimes(tx, run.tenantId, cycleId)).map((f) => ({
      action: f.action as PhasedAction,
      first: localDate(f.first, before.timezone),
      lastOwn: f.lastOwn ? localDate(f.lastOwn, before.timezone) : null,
    }));
    const misplaced = misplacedFacts(candidate, spans);
    if (misplaced.length) return { before, after: before, misplaced };
    const after = await setCycleDates(tx, run.tenantId, cycleId, candidate);
    const dates = (c: Cycle) => Object.fromEntries(CYCLE_DATE_FIELDS.map((f) => [f, c[f]]));
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: deps.clock.now(),
      actorId: run.actorId,
      via: run.via,
      action: 'cycle.dates',
      subjectType: 'cycle',
      subjectId: cycleId,
      data: { name: before.name, before: dates(before), after: dates(after) },
    });
    return { before, after, misplaced: [] };
  });
}

/**
 * Deletes a cycle created by mistake: only while nobody is enrolled, applied, paired or invited
 * to a plenary in it (`cycle.not_empty`, with what it holds). The audit log keeps what it was.
 */
export async function deleteCycleAs(deps: Deps, run: AdminRun, cycleId: string): Promise<Cycle> {
  return deps.db.transaction().execute(async (tx) => {
    const cycle = await lockCycle(tx, run.tenantId, cycleId);
    if (!cycle) throw new DomainError('record.not_found', { entity: 'cycle' });
    const held = await cycleContents(tx, run.tenantId, cycleId);
    if (held.enrollments + held.applications + held.plenaries > 0)
      throw new DomainError('cycle.not_empty', {
        name: cycle.name,
        enrollments: held.enrollments,
        applications: held.applications,
        plenaries: held.plenaries,
      });
    await deleteEmptyCycle(tx, run.tenantId, cycleId);
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: deps.clock.now(),
      actorId: run.actorId,
      via: run.via,
      action: 'cycle.delete',
      subjectType: 'cycle',
      subjectId: cycleId,
      data: {
        name: cycle.name,
        programId: cycle.programId,
        timezone: cycle.timezone,
        ...Object.fromEntries(CYCLE_DATE_FIELDS.map((f) => [f, cycle[f]])),
      },
    });
    return cycle;
  });
}
