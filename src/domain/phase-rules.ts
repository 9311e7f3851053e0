import { PHASES, type Phase, phaseAt } from './cycle.ts';
import { DomainError } from './errors.ts';
import type { Cycle } from './model.ts';

/**
 * The program's rules in time: which action is allowed in which phase of a cycle, for whom. One
 * table, enforced in the core for chat, buttons, forms, reminders and the command line alike.
 * Before its window an action is refused with the date it opens; after, with the date it closed.
 * An admin entering a paper form on someone's behalf may still do it after the window (audited
 * as on behalf), never before it.
 */
export const PHASE_RULES = {
  /** The plan's author (a mentee; a reverse program's mentor) drafts, edits, submits or withdraws a goal. */
  'goal.draft': { role: 'mentee', phases: ['goal_setting', 'execution'] },
  /** A mentor (a reverse program's admins) approves a goal or asks for changes. */
  'goal.review': { role: 'mentor', phases: ['goal_setting', 'execution'] },
  /** Either side proposes or answers a 1:1 session. */
  'session.plan': { role: 'pair', phases: ['goal_setting', 'execution', 'closing'] },
  /** A mentee reports the weekly check-in; the mentor answers its alerts. */
  'checkin.report': { role: 'pair', phases: ['execution'] },
  /** A mentor writes, submits and releases the final evaluation. */
  'evaluation.write': { role: 'mentor', phases: ['closing'] },
  /** A reverse program's mentor writes and sends the work report. */
  'work_report.write': { role: 'mentor', phases: ['closing'] },
  /** A mentee acknowledges the released evaluation. */
  'evaluation.acknowledge': { role: 'mentee', phases: ['closing', 'closed'] },
  /** A participant rates the program. */
  'survey.answer': { role: 'pair', phases: ['closing', 'closed'] },
  /** An admin opens applications to a cycle. */
  'applications.open': { role: 'admin', phases: ['upcoming', 'enrollment'] },
  /** A person applies to a cycle. */
  'applications.apply': { role: 'anyone', phases: ['upcoming', 'enrollment'] },
} as const satisfies Record<string, { role: string; phases: readonly Phase[] }>;

export type PhasedAction = keyof typeof PHASE_RULES;

export const PHASED_ACTIONS = Object.keys(PHASE_RULES) as PhasedAction[];

/** Whether an action is allowed in a phase (ignoring paper forms). */
export function allowedIn(action: PhasedAction, phase: Phase): boolean {
  return (PHASE_RULES[action].phases as readonly Phase[]).includes(phase);
}

/** The first day an action is allowed, and the last, as the cycle's dates say. */
export function windowOf(action: PhasedAction, cycle: Cycle): { opens: string; closes: string | null } {
  const phases = PHASE_RULES[action].phases as readonly Phase[];
  const first = phases[0] as Phase;
  const last = phases[phases.length - 1] as Phase;
  const starts: Record<Phase, string> = {
    upcoming: cycle.enrollmentStarts,
    enrollment: cycle.enrollmentStarts,
    goal_setting: cycle.goalSettingStarts,
    execution: cycle.executionStarts,
    closing: cycle.closingStarts,
    closed: cycle.ends,
  };
  const lastDay: Record<Phase, string | null> = {
    upcoming: dayBefore(cycle.enrollmentStarts),
    enrollment: dayBefore(cycle.goalSettingStarts),
    goal_setting: dayBefore(cycle.executionStarts),
    execution: dayBefore(cycle.closingStarts),
    closing: cycle.ends,
    closed: null,
  };
  return { opens: starts[first], closes: lastDay[last] };
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Throws when the action is not allowed in the cycle's phase at `now`: `phase.not_open` (with
 * the date it opens) before its window, `phase.over` (with the date it closed) after it, unless
 * an admin enters it on someone's behalf.
 */
export function requirePhase(
  action: PhasedAction,
  cycle: Cycle,
  now: Date,
  options: { onBehalf?: boolean } = {},
): void {
  const phase = phaseAt(cycle, now);
  if (allowedIn(action, phase)) return;
  const { opens, closes } = windowOf(action, cycle);
  const allowed = PHASE_RULES[action].phases as readonly Phase[];
  const before = PHASES.indexOf(phase) < PHASES.indexOf(allowed[0] as Phase);
  if (before) throw new DomainError('phase.not_open', { action, date: opens, phase });
  if (options.onBehalf) return;
  throw new DomainError('phase.over', { action, date: closes ?? cycle.ends, phase });
}

/**
 * When the facts recorded for one action in a cycle happened, as local dates in the cycle's zone:
 * the first of all, and the last one the person entered themselves (one entered on their behalf
 * may come after the window; null when there is none).
 */
export interface FactSpan {
  action: PhasedAction;
  first: string;
  lastOwn: string | null;
}

/** A recorded fact that new dates would leave outside its action's window. */
export interface MisplacedFact {
  action: PhasedAction;
  /** The fact's date, and the day its window would open (`before`) or close (`after`). */
  date: string;
  side: 'before' | 'after';
  limit: string;
}

/**
 * Which recorded facts a cycle with these dates would leave outside the windows the phase table
 * gives their actions; an empty list means the dates can change. The first of each kind must not
 * come before its window opens, the last one entered by the person not after it closes.
 */
export function misplacedFacts(cycle: Cycle, spans: readonly FactSpan[]): MisplacedFact[] {
  const out: MisplacedFact[] = [];
  for (const span of spans) {
    const { opens, closes } = windowOf(span.action, cycle);
    // An action open from before the cycle (applications) has no first day to fall before.
    const fromTheStart = PHASE_RULES[span.action].phases[0] === 'upcoming';
    if (!fromTheStart && span.first < opens)
      out.push({ action: span.action, date: span.first, side: 'before', limit: opens });
    if (span.lastOwn && closes && span.lastOwn > closes)
      out.push({ action: span.action, date: span.lastOwn, side: 'after', limit: closes });
  }
  return out;
}
