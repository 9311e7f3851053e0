import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import type { Cycle } from '../domain/model.ts';
import { attendanceRate, attendanceWindow, type Plenary } from '../domain/plenary.ts';
import { localDate, zonedInstant } from '../domain/time.ts';
import { formatter } from '../i18n/index.ts';
import { type Form, message, type OutboundMessage, textMessage } from '../messages/model.ts';
import { csvText } from '../services/csv.ts';
import {
  changePlenary,
  PLENARY_TITLE_MAX,
  recordAttendance,
  schedulePlenary,
} from '../services/plenary.service.ts';
import { newId } from '../store/ids.ts';
import { findPersonByEmail } from '../store/person.store.ts';
import { attendanceByPerson, getPlenary, listPlenaries } from '../store/plenary.store.ts';
import { enrollmentsOf, getCycle, getProgram } from '../store/program.store.ts';
import { emailIn, nameAfter, wordsAfter } from './commands.ts';
import { adminRun, type Ctx, type Reply, readerOf, reply, requireAdmin } from './context.ts';
import { parseDate } from './parse-date.ts';
import { actionKind, command, type Feature, onClick, onSubmit } from './registry.ts';
import { cycleNamed, noCycleText, standingOf } from './standing.ts';
import { capped } from './views.ts';

const plenaryValue = z.object({ plenary: z.string().max(64) });
/** "I am here": a participant marks their attendance while the plenary runs. */
const attendKind = actionKind('plenary.attend', plenaryValue, { p: 'plenary' });
/** "Yes, cancel it": the admin confirms the cancellation. */
const cancelPlenaryKind = actionKind('plenary.cancel', plenaryValue, { p: 'plenary' });
/** The plenary form: for a cycle, and the plenary it edits (none for a new one). */
const plenaryFormValue = z.object({ cycle: z.string().max(64), plenary: z.string().max(64).optional() });
const PLENARY_LEGACY = { c: 'cycle', p: 'plenary' };
const plenaryFormKind = actionKind('plenary.form', plenaryFormValue, PLENARY_LEGACY);
/** "Yes, on a weekend": the form's values as checked, to schedule or change once confirmed. */
const plenaryWeekendValue = plenaryFormValue.extend({
  /** The id a new plenary gets: clicking twice schedules it once. */
  id: z.string().max(64).optional(),
  title: z.string().max(PLENARY_TITLE_MAX),
  at: z.iso.datetime(),
  minutes: z.number().int(),
});
const weekendKind = actionKind('plenary.weekend', plenaryWeekendValue, PLENARY_LEGACY);

/**
 * `admin plenaria nueva [ciclo]`: title, date, time (in the admin's zone) and duration, for the
 * cycle named, else the one running today (asked when several run).
 */
export async function plenaryForm(ctx: Ctx, cycleName = ''): Promise<Reply> {
  requireAdmin(ctx);
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(noCycleText(ctx, cycleName)));
  return {
    messages: [textMessage(ctx.t('plenary.form.for_cycle', { cycle: cycle.name }))],
    openForm: plenaryFormFor(ctx, cycle),
  };
}

/** The plenary form, empty for a new one or filled with the plenary it edits (in the admin's zone). */
function plenaryFormFor(ctx: Ctx, cycle: Cycle, existing?: Plenary): Form {
  const { t } = ctx;
  const zone = ctx.person.timezone;
  const clock = existing
    ? new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
    : undefined;
  return {
    actionId: plenaryFormKind.id,
    title: t(existing ? 'plenary.form.edit_title' : 'plenary.form.title'),
    submitLabel: t(existing ? 'plenary.form.edit_submit' : 'plenary.form.submit'),
    value: plenaryFormKind.value({ cycle: cycle.id, ...(existing ? { plenary: existing.id } : {}) }),
    fields: [
      {
        id: 'title',
        kind: 'short_text',
        label: t('plenary.form.name'),
        required: true,
        maxLength: PLENARY_TITLE_MAX,
        ...(existing ? { initial: existing.title } : {}),
      },
      {
        id: 'date',
        kind: 'date',
        label: t('plenary.form.date'),
        required: true,
        ...(existing ? { initial: localDate(existing.startsAt, zone) } : {}),
      },
      {
        id: 'time',
        kind: 'time',
        label: t('plenary.form.time', { zone }),
        required: true,
        ...(clock && existing ? { initial: clock.format(existing.startsAt) } : {}),
      },
      {
        id: 'minutes',
        kind: 'number',
        label: t('plenary.form.minutes'),
        required: true,
        min: 15,
        max: 480,
        initial: String(existing?.durationMinutes ?? 90),
      },
    ],
  };
}

/** The plenary numbered `n` in `admin plenarias`, of the cycle named (else today's). */
async function numberedPlenary(
  ctx: Ctx,
  n: number,
  cycleName: string,
): Promise<{ refusal: Reply } | { cycle: Cycle; plenary: Plenary }> {
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return { refusal: reply(textMessage(noCycleText(ctx, cycleName))) };
  const plenary = (await listPlenaries(ctx.deps.db, ctx.tenant.id, cycle.id))[n - 1];
  if (!plenary) return { refusal: reply(textMessage(ctx.t('plenary.unknown_number', { n }))) };
  if (plenary.startsAt.getTime() <= ctx.now.getTime())
    return { refusal: reply(textMessage(ctx.t('errors.plenary.started'))) };
  return { cycle, plenary };
}

/** `admin plenaria editar <n> [ciclo]`: the form, filled with what the plenary is now. */
export async function editPlenaryForm(ctx: Ctx, n: number, cycleName = ''): Promise<Reply> {
  requireAdmin(ctx);
  const found = await numberedPlenary(ctx, n, cycleName);
  if ('refusal' in found) return found.refusal;
  return {
    messages: [textMessage(ctx.t('plenary.form.edit_for', { title: found.plenary.title }))],
    openForm: plenaryFormFor(ctx, found.cycle, found.plenary),
  };
}

/** `admin plenaria cancelar <n> [ciclo]`: asks first; everyone is told once it is confirmed. */
export async function confirmCancelPlenary(ctx: Ctx, n: number, cycleName = ''): Promise<Reply> {
  requireAdmin(ctx);
  const found = await numberedPlenary(ctx, n, cycleName);
  if ('refusal' in found) return found.refusal;
  const { plenary } = found;
  const text = ctx.t('plenary.cancel_confirm', {
    title: plenary.title,
    when: ctx.fmt.dateTime(plenary.startsAt),
  });
  return reply(
    message(text)
      .text(text)
      .buttons([cancelPlenaryKind.button(ctx.t('plenary.cancel_yes'), { plenary: plenary.id }, 'danger')])
      .build(),
  );
}

/** The confirmation: cancels, and tells every participant in their language. */
export async function cancelPlenaryInChat(ctx: Ctx, plenaryId: string): Promise<Reply> {
  requireAdmin(ctx);
  const { before } = await changePlenary(ctx.deps, adminRun(ctx), plenaryId, 'cancel', (person, p) => {
    const { t, fmt } = readerOf(person);
    const text = t('plenary.cancelled_notice', { title: p.title, when: fmt.dateTime(p.startsAt) });
    return message(text).text(text).build();
  });
  const text = ctx.t('plenary.cancelled', { title: before.title, when: ctx.fmt.dateTime(before.startsAt) });
  return { messages: [], replaceOriginal: textMessage(text) };
}

/** Schedules or changes a plenary with values already checked, and says what was done. */
async function savePlenary(
  ctx: Ctx,
  cycle: Cycle,
  plenaryId: string | undefined,
  input: { title: string; startsAt: Date; durationMinutes: number },
  newPlenaryId?: string,
): Promise<Reply> {
  const { t } = ctx;
  if (!plenaryId) {
    const plenary = await schedulePlenary(ctx.deps, adminRun(ctx), cycle, input, newPlenaryId);
    return reply(
      textMessage(
        t('plenary.scheduled', {
          title: plenary.title,
          when: ctx.fmt.dateTime(plenary.startsAt),
          cycle: cycle.name,
        }),
      ),
    );
  }
  const { after } = await changePlenary(ctx.deps, adminRun(ctx), plenaryId, input, (person, p, before) => {
    const reader = readerOf(person);
    const text = reader.t(
      p.title === before.title ? 'plenary.changed_notice_time' : 'plenary.changed_notice',
      {
        before: before.title,
        title: p.title,
        when: reader.fmt.dateTime(p.startsAt),
        minutes: p.durationMinutes,
      },
    );
    return message(text).text(text).build();
  });
  return reply(
    textMessage(
      t('plenary.changed', { title: after?.title ?? input.title, when: ctx.fmt.dateTime(input.startsAt) }),
    ),
  );
}

/** Saturday or Sunday in the cycle's zone, where its participants are. */
const onWeekend = (at: Date, zone: string) => {
  const day = new Date(`${localDate(at, zone)}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** "Yes, on Saturday": what the admin confirmed, checked again by the service. */
export async function confirmWeekendPlenary(
  ctx: Ctx,
  value: z.infer<typeof plenaryWeekendValue>,
): Promise<Reply> {
  requireAdmin(ctx);
  const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, value.cycle);
  if (!cycle) return reply(textMessage(ctx.t('errors.record.not_found')));
  if (value.plenary && !(await getPlenary(ctx.deps.db, ctx.tenant.id, value.plenary)))
    return { messages: [], replaceOriginal: textMessage(ctx.t('errors.record.not_found')) };
  const done = await savePlenary(
    ctx,
    cycle,
    value.plenary,
    { title: value.title, startsAt: new Date(value.at), durationMinutes: value.minutes },
    value.id,
  );
  // The question becomes its answer: the same click twice does not schedule twice.
  return { messages: [], replaceOriginal: done.messages[0] ?? textMessage('') };
}

export async function submitPlenaryForm(
  ctx: Ctx,
  value: z.infer<typeof plenaryFormValue>,
  values: Record<string, string | string[]>,
): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, value.cycle);
  if (!cycle) return reply(textMessage(t('errors.record.not_found')));
  const str = (id: string) => (typeof values[id] === 'string' ? (values[id] as string).trim() : '');
  const errors: Record<string, string> = {};
  const title = str('title');
  if (!title) errors.title = t('forms.required');
  else if (title.length > PLENARY_TITLE_MAX)
    errors.title = t('errors.input.too_long', { field: '', max: PLENARY_TITLE_MAX });
  const date = parseDate(str('date'), ctx.now, ctx.person.timezone);
  if (!date) errors.date = t('dates.unreadable_date');
  const time = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/.exec(str('time'));
  if (!time) errors.time = t('plenary.form.bad_time');
  const minutes = Number(str('minutes'));
  if (!Number.isInteger(minutes) || minutes < 15 || minutes > 480)
    errors.minutes = t('errors.plenary.duration');
  const startsAt =
    date && time
      ? zonedInstant(date, `${(time[1] as string).padStart(2, '0')}:${time[2]}`, ctx.person.timezone)
      : null;
  if (startsAt && startsAt.getTime() <= ctx.now.getTime()) errors.date = t('errors.plenary.past');
  if (Object.keys(errors).length || !startsAt) {
    const lines = Object.entries(errors).map(
      ([id, problem]) =>
        `• ${t(`plenary.form.${id === 'title' ? 'name' : id}`, { zone: ctx.person.timezone })}: ${problem}`,
    );
    return { messages: [textMessage(`${t('forms.has_errors')}\n${lines.join('\n')}`)], formErrors: errors };
  }
  if (value.plenary && !(await getPlenary(ctx.deps.db, ctx.tenant.id, value.plenary)))
    return reply(textMessage(t('errors.record.not_found')));
  if (onWeekend(startsAt, cycle.timezone)) {
    // The date as the participants live it (the cycle's zone), which decides the weekend.
    const text = t('plenary.weekend', {
      title,
      when: formatter(ctx.person.locale, cycle.timezone).dateTime(startsAt),
    });
    return reply(
      message(text)
        .text(text)
        .buttons([
          weekendKind.button(
            t(value.plenary ? 'plenary.weekend_change' : 'plenary.weekend_schedule'),
            {
              ...value,
              ...(value.plenary ? {} : { id: newId() }),
              title,
              at: startsAt.toISOString(),
              minutes,
            },
            'primary',
          ),
        ])
        .context(t('plenary.weekend_hint'))
        .build(),
    );
  }
  return savePlenary(ctx, cycle, value.plenary, { title, startsAt, durationMinutes: minutes });
}

/** The attendance button: a participant marks themselves present during the window. */
export async function attendFromButton(ctx: Ctx, plenaryId: string): Promise<Reply> {
  const { plenary, outcome } = await recordAttendance(
    ctx.deps,
    ctx.actor,
    'chat',
    plenaryId,
    ctx.person.id,
    true,
  );
  const text = ctx.t(outcome === 'already' ? 'plenary.already' : 'plenary.marked', { title: plenary.title });
  return { messages: [], replaceOriginal: textMessage(text) };
}

/** `admin plenarias [ciclo]`: the cycle's plenaries with attendance, who is below the threshold, and a CSV. */
export async function listPlenariesInChat(ctx: Ctx, cycleName = ''): Promise<Reply> {
  requireAdmin(ctx);
  const { t, fmt } = ctx;
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(noCycleText(ctx, cycleName)));
  const program = await getProgram(ctx.deps.db, ctx.tenant.id, cycle.programId);
  const threshold = program?.settings.attendanceThreshold ?? 0;
  const plenaries = await listPlenaries(ctx.deps.db, ctx.tenant.id, cycle.id);
  const people = await attendanceByPerson(ctx.deps.db, ctx.tenant.id, cycle.id);
  const builder = message(t('plenary.list_title', { cycle: cycle.name, count: plenaries.length })).text(
    t('plenary.list_title', { cycle: cycle.name, count: plenaries.length }),
  );
  if (plenaries.length === 0) return reply(builder.context(t('plenary.none')).build());
  builder.text(
    plenaries
      .map((p, i) =>
        t('plenary.line', {
          n: i + 1,
          title: p.title,
          when: fmt.dateTime(p.startsAt),
          present: p.present,
          total: people.length,
        }),
      )
      .join('\n'),
  );
  const started = plenaries.filter((p) => p.startsAt.getTime() <= ctx.now.getTime()).length;
  const percent = (present: number) => Math.round((attendanceRate(present, started) ?? 0) * 100);
  const below = people.filter((p) => started > 0 && p.present / started < threshold);
  if (started > 0) {
    builder.text(
      below.length
        ? [
            t('plenary.below', { count: below.length, threshold: Math.round(threshold * 100) }),
            ...capped(
              t,
              below.map((p) => `• ${p.name}: ${percent(p.present)} %`),
              25,
            ),
          ].join('\n')
        : t('plenary.none_below', { threshold: Math.round(threshold * 100) }),
    );
    builder.file(
      `asistencia-${cycle.name}.csv`,
      'text/csv',
      csvText([
        ['email', 'name', 'attended', 'plenaries', 'percent'],
        ...people.map((p) => [p.email ?? '', p.name, p.present, started, percent(p.present)]),
      ]),
    );
  }
  return reply(builder.context(t('plenary.mark_hint')).build());
}

/** `admin asistencia <n> <correo> presente|ausente [ciclo]`: the paper attendance list, entered by an admin. */
export async function markInChat(
  ctx: Ctx,
  n: number,
  email: string,
  present: boolean,
  cycleName = '',
): Promise<Reply> {
  requireAdmin(ctx);
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(noCycleText(ctx, cycleName)));
  const plenary = (await listPlenaries(ctx.deps.db, ctx.tenant.id, cycle.id))[n - 1];
  if (!plenary) return reply(textMessage(ctx.t('plenary.unknown_number', { n })));
  const person = await findPersonByEmail(ctx.deps.db, ctx.tenant.id, email);
  if (!person) return reply(textMessage(ctx.t('admin.unknown_person', { email })));
  const { outcome } = await recordAttendance(ctx.deps, ctx.actor, 'chat', plenary.id, person.id, present);
  const state = ctx.t(present ? 'plenary.present' : 'plenary.absent');
  return reply(
    textMessage(
      ctx.t(outcome === 'already' ? 'plenary.admin_already' : 'plenary.admin_marked', {
        name: person.name,
        title: plenary.title,
        state,
        cycle: cycle.name,
      }),
    ),
  );
}

/**
 * `asistencia`: a participant's own plenary attendance, in each cycle running today that they
 * take part in (a mentor of a classic and of a reverse cohort hears both), else in their cycle.
 */
export async function myAttendance(ctx: Ctx): Promise<Reply> {
  const today = localDate(ctx.now, ctx.person.timezone);
  const enrolled = await enrollmentsOf(ctx.deps.db, ctx.tenant.id, ctx.person.id);
  const cycles = (
    await Promise.all(
      [...new Set(enrolled.map((e) => e.cycleId))].map((id) => getCycle(ctx.deps.db, ctx.tenant.id, id)),
    )
  ).filter((c): c is Cycle => c !== undefined && c.enrollmentStarts <= today && c.ends >= today);
  const fallback = (await standingOf(ctx)).cycle;
  const asked = cycles.length ? cycles : fallback ? [fallback] : [];
  if (asked.length === 0) return reply(textMessage(ctx.t('report.no_cycle')));
  const lines: string[] = [];
  for (const cycle of asked) {
    const plenaries = (await listPlenaries(ctx.deps.db, ctx.tenant.id, cycle.id)).filter(
      (p) => p.startsAt.getTime() <= ctx.now.getTime(),
    );
    const mine = (await attendanceByPerson(ctx.deps.db, ctx.tenant.id, cycle.id)).find(
      (p) => p.personId === ctx.person.id,
    );
    if (!mine) continue;
    // In a cycle whose program does not expect this person's role at plenaries, there is nothing to say.
    const program = await getProgram(ctx.deps.db, ctx.tenant.id, cycle.programId);
    const role = enrolled.find((e) => e.cycleId === cycle.id)?.role;
    if (asked.length > 1 && program && role && !(program.settings.plenaryRoles as string[]).includes(role))
      continue;
    const text =
      plenaries.length === 0
        ? ctx.t('plenary.none_yet')
        : ctx.t('plenary.mine', {
            present: mine.present,
            count: plenaries.length,
            percent: Math.round((attendanceRate(mine.present, plenaries.length) ?? 0) * 100),
          });
    lines.push(asked.length > 1 ? `${cycle.name}: ${text}` : text);
  }
  if (lines.length === 0) throw new DomainError('plenary.not_participant');
  return reply(textMessage(lines.join('\n')));
}

/** The reminders of a plenary, built at send time: the announcement, then the button at the start. */
export function plenaryNudge(
  reader: Pick<Ctx, 't' | 'fmt'>,
  plenary: { id: string; title: string; startsAt: Date; durationMinutes: number },
  slot: string,
): OutboundMessage {
  const { t, fmt } = reader;
  const { closes } = attendanceWindow(plenary);
  if (slot === 'announce') {
    const text = t('plenary.announce', {
      title: plenary.title,
      when: fmt.dateTime(plenary.startsAt),
      minutes: plenary.durationMinutes,
    });
    return message(text).text(text).build();
  }
  const text = t('plenary.starting', { title: plenary.title, until: fmt.time(closes) });
  return message(text)
    .text(text)
    .buttons([attendKind.button(t('plenary.attend'), { plenary: plenary.id }, 'primary')])
    .build();
}

/** `admin plenaria editar|cancelar <n> [ciclo]`: the number as `admin plenarias` lists it. */
function plenaryNumber(
  words: string,
  typed: string,
  verbs: RegExp,
): { n: number; cycle: string } | undefined {
  const m =
    /^admin (?:plenaria (editar|cancelar)|(editar|cancelar) plenaria|(edit|cancel) plenary) (\d{1,3})(?: .+)?$/.exec(
      words,
    );
  const verb = m?.[1] ?? m?.[2] ?? m?.[3];
  return m && verb && verbs.test(verb) ? { n: Number(m[4]), cycle: wordsAfter(typed, 4) } : undefined;
}

/** Plenaries: scheduled by the program, announced, attended. */
export const plenaryFeature: Feature = {
  name: 'plenaries',
  commands: [
    command<{ arg?: string }>({
      name: 'new_plenary',
      words: ['admin plenaria nueva', 'admin nueva plenaria', 'admin new plenary'],
      parse: nameAfter(['admin plenaria nueva', 'admin nueva plenaria', 'admin new plenary']),
      rule: 'admin.manage',
      help: ['admin'],
      cycleArg: (arg) => ({ arg }),
      run: (ctx, { arg }) => plenaryForm(ctx, arg),
    }),
    command<{ arg?: string }>({
      name: 'plenaries',
      words: ['admin plenarias', 'admin plenaries'],
      parse: nameAfter(['admin plenarias', 'admin plenaries']),
      readOnly: true,
      rule: 'admin.manage',
      cycleArg: (arg) => ({ arg }),
      run: (ctx, { arg }) => listPlenariesInChat(ctx, arg),
    }),
    command({
      name: 'attendance',
      words: ['asistencia', 'mi asistencia', 'attendance', 'my attendance'],
      readOnly: true,
      run: (ctx) => myAttendance(ctx),
    }),
    command<{ n: number; email: string; present: boolean; cycle: string }>({
      name: 'mark_attendance',
      parse: (words, typed) => {
        const m =
          /^admin (?:asistencia|attendance) (\d{1,3}) (\S+)(?: (presente|present|ausente|absent))?(?: (.+))?$/.exec(
            words,
          );
        const email = emailIn(m?.[2]);
        if (!m || !email) return undefined;
        // A cycle named last keeps its spelling: `admin asistencia 3 ana@x.org presente 2026-inversa`.
        const cycle = m[4] ? wordsAfter(typed, m[3] ? 5 : 4) : '';
        return { n: Number(m[1]), email, present: m[3] !== 'ausente' && m[3] !== 'absent', cycle };
      },
      rule: 'admin.manage',
      run: (ctx, { n, email, present, cycle }) => markInChat(ctx, n, email, present, cycle),
    }),
    command<{ n: number; cycle: string }>({
      name: 'edit_plenary',
      parse: (words, typed) => plenaryNumber(words, typed, /^(editar|edit)$/),
      rule: 'admin.manage',
      run: (ctx, { n, cycle }) => editPlenaryForm(ctx, n, cycle),
    }),
    command<{ n: number; cycle: string }>({
      name: 'cancel_plenary',
      parse: (words, typed) => plenaryNumber(words, typed, /^(cancelar|cancel)$/),
      rule: 'admin.manage',
      run: (ctx, { n, cycle }) => confirmCancelPlenary(ctx, n, cycle),
    }),
  ],
  actions: [
    onClick(attendKind, (ctx, v) => attendFromButton(ctx, v.plenary)),
    onClick(cancelPlenaryKind, (ctx, v) => cancelPlenaryInChat(ctx, v.plenary)),
    onClick(weekendKind, (ctx, v) => confirmWeekendPlenary(ctx, v)),
  ],
  forms: [onSubmit(plenaryFormKind, (ctx, v, fields) => submitPlenaryForm(ctx, v, fields))],
};
