import { DateTime } from 'luxon';
import { authorize } from '../domain/authz.ts';
import type { Cycle, ParticipantRole, Program } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import { csvText } from '../services/csv.ts';
import type { Acting, Deps } from '../services/deps.ts';
import { adminRemindersSent } from '../store/behind.store.ts';
import { getProgram } from '../store/program.store.ts';
import { cycleFigures } from '../store/report.store.ts';
import { diplomaCounts, type JudgedRow, judge, plenaryAttendance, rulesOf } from './figures.ts';

/** The program's figures for a cycle, as admins and directors read them (and as JSON). */
export interface CycleReport {
  cycle: { id: string; name: string; program: string; starts: string; ends: string };
  participants: {
    total: number;
    by_role: { mentor: number; mentee: number };
    /** Mentees of the cycle without an active pair. */
    unpaired_mentees: number;
    /** Withdrawn from the cycle (not in `total` nor in any rate or diploma figure after that). */
    withdrawn: { mentor: number; mentee: number };
    by_gender: { f: number; m: number; x: number; n: number; unknown: number };
    by_institution: Record<string, number>;
    by_region: Record<string, number>;
  };
  goals: { by_state: Record<string, number>; median_hours_to_approval: number | null };
  sessions: { proposed: number; held: number; minimum_per_pair: number; pairs_below_minimum: number };
  checkins: { reported: number; expected: number; response_rate: number | null };
  issues: { alerts_open: number; restrictions_open: number };
  evaluations: { by_outcome: { achieved: number; partly_achieved: number; not_achieved: number } };
  /**
   * Reverse programs: the mentors' work reports, over the pairs expected to deliver one (every
   * active pair of a reverse cycle; none in a classic one). Validated means the plan is carried out.
   */
  work_reports: { expected: number; submitted: number; changes_requested: number; validated: number };
  satisfaction: { responses: number; average: number | null; nps: number | null };
  /** Attendance of the roles expected at plenaries (the program's `plenaryRoles`). */
  plenaries: { count: number; attendance_rate: number | null; expected: ParticipantRole[] };
  /** Among the roles that can earn the diploma (the program's `diplomaRoles`). */
  diplomas: { eligible: number; not_eligible: number; roles: ParticipantRole[] };
  /** Reminders admins sent with "Remind now" (`admin pendientes`) that reached someone. */
  reminders: { sent_by_admins: number };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Weeks of execution that have begun by the day `today` (the weeks a check-in was expected). */
function executionWeeks(cycle: Cycle, today: string): number {
  // Calendar dates as YYYY-MM-DD strings: compared as text, never with Math.min.
  const end = [today, cycle.closingStarts].sort()[0] as string;
  if (end < cycle.executionStarts) return 0;
  const days = DateTime.fromISO(end).diff(DateTime.fromISO(cycle.executionStarts), 'days').days;
  return Math.floor(days / 7) + 1;
}

/**
 * Every figure of a cycle, for admins and directors only. NPS counts promoters (9–10) minus
 * detractors (0–6) over all answers, in points; the check-in rate is reports over, for each pair
 * with approved goals, the weeks of execution begun while it was on (until a withdrawal ended it).
 */
export async function cycleReport(deps: Deps, acting: Acting, cycle: Cycle): Promise<CycleReport> {
  authorize(acting.actor, 'report.view', { kind: 'tenant', tenantId: cycle.tenantId });
  const program = (await getProgram(deps.db, cycle.tenantId, cycle.programId)) as Program;
  const [f, remindersSent] = await Promise.all([
    cycleFigures(deps.db, cycle.tenantId, cycle.id),
    adminRemindersSent(deps.db, cycle.tenantId, cycle.id),
  ]);
  const sum = (filter: (r: (typeof f.participants)[number]) => boolean) =>
    f.participants.filter(filter).reduce((n, r) => n + r.n, 0);
  const group = (key: 'institution' | 'region') => {
    const out: Record<string, number> = {};
    for (const r of f.participants) {
      const k = r[key] ?? '—';
      out[k] = (out[k] ?? 0) + r.n;
    }
    return out;
  };
  const minimum = program.settings.minSessions;
  // Each pair is expected to report every week of execution begun while it was on.
  const today = localDate(deps.clock.now(), cycle.timezone);
  const expected = f.checkins.pairsWithApprovedGoals.reduce(
    (n, p) => n + p.n * executionWeeks(cycle, p.endedOn && p.endedOn < today ? p.endedOn : today),
    0,
  );
  const withdrawnAs = (role: string) => f.withdrawn.find((w) => w.role === role)?.n ?? 0;
  const promoters = f.surveys.filter((s) => s.recommend >= 9).length;
  const detractors = f.surveys.filter((s) => s.recommend <= 6).length;
  // Maps, not searches: a cycle can have tens of thousands of participants.
  const heldBy = new Map(f.heldPerPair.map((p) => [p.pairingId, p]));
  const attendedBy = new Map(f.attendance.map((a) => [a.personId, a.present]));
  const evaluated = new Set(f.evaluationsDone);
  const reportOf = new Map(f.workReports.map((w) => [w.pairingId, w.state]));
  // The same rows, and the same definitions, as the results file and the diplomas.
  const rows: JudgedRow[] = f.people.map((p) => ({
    personId: p.personId,
    role: p.role,
    paired: p.pairingId !== null,
    // A mentee counts every session held in the cycle, with any mentor; a mentor, their pair's.
    sessionsHeld: p.pairingId
      ? ((p.role === 'mentee' ? heldBy.get(p.pairingId)?.menteeHeld : heldBy.get(p.pairingId)?.held) ?? 0)
      : 0,
    plenariesAttended: attendedBy.get(p.personId) ?? 0,
    evaluation: p.pairingId && evaluated.has(p.pairingId) ? 'released' : null,
    workReport: (p.pairingId && reportOf.get(p.pairingId)) || null,
  }));
  const judged = judge(rows, f.plenaries, rulesOf(program));
  const attendanceRate = plenaryAttendance(
    rows.map((r) => ({ personId: r.personId, role: r.role, attended: r.plenariesAttended })),
    f.plenaries,
    program.settings.plenaryRoles,
  );
  const unpairedMentees = new Set(
    f.people.filter((p) => p.role === 'mentee' && !p.pairingId).map((p) => p.personId),
  );
  return {
    cycle: {
      id: cycle.id,
      name: cycle.name,
      program: program.name,
      starts: cycle.enrollmentStarts,
      ends: cycle.ends,
    },
    participants: {
      total: sum(() => true),
      by_role: { mentor: sum((r) => r.role === 'mentor'), mentee: sum((r) => r.role === 'mentee') },
      unpaired_mentees: unpairedMentees.size,
      withdrawn: { mentor: withdrawnAs('mentor'), mentee: withdrawnAs('mentee') },
      by_gender: {
        f: sum((r) => r.gender === 'f'),
        m: sum((r) => r.gender === 'm'),
        x: sum((r) => r.gender === 'x'),
        n: sum((r) => r.gender === 'n'),
        unknown: sum((r) => r.gender === null),
      },
      by_institution: group('institution'),
      by_region: group('region'),
    },
    goals: {
      by_state: Object.fromEntries(f.goalsByState.map((g) => [g.state, g.n])),
      median_hours_to_approval: (() => {
        const m = median(f.approvalHours);
        return m === null ? null : round(m, 1);
      })(),
    },
    sessions: {
      proposed: f.sessions.proposed,
      held: f.sessions.held,
      minimum_per_pair: minimum,
      pairs_below_minimum: f.heldPerPair.filter((p) => p.menteeHeld < minimum).length,
    },
    checkins: {
      reported: f.checkins.reported,
      expected,
      response_rate: expected ? round(Math.min(1, f.checkins.reported / expected)) : null,
    },
    issues: { alerts_open: f.issues.alert, restrictions_open: f.issues.restriction },
    evaluations: {
      by_outcome: {
        achieved: f.outcomes.find((o) => o.outcome === 'achieved')?.n ?? 0,
        partly_achieved: f.outcomes.find((o) => o.outcome === 'partly_achieved')?.n ?? 0,
        not_achieved: f.outcomes.find((o) => o.outcome === 'not_achieved')?.n ?? 0,
      },
    },
    work_reports: {
      expected:
        program.kind === 'reverse' ? f.people.filter((p) => p.role === 'mentor' && p.pairingId).length : 0,
      submitted: f.workReports.filter((w) => w.state === 'submitted').length,
      changes_requested: f.workReports.filter((w) => w.state === 'changes_requested').length,
      validated: f.workReports.filter((w) => w.state === 'validated').length,
    },
    satisfaction: {
      responses: f.surveys.length,
      average: f.surveys.length
        ? round(f.surveys.reduce((n, s) => n + s.satisfaction, 0) / f.surveys.length)
        : null,
      nps: f.surveys.length ? Math.round(((promoters - detractors) / f.surveys.length) * 100) : null,
    },
    plenaries: {
      count: f.plenaries,
      attendance_rate: attendanceRate === null ? null : round(attendanceRate),
      expected: program.settings.plenaryRoles,
    },
    diplomas: { ...diplomaCounts(judged), roles: program.settings.diplomaRoles },
    reminders: { sent_by_admins: remindersSent },
  };
}

/** Rows of the report as key/value pairs (CSV, and the chat's compact view). */
export function flattenReport(report: CycleReport): [string, string][] {
  const out: [string, string][] = [];
  const walk = (prefix: string, value: unknown) => {
    if (Array.isArray(value)) out.push([prefix, value.join(' ')]);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    else out.push([prefix, value === null ? '' : String(value)]);
  };
  walk('', report);
  return out;
}

export function reportCsv(report: CycleReport): string {
  return `\uFEFF${csvText([['figure', 'value'], ...flattenReport(report)])}`;
}
