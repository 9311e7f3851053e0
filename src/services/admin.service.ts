import { z } from 'zod';
import type { Locale } from '../config.ts';
import { authorize } from '../domain/authz.ts';
import { planCycleDates } from '../domain/cycle.ts';
import { DomainError } from '../domain/errors.ts';
import { distinctTopics } from '../domain/matching.ts';
import type {
  Cycle,
  EnrollmentRole,
  Gender,
  Person,
  Program,
  ProgramKind,
  ProgramSettings,
  Via,
} from '../domain/model.ts';
import { checkPairCapacity, checkPairRules } from '../domain/pairing.ts';
import { programSettingsSchema } from '../domain/program.ts';
import { isValidTimeZone, localDate } from '../domain/time.ts';
import { type T, translator } from '../i18n/index.ts';
import { recordAudit } from '../store/audit.store.ts';
import type { Db } from '../store/db.ts';
import { insertNudges, type PlannedNudge } from '../store/nudge.store.ts';
import { createPerson, findPersonByEmail, updatePersonProfile } from '../store/person.store.ts';
import {
  createCycle,
  createPairing,
  createProgram,
  enroll,
  enrollmentsOf,
  getProgram,
  listCycles,
  listPrograms,
  pairingLoad,
  setProgramSettings,
} from '../store/program.store.ts';
import { addCompetency, listCompetencies, renameCompetency } from '../store/tenant.store.ts';
import { withdrawalOf } from '../store/withdrawal.store.ts';
import type { Acting, Deps } from './deps.ts';

/** Who runs an admin operation from the command line (no chat identity): recorded as `cli`. */
export interface AdminRun {
  tenantId: string;
  actorId: string | null;
  via: Via;
}

export async function createProgramAs(
  deps: Deps,
  run: AdminRun,
  input: { name: string; kind: ProgramKind; settings?: Partial<ProgramSettings> },
): Promise<Program> {
  if (!input.name.trim() || input.name.length > 200)
    throw new DomainError('input.too_long', { field: 'name', max: 200 });
  const program = await createProgram(deps.db, run.tenantId, {
    name: input.name.trim(),
    kind: input.kind,
    ...(input.settings ? { settings: input.settings } : {}),
  });
  await recordAudit(deps.db, {
    tenantId: run.tenantId,
    at: deps.clock.now(),
    actorId: run.actorId,
    via: run.via,
    action: 'program.create',
    subjectType: 'program',
    subjectId: program.id,
    data: { name: program.name, kind: program.kind },
  });
  return program;
}

/**
 * Settings as an operator writes them (`capacity=2`, `attendance=85`, `quiet-hours=20:00-08:00`,
 * `reminders=24,1`), read into the program's settings; each key that is unknown or out of range
 * is named, and nothing is changed.
 */
const SETTING_KEYS: Record<string, (v: string) => Partial<ProgramSettings> | undefined> = {
  capacity: (v) => (/^\d+$/.test(v) ? { mentorCapacity: Number(v) } : undefined),
  'min-sessions': (v) => (/^\d+$/.test(v) ? { minSessions: Number(v) } : undefined),
  'max-goals': (v) => (/^\d+$/.test(v) ? { maxGoalsPerMentee: Number(v) } : undefined),
  attendance: (v) => (/^\d{1,3}$/.test(v) ? { attendanceThreshold: Number(v) / 100 } : undefined),
  'checkin-weekday': (v) => (/^[1-7]$/.test(v) ? { checkinWeekday: Number(v) } : undefined),
  'quiet-hours': (v) => {
    const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(v);
    return m ? { quietHours: { start: m[1] as string, end: m[2] as string } } : undefined;
  },
  reminders: (v) =>
    /^\d+(\.\d+)?(,\d+(\.\d+)?)*$/.test(v) ? { reminderOffsetsHours: v.split(',').map(Number) } : undefined,
  retention: (v) =>
    v === 'off' ? { retentionMonths: null } : /^\d+$/.test(v) ? { retentionMonths: Number(v) } : undefined,
};

export const SETTING_NAMES = Object.keys(SETTING_KEYS);

export function settingsFrom(pairs: string[]): { changes: Partial<ProgramSettings>; problems: string[] } {
  const problems: string[] = [];
  let changes: Partial<ProgramSettings> = {};
  for (const pair of pairs) {
    const [key = '', ...rest] = pair.split('=');
    const read = SETTING_KEYS[key.trim()];
    const value = read?.(rest.join('=').trim());
    if (!read) problems.push(`${key}: not a setting (one of ${SETTING_NAMES.join(', ')})`);
    else if (!value) problems.push(`${key}: "${rest.join('=')}" is not a valid value`);
    else changes = { ...changes, ...value };
  }
  return { changes, problems };
}

/** Changes a program's settings, checked as a whole (each value in range), audited with before and after. */
export async function updateProgramSettingsAs(
  deps: Deps,
  run: AdminRun,
  program: Program,
  changes: Partial<ProgramSettings>,
): Promise<{ program: Program; problems: string[] }> {
  const merged = { ...program.settings, ...changes };
  const checked = programSettingsSchema.safeParse(merged);
  if (!checked.success)
    return {
      program,
      problems: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  await setProgramSettings(deps.db, run.tenantId, program.id, checked.data);
  await recordAudit(deps.db, {
    tenantId: run.tenantId,
    at: deps.clock.now(),
    actorId: run.actorId,
    via: run.via,
    action: 'program.settings',
    subjectType: 'program',
    subjectId: program.id,
    data: { before: program.settings, after: checked.data },
  });
  return { program: { ...program, settings: checked.data }, problems: [] };
}

export async function findProgram(db: Db, tenantId: string, nameOrId: string): Promise<Program> {
  const programs = await listPrograms(db, tenantId);
  const found =
    programs.find((p) => p.id === nameOrId) ??
    programs.find((p) => p.name.toLowerCase() === nameOrId.toLowerCase());
  if (!found) throw new DomainError('record.not_found', { entity: 'program' });
  return found;
}

export async function findCycle(db: Db, tenantId: string, nameOrId: string): Promise<Cycle> {
  const cycles = await listCycles(db, tenantId);
  const byId = cycles.find((c) => c.id === nameOrId);
  if (byId) return byId;
  const byName = cycles.filter((c) => c.name.toLowerCase() === nameOrId.toLowerCase());
  if (byName.length !== 1) throw new DomainError('record.not_found', { entity: 'cycle' });
  return byName[0] as Cycle;
}

/** A cycle with phase dates from the program's defaults unless given. */
export async function createCycleAs(
  deps: Deps,
  run: AdminRun,
  input: { program: string; name: string; starts: string; ends: string; timezone: string },
): Promise<Cycle> {
  if (!isValidTimeZone(input.timezone)) throw new DomainError('cycle.timezone', { zone: input.timezone });
  const program = await findProgram(deps.db, run.tenantId, input.program);
  const dates = planCycleDates({ starts: input.starts, ends: input.ends }, program.settings);
  const cycle = await createCycle(deps.db, run.tenantId, {
    programId: program.id,
    name: input.name.trim(),
    timezone: input.timezone,
    ...dates,
  });
  await recordAudit(deps.db, {
    tenantId: run.tenantId,
    at: deps.clock.now(),
    actorId: run.actorId,
    via: run.via,
    action: 'cycle.create',
    subjectType: 'cycle',
    subjectId: cycle.id,
    data: { name: cycle.name, ...dates },
  });
  return cycle;
}

/**
 * Gender as HR systems write it, folded (lower case, no accents). Single letters are read by the
 * file's convention (see `genderCodes`): Mexico's H/M (Hombre/Mujer) or F/M (Femenino/Masculino);
 * an `M` alone in a file that shows neither convention is ambiguous and refused.
 */
const GENDERS: Record<string, Gender> = {
  x: 'x',
  n: 'n',
  mujer: 'f',
  hombre: 'm',
  femenino: 'f',
  masculino: 'm',
  otro: 'x',
  otra: 'x',
  'no binario': 'x',
  'no binaria': 'x',
  'prefiero no decir': 'n',
  'prefiere no decir': 'n',
  'no informa': 'n',
  woman: 'f',
  female: 'f',
  man: 'm',
  male: 'm',
  other: 'x',
  'non-binary': 'x',
  'prefer not to say': 'n',
};

/** Single-letter gender codes: H/M (Hombre/Mujer, Mexico) or F/M (Femenino/Masculino, or English). */
export type GenderCodes = 'hm' | 'fm';
const LETTERS: Record<GenderCodes, Record<string, Gender>> = {
  hm: { h: 'm', m: 'f' },
  fm: { f: 'f', m: 'm' },
};

/** Roles as rosters write them (Spanish and English, any gender), folded. */
const ROLES: Record<string, 'mentor' | 'mentee' | 'admin' | 'director'> = {
  mentor: 'mentor',
  mentora: 'mentor',
  'persona mentora': 'mentor',
  'mentor/a': 'mentor',
  mentee: 'mentee',
  mentorado: 'mentee',
  mentorada: 'mentee',
  'mentorado/a': 'mentee',
  'persona mentorada': 'mentee',
  asesorado: 'mentee',
  asesorada: 'mentee',
  'asesorado/a': 'mentee',
  admin: 'admin',
  administrador: 'admin',
  administradora: 'admin',
  'administrador/a': 'admin',
  director: 'director',
  directora: 'director',
  'director/a': 'director',
  directivo: 'director',
  directiva: 'director',
};

const fold = (v: string) =>
  v.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The single-letter convention of a file's gender column: H present → H/M; F present → F/M;
 * both or neither → undefined (an `M` then means nothing certain).
 */
export function genderCodesOf(values: string[]): GenderCodes | undefined {
  const letters = new Set(values.map(fold).filter((v) => v.length === 1));
  if (letters.has('h') && !letters.has('f')) return 'hm';
  if (letters.has('f') && !letters.has('h')) return 'fm';
  return undefined;
}

const optional = (schema: z.ZodType) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** Roster problems are i18n keys, worded for the reader (the command line reads English). */
const K = 'roster.invalid.';

/** One roster line; only email, name and role are required. */
export const rosterRowSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: `${K}email` })),
  name: z.string().trim().min(1, `${K}name_empty`).max(200, `${K}name_long`),
  role: z
    .string()
    .transform((r) => ROLES[fold(r)] ?? r)
    .pipe(z.enum(['mentor', 'mentee', 'admin', 'director'], { error: `${K}role` })),
  // Already read by the file's convention in `validateRoster` when it was a single letter.
  gender: optional(
    z
      .string()
      .transform(fold)
      .refine((g) => g in GENDERS, `${K}gender`)
      .transform((g) => GENDERS[g] as Gender),
  ),
  level: optional(
    z.coerce
      .number({ error: `${K}level` })
      .int(`${K}level`)
      .min(0, `${K}level`)
      .max(100, `${K}level`),
  ),
  unit: optional(z.string().trim().max(200, `${K}text_long`)),
  institution: optional(z.string().trim().max(200, `${K}text_long`)),
  region: optional(z.string().trim().max(200, `${K}text_long`)),
  birth_year: optional(
    z.coerce
      .number({ error: `${K}birth_year` })
      .int(`${K}birth_year`)
      .min(1900, `${K}birth_year`)
      .max(2100, `${K}birth_year`),
  ),
  locale: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['es', 'en'], { error: `${K}locale` })),
  ),
  timezone: optional(z.string().trim().refine(isValidTimeZone, `${K}timezone`)),
  topics: optional(
    z
      .string()
      .max(1000, `${K}topics`)
      .transform((t) => distinctTopics(t.split(/[;|]/)))
      .refine((t) => t.length <= 20, `${K}topics`)
      .refine((t) => t.every((x) => x.length <= 80), `${K}topics`),
  ),
});
export type RosterRow = z.infer<typeof rosterRowSchema>;

export interface RosterReport {
  lines: number;
  created: number;
  updated: number;
  invalid: { line: number; problems: string[] }[];
  written: boolean;
}

/** Every roster line checked, without writing: the valid rows, and each bad line with why. */
export function validateRoster(
  rows: { line: number; record: Record<string, string> }[],
  t: T = translator('en'),
  options: { genderCodes?: GenderCodes | undefined } = {},
): {
  valid: { line: number; row: RosterRow }[];
  invalid: RosterReport['invalid'];
  /** How single-letter genders were read (given, or seen in the file), if any were there. */
  genderCodes: GenderCodes | undefined;
} {
  const valid: { line: number; row: RosterRow }[] = [];
  const invalid: RosterReport['invalid'] = [];
  const seen = new Map<string, number>();
  const codes = options.genderCodes ?? genderCodesOf(rows.map((r) => r.record.gender ?? ''));
  for (const { line, record: raw } of rows) {
    let record = raw;
    const letter = fold(raw.gender ?? '');
    if (letter === 'h' || letter === 'm' || letter === 'f') {
      const gender = codes ? LETTERS[codes][letter] : undefined;
      if (!gender) {
        invalid.push({
          line,
          problems: [`gender: ${t(`${K}${codes ? 'gender' : 'gender_ambiguous'}`, { value: raw.gender })}`],
        });
        continue;
      }
      // The canonical word, so that the schema does not read the letter again.
      record = { ...raw, gender: gender === 'f' ? 'mujer' : 'hombre' };
    }
    const parsed = rosterRowSchema.safeParse(record);
    if (!parsed.success) {
      invalid.push({
        line,
        problems: parsed.error.issues.map(
          (i) => `${String(i.path[0] ?? 'line')}: ${t(i.message.startsWith(K) ? i.message : `${K}missing`)}`,
        ),
      });
      continue;
    }
    const previous = seen.get(parsed.data.email);
    if (previous) {
      invalid.push({
        line,
        problems: [`email: ${t(`${K}duplicate`, { email: parsed.data.email, line: previous })}`],
      });
      continue;
    }
    seen.set(parsed.data.email, line);
    valid.push({ line, row: parsed.data });
  }
  return { valid, invalid, genderCodes: codes };
}

/**
 * Lines that would give someone already in the cycle a second role (a mentor listed as mentee):
 * a role change is not a roster line, so each is refused with the role the person has. So is a
 * line for someone withdrawn from the cycle.
 */
export async function roleConflicts(
  db: Db,
  tenantId: string,
  cycleId: string,
  valid: { line: number; row: RosterRow }[],
  t: T = translator('en'),
): Promise<RosterReport['invalid']> {
  const out: RosterReport['invalid'] = [];
  for (const { line, row } of valid) {
    if (row.role !== 'mentor' && row.role !== 'mentee') continue;
    const person = await findPersonByEmail(db, tenantId, row.email);
    if (!person) continue;
    const current = (await enrollmentsOf(db, tenantId, person.id)).find(
      (e) => e.cycleId === cycleId && (e.role === 'mentor' || e.role === 'mentee'),
    );
    if (current && current.role !== row.role)
      out.push({ line, problems: [`role: ${t(`${K}role_change`, { role: current.role })}`] });
    // A file made before someone left still lists them: it does not bring them back.
    const withdrawn = current ? undefined : await withdrawalOf(db, tenantId, cycleId, person.id);
    if (withdrawn)
      out.push({
        line,
        problems: [`role: ${t(`${K}withdrawn`, { date: localDate(withdrawn.withdrawnAt, 'UTC') })}`],
      });
  }
  return out;
}

/**
 * Checks every line; writes nothing when any is invalid, unless `skipInvalid`. Re-importing
 * updates people with the columns the file has (an empty or missing column changes nothing),
 * and never enrolls someone a second time with another role.
 */
export async function importRoster(
  deps: Deps,
  run: AdminRun,
  input: {
    cycle: Cycle;
    rows: { line: number; record: Record<string, string> }[];
    skipInvalid: boolean;
    /** How single-letter genders are read; by default, as the file's own codes show. */
    genderCodes?: GenderCodes | undefined;
    defaults: { locale: Locale; timezone: string };
    /** Called after each person is written: (people written, people to write). */
    onProgress?: (done: number, total: number) => void;
  },
): Promise<RosterReport> {
  const checked = validateRoster(input.rows, undefined, { genderCodes: input.genderCodes });
  const conflicts = await roleConflicts(deps.db, run.tenantId, input.cycle.id, checked.valid);
  const refused = new Set(conflicts.map((c) => c.line));
  const valid = checked.valid.filter((v) => !refused.has(v.line));
  const invalid = [...checked.invalid, ...conflicts].sort((a, b) => a.line - b.line);
  const report: RosterReport = { lines: input.rows.length, created: 0, updated: 0, invalid, written: false };
  if (invalid.length && !input.skipInvalid) return report;
  await deps.db.transaction().execute(async (tx) => {
    const welcomes: PlannedNudge[] = [];
    for (const { row } of valid) {
      const existing = await findPersonByEmail(tx, run.tenantId, row.email);
      const profile = {
        name: row.name,
        gender: (row.gender as Gender | undefined) ?? null,
        level: (row.level as number | undefined) ?? null,
        unit: (row.unit as string | undefined) ?? null,
        institution: (row.institution as string | undefined) ?? null,
        region: (row.region as string | undefined) ?? null,
        birthYear: (row.birth_year as number | undefined) ?? null,
        ...(row.topics ? { topics: row.topics as string[] } : {}),
      };
      let person: Person;
      if (existing) {
        // Only what the file says: a column it lacks, or leaves empty, keeps what is stored.
        const given = Object.fromEntries(
          Object.entries({
            ...profile,
            gender: row.gender,
            level: row.level,
            unit: row.unit,
            institution: row.institution,
            region: row.region,
            birthYear: row.birth_year,
          }).filter(([, v]) => v !== undefined && v !== null),
        ) as Partial<typeof profile>;
        person = await updatePersonProfile(
          tx,
          run.tenantId,
          existing.id,
          {
            ...given,
            ...(row.locale ? { locale: row.locale as Locale } : {}),
            ...(row.timezone ? { timezone: row.timezone as string } : {}),
          },
          deps.clock.now(),
        );
        report.updated++;
      } else {
        person = await createPerson(tx, run.tenantId, {
          ...profile,
          email: row.email,
          locale: (row.locale as Locale | undefined) ?? input.defaults.locale,
          timezone: (row.timezone as string | undefined) ?? input.defaults.timezone,
        });
        report.created++;
      }
      await enroll(tx, {
        tenantId: run.tenantId,
        cycleId: input.cycle.id,
        personId: person.id,
        role: row.role as EnrollmentRole,
      });
      welcomes.push({
        tenantId: run.tenantId,
        kind: 'welcome' as const,
        subjectId: input.cycle.id,
        slot: 'roster',
        recipientId: person.id,
        dueAt: deps.clock.now(),
      });
      input.onProgress?.(report.created + report.updated, valid.length);
    }
    // Everyone is welcomed once per cycle, when the bot can reach them (found by email if need be).
    await insertNudges(tx, welcomes, deps.clock.now());
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: deps.clock.now(),
      actorId: run.actorId,
      via: run.via,
      action: 'roster.import',
      subjectType: 'cycle',
      subjectId: input.cycle.id,
      data: { created: report.created, updated: report.updated, skipped: invalid.length },
    });
  });
  report.written = true;
  return report;
}

export interface PairsReport {
  lines: number;
  created: number;
  invalid: { line: number; problems: string[] }[];
  written: boolean;
}

/** `mentor_email,mentee_email` lines, each checked against the program's rules; all or nothing. */
export async function importPairs(
  deps: Deps,
  run: AdminRun,
  input: {
    cycle: Cycle;
    rows: { line: number; record: Record<string, string> }[];
    /** Words for a refusal: the reader's in chat; the stable code on the command line. */
    describe?: (error: DomainError) => string;
    t?: T;
  },
): Promise<PairsReport> {
  const t = input.t ?? translator('en');
  const describe = input.describe ?? ((e: DomainError) => `${e.code} ${JSON.stringify(e.details)}`);
  const program = (await getProgram(deps.db, run.tenantId, input.cycle.programId)) as Program;
  const report: PairsReport = { lines: input.rows.length, created: 0, invalid: [], written: false };
  await deps.db
    .transaction()
    .execute(async (tx) => {
      for (const { line, record } of input.rows) {
        const mentor = record.mentor_email
          ? await findPersonByEmail(tx, run.tenantId, record.mentor_email.trim())
          : undefined;
        const mentee = record.mentee_email
          ? await findPersonByEmail(tx, run.tenantId, record.mentee_email.trim())
          : undefined;
        if (!mentor || !mentee) {
          report.invalid.push({
            line,
            problems: [`${!mentor ? 'mentor_email' : 'mentee_email'}: ${t(`${K}not_in_roster`)}`],
          });
          continue;
        }
        try {
          checkPairRules(program, mentor, mentee);
          checkPairCapacity(
            program,
            await pairingLoad(tx, run.tenantId, input.cycle.id, mentor.id, mentee.id),
          );
          await createPairing(tx, run.tenantId, {
            cycleId: input.cycle.id,
            mentorId: mentor.id,
            menteeId: mentee.id,
            createdAt: deps.clock.now(),
          });
          report.created++;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          report.invalid.push({ line, problems: [describe(error)] });
        }
      }
      // All or nothing: a bad line rolls back the whole file.
      if (report.invalid.length) throw new RollBack();
      await recordAudit(tx, {
        tenantId: run.tenantId,
        at: deps.clock.now(),
        actorId: run.actorId,
        via: run.via,
        action: 'pairs.import',
        subjectType: 'cycle',
        subjectId: input.cycle.id,
        data: { created: report.created },
      });
    })
    .catch((error) => {
      if (!(error instanceof RollBack)) throw error;
    });
  report.written = report.invalid.length === 0;
  if (!report.written) report.created = 0;
  return report;
}

class RollBack extends Error {}

/** A competency of the tenant's catalog, in both languages; false when its key is taken. */
export async function addCompetencyAs(
  deps: Deps,
  acting: Acting,
  key: string,
  names: { nameEs: string; nameEn: string },
): Promise<boolean> {
  const { tenantId } = acting.actor;
  authorize(acting.actor, 'admin.manage', { kind: 'tenant', tenantId });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    if (!(await addCompetency(tx, tenantId, { key, ...names, category: 'general' }))) return false;
    await recordAudit(tx, {
      tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: acting.via,
      action: 'competency.add',
      subjectType: 'competency',
      subjectId: key,
      data: names,
    });
    return true;
  });
}

/** New names for a competency (goals keep its key); false when there is none with that key. */
export async function renameCompetencyAs(
  deps: Deps,
  acting: Acting,
  key: string,
  names: { nameEs: string; nameEn: string },
): Promise<boolean> {
  const { tenantId } = acting.actor;
  authorize(acting.actor, 'admin.manage', { kind: 'tenant', tenantId });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const before = (await listCompetencies(tx, tenantId)).find((c) => c.key === key);
    if (!before || !(await renameCompetency(tx, tenantId, key, names))) return false;
    await recordAudit(tx, {
      tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: acting.via,
      action: 'competency.rename',
      subjectType: 'competency',
      subjectId: key,
      data: { from: { nameEs: before.nameEs, nameEn: before.nameEn }, to: names },
    });
    return true;
  });
}
