import { authorize } from '../domain/authz.ts';
import type { Cycle, Program } from '../domain/model.ts';
import type { T } from '../i18n/index.ts';
import type { Acting, Deps } from '../services/context.ts';
import { csvText } from '../services/csv.ts';
import { getProgram } from '../store/program.store.ts';
import { type ParticipantRow, participantRows, plenaryCount } from '../store/results.store.ts';

export type Missing = 'no_pair' | 'sessions' | 'attendance' | 'evaluation';

export interface ParticipantResult extends ParticipantRow {
  /** Share of the cycle's plenaries attended, 0..1; null when there were none. */
  attendance: number | null;
  /** Whether the person qualifies for the diploma, and what is missing when not. */
  diploma: boolean;
  missing: Missing[];
}

export interface Results {
  cycle: Cycle;
  program: Program;
  plenaries: number;
  rows: ParticipantResult[];
}

/**
 * Each participant's results (goals and outcomes, sessions held, plenary attendance, evaluation)
 * and the diploma rule: attendance at or above the program's threshold, at least the program's
 * minimum 1:1 sessions held, and the plan completed (the final evaluation delivered), in every
 * pair the person belongs to. For admins and directors (results, not the mentees' words).
 */
export async function participantResults(deps: Deps, acting: Acting, cycle: Cycle): Promise<Results> {
  authorize(acting.actor, 'report.view', { kind: 'tenant', tenantId: cycle.tenantId });
  const program = (await getProgram(deps.db, cycle.tenantId, cycle.programId)) as Program;
  const [rows, plenaries] = await Promise.all([
    participantRows(deps.db, cycle.tenantId, cycle.id),
    plenaryCount(deps.db, cycle.tenantId, cycle.id),
  ]);
  const { minSessions, attendanceThreshold } = program.settings;
  // A person qualifies only if every one of their pairs does.
  const byPerson = new Map<string, Missing[]>();
  for (const row of rows) {
    const missing = byPerson.get(row.personId) ?? [];
    const attendance = plenaries ? row.plenariesAttended / plenaries : null;
    if (!row.partner) missing.push('no_pair');
    else {
      if (row.sessionsHeld < minSessions) missing.push('sessions');
      if (row.evaluation !== 'released' && row.evaluation !== 'acknowledged') missing.push('evaluation');
    }
    if (attendance !== null && attendance < attendanceThreshold) missing.push('attendance');
    byPerson.set(row.personId, [...new Set(missing)]);
  }
  return {
    cycle,
    program,
    plenaries,
    rows: rows.map((row) => {
      const missing = byPerson.get(row.personId) ?? [];
      return {
        ...row,
        attendance: plenaries ? row.plenariesAttended / plenaries : null,
        diploma: missing.length === 0,
        missing,
      };
    }),
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
    t(r.diploma ? 'results.yes' : 'results.no'),
    r.missing.map((m) => t(`results.missing.${m}`)).join('; '),
  ]);
  return { headers, rows };
}

/** CSV (UTF-8 with a BOM, so that Excel reads the accents), one line per participant and pair. */
export function resultsCsv(results: Results, t: T): string {
  const { headers, rows } = table(results, t);
  return `\uFEFF${csvText([headers, ...rows], '\r\n')}`;
}

/** The same table as an Excel workbook: a header row, filters, frozen, widths to fit. */
export async function resultsXlsx(results: Results, t: T): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const { headers, rows } = table(results, t);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mentoría';
  const sheet = workbook.addWorksheet(t('results.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(
      String(headers[i] ?? '').length,
      ...rows.slice(0, 500).map((r) => String(r[i] ?? '').length),
    );
    column.width = Math.min(50, Math.max(8, longest + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
