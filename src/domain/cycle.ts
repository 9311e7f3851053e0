import { DomainError } from './errors.ts';
import type { Cycle, ProgramSettings } from './model.ts';
import { addDays, type IsoDate, isIsoDate, localDate } from './time.ts';

export const PHASES = ['upcoming', 'enrollment', 'goal_setting', 'execution', 'closing', 'closed'] as const;
/** `upcoming` is before enrollment opens; the rest follow the programs' own names. */
export type Phase = (typeof PHASES)[number];

type CycleDates = Pick<
  Cycle,
  'enrollmentStarts' | 'goalSettingStarts' | 'executionStarts' | 'closingStarts' | 'ends' | 'timezone'
>;

/** The phase of a cycle at an instant, judged by the local date in the cycle's zone. */
export function phaseAt(cycle: CycleDates, at: Date): Phase {
  const today = localDate(at, cycle.timezone);
  if (today < cycle.enrollmentStarts) return 'upcoming';
  if (today < cycle.goalSettingStarts) return 'enrollment';
  if (today < cycle.executionStarts) return 'goal_setting';
  if (today < cycle.closingStarts) return 'execution';
  if (today <= cycle.ends) return 'closing';
  return 'closed';
}

/** Goals may be due from the start of goal setting to the end of execution (the day before closing). */
export function executionWindow(cycle: CycleDates): { from: IsoDate; to: IsoDate } {
  return { from: cycle.goalSettingStarts, to: addDays(cycle.closingStarts, -1) };
}

/**
 * Phase dates for a new cycle from its start and end, using the program's default lengths
 * (e.g. 3 weeks enrollment, 3 weeks goal setting, execution to the end, 3 weeks closing).
 * Explicit dates win; the result is checked to be in order.
 */
export function planCycleDates(
  input: {
    starts: IsoDate;
    ends: IsoDate;
    goalSettingStarts?: IsoDate;
    executionStarts?: IsoDate;
    closingStarts?: IsoDate;
  },
  settings: Pick<ProgramSettings, 'enrollmentWeeks' | 'goalSettingWeeks' | 'closingWeeks'>,
): Omit<CycleDates, 'timezone'> {
  const goalSettingStarts = input.goalSettingStarts ?? addDays(input.starts, settings.enrollmentWeeks * 7);
  const executionStarts = input.executionStarts ?? addDays(goalSettingStarts, settings.goalSettingWeeks * 7);
  const closingStarts = input.closingStarts ?? addDays(input.ends, -settings.closingWeeks * 7 + 1);
  const dates = {
    enrollmentStarts: input.starts,
    goalSettingStarts,
    executionStarts,
    closingStarts,
    ends: input.ends,
  };
  validateCycleDates(dates);
  return dates;
}

/** Every date valid and strictly in order: enrollment < goal setting < execution < closing <= end. */
export function validateCycleDates(dates: Omit<CycleDates, 'timezone'>): void {
  const ordered = [
    dates.enrollmentStarts,
    dates.goalSettingStarts,
    dates.executionStarts,
    dates.closingStarts,
  ];
  for (const date of [...ordered, dates.ends]) {
    if (!isIsoDate(date)) throw new DomainError('cycle.dates', { date });
  }
  for (let i = 1; i < ordered.length; i++) {
    if ((ordered[i] as string) <= (ordered[i - 1] as string)) throw new DomainError('cycle.dates');
  }
  if (dates.ends < dates.closingStarts) throw new DomainError('cycle.dates');
}
