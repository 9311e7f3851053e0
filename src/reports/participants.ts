import { authorize } from '../domain/authz.ts';
import type { Cycle, Program } from '../domain/model.ts';
import type { T } from '../i18n/index.ts';
import { csvFor } from '../services/csv.ts';
import type { Acting, Deps } from '../services/deps.ts';
import { getProgram } from '../store/program.store.ts';
import {
  type GoalResultRow,
  goalResultRows,
  type ParticipantRow,
  participantRows,
  plenaryCount,
} from '../store/results.store.ts';
import { type JudgedRow, type Judgement, judge, rulesOf } from './figures.ts';
import { workbookOf } from './xlsx.ts';

export type { Missing } from './figures.ts';

export interface ParticipantResult extends ParticipantRow, Judgement {}

export interface Results {
  cycle: Cycle;
  program: Program;
  plenaries: number;
  rows: ParticipantResult[];
  /** Each goal of the current pairs, with its outcome and rating once the evaluation is delivered. */
  goals: GoalResultRow[];
}

/** A results row as the figures read it. */
export function judgedRow(row: ParticipantRow): JudgedRow {
  return {
    personId: row.personId,
    role: row.role,
    paired: row.partner !== null,
    sessionsHeld: row.sessionsHeld,
    plenariesAttended: row.plenariesAttended,
    evaluation: row.evaluation,
    workReport: row.workReport,
  };
}

/**
 * Each participant's results (goals and outcomes, sessions held, plenary attendance, evaluation)
 * and the program's diploma rule (src/reports/figures.ts), for the roles that can earn it. For
 * admins and directors (results, not the mentees' words).
 */
export async function participantResults(deps: Deps, acting: Acting, cycle: Cycle): Promise<Results> {
  authorize(acting.actor, 'report.view', { kind: 'tenant', tenantId: cycle.tenantId });
  const program = (await getProgram(deps.db, cycle.tenantId, cycle.programId)) as Program;
  const [rows, plenaries, goals] = await Promise.all([
    participantRows(deps.db, cycle.tenantId, cycle.id),
    plenaryCount(deps.db, cycle.tenantId, cycle.id),
    goalResultRows(deps.db, cycle.tenantId, cycle.id),
  ]);
  const judged = judge(rows.map(judgedRow), plenaries, rulesOf(program));
  return {
    cycle,
    program,
    plenaries,
    rows: rows.map((row) => ({ ...row, ...(judged.get(row.personId) as Judgement) })),
    goals,
  };
}

/** The table's columns, in the reader's language. */
function table(results: Results, t: T): { headers: string[]; rows: (string | number)[][] } {
  const headers = [
    'name',
    'email',
    'role',
    'gender',
    'institution',
    'region',
    'partner',
    'goals',
    'approved',
    'achieved',
    'partly_achieved',
    'not_achieved',
    'sessions_held',
    'attendance',
    'evaluation',
    'satisfaction',
    'recommend',
    'diploma',
    'missing',
  ].map((h) => t(`results.column.${h}`));
  const rows = results.rows.map((r) => [
    r.name,
    r.email ?? '',
    t(`applications.role.${r.role}`),
    r.gender ? t(`results.gender.${r.gender}`) : '',
    r.institution ?? '',
    r.region ?? '',
    r.partner ?? '',
    r.goals,
    r.approved,
    r.achieved,
    r.partlyAchieved,
    r.notAchieved,
    r.sessionsHeld,
    r.attendance === null ? '' : Math.round(r.attendance * 100),
    r.evaluation ? t(`evaluation.state.${r.evaluation}`) : '',
    r.satisfaction ?? '',
    r.recommend ?? '',
    r.diplomaRole ? t(r.diploma ? 'results.yes' : 'results.no') : t('results.not_applicable'),
    r.missing.map((m) => t(`results.missing.${m}`)).join('; '),
  ]);
  return { headers, rows };
}

/**
 * CSV as the reader's Excel opens it (BOM, `;` for Spanish readers, `,` for English ones), one
 * line per participant and pair.
 */
export function resultsCsv(results: Results, t: T, locale: string): string {
  const { headers, rows } = table(results, t);
  return csvFor(locale, [headers, ...rows]);
}

/** The goals sheet: one row per goal, with what the mentor's final evaluation said of it. */
function goalTable(results: Results, t: T): { headers: string[]; rows: (string | number)[][] } {
  const headers = [
    'mentee',
    'email',
    'mentor',
    'title',
    'state',
    'due',
    'milestones',
    'outcome',
    'rating',
  ].map((h) => t(`results.goal_column.${h}`));
  const rows = results.goals.map((g) => [
    g.mentee,
    g.menteeEmail ?? '',
    g.mentor,
    g.title,
    t(`goal.state.${g.state}`),
    g.dueDate,
    g.milestones ? `${g.milestonesDone}/${g.milestones}` : '',
    g.outcome ? t(`goal.state.${g.outcome}`) : '',
    g.rating ?? '',
  ]);
  return { headers, rows };
}

/**
 * The same table as an Excel workbook, and a second sheet with every goal: each with a header
 * row, filters, frozen, widths to fit.
 */
export async function resultsXlsx(results: Results, t: T): Promise<Buffer> {
  return workbookOf([
    { name: t('results.sheet'), ...table(results, t) },
    { name: t('results.goal_sheet'), ...goalTable(results, t) },
  ]);
}
