import { executionWindow } from './cycle.ts';
import { DomainError } from './errors.ts';
import type { Cycle, GoalFields, GoalOutcome, GoalState } from './model.ts';
import type { IsoDate } from './time.ts';

export type GoalEvent = 'submit' | 'approve' | 'request_changes' | 'withdraw' | GoalOutcome;

// Editing an approved goal sends it back to the mentor (submit from approved).
const TRANSITIONS: Record<GoalEvent, Partial<Record<GoalState, GoalState>>> = {
  submit: { draft: 'submitted', changes_requested: 'submitted', approved: 'submitted' },
  approve: { submitted: 'approved' },
  request_changes: { submitted: 'changes_requested' },
  withdraw: {
    draft: 'withdrawn',
    submitted: 'withdrawn',
    changes_requested: 'withdrawn',
    approved: 'withdrawn',
  },
  achieved: { approved: 'achieved' },
  partly_achieved: { approved: 'partly_achieved' },
  not_achieved: { approved: 'not_achieved' },
};

/** The state after an event, or `transition.not_allowed` naming both. */
export function nextGoalState(state: GoalState, event: GoalEvent): GoalState {
  const next = TRANSITIONS[event][state];
  if (!next) throw new DomainError('transition.not_allowed', { entity: 'goal', from: state, event });
  return next;
}

export function canGoalTransition(state: GoalState, event: GoalEvent): boolean {
  return TRANSITIONS[event][state] !== undefined;
}

/** Goals that count against the program's maximum: every goal not withdrawn. */
export function countsTowardsLimit(state: GoalState): boolean {
  return state !== 'withdrawn';
}

export function checkGoalLimit(activeGoals: number, max: number): void {
  if (activeGoals >= max) throw new DomainError('goal.limit', { max });
}

export const GOAL_TEXT_MAX = 1000;
export const GOAL_TITLE_MAX = 120;

/** Time-bound: the due date falls inside the cycle's execution window. */
export function checkDueDate(
  cycle: Pick<
    Cycle,
    'goalSettingStarts' | 'closingStarts' | 'ends' | 'enrollmentStarts' | 'executionStarts' | 'timezone'
  >,
  dueDate: IsoDate,
  /** The cycle's today: a date chosen now cannot be in the past. */
  today?: IsoDate,
): void {
  const window = executionWindow(cycle);
  if (dueDate < window.from || dueDate > window.to) {
    throw new DomainError('goal.date_outside_execution', { from: window.from, to: window.to });
  }
  if (today && dueDate < today) throw new DomainError('goal.date_past', { today });
}

/**
 * Every field present, within limits, and the dates inside the window. The SMART coach
 * (`smart-coach.ts`) only advises: a goal it finds vague can still be sent, and its mentor sees why.
 */
export function validateGoalFields(
  fields: GoalFields,
  cycle: Parameters<typeof checkDueDate>[0],
  /**
   * The cycle's today: a date chosen now cannot be past. Dates the goal already had (`previous`)
   * are kept as they are, so a goal whose milestone has passed can still be edited.
   */
  dates?: { today: IsoDate; previous?: Pick<GoalFields, 'dueDate' | 'milestones'> },
): void {
  const known = new Set([
    ...(dates?.previous ? [dates.previous.dueDate] : []),
    ...(dates?.previous?.milestones.map((m) => m.dueDate) ?? []),
  ]);
  const today = (date: IsoDate) => (dates && !known.has(date) ? dates.today : undefined);
  const texts: [keyof GoalFields, string, number][] = [
    ['title', fields.title, GOAL_TITLE_MAX],
    ['specific', fields.specific, GOAL_TEXT_MAX],
    ['measurable', fields.measurable, GOAL_TEXT_MAX],
    ['achievable', fields.achievable, GOAL_TEXT_MAX],
    ['relevant', fields.relevant, GOAL_TEXT_MAX],
  ];
  for (const [field, value, max] of texts) {
    if (!value.trim()) throw new DomainError('goal.field_invalid', { field, problem: 'empty' });
    if (value.length > max) throw new DomainError('goal.field_invalid', { field, problem: 'too_long', max });
  }
  checkDueDate(cycle, fields.dueDate, today(fields.dueDate));
  for (const milestone of fields.milestones) {
    if (!milestone.title.trim() || milestone.title.length > GOAL_TITLE_MAX) {
      throw new DomainError('goal.field_invalid', { field: 'milestones', problem: 'title' });
    }
    checkDueDate(cycle, milestone.dueDate, today(milestone.dueDate));
    checkMilestoneDate(milestone.dueDate, fields.dueDate);
  }
}

/** A milestone is a step towards its goal: due on or before the goal's own date. */
export function checkMilestoneDate(milestoneDue: IsoDate, goalDue: IsoDate): void {
  if (milestoneDue > goalDue) throw new DomainError('goal.milestone_after_due', { due: goalDue });
}

/** Requesting changes needs a comment that tells the mentee what to change. */
export function checkDecisionComment(
  event: 'approve' | 'request_changes',
  comment: string | null | undefined,
): void {
  if (event === 'request_changes' && !(comment ?? '').trim()) throw new DomainError('goal.comment_required');
}
