import type { ParticipantRole, ProgramKind, ProgramSettings } from '../domain/model.ts';

/**
 * The one definition of each participant figure, used by the cycle report, the results file,
 * the diplomas and the chart alike: who is expected at plenaries, who can earn the diploma, and
 * whether they do. Pure: callers bring one row per person and pair.
 */
export interface JudgedRow {
  personId: string;
  role: ParticipantRole;
  /** Whether this row is a pair (a participant without one has no partner). */
  paired: boolean;
  sessionsHeld: number;
  plenariesAttended: number;
  /** The final evaluation's state in this pair, if any. */
  evaluation: string | null;
  /** A reverse pair's work report state, if any. */
  workReport: string | null;
}

export type Missing = 'no_pair' | 'sessions' | 'attendance' | 'evaluation' | 'report';

export interface Judgement {
  /** Share of the cycle's plenaries attended, 0..1; null when there were none or the role is not expected. */
  attendance: number | null;
  /** Whether the person's role can earn the diploma in this program. */
  diplomaRole: boolean;
  /** Whether the person earns it (only for a diploma role), and what is missing when not. */
  diploma: boolean;
  missing: Missing[];
}

type Rules = Pick<
  ProgramSettings,
  'minSessions' | 'attendanceThreshold' | 'plenaryRoles' | 'diplomaRoles'
> & {
  kind: ProgramKind;
};

/** The rules of a program as `judge` reads them. */
export function rulesOf(program: { kind: ProgramKind; settings: ProgramSettings }): Rules {
  return { ...program.settings, kind: program.kind };
}

/**
 * Each person's judgement, the same on every row of theirs: the diploma needs attendance at or
 * above the threshold (when their role is expected at plenaries), at least the minimum 1:1
 * sessions and the pair's closing step, in every pair the person belongs to: the final evaluation
 * delivered (classic), or the plan carried out, that is, the work report validated (reverse).
 */
export function judge(rows: JudgedRow[], plenaries: number, rules: Rules): Map<string, Judgement> {
  const missingBy = new Map<string, Set<Missing>>();
  const attendedBy = new Map<string, number>();
  const roleBy = new Map<string, ParticipantRole>();
  for (const row of rows) {
    const missing = missingBy.get(row.personId) ?? new Set<Missing>();
    if (!row.paired) missing.add('no_pair');
    else {
      if (row.sessionsHeld < rules.minSessions) missing.add('sessions');
      if (rules.kind === 'reverse') {
        if (row.workReport !== 'validated') missing.add('report');
      } else if (row.evaluation !== 'released' && row.evaluation !== 'acknowledged')
        missing.add('evaluation');
    }
    missingBy.set(row.personId, missing);
    attendedBy.set(row.personId, Math.min(row.plenariesAttended, plenaries));
    roleBy.set(row.personId, row.role);
  }
  const out = new Map<string, Judgement>();
  for (const [personId, missing] of missingBy) {
    const role = roleBy.get(personId) as ParticipantRole;
    const expected = rules.plenaryRoles.includes(role) && plenaries > 0;
    const attendance = expected ? (attendedBy.get(personId) ?? 0) / plenaries : null;
    if (attendance !== null && attendance < rules.attendanceThreshold) missing.add('attendance');
    const diplomaRole = rules.diplomaRoles.includes(role);
    out.set(personId, {
      attendance,
      diplomaRole,
      diploma: diplomaRole && missing.size === 0,
      missing: diplomaRole ? ORDER.filter((m) => missing.has(m)) : [],
    });
  }
  return out;
}

const ORDER: Missing[] = ['no_pair', 'sessions', 'attendance', 'evaluation', 'report'];

/**
 * Plenary attendance of the people expected there: their presences over plenaries × people,
 * numerator and denominator over the same people (0..1; null without plenaries or people).
 */
export function plenaryAttendance(
  people: { personId: string; role: ParticipantRole; attended: number }[],
  plenaries: number,
  plenaryRoles: ParticipantRole[],
): number | null {
  const expected = new Map<string, number>();
  for (const p of people) {
    if (plenaryRoles.includes(p.role)) expected.set(p.personId, Math.min(p.attended, plenaries));
  }
  if (!plenaries || expected.size === 0) return null;
  const presences = [...expected.values()].reduce((n, a) => n + a, 0);
  return presences / (plenaries * expected.size);
}

/** People who can earn the diploma: how many do, and how many do not yet. */
export function diplomaCounts(judged: Map<string, Judgement>): { eligible: number; not_eligible: number } {
  let eligible = 0;
  let notEligible = 0;
  for (const j of judged.values()) {
    if (!j.diplomaRole) continue;
    if (j.diploma) eligible += 1;
    else notEligible += 1;
  }
  return { eligible, not_eligible: notEligible };
}
