import { z } from 'zod';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { normalizeTopic } from '../domain/matching.ts';
import type { Program, ProgramKind } from '../domain/model.ts';
import { defaultSettings } from '../domain/program.ts';
import { localDate } from '../domain/time.ts';
import { type Form, message, textMessage } from '../messages/model.ts';
import {
  addCompetencyAs,
  createCycleAs,
  createProgramAs,
  renameCompetencyAs,
  updateProgramSettingsAs,
} from '../services/admin.service.ts';
import {
  CYCLE_DATE_FIELDS,
  type CycleDateFields,
  changeCycleDatesAs,
  deleteCycleAs,
} from '../services/cycle.service.ts';
import { cycleContents, listCycles, listPrograms } from '../store/program.store.ts';
import { listCompetencies } from '../store/tenant.store.ts';
import { argAfter, wordsAfter } from './commands.ts';
import { adminRun, type Ctx, type Reply, reply, requireAdmin } from './context.ts';
import { parseDate } from './parse-date.ts';
import { type ActionKind, actionKind, command, type Feature, onClick, onSubmit } from './registry.ts';
import { cycleNamed, noCycleText } from './standing.ts';

const NAME_MAX = 200;

/** `admin programa nuevo`: name, kind (classic or reverse), mentor capacity and minimum 1:1 sessions. */
export function programForm(ctx: Ctx): Reply {
  requireAdmin(ctx);
  const { t } = ctx;
  const form: Form = {
    actionId: programFormKind.id,
    title: t('programs.form.title'),
    submitLabel: t('programs.form.submit'),
    value: programFormKind.value({}),
    fields: [
      { id: 'name', kind: 'short_text', label: t('programs.form.name'), required: true, maxLength: NAME_MAX },
      {
        id: 'kind',
        kind: 'single_choice',
        label: t('programs.form.kind'),
        required: true,
        options: (['classic', 'reverse'] as const).map((k) => ({ value: k, label: t(`programs.kind.${k}`) })),
      },
      {
        id: 'capacity',
        kind: 'number',
        label: t('programs.form.capacity'),
        hint: t('programs.form.capacity_hint'),
        required: false,
        min: 1,
        max: 50,
        initial: '1',
      },
      {
        id: 'minSessions',
        kind: 'number',
        label: t('programs.form.min_sessions'),
        required: false,
        min: 0,
        max: 100,
        initial: '4',
      },
    ],
  };
  return { messages: [], openForm: form };
}

export async function submitProgramForm(ctx: Ctx, values: Record<string, string | string[]>): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  const str = (id: string) => (typeof values[id] === 'string' ? (values[id] as string).trim() : '');
  const errors: Record<string, string> = {};
  const name = str('name');
  if (!name) errors.name = t('forms.required');
  else if (name.length > NAME_MAX) errors.name = t('errors.input.too_long', { field: '', max: NAME_MAX });
  else if (
    (await listPrograms(ctx.deps.db, ctx.tenant.id)).some((p) => p.name.toLowerCase() === name.toLowerCase())
  )
    errors.name = t('programs.exists', { name });
  const kind = str('kind');
  if (kind !== 'classic' && kind !== 'reverse') errors.kind = t('forms.required');
  const whole = (id: string, min: number, max: number, fallback: number) => {
    const raw = str(id);
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      errors[id] = t('programs.form.whole_number', { min, max });
      return fallback;
    }
    return n;
  };
  const capacity = whole('capacity', 1, 50, 1);
  const minSessions = whole(
    'minSessions',
    0,
    100,
    defaultSettings((kind as ProgramKind) || 'classic').minSessions,
  );
  if (Object.keys(errors).length) return formRefused(ctx, errors, 'programs.form');
  const program = await createProgramAs(ctx.deps, adminRun(ctx), {
    name,
    kind: kind as ProgramKind,
    settings: { mentorCapacity: capacity, minSessions },
  });
  const text = t('programs.created', { name: program.name, kind: t(`programs.kind.${program.kind}`) });
  return reply(message(text).text(text).context(t('programs.next')).build());
}

/** `admin ciclo nuevo`: program, name, start and end; the phase dates follow from the program. */
export async function cycleForm(ctx: Ctx): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  const programs = await listPrograms(ctx.deps.db, ctx.tenant.id);
  if (programs.length === 0) return reply(textMessage(t('cycles.no_program')));
  const form: Form = {
    actionId: cycleFormKind.id,
    title: t('cycles.form.title'),
    submitLabel: t('cycles.form.submit'),
    value: cycleFormKind.value({}),
    fields: [
      {
        id: 'program',
        kind: 'single_choice',
        label: t('cycles.form.program'),
        required: true,
        options: programs.map((p) => ({ value: p.id, label: p.name.slice(0, 75) })),
        ...(programs.length === 1 ? { initial: programs[0]?.id as string } : {}),
      },
      {
        id: 'name',
        kind: 'short_text',
        label: t('cycles.form.name'),
        hint: t('cycles.form.name_hint'),
        required: true,
        maxLength: 80,
      },
      { id: 'starts', kind: 'date', label: t('cycles.form.starts'), required: true },
      {
        id: 'ends',
        kind: 'date',
        label: t('cycles.form.ends'),
        hint: t('cycles.form.ends_hint'),
        required: true,
      },
      {
        // A cycle that already began (recorded late) needs this said on purpose.
        id: 'past_ok',
        kind: 'multi_choice',
        label: t('cycles.form.past_ok'),
        required: false,
        options: [{ value: 'yes', label: t('cycles.form.past_ok_yes') }],
      },
    ],
  };
  return { messages: [], openForm: form };
}

export async function submitCycleForm(ctx: Ctx, values: Record<string, string | string[]>): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  const str = (id: string) => (typeof values[id] === 'string' ? (values[id] as string).trim() : '');
  const errors: Record<string, string> = {};
  const programs = await listPrograms(ctx.deps.db, ctx.tenant.id);
  const program = programs.find((p) => p.id === str('program'));
  if (!program) errors.program = t('forms.required');
  const name = str('name');
  if (!name) errors.name = t('forms.required');
  else if (name.length > 80) errors.name = t('errors.input.too_long', { field: '', max: 80 });
  else if (
    (await listCycles(ctx.deps.db, ctx.tenant.id)).some((c) => c.name.toLowerCase() === name.toLowerCase())
  )
    errors.name = t('cycles.exists', { name });
  const starts = parseDate(str('starts'), ctx.now, ctx.person.timezone);
  const ends = parseDate(str('ends'), ctx.now, ctx.person.timezone);
  if (!starts) errors.starts = t('dates.unreadable_date');
  if (!ends) errors.ends = t('dates.unreadable_date');
  const pastOk = ([] as string[]).concat(values.past_ok ?? []).includes('yes');
  if (starts && !pastOk && starts < localDate(ctx.now, ctx.person.timezone))
    errors.starts = t('cycles.starts_past', { date: ctx.fmt.date(starts) });
  if (Object.keys(errors).length) return formRefused(ctx, errors, 'cycles.form');
  try {
    const cycle = await createCycleAs(ctx.deps, adminRun(ctx), {
      program: (program as { id: string }).id,
      name,
      starts: starts as string,
      ends: ends as string,
      // Dates an admin types are in the admin's zone: the cycle's days are theirs.
      timezone: ctx.person.timezone,
    });
    const { fmt } = ctx;
    const text = t('cycles.created', { name: cycle.name });
    return reply(
      message(text)
        .text(text)
        .fields([
          { label: t('cycles.phase.enrollment'), value: fmt.date(cycle.enrollmentStarts) },
          { label: t('cycles.phase.goal_setting'), value: fmt.date(cycle.goalSettingStarts) },
          { label: t('cycles.phase.execution'), value: fmt.date(cycle.executionStarts) },
          { label: t('cycles.phase.closing'), value: fmt.date(cycle.closingStarts) },
          { label: t('cycles.phase.ends'), value: fmt.date(cycle.ends) },
        ])
        .context(t('cycles.next'))
        .build(),
    );
  } catch (error) {
    if (error instanceof DomainError && error.code.startsWith('cycle.')) {
      return formRefused(ctx, { ends: t('cycles.bad_dates') }, 'cycles.form');
    }
    throw error;
  }
}

function formRefused(ctx: Ctx, errors: Record<string, string>, prefix: string): Reply {
  const lines = Object.entries(errors).map(
    ([id, problem]) => `• ${ctx.t(`${prefix}.${id === 'minSessions' ? 'min_sessions' : id}`)}: ${problem}`,
  );
  return { messages: [textMessage(`${ctx.t('forms.has_errors')}\n${lines.join('\n')}`)], formErrors: errors };
}

/** `admin competencias`: the catalog, with each key (goals and topics refer to it). */
export async function listCatalog(ctx: Ctx): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  const catalog = await listCompetencies(ctx.deps.db, ctx.tenant.id);
  const lines = catalog.map((c) => `• ${c.key}: ${c.nameEs} / ${c.nameEn}`);
  return reply(
    message(t('competencies.title', { count: catalog.length }))
      .text(`${t('competencies.title', { count: catalog.length })}\n${lines.join('\n')}`)
      .context(t('competencies.hint'))
      .build(),
  );
}

function splitNames(text: string): { nameEs: string; nameEn: string } | null {
  const [es, en, ...rest] = text.split('|').map((s) => s.trim());
  if (!es || !en || rest.length || es.length > 120 || en.length > 120) return null;
  return { nameEs: es, nameEn: en };
}

/** `admin competencia nueva Nombre | Name`: adds one; its key comes from the Spanish name. */
export async function addToCatalog(ctx: Ctx, text: string): Promise<Reply> {
  requireAdmin(ctx);
  const names = splitNames(text);
  if (!names) return reply(textMessage(ctx.t('competencies.usage')));
  const key = normalizeTopic(names.nameEs)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  if (!key) return reply(textMessage(ctx.t('competencies.usage')));
  if (!(await addCompetencyAs(ctx.deps, ctx.acting, key, names)))
    return reply(textMessage(ctx.t('competencies.exists', { key })));
  return reply(textMessage(ctx.t('competencies.added', { key, ...names })));
}

/** `admin competencia renombrar clave Nombre | Name`: both languages; goals keep the key. */
export async function renameInCatalog(ctx: Ctx, key: string, text: string): Promise<Reply> {
  requireAdmin(ctx);
  const names = splitNames(text);
  if (!names) return reply(textMessage(ctx.t('competencies.usage')));
  if (!(await renameCompetencyAs(ctx.deps, ctx.acting, key, names)))
    return reply(textMessage(ctx.t('competencies.unknown', { key })));
  return reply(textMessage(ctx.t('competencies.renamed', { key, ...names })));
}

/** The settings form is for one program; its id travels in the form and in the choosing buttons. */
const programValue = z.object({ program: z.string().max(64) });
/** "Settings of this program" (one button per program when several could be meant). */
const programSettingsKind = actionKind('program.settings', programValue);
const programSettingsFormKind = actionKind('program.settings_form', programValue);
/** A new program, a new cycle: forms with nothing to carry. */
const programFormKind = actionKind('program.form', z.object({}));
const cycleFormKind = actionKind('cycle.form', z.object({}));

/** ISO weekdays 1–7 (Monday first) in the reader's language: 2024-01-01 was a Monday. */
function weekdayNames(locale: string): string[] {
  const names = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return [1, 2, 3, 4, 5, 6, 7].map((d) => names.format(new Date(Date.UTC(2024, 0, d))));
}

/**
 * `admin programa ajustes [programa]` / `admin program settings [program]`: the settings a
 * coordinator tunes during a cycle, in a form filled with what they are now. With several
 * programs and none named, one button per program.
 */
/**
 * The program a command means: the one named (by name or id), the only one, or — with several
 * and none named — a question with one button per program, each a button of `kind`.
 */
export async function programMeant(
  ctx: Ctx,
  nameOrId: string,
  kind: ActionKind<typeof programValue>,
): Promise<{ program: Program } | { answer: Reply }> {
  const { t } = ctx;
  const programs = await listPrograms(ctx.deps.db, ctx.tenant.id);
  if (programs.length === 0) return { answer: reply(textMessage(t('cycles.no_program'))) };
  const wanted = nameOrId.trim().toLowerCase();
  const program = wanted
    ? programs.find((p) => p.id === nameOrId || p.name.toLowerCase() === wanted)
    : programs.length === 1
      ? programs[0]
      : undefined;
  if (program) return { program };
  if (wanted) return { answer: reply(textMessage(t('programs.unknown', { name: nameOrId.trim() }))) };
  const text = t('programs.settings.choose');
  return {
    answer: reply(
      message(text)
        .text(text)
        .buttons(programs.slice(0, 20).map((p) => kind.button(p.name.slice(0, 75), { program: p.id })))
        .build(),
    ),
  };
}

export async function programSettingsForm(ctx: Ctx, nameOrId = ''): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  const meant = await programMeant(ctx, nameOrId, programSettingsKind);
  if ('answer' in meant) return meant.answer;
  const { program } = meant;
  const s = program.settings;
  const number = (id: string, label: string, value: number, min: number, max: number, hint?: string) => ({
    id,
    kind: 'number' as const,
    label,
    required: true,
    min,
    max,
    initial: String(value),
    ...(hint ? { hint } : {}),
  });
  const form: Form = {
    actionId: programSettingsFormKind.id,
    title: t('programs.settings.title'),
    submitLabel: t('programs.settings.submit'),
    value: programSettingsFormKind.value({ program: program.id }),
    fields: [
      number(
        'capacity',
        t('programs.form.capacity'),
        s.mentorCapacity,
        1,
        50,
        t('programs.form.capacity_hint'),
      ),
      number('minSessions', t('programs.form.min_sessions'), s.minSessions, 0, 100),
      number('maxGoals', t('programs.settings.max_goals'), s.maxGoalsPerMentee, 1, 20),
      number(
        'attendance',
        t('programs.settings.attendance'),
        Math.round(s.attendanceThreshold * 100),
        0,
        100,
        t('programs.settings.attendance_hint'),
      ),
      {
        id: 'weekday',
        kind: 'single_choice',
        label: t('programs.settings.weekday'),
        required: true,
        options: weekdayNames(ctx.person.locale).map((name, i) => ({ value: String(i + 1), label: name })),
        initial: String(s.checkinWeekday),
      },
      {
        id: 'quietStart',
        kind: 'time',
        label: t('programs.settings.quiet_start'),
        hint: t('programs.settings.quiet_hint'),
        required: true,
        initial: s.quietHours.start,
      },
      {
        id: 'quietEnd',
        kind: 'time',
        label: t('programs.settings.quiet_end'),
        required: true,
        initial: s.quietHours.end,
      },
      {
        id: 'reminders',
        kind: 'short_text',
        label: t('programs.settings.reminders'),
        hint: t('programs.settings.reminders_hint'),
        required: false,
        maxLength: 40,
        initial: s.reminderOffsetsHours.join(', '),
      },
      {
        id: 'retention',
        kind: 'short_text',
        label: t('programs.settings.retention'),
        hint: t('programs.settings.retention_hint'),
        required: false,
        maxLength: 3,
        initial: s.retentionMonths === null ? '' : String(s.retentionMonths),
      },
    ],
  };
  return {
    messages: [textMessage(t('programs.settings.for_program', { name: program.name }))],
    openForm: form,
  };
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The settings as sent: each field checked and named when wrong; nothing changes unless all are right. */
export async function submitProgramSettingsForm(
  ctx: Ctx,
  value: { program: string },
  values: Record<string, string | string[]>,
): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  const program = (await listPrograms(ctx.deps.db, ctx.tenant.id)).find((p) => p.id === value.program);
  if (!program) return reply(textMessage(t('errors.record.not_found')));
  const str = (id: string) => (typeof values[id] === 'string' ? (values[id] as string).trim() : '');
  const errors: Record<string, string> = {};
  const whole = (id: string, min: number, max: number) => {
    const n = Number(str(id));
    if (!str(id) || !Number.isInteger(n) || n < min || n > max) {
      errors[id] = t('programs.form.whole_number', { min, max });
      return min;
    }
    return n;
  };
  const mentorCapacity = whole('capacity', 1, 50);
  const minSessions = whole('minSessions', 0, 100);
  const maxGoalsPerMentee = whole('maxGoals', 1, 20);
  const attendance = whole('attendance', 0, 100);
  const checkinWeekday = whole('weekday', 1, 7);
  const quietHours = { start: str('quietStart'), end: str('quietEnd') };
  for (const id of ['quietStart', 'quietEnd'] as const) {
    if (!CLOCK.test(str(id))) errors[id] = t('programs.settings.bad_time');
  }
  if (!errors.quietStart && !errors.quietEnd && quietHours.start === quietHours.end)
    errors.quietEnd = t('programs.settings.quiet_same');
  // "24, 1", "24 y 1", "48 1": hours before a session, up to five, none above two weeks.
  const parts = str('reminders')
    .split(/\s*(?:,|;|\by\b|\band\b|\s)\s*/)
    .filter(Boolean);
  const offsets = parts.map((p) => Number(p.replace(/h$/i, '')));
  if (parts.length > 5 || offsets.some((h) => !Number.isFinite(h) || h <= 0 || h > 24 * 14))
    errors.reminders = t('programs.settings.reminders_bad');
  const retentionMonths = str('retention') ? whole('retention', 1, 120) : null;
  if (Object.keys(errors).length) return settingsRefused(ctx, errors);
  const reminderOffsetsHours = [...new Set(offsets)].sort((a, b) => b - a);
  const { program: saved, problems } = await updateProgramSettingsAs(ctx.deps, adminRun(ctx), program, {
    mentorCapacity,
    minSessions,
    maxGoalsPerMentee,
    attendanceThreshold: attendance / 100,
    checkinWeekday,
    quietHours,
    reminderOffsetsHours,
    retentionMonths,
  });
  if (problems.length) return reply(textMessage(`${t('forms.has_errors')}\n${problems.join('\n')}`));
  const s = saved.settings;
  const text = t('programs.settings.saved', { name: saved.name });
  return reply(
    message(text)
      .text(text)
      .fields([
        { label: t('programs.form.capacity'), value: String(s.mentorCapacity) },
        { label: t('programs.form.min_sessions'), value: String(s.minSessions) },
        { label: t('programs.settings.max_goals'), value: String(s.maxGoalsPerMentee) },
        { label: t('programs.settings.attendance'), value: `${Math.round(s.attendanceThreshold * 100)} %` },
        {
          label: t('programs.settings.weekday'),
          value: weekdayNames(ctx.person.locale)[s.checkinWeekday - 1] ?? '',
        },
        {
          label: t('programs.settings.quiet'),
          value: t('programs.settings.quiet_value', { start: s.quietHours.start, end: s.quietHours.end }),
        },
        {
          label: t('programs.settings.reminders'),
          value: s.reminderOffsetsHours.length
            ? s.reminderOffsetsHours.map((h) => t('programs.settings.hours', { count: h })).join(', ')
            : t('programs.settings.no_reminders'),
        },
        {
          label: t('programs.settings.retention'),
          value:
            s.retentionMonths === null
              ? t('programs.settings.retention_off')
              : t('programs.settings.retention_months', { count: s.retentionMonths }),
        },
      ])
      .context(t('programs.settings.saved_hint'))
      .build(),
  );
}

function settingsRefused(ctx: Ctx, errors: Record<string, string>): Reply {
  const label: Record<string, string> = {
    capacity: 'programs.form.capacity',
    minSessions: 'programs.form.min_sessions',
    maxGoals: 'programs.settings.max_goals',
    attendance: 'programs.settings.attendance',
    weekday: 'programs.settings.weekday',
    quietStart: 'programs.settings.quiet_start',
    quietEnd: 'programs.settings.quiet_end',
    reminders: 'programs.settings.reminders',
    retention: 'programs.settings.retention',
  };
  const lines = Object.entries(errors).map(([id, problem]) => `• ${ctx.t(label[id] ?? id)}: ${problem}`);
  return { messages: [textMessage(`${ctx.t('forms.has_errors')}\n${lines.join('\n')}`)], formErrors: errors };
}

/** The cycle a dates form or a deletion button is about. */
const cycleValue = z.object({ cycle: z.string().max(64) });
const cycleDatesFormKind = actionKind('cycle.dates_form', cycleValue);
const deleteCycleKind = actionKind('cycle.delete', cycleValue);

const DATE_FIELD_KEYS = {
  enrollmentStarts: 'cycles.phase.enrollment',
  goalSettingStarts: 'cycles.phase.goal_setting',
  executionStarts: 'cycles.phase.execution',
  closingStarts: 'cycles.phase.closing',
  ends: 'cycles.phase.ends',
} as const satisfies Record<(typeof CYCLE_DATE_FIELDS)[number], string>;

/** `admin ciclo fechas [ciclo]` / `admin cycle dates [cycle]`: the five dates, filled in. */
export async function cycleDatesForm(ctx: Ctx, cycleName = ''): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(noCycleText(ctx, cycleName)));
  const form: Form = {
    actionId: cycleDatesFormKind.id,
    title: t('cycles.dates.title'),
    submitLabel: t('cycles.dates.submit'),
    value: cycleDatesFormKind.value({ cycle: cycle.id }),
    fields: CYCLE_DATE_FIELDS.map((f) => ({
      id: f,
      kind: 'date' as const,
      label: t(DATE_FIELD_KEYS[f]),
      required: true,
      initial: cycle[f],
    })),
  };
  return {
    messages: [textMessage(t('cycles.dates.for_cycle', { name: cycle.name, zone: cycle.timezone }))],
    openForm: form,
  };
}

/** The new dates: in order, and leaving every recorded fact inside its phase, or nothing changes. */
export async function submitCycleDatesForm(
  ctx: Ctx,
  value: { cycle: string },
  values: Record<string, string | string[]>,
): Promise<Reply> {
  requireAdmin(ctx);
  const { t, fmt } = ctx;
  const errors: Record<string, string> = {};
  const dates: Partial<CycleDateFields> = {};
  for (const f of CYCLE_DATE_FIELDS) {
    const raw = typeof values[f] === 'string' ? (values[f] as string).trim() : '';
    const date = raw ? parseDate(raw, ctx.now, ctx.person.timezone) : undefined;
    if (date) dates[f] = date;
    else errors[f] = raw ? t('dates.unreadable_date') : t('forms.required');
  }
  const refused = (problems: Record<string, string>): Reply => {
    const lines = Object.entries(problems).map(
      ([id, problem]) => `• ${t(DATE_FIELD_KEYS[id as keyof typeof DATE_FIELD_KEYS] ?? id)}: ${problem}`,
    );
    return { messages: [textMessage(`${t('forms.has_errors')}\n${lines.join('\n')}`)], formErrors: problems };
  };
  if (Object.keys(errors).length) return refused(errors);
  let outcome: Awaited<ReturnType<typeof changeCycleDatesAs>>;
  try {
    outcome = await changeCycleDatesAs(ctx.deps, adminRun(ctx), value.cycle, dates);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'cycle.dates')
      return refused({ ends: t('cycles.dates.order') });
    throw error;
  }
  const { after, misplaced } = outcome;
  if (misplaced.length) {
    const text = t('cycles.dates.misplaced', { name: after.name });
    const lines = misplaced.map((m) =>
      t(`cycles.dates.fact_${m.side}`, {
        what: t(`cycles.dates.fact.${m.action.replace('.', '_')}`),
        date: fmt.date(m.date),
        limit: fmt.date(m.limit),
      }),
    );
    return reply(
      message(text)
        .text(`${text}\n${lines.map((l) => `• ${l}`).join('\n')}`)
        .context(t('cycles.dates.misplaced_hint'))
        .build(),
    );
  }
  const text = t('cycles.dates.saved', { name: after.name });
  return reply(
    message(text)
      .text(text)
      .fields(CYCLE_DATE_FIELDS.map((f) => ({ label: t(DATE_FIELD_KEYS[f]), value: fmt.date(after[f]) })))
      .context(t('cycles.dates.saved_hint'))
      .build(),
  );
}

/** `admin ciclo borrar <ciclo>`: named on purpose, checked, then confirmed with a button. */
export async function confirmDeleteCycle(ctx: Ctx, cycleName: string): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  if (!cycleName.trim()) return reply(textMessage(t('cycles.delete.name_it')));
  const cycle = await cycleNamed(ctx, cycleName.trim());
  if (!cycle) return reply(textMessage(noCycleText(ctx, cycleName.trim())));
  const held = await cycleContents(ctx.deps.db, ctx.tenant.id, cycle.id);
  if (held.enrollments + held.applications + held.plenaries > 0)
    return reply(notEmptyText(ctx, cycle.name, held));
  const text = t('cycles.delete.confirm', {
    name: cycle.name,
    from: ctx.fmt.date(cycle.enrollmentStarts),
    to: ctx.fmt.date(cycle.ends),
  });
  return reply(
    message(text)
      .text(text)
      .buttons([deleteCycleKind.button(t('cycles.delete.yes'), { cycle: cycle.id }, 'danger')])
      .build(),
  );
}

export async function deleteCycleInChat(ctx: Ctx, cycleId: string): Promise<Reply> {
  requireAdmin(ctx);
  try {
    const cycle = await deleteCycleAs(ctx.deps, adminRun(ctx), cycleId);
    return { messages: [], replaceOriginal: textMessage(ctx.t('cycles.delete.done', { name: cycle.name })) };
  } catch (error) {
    // Someone enrolled, applied or a plenary was scheduled between the question and the click.
    if (isDomainError(error, 'cycle.not_empty')) {
      const d = error.details;
      return reply(
        notEmptyText(ctx, String(d.name), {
          enrollments: Number(d.enrollments),
          applications: Number(d.applications),
          plenaries: Number(d.plenaries),
        }),
      );
    }
    throw error;
  }
}

/** "It has 4 people enrolled and 1 plenary": only what it holds, in the reader's language. */
function notEmptyText(
  ctx: Ctx,
  name: string,
  held: { enrollments: number; applications: number; plenaries: number },
) {
  const parts = (['enrollments', 'applications', 'plenaries'] as const)
    .filter((k) => held[k] > 0)
    .map((k) => ctx.t(`cycles.delete.${k}`, { count: held[k] }));
  const list = new Intl.ListFormat(ctx.person.locale, { type: 'conjunction' }).format(parts);
  return textMessage(ctx.t('cycles.delete.not_empty', { name, held: list }));
}

/** Programs, cycles and the competency catalog, as an admin sets them up in chat. */
export const programAdminFeature: Feature = {
  name: 'program-admin',
  commands: [
    command({
      name: 'new_program',
      words: ['admin programa nuevo', 'admin nuevo programa', 'admin new program'],
      rule: 'admin.manage',
      help: ['admin'],
      run: async (ctx) => programForm(ctx),
    }),
    command({
      name: 'new_cycle',
      words: ['admin ciclo nuevo', 'admin nuevo ciclo', 'admin new cycle'],
      rule: 'admin.manage',
      run: (ctx) => cycleForm(ctx),
    }),
    command<{ arg: string }>({
      name: 'program_settings',
      parse: (words, typed) => {
        const arg = argAfter(words, typed, [
          'admin programa ajustes',
          'admin ajustes del programa',
          'admin program settings',
        ]);
        return arg === undefined ? undefined : { arg };
      },
      rule: 'admin.manage',
      help: ['admin'],
      run: (ctx, { arg }) => programSettingsForm(ctx, arg),
    }),
    command<{ arg: string }>({
      name: 'cycle_dates',
      parse: (words, typed) => {
        const arg = argAfter(words, typed, [
          'admin ciclo fechas',
          'admin fechas del ciclo',
          'admin cycle dates',
        ]);
        return arg === undefined ? undefined : { arg };
      },
      rule: 'admin.manage',
      run: (ctx, { arg }) => cycleDatesForm(ctx, arg),
    }),
    command<{ arg: string }>({
      name: 'delete_cycle',
      parse: (words, typed) => {
        const arg = argAfter(words, typed, [
          'admin ciclo borrar',
          'admin borrar ciclo',
          'admin delete cycle',
        ]);
        return arg === undefined ? undefined : { arg };
      },
      rule: 'admin.manage',
      run: (ctx, { arg }) => confirmDeleteCycle(ctx, arg),
    }),
    command({
      name: 'competencies',
      words: ['admin competencias', 'admin competencies'],
      readOnly: true,
      rule: 'admin.manage',
      help: ['admin'],
      run: (ctx) => listCatalog(ctx),
    }),
    command<{ names: string }>({
      name: 'competency_add',
      // Competency names keep their spelling (accents, capitals).
      parse: (words, typed) => {
        const names = argAfter(
          words,
          typed,
          ['admin competencia nueva', 'admin nueva competencia', 'admin new competency'],
          { required: true },
        );
        return names === undefined ? undefined : { names };
      },
      rule: 'admin.manage',
      run: (ctx, { names }) => addToCatalog(ctx, names),
    }),
    command<{ key: string; names: string }>({
      name: 'competency_rename',
      parse: (words, typed) => {
        const m = /^admin (competencia renombrar|renombrar competencia|rename competency) (\S+) (.+)$/.exec(
          words,
        );
        return m ? { key: m[2] as string, names: wordsAfter(typed, 4) } : undefined;
      },
      rule: 'admin.manage',
      run: (ctx, { key, names }) => renameInCatalog(ctx, key, names),
    }),
  ],
  actions: [
    onClick(deleteCycleKind, (ctx, v) => deleteCycleInChat(ctx, v.cycle)),
    onClick(programSettingsKind, (ctx, v) => programSettingsForm(ctx, v.program)),
  ],
  forms: [
    onSubmit(programFormKind, (ctx, _v, fields) => submitProgramForm(ctx, fields)),
    onSubmit(cycleFormKind, (ctx, _v, fields) => submitCycleForm(ctx, fields)),
    onSubmit(programSettingsFormKind, (ctx, v, fields) => submitProgramSettingsForm(ctx, v, fields)),
    onSubmit(cycleDatesFormKind, (ctx, v, fields) => submitCycleDatesForm(ctx, v, fields)),
  ],
};
