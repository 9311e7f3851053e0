import { DateTime } from 'luxon';
import { type Phase, phaseAt } from './cycle.ts';
import type { Cycle, ProgramSettings } from './model.ts';
import { addDays, daysBetween, type IsoDate, localDate } from './time.ts';

/**
 * Who is behind in a cycle, by what is missing — the coordinator's to-do list (`admin pendientes`).
 * Pure: the facts come from the store, the rules live here, so the list, its CSV, the reminders
 * and their "is it still due?" check all read the same definitions.
 */
export const BEHIND_GROUPS = [
  'no_goal',
  'waiting_review',
  'no_checkin',
  'few_sessions',
  'open_issues',
  'endorsements',
  'unpaired',
] as const;
export type BehindGroup = (typeof BEHIND_GROUPS)[number];

/** Groups whose people can be reminded with a click (an unpaired mentee needs the admin, not a nudge). */
export const REMINDABLE: readonly BehindGroup[] = BEHIND_GROUPS.filter((g) => g !== 'unpaired');

/** A goal is waiting "too long" for its mentor after this many hours. */
export const REVIEW_WAIT_HOURS = 48;

const APPROVED_STATES = new Set(['approved', 'achieved', 'partly_achieved', 'not_achieved']);

export interface PairFacts {
  pairingId: string;
  mentorId: string;
  menteeId: string;
  /** The plan author's zone (the mentee's; a reverse pair's mentor's): "this week" is their week. */
  menteeTimezone: string;
  /** Who writes the plan and reports on it: the mentee, or a reverse pair's mentor (the program reviews it). */
  planAuthor: 'mentee' | 'mentor';
  /** States of the pair's goals (withdrawn ones left out). */
  goalStates: string[];
  sessionsHeld: number;
  /** Monday of the latest week reported, or null. */
  lastCheckinWeek: string | null;
}

export interface BehindFacts {
  pairs: PairFacts[];
  waitingGoals: { goalId: string; pairingId: string; title: string; submittedAt: Date }[];
  openIssues: { id: string; pairingId: string; status: 'alert' | 'restriction'; note: string | null }[];
  endorsements: { applicationId: string; supervisorId: string; applicantId: string; askedAt: Date }[];
  /** Mentees enrolled in the cycle without an active pair. */
  unpairedMentees: string[];
}

export interface BehindEntry {
  group: BehindGroup;
  /** Who a reminder goes to (both people of a pair for sessions). */
  recipients: string[];
  /** The people the line is about. */
  mentorId?: string;
  menteeId?: string;
  personId?: string;
  /** What the line says, beyond the names. */
  detail: {
    goalState?: 'none' | 'draft' | 'changes_requested';
    goalId?: string;
    title?: string;
    since?: Date;
    held?: number;
    expected?: number;
    week?: IsoDate;
    status?: 'alert' | 'restriction';
    note?: string | null;
    /** A reverse pair: the mentor writes the plan, the program's admins review it and its alerts. */
    plan?: boolean;
  };
}

/**
 * Sessions a pair should have held by `today`: the program's minimum spread evenly over the days
 * sessions may happen (goal setting to the cycle's end), rounded down.
 */
export function expectedSessionsBy(
  cycle: Pick<Cycle, 'goalSettingStarts' | 'ends'>,
  minSessions: number,
  today: IsoDate,
): number {
  const span = daysBetween(cycle.goalSettingStarts, cycle.ends);
  if (span <= 0) return minSessions;
  const elapsed = Math.min(span, Math.max(0, daysBetween(cycle.goalSettingStarts, today)));
  return Math.floor((minSessions * elapsed) / span);
}

/**
 * The week whose check-in is due by `today`: this week once its check-in day has come, else the
 * week before; undefined when that day falls outside execution.
 */
export function dueCheckinWeek(
  cycle: Pick<Cycle, 'executionStarts' | 'closingStarts'>,
  checkinWeekday: number,
  today: IsoDate,
): IsoDate | undefined {
  const day = DateTime.fromISO(today, { zone: 'UTC' });
  const thisWeek = day.startOf('week').toISODate() as IsoDate;
  const week = day.weekday >= checkinWeekday ? thisWeek : addDays(thisWeek, -7);
  const checkinDay = addDays(week, checkinWeekday - 1);
  if (checkinDay < cycle.executionStarts || checkinDay >= cycle.closingStarts) return undefined;
  return week;
}

const GOAL_PHASES: Phase[] = ['goal_setting', 'execution'];
const SESSION_PHASES: Phase[] = ['execution', 'closing'];

/** Everyone behind in a cycle at `now`, in the order of `BEHIND_GROUPS`. */
export function whoIsBehind(
  cycle: Cycle,
  settings: Pick<ProgramSettings, 'minSessions' | 'checkinWeekday'>,
  facts: BehindFacts,
  now: Date,
): BehindEntry[] {
  const phase = phaseAt(cycle, now);
  const today = localDate(now, cycle.timezone);
  const pairOf = new Map(facts.pairs.map((p) => [p.pairingId, p]));
  const out: BehindEntry[] = [];
  if (GOAL_PHASES.includes(phase)) {
    for (const p of facts.pairs) {
      if (p.goalStates.some((s) => APPROVED_STATES.has(s) || s === 'submitted')) continue;
      const goalState = p.goalStates.includes('changes_requested')
        ? 'changes_requested'
        : p.goalStates.includes('draft')
          ? 'draft'
          : 'none';
      out.push({
        group: 'no_goal',
        recipients: [p.planAuthor === 'mentor' ? p.mentorId : p.menteeId],
        menteeId: p.menteeId,
        mentorId: p.mentorId,
        detail: { goalState, ...(p.planAuthor === 'mentor' ? { plan: true } : {}) },
      });
    }
    const limit = now.getTime() - REVIEW_WAIT_HOURS * 3_600_000;
    for (const g of facts.waitingGoals) {
      const p = pairOf.get(g.pairingId);
      if (!p || g.submittedAt.getTime() > limit) continue;
      // A reverse pair's plan waits for the admins themselves: nobody else to remind.
      out.push({
        group: 'waiting_review',
        recipients: p.planAuthor === 'mentor' ? [] : [p.mentorId],
        mentorId: p.mentorId,
        menteeId: p.menteeId,
        detail: {
          goalId: g.goalId,
          title: g.title,
          since: g.submittedAt,
          ...(p.planAuthor === 'mentor' ? { plan: true } : {}),
        },
      });
    }
  }
  if (phase === 'execution') {
    for (const p of facts.pairs) {
      if (!p.goalStates.some((s) => APPROVED_STATES.has(s))) continue;
      const week = dueCheckinWeek(cycle, settings.checkinWeekday, localDate(now, p.menteeTimezone));
      if (!week || (p.lastCheckinWeek !== null && p.lastCheckinWeek >= week)) continue;
      out.push({
        group: 'no_checkin',
        recipients: [p.planAuthor === 'mentor' ? p.mentorId : p.menteeId],
        menteeId: p.menteeId,
        mentorId: p.mentorId,
        detail: { week, ...(p.planAuthor === 'mentor' ? { plan: true } : {}) },
      });
    }
  }
  if (SESSION_PHASES.includes(phase)) {
    const expected = expectedSessionsBy(cycle, settings.minSessions, today);
    for (const p of facts.pairs) {
      if (p.sessionsHeld >= expected) continue;
      out.push({
        group: 'few_sessions',
        recipients: [p.mentorId, p.menteeId],
        mentorId: p.mentorId,
        menteeId: p.menteeId,
        detail: { held: p.sessionsHeld, expected },
      });
    }
  }
  for (const issue of facts.openIssues) {
    const p = pairOf.get(issue.pairingId);
    if (!p) continue;
    out.push({
      group: 'open_issues',
      recipients: p.planAuthor === 'mentor' ? [] : [p.mentorId],
      mentorId: p.mentorId,
      menteeId: p.menteeId,
      detail: {
        status: issue.status,
        note: issue.note,
        ...(p.planAuthor === 'mentor' ? { plan: true } : {}),
      },
    });
  }
  for (const e of facts.endorsements) {
    out.push({
      group: 'endorsements',
      recipients: [e.supervisorId],
      personId: e.supervisorId,
      menteeId: e.applicantId,
      detail: { since: e.askedAt },
    });
  }
  if (phase !== 'closed') {
    for (const menteeId of facts.unpairedMentees) {
      out.push({ group: 'unpaired', recipients: [], menteeId, detail: {} });
    }
  }
  return out;
}
