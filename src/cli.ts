import './require-node.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loggerFor, openMigratedDatabase } from './boot.ts';
import { systemClock } from './clock.ts';
import { type Config, loadConfigOrExit } from './config.ts';
import { DomainError } from './domain/errors.ts';
import type { Platform } from './domain/model.ts';
import { judgeGoal } from './domain/smart-coach.ts';
import { isIsoDate, localDate, startOfLocalDay } from './domain/time.ts';
import { loadDotEnv } from './env.ts';
import { coachHint } from './flows/coach.ts';
import { errorText } from './flows/errors.ts';
import { goalDateRecognizer } from './flows/goal-dates.ts';
import { withdrawalNotice } from './flows/withdrawal.flow.ts';
import { formatter, translator } from './i18n/index.ts';
import type { PlatformModule } from './platforms.ts';
import { auditCsv } from './reports/audit-csv.ts';
import { cycleReport, reportCsv } from './reports/cycle-report.ts';
import { buildReportFile } from './reports/files.ts';
import { reportMessage } from './reports/report-message.ts';
import {
  type AdminRun,
  createCycleAs,
  createProgramAs,
  findCycle,
  findProgram,
  type GenderCodes,
  importPairs,
  importRoster,
  settingsFrom,
  updateProgramSettingsAs,
} from './services/admin.service.ts';
import { exportAudit } from './services/audit.service.ts';
import { diplomaDesign, saveDesignAs, setLogoAs, verifyCertificate } from './services/certificate.service.ts';
import type { CsvRow } from './services/csv.ts';
import { changeCycleDatesAs, deleteCycleAs } from './services/cycle.service.ts';
import { CONSOLE_TENANT } from './services/demo.service.ts';
import { type CycleListing, peopleOfCycle, programDirectory } from './services/directory.service.ts';
import { applySuggestion, suggestPairs } from './services/matching.service.ts';
import { erasePerson, exportPerson } from './services/privacy.service.ts';
import { readTableFile, TableFileError } from './services/table-file.ts';
import { withdrawFromCycle } from './services/withdrawal.service.ts';
import type { OpenDatabase } from './store/db.ts';
import { migrateDown } from './store/migrate.ts';
import { findPersonByEmail } from './store/person.store.ts';
import { ensureTenant } from './store/tenant.store.ts';

/** The command line's help, with the `--tenant` forms of the platforms given. */
const usage = (platforms: readonly CliPlatform[]) => {
  const specs = platforms.flatMap((p) => p.tenantSpecs ?? []).join(', ');
  return `Usage: mentoria <command> [options]

Commands:
  migrate [--down]                       apply pending migrations (or revert the latest)
  program create --name N --kind classic|reverse
  program set --program P --set KEY=VALUE [--set …]
                                         change a program's settings (audited); KEY: capacity, min-sessions,
                                         max-goals, attendance (percent), checkin-weekday (1 = Monday),
                                         quiet-hours (20:00-08:00), reminders (hours before a session: 24,1),
                                         retention (months after the cycle ends to anonymise its people, or off)
  program list                           every program with its cycles, their dates, phase today and people
  cycle list [--program P]               the cycles, newest first, with dates, phase today and people
  person list --cycle C                  the cycle's people: role, name, email, who they are paired with
  cycle create --program P --name N --starts YYYY-MM-DD --ends YYYY-MM-DD [--timezone Zone]
  cycle dates --cycle C [--enrollment D] [--goal-setting D] [--execution D] [--closing D] [--ends D]
                                         move phase dates (audited); refused, with the records named, where
                                         a goal, session, check-in or evaluation would fall outside its phase
  cycle delete --cycle C                 delete a cycle nobody is enrolled or applied in (audited)
  roster import FILE --cycle C [--skip-invalid] [--gender-codes hm|fm]
      FILE: .csv (UTF-8, UTF-16 or Windows-1252; "," ";" or tab between columns) or .xlsx
      columns (any order; English or Spanish headers): email,name,role,gender,level,unit,institution,
      region,birth_year,locale,timezone,topics (topics separated by ";" or "|")
      --gender-codes: one-letter genders are H/M (Hombre/Mujer) or F/M; by default the file's own
      letters tell, and an "M" they do not explain is refused
  pairs import FILE --cycle C            columns: mentor_email,mentee_email
  pairs suggest --cycle C [--apply]      optimal pairs under the program's rules; --apply makes them
  person export --email E                everything stored about that person, as JSON (audited)
  person erase --email E                 anonymise that person, keeping the cycle's figures (audited)
  person withdraw --cycle C --email E --reason R
                                         take a mentor or mentee out of a cycle (audited): a mentee's pair
                                         ends and sessions to come are cancelled; records stay; the report
                                         counts them as withdrawn, out of every rate and diploma figure
  audit export [--since YYYY-MM-DD] [--out FILE]
                                         the audit log as CSV (UTF-8 with BOM; ";" for a Spanish tenant),
                                         times in the tenant's zone; reading it is audited
  certificate settings --program P [--institution T] [--signatory "Name|Position" …] [--logo FILE.png | --no-logo]
                                         how the program's diplomas look: the institution that grants them,
                                         up to three signatories, a PNG logo (up to 512 KB); audited
  certificate verify NUMBER              whose certificate a diploma's number is (any tenant); exit 1 if none
  smart check [--lang es|en] [--today YYYY-MM-DD] [--cycle-end YYYY-MM-DD] [--json] "TEXT"
                                         the SMART coach's verdict on a goal in one sentence: specific,
                                         measurable, time-bound (a real date or period from --today on, not
                                         after --cycle-end), each with its hint, and the parts recognised
  report --cycle C [--format json|csv|md]   the cycle's figures (md by default)
  report --cycle C --format xlsx|pdf|png [--out FILE]
                                         each participant's results (xlsx), the diplomas (pdf), the chart (png)
  help

Every command takes --tenant (console by default; ${specs}) and --json.
The database is DATABASE_URL when set, else the embedded one under DATA_DIR.`;
};

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * Where a long command draws its progress bar (a terminal's stderr); none when the output is
   * piped or read by a program, so that logs and --json stay clean.
   */
  progress?: (text: string) => void;
  /** An open database (tests); otherwise the configured one is opened and closed. */
  database?: OpenDatabase;
  /**
   * The chat platforms (`adapters/platforms.ts`, given by the entry point: src/ imports no
   * adapter): their variables in the configuration, and their `--tenant` forms.
   */
  platforms: readonly CliPlatform[];
  config?: Config;
}

/**
 * A one-line bar redrawn in place (`\r`), at most once per whole percent, ended with a newline
 * when the work is done: `[##########··········]  350/700 people`.
 */
export function progressBar(
  write: (text: string) => void,
  unit: string,
): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === shown && done !== total) return;
    shown = percent;
    const filled = Math.round(percent / 5);
    const count = `${String(done).padStart(String(total).length)}/${total}`;
    write(
      `\r[${'#'.repeat(filled)}${'·'.repeat(20 - filled)}] ${count} ${unit}${done === total ? '\n' : ''}`,
    );
  };
}

/** "1 pair", "24 pairs": the command line speaks English. */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** What the command line needs of a platform module. */
export type CliPlatform = Pick<
  PlatformModule,
  'name' | 'configSchema' | 'examples' | 'configChecks' | 'tenantKey' | 'tenantSpecs'
>;

/** `--tenant`: console, or a platform's own form (each platform module says which). */
function tenantSpec(
  spec: string,
  platforms: readonly CliPlatform[],
): { platform: Platform; externalId: string } {
  const [kind = '', ...rest] = spec.split(':');
  const id = rest.join(':');
  if (spec === 'console' || kind === 'console') return { platform: 'console', externalId: CONSOLE_TENANT };
  for (const platform of platforms) {
    const key = id ? platform.tenantKey?.(kind, id) : undefined;
    if (key) return { platform: platform.name, externalId: key };
  }
  const forms = ['console', ...platforms.flatMap((p) => p.tenantSpecs ?? []).map((f) => f.split(' ')[0])];
  throw new Error(`--tenant ${spec}: use ${forms.slice(0, -1).join(', ')} or ${forms.at(-1)}`);
}

function genderCodesOption(value: string | undefined): GenderCodes | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase().replace(/[^a-z]/g, '');
  if (v === 'hm' || v === 'fm') return v;
  throw new Error(`--gender-codes ${value}: use hm (H/M: Hombre/Mujer) or fm (F/M: Femenino/Masculino)`);
}

/** A roster or pairs file as HR offices save it (CSV in any usual encoding and separator, or xlsx). */
async function readTable(file: string, io: CliIo): Promise<CsvRow[]> {
  const table = await readTableFile(readFileSync(file), file).catch((error: unknown) => {
    if (!(error instanceof TableFileError)) throw error;
    throw new Error(
      error.problem === 'binary'
        ? `${file} is neither a text spreadsheet (CSV) nor an Excel workbook (.xlsx): nothing was imported`
        : error.problem === 'empty'
          ? `${file} has no rows: nothing was imported`
          : `${file} could not be read as a spreadsheet (a header row, columns separated by "," or ";"): nothing was imported`,
    );
  });
  const read =
    table.format === 'xlsx'
      ? 'Read as an Excel workbook (first sheet).'
      : `Read as CSV in ${table.encoding}, with "${table.separator === '\t' ? 'tab' : table.separator}" between columns.`;
  io.err(table.unknown.length ? `${read} Columns not imported: ${table.unknown.join(', ')}.` : read);
  return table.rows;
}

/**
 * `mentoria smart check "TEXT"`: the SMART coach's verdict on a goal written in one sentence —
 * each criterion's ok and hint, and the parts it recognised — so coaching can be measured.
 */
function smartCheck(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      lang: { type: 'string', default: 'es' },
      today: { type: 'string' },
      'cycle-end': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const text = positionals.join(' ').trim();
  if (!text)
    throw new Error(`a goal to check is required: mentoria smart check "TEXT"\n\n${usage(io.platforms)}`);
  const lang = values.lang === 'en' ? 'en' : values.lang === 'es' ? 'es' : undefined;
  if (!lang) throw new Error('--lang must be es or en');
  const today = values.today ?? localDate(systemClock.now(), 'UTC');
  const cycleEnd = values['cycle-end'];
  for (const [name, value] of [
    ['--today', today],
    ['--cycle-end', cycleEnd],
  ] as const)
    if (value !== undefined && !isIsoDate(value)) throw new Error(`${name} must be a date as YYYY-MM-DD`);
  const verdict = judgeGoal(text, {
    recognizeDates: goalDateRecognizer({ today, cycleEnd }),
    today,
    cycleEnd,
    language: lang,
  });
  const reader = { t: translator(lang), fmt: formatter(lang, 'UTC') };
  const criterion = (name: 'specific' | 'measurable' | 'timeBound') => ({
    ok: verdict[name].ok,
    hint: coachHint(reader, name, verdict[name], { text, cycleEnd }) ?? '',
  });
  const result = {
    specific: criterion('specific'),
    measurable: criterion('measurable'),
    timeBound: criterion('timeBound'),
    parts: {
      action: verdict.specific.action ?? null,
      indicator: verdict.measurable.indicator ?? null,
      date: verdict.timeBound.date ?? null,
      dateText: verdict.timeBound.dateText ?? null,
    },
  };
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else
    io.out(
      (['specific', 'measurable', 'timeBound'] as const)
        .map((c) => `${c}: ${result[c].ok ? 'yes' : 'no'}${result[c].hint ? ` — ${result[c].hint}` : ''}`)
        .join('\n'),
    );
  return 0;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(usage(io.platforms));
    return command ? 0 : 2;
  }
  // Judging a goal needs no database: it is text and dates.
  if (command === 'smart' && sub === 'check') {
    try {
      return smartCheck(rest, io);
    } catch (error) {
      io.err(error instanceof Error ? error.message : String(error));
      return 1;
    }
  }
  if (!io.config) loadDotEnv();
  const config = io.config ?? loadConfigOrExit(process.env, io.platforms);
  const database = io.database ?? (await openMigratedDatabase(config, loggerFor(config, true)));
  try {
    // `migrate` and `report` take no subcommand: what follows them is options.
    const single = command === 'migrate' || command === 'report';
    const args = single ? [sub ?? '', ...rest].filter(Boolean) : rest;
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        down: { type: 'boolean', default: false },
        tenant: { type: 'string', default: 'console' },
        json: { type: 'boolean', default: false },
        name: { type: 'string' },
        kind: { type: 'string' },
        program: { type: 'string' },
        cycle: { type: 'string' },
        starts: { type: 'string' },
        ends: { type: 'string' },
        enrollment: { type: 'string' },
        'goal-setting': { type: 'string' },
        execution: { type: 'string' },
        closing: { type: 'string' },
        timezone: { type: 'string' },
        'skip-invalid': { type: 'boolean', default: false },
        'gender-codes': { type: 'string' },
        format: { type: 'string' },
        email: { type: 'string' },
        apply: { type: 'boolean', default: false },
        out: { type: 'string' },
        set: { type: 'string', multiple: true },
        reason: { type: 'string' },
        since: { type: 'string' },
        institution: { type: 'string' },
        signatory: { type: 'string', multiple: true },
        logo: { type: 'string' },
        'no-logo': { type: 'boolean', default: false },
      },
    });
    const print = (json: unknown, text: string) => io.out(values.json ? JSON.stringify(json, null, 2) : text);
    if (command === 'migrate') {
      if (values.down) {
        const report = await migrateDown(database.db);
        io.out(report.applied.length ? `Reverted ${report.applied.join(', ')}` : 'Nothing to revert.');
      } else io.out(`Database is up to date (${database.kind}).`);
      return 0;
    }
    const spec = tenantSpec(values.tenant ?? 'console', io.platforms);
    const tenant = await ensureTenant(database.db, {
      ...spec,
      name: spec.externalId,
      defaultLocale: config.DEFAULT_LOCALE,
      defaultTimezone: config.DEFAULT_TIMEZONE,
    });
    const deps = { db: database.db, clock: systemClock };
    const run: AdminRun = { tenantId: tenant.id, actorId: null, via: 'cli' };
    const need = (name: string, value: string | undefined) => {
      if (!value) throw new Error(`--${name} is required\n\n${usage(io.platforms)}`);
      return value;
    };
    switch (single ? `${command} ` : `${command} ${sub ?? ''}`) {
      case 'program create': {
        const kind = need('kind', values.kind);
        if (kind !== 'classic' && kind !== 'reverse') throw new Error('--kind must be classic or reverse');
        const program = await createProgramAs(deps, run, { name: need('name', values.name), kind });
        print(program, `Created program "${program.name}" (${program.kind}), id ${program.id}.`);
        return 0;
      }
      case 'program set': {
        const program = await findProgram(database.db, tenant.id, need('program', values.program));
        if (!values.set?.length) throw new Error(`--set KEY=VALUE is required\n\n${usage(io.platforms)}`);
        const { changes, problems } = settingsFrom(values.set);
        const result = problems.length
          ? { program, problems }
          : await updateProgramSettingsAs(deps, run, program, changes);
        if (result.problems.length) {
          io.err(`Nothing was changed:\n${result.problems.map((p) => `  ${p}`).join('\n')}`);
          return 1;
        }
        const s = result.program.settings;
        print(
          result.program,
          `Program "${program.name}": ${counted(s.mentorCapacity, 'mentee')} per mentor, at least ${counted(s.minSessions, '1:1 session')}, ${counted(s.maxGoalsPerMentee, 'goal')} per mentee at most, ${Math.round(s.attendanceThreshold * 100)} % plenary attendance for the diploma, check-in on weekday ${s.checkinWeekday}, quiet hours ${s.quietHours.start}-${s.quietHours.end}, reminders ${s.reminderOffsetsHours.join(', ')} h before a session, ${s.retentionMonths === null ? 'participants kept until erased' : `participants anonymised ${counted(s.retentionMonths, 'month')} after their last cycle ends`}.`,
        );
        return 0;
      }
      case 'program list':
      case 'cycle list': {
        const directory = await programDirectory(deps, tenant.id);
        const only = values.program ? await findProgram(database.db, tenant.id, values.program) : undefined;
        const shown = directory.filter((d) => !only || d.program.id === only.id);
        const cycleLine = (c: CycleListing, program?: string) =>
          `${program ? `${program} / ` : '  '}${c.cycle.name}  ${c.cycle.enrollmentStarts} → ${c.cycle.ends}  ${c.phase}  ${counted(c.mentors, 'mentor')}, ${counted(c.mentees, 'mentee')}, ${counted(c.pairs, 'pair')}`;
        if (command === 'program')
          print(
            shown,
            shown.length
              ? shown
                  .flatMap((d) => [
                    `${d.program.name} (${d.program.kind}), id ${d.program.id}`,
                    ...(d.cycles.length ? d.cycles.map((c) => cycleLine(c)) : ['  no cycles yet']),
                  ])
                  .join('\n')
              : 'No programs yet: create one with "mentoria program create --name N --kind classic".',
          );
        else {
          const cycles = shown.flatMap((d) => d.cycles.map((c) => ({ ...c, program: d.program.name })));
          print(
            cycles,
            cycles.length
              ? cycles.map((c) => cycleLine(c, c.program)).join('\n')
              : 'No cycles yet: create one with "mentoria cycle create --program P --name N --starts … --ends …".',
          );
        }
        return 0;
      }
      case 'person list': {
        const cycle = await findCycle(database.db, tenant.id, need('cycle', values.cycle));
        const people = await peopleOfCycle(deps, tenant.id, cycle);
        print(
          people,
          people.length
            ? people
                .map(
                  (p) =>
                    `${p.role.padEnd(8)}  ${p.name}  ${p.email ?? '—'}${p.partners.length ? `  paired with ${p.partners.join(', ')}` : ''}`,
                )
                .join('\n')
            : `Nobody is enrolled in cycle "${cycle.name}" yet: import a roster with "mentoria roster import FILE --cycle ${cycle.name}".`,
        );
        return 0;
      }
      case 'cycle create': {
        const cycle = await createCycleAs(deps, run, {
          program: need('program', values.program),
          name: need('name', values.name),
          starts: need('starts', values.starts),
          ends: need('ends', values.ends),
          timezone: values.timezone ?? tenant.defaultTimezone,
        });
        print(
          cycle,
          `Created cycle "${cycle.name}": enrollment ${cycle.enrollmentStarts}, goal setting ${cycle.goalSettingStarts}, execution ${cycle.executionStarts}, closing ${cycle.closingStarts}, ends ${cycle.ends} (${cycle.timezone}).`,
        );
        return 0;
      }
      case 'cycle dates': {
        const cycle = await findCycle(database.db, tenant.id, need('cycle', values.cycle));
        const given = {
          enrollmentStarts: values.enrollment,
          goalSettingStarts: values['goal-setting'],
          executionStarts: values.execution,
          closingStarts: values.closing,
          ends: values.ends,
        };
        const change = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
        if (Object.keys(change).length === 0)
          throw new Error(
            `give at least one of --enrollment, --goal-setting, --execution, --closing, --ends\n\n${usage(io.platforms)}`,
          );
        const { after, misplaced } = await changeCycleDatesAs(deps, run, cycle.id, change);
        if (misplaced.length) {
          if (values.json) io.out(JSON.stringify({ changed: false, misplaced }, null, 2));
          io.err(
            `Nothing was changed: the new dates leave recorded facts outside their phase:\n${misplaced
              .map(
                (m) =>
                  `  ${m.action}: recorded ${m.side === 'before' ? 'from' : 'until'} ${m.date}, its phase would ${m.side === 'before' ? 'open' : 'close'} on ${m.limit}`,
              )
              .join('\n')}`,
          );
          return 1;
        }
        print(
          after,
          `Cycle "${after.name}": enrollment ${after.enrollmentStarts}, goal setting ${after.goalSettingStarts}, execution ${after.executionStarts}, closing ${after.closingStarts}, ends ${after.ends} (${after.timezone}).`,
        );
        return 0;
      }
      case 'audit export': {
        const zone = tenant.defaultTimezone;
        if (values.since && !isIsoDate(values.since)) throw new Error('--since must be a date: YYYY-MM-DD');
        const since = values.since ? startOfLocalDay(values.since, zone) : new Date(0);
        const acting = {
          actor: { tenantId: tenant.id, personId: 'cli', staffRole: 'admin' as const },
          via: 'cli' as const,
        };
        const { lines, more } = await exportAudit(deps, acting, since);
        const csv = auditCsv(
          { t: translator(tenant.defaultLocale), locale: tenant.defaultLocale, zone },
          lines,
        );
        if (values.out) writeFileSync(values.out, csv);
        else io.out(csv);
        if (values.out || more)
          io.err(
            `${values.out ? `Wrote ${counted(lines.length, 'audit line')} to ${values.out}.` : ''}${more ? ` More than ${lines.length}: narrow with --since.` : ''}`.trim(),
          );
        return 0;
      }
      case 'person withdraw': {
        const cycle = await findCycle(database.db, tenant.id, need('cycle', values.cycle));
        const email = need('email', values.email);
        const person = await findPersonByEmail(database.db, tenant.id, email);
        if (!person) throw new Error(`No person with the email ${email} in this tenant.`);
        const reason = need('reason', values.reason);
        const done = await withdrawFromCycle(deps, run, cycle, person.id, reason, withdrawalNotice);
        print(
          { withdrawn: done.person.id, roles: done.roles, sessionsCancelled: done.sessionsCancelled },
          `Withdrew ${done.person.name} (${done.roles.join(', ')}) from "${cycle.name}"; ${counted(done.sessionsCancelled, 'session')} to come cancelled.`,
        );
        return 0;
      }
      case 'certificate settings': {
        const program = await findProgram(database.db, tenant.id, need('program', values.program));
        let design = await diplomaDesign(database.db, tenant.id, program.id);
        const signatories = values.signatory?.map((v) => {
          const [name = '', position = ''] = v.split('|').map((part) => part.trim());
          return { name, position };
        });
        if (values.institution !== undefined || signatories) {
          const institution = values.institution ?? design?.institution;
          if (!institution)
            throw new Error(`--institution is required the first time\n\n${usage(io.platforms)}`);
          const saved = await saveDesignAs(deps, run, program, {
            institution,
            signatories: signatories ?? design?.signatories ?? [],
          });
          if (saved.problems.length)
            throw new Error(
              `Nothing was changed: ${saved.problems
                .map(
                  (p) =>
                    `${p.path.replace(/^signatories\.(\d+)\./, (_m, i) => `--signatory ${Number(i) + 1} `)} (${p.code})`,
                )
                .join('; ')}. A signatory is "Name|Position"; at most three.`,
            );
          design = saved.design;
        }
        if (values.logo || values['no-logo']) {
          const logo = values.logo ? readFileSync(values.logo) : null;
          const set = await setLogoAs(deps, run, program, logo);
          if (!set.ok)
            throw new Error(
              set.problem === 'no_design'
                ? 'Set --institution first: the logo goes on a design that names its institution.'
                : `${values.logo}: ${{ not_png: 'not a PNG image', too_big: 'over 512 KB', dimensions: 'must be 16 to 4000 pixels a side', unreadable: 'a damaged image' }[set.problem]}; nothing was changed`,
            );
          design = await diplomaDesign(database.db, tenant.id, program.id);
        }
        if (!design)
          throw new Error(`Program "${program.name}" has no diploma design yet: give --institution.`);
        print(
          {
            program: program.id,
            institution: design.institution,
            signatories: design.signatories,
            logo: design.logo?.length ?? 0,
          },
          `Diplomas of "${program.name}": granted by ${design.institution}; ${
            design.signatories.length
              ? `signed by ${design.signatories.map((s) => `${s.name} (${s.position})`).join(', ')}`
              : 'no signatures'
          }; ${design.logo ? `logo of ${design.logo.length} bytes` : 'no logo'}.`,
        );
        return 0;
      }
      case 'certificate verify': {
        const typed = need('number', positionals[0]);
        const found = await verifyCertificate(database.db, typed);
        if (found === 'malformed')
          throw new Error(`${typed} is not a certificate number (12 symbols, like 7K3Q-9XPD-2HRM).`);
        if (!found) {
          io.err(`No certificate has the number ${typed}.`);
          return 1;
        }
        const issued = localDate(found.issuedAt, found.timezone);
        print(
          {
            valid: true,
            number: found.number,
            holder: found.holder,
            cycle: found.cycle,
            program: found.program,
            institution: found.institution,
            issuedOn: issued,
          },
          `Valid: certificate ${found.number}, issued on ${issued} to ${found.holder} for the cycle "${found.cycle}" of "${found.program}"${found.institution ? `, granted by ${found.institution}` : ''}.`,
        );
        return 0;
      }
      case 'cycle delete': {
        const cycle = await findCycle(database.db, tenant.id, need('cycle', values.cycle));
        const deleted = await deleteCycleAs(deps, run, cycle.id);
        print({ deleted: deleted.id, name: deleted.name }, `Deleted cycle "${deleted.name}".`);
        return 0;
      }
      case 'roster import': {
        const file = need('file', positionals[0]);
        const cycle = await findCycle(database.db, tenant.id, need('cycle', values.cycle));
        const rows = await readTable(file, io);
        const report = await importRoster(deps, run, {
          cycle,
          rows,
          skipInvalid: values['skip-invalid'] ?? false,
          genderCodes: genderCodesOption(values['gender-codes']),
          defaults: { locale: tenant.defaultLocale, timezone: tenant.defaultTimezone },
          ...(io.progress && !values.json ? { onProgress: progressBar(io.progress, 'people') } : {}),
        });
        const lines = report.invalid.map((i) => `  line ${i.line}: ${i.problems.join('; ')}`);
        print(
          report,
          [
            report.written
              ? `Imported ${report.lines - report.invalid.length} of ${report.lines} lines: ${report.created} people created, ${report.updated} updated.`
              : `Nothing was written: ${report.invalid.length} of ${report.lines} lines are invalid (use --skip-invalid to import the rest).`,
            ...lines,
          ].join('\n'),
        );
        return report.written ? 0 : 1;
      }
      case 'pairs import': {
        const file = need('file', positionals[0]);
        const cycle = await findCycle(database.db, tenant.id, need('cycle', values.cycle));
        const report = await importPairs(deps, run, { cycle, rows: await readTable(file, io) });
        const lines = report.invalid.map((i) => `  line ${i.line}: ${i.problems.join('; ')}`);
        print(
          report,
          [
            report.written
              ? `Created ${counted(report.created, 'pair')}.`
              : `Nothing was written: ${report.invalid.length} lines break the program's rules.`,
            ...lines,
          ].join('\n'),
        );
        return report.written ? 0 : 1;
      }
      case 'pairs suggest': {
        const cycle = await findCycle(database.db, tenant.id, need('cycle', values.cycle));
        const outcome = values.apply
          ? await applySuggestion(deps, run, cycle)
          : { suggestion: await suggestPairs(deps, tenant.id, cycle) };
        const { suggestion } = outcome;
        const who = (p: { name: string; email: string | null }) => `${p.name} <${p.email ?? '-'}>`;
        // The command line speaks English, in the chat's own words.
        const english = translator('en');
        const json = {
          cycle: cycle.name,
          applied: 'applied' in outcome ? outcome.applied : 0,
          totalScore: suggestion.totalScore,
          fingerprint: suggestion.fingerprint,
          pairs: suggestion.pairs.map((p) => ({
            mentor: p.mentor.email,
            mentee: p.mentee.email,
            score: p.score,
            sharedTopics: p.sharedTopics,
            differentUnits: p.differentUnits,
          })),
          unmatchedMentees: suggestion.unmatchedMentees.map((u) => ({
            email: u.person.email,
            reason: u.reason,
          })),
          unmatchedMentors: suggestion.unmatchedMentors.map((u) => ({
            email: u.person.email,
            reason: u.reason,
          })),
        };
        print(
          json,
          [
            `${counted(suggestion.pairs.length, 'pair')} for cycle "${cycle.name}" (total score ${suggestion.totalScore}):`,
            ...suggestion.pairs.map(
              (p) =>
                `  ${who(p.mentor)} -> ${who(p.mentee)}  score ${p.score}${p.sharedTopics.length ? `; shared: ${p.sharedTopics.join(', ')}` : ''}${p.differentUnits ? '; different units' : ''}`,
            ),
            `Mentees left without a mentor: ${suggestion.unmatchedMentees.length}`,
            ...suggestion.unmatchedMentees.map(
              (u) => `  ${who(u.person)}: ${english(`pairs.reason.${u.reason}`)}`,
            ),
            `Mentors left without a mentee: ${suggestion.unmatchedMentors.length}`,
            ...suggestion.unmatchedMentors.map(
              (u) => `  ${who(u.person)}: ${english(`pairs.reason.${u.reason}`)}`,
            ),
            'applied' in outcome
              ? `Made ${counted(outcome.applied, 'pair')}; each person gets an introduction from the bot.`
              : 'Nothing was written. Run again with --apply to make these pairs.',
          ].join('\n'),
        );
        return 0;
      }
      case 'report ': {
        const cycle = await findCycle(database.db, tenant.id, need('cycle', values.cycle));
        const format = values.format ?? (values.json ? 'json' : 'md');
        // The command line is the operator's own tool: it reads as an admin of the tenant.
        const acting = {
          actor: { tenantId: tenant.id, personId: 'cli', staffRole: 'admin' as const },
          via: 'cli' as const,
        };
        const report = await cycleReport(deps, acting, cycle);
        if (format === 'json') io.out(JSON.stringify(report, null, 2));
        else if (format === 'csv') io.out(reportCsv(report));
        else if (format === 'md') {
          const reader = {
            t: translator(tenant.defaultLocale),
            fmt: formatter(tenant.defaultLocale, cycle.timezone),
          };
          const m = reportMessage(reader, report);
          io.out(
            m.blocks
              .map((b) =>
                b.type === 'text'
                  ? `# ${b.text}`
                  : b.type === 'fields'
                    ? b.fields.map((f) => `- **${f.label}:** ${f.value}`).join('\n')
                    : '',
              )
              .filter(Boolean)
              .join('\n\n'),
          );
        } else if (format === 'xlsx' || format === 'pdf' || format === 'png') {
          // Binary files are written, never printed: each participant's results, the diplomas, the chart.
          const kind = format === 'xlsx' ? 'results.xlsx' : format === 'pdf' ? 'diplomas.pdf' : 'chart.png';
          const file = await buildReportFile(deps, {
            acting,
            cycle,
            kind,
            reader: { locale: tenant.defaultLocale, gender: null, timezone: cycle.timezone },
            verifyBase: config.PUBLIC_URL,
            now: deps.clock.now(),
          });
          const path = values.out ?? file.name;
          writeFileSync(path, file.content);
          print(
            { written: path, bytes: file.content.length },
            `Wrote ${path} (${file.content.length} bytes).`,
          );
        } else throw new Error('--format must be json, csv, md, xlsx, pdf or png');
        return 0;
      }
      case 'person export': {
        const data = await exportPerson(deps, run, need('email', values.email));
        io.out(JSON.stringify(data, null, 2));
        return 0;
      }
      case 'person erase': {
        const erased = await erasePerson(deps, run, need('email', values.email));
        print(
          erased,
          `Erased ${values.email}: name, email, identities, conversations and reminders removed; the texts of ${counted(erased.goals, 'goal')} and ${counted(erased.sessions, 'session')} cleared; the cycle's figures keep counting them.`,
        );
        return 0;
      }
      default:
        io.err(`Unknown command "${argv.join(' ')}".\n\n${usage(io.platforms)}`);
        return 2;
    }
  } catch (error) {
    io.err(
      error instanceof DomainError
        ? `${errorText(translator('en'), error, formatter('en', 'UTC'))} (${error.code})`
        : error instanceof Error
          ? error.message
          : String(error),
    );
    return 1;
  } finally {
    if (!io.database) await database.close();
  }
}
