import { z } from 'zod';
import { authorize } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import { distinctTopics } from '../domain/matching.ts';
import type { Cycle, Person } from '../domain/model.ts';
import { requirePhase } from '../domain/phase-rules.ts';
import { addDays, startOfLocalDay } from '../domain/time.ts';
import { type Button, type Form, message, type OutboundMessage, textMessage } from '../messages/model.ts';
import {
  changeSupervisorAs,
  decideApplicationAs,
  endorseAs,
  setApplicationWindowAs,
  submitApplicationAs,
  withdrawApplicationAs,
} from '../services/application.service.ts';
import { csvText } from '../services/csv.ts';
import {
  type Application,
  applicationOf,
  getApplication,
  listApplications,
  openForApplications,
} from '../store/application.store.ts';
import { getPeople, getPerson } from '../store/person.store.ts';
import { enrollmentsOf, getCycle } from '../store/program.store.ts';
import { argAfter, emailIn, nameAfter } from './commands.ts';
import { type Ctx, notify, type Reply, reply, requireAdmin } from './context.ts';
import { parseDate } from './parse-date.ts';
import { actionKind, command, type Feature, onClick, onSubmit } from './registry.ts';
import { cycleNamed, noCycleText } from './standing.ts';

const applicationValue = z.object({ application: z.string().max(64) });
const applicationAction = (name: string) =>
  actionKind(`application.${name}`, applicationValue, { a: 'application' });
/** What can be done to an application from a button. */
export const applicationKinds = {
  endorse: applicationAction('endorse'),
  decline: applicationAction('decline'),
  select: applicationAction('select'),
  reject: applicationAction('reject'),
  withdraw: applicationAction('withdraw'),
  supervisor: applicationAction('supervisor'),
  paper_endorse: applicationAction('paper_endorse'),
} as const;
/** The application form, for a cycle. */
const applyFormKind = actionKind('application.form', z.object({ cycle: z.string().max(64) }), { c: 'cycle' });
/** The form that names another supervisor for an application. */
const supervisorFormKind = actionKind('application.supervisor_form', applicationValue, { a: 'application' });

const MOTIVATION_MAX = 1000;
/** Applications shown with buttons in one message; the rest come in the attached CSV. */
const SHOWN = 15;

/**
 * `admin abrir postulaciones [ciclo] [hasta <fecha>]`: the cycle named (else the one running
 * today, asked when several run) takes applications until that day ends.
 */
export async function openApplications(ctx: Ctx, arg: string): Promise<Reply> {
  requireAdmin(ctx);
  const hasta = /^(.*?)\s*(?:^|\s)(?:hasta|until)\s+(.+)$/i.exec(arg.trim());
  // Without «hasta», the words are a cycle's name when one has it, else the last day.
  const named = hasta
    ? (hasta[1] ?? '')
    : arg.trim() && (await cycleNamed(ctx, arg.trim()))
      ? arg.trim()
      : '';
  const cycle = await cycleNamed(ctx, named);
  if (!cycle) return reply(textMessage(noCycleText(ctx, named)));
  requirePhase('applications.open', cycle, ctx.now);
  const text = hasta ? (hasta[2] ?? '').trim() : named ? '' : arg.trim();
  // A day the admin types is a day where the admin is: applications close at its end there.
  const zone = text ? ctx.person.timezone : cycle.timezone;
  const lastDay = text ? parseDate(text, ctx.now, zone) : addDays(cycle.goalSettingStarts, -1);
  if (!lastDay) return reply(textMessage(ctx.t('dates.unreadable_date')));
  const until = startOfLocalDay(addDays(lastDay, 1), zone);
  if (until.getTime() <= ctx.now.getTime()) return reply(textMessage(ctx.t('applications.window_past')));
  await setApplicationWindowAs(ctx.deps, ctx.acting, cycle, until);
  return reply(
    textMessage(ctx.t('applications.opened', { cycle: cycle.name, until: ctx.fmt.date(lastDay) })),
  );
}

/** `admin cerrar postulaciones [ciclo]`. */
export async function closeApplications(ctx: Ctx, cycleName = ''): Promise<Reply> {
  requireAdmin(ctx);
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(noCycleText(ctx, cycleName)));
  await setApplicationWindowAs(ctx.deps, ctx.acting, cycle, null);
  return reply(textMessage(ctx.t('applications.closed', { cycle: cycle.name })));
}

async function openCycle(ctx: Ctx): Promise<Cycle | undefined> {
  const [id] = await openForApplications(ctx.deps.db, ctx.tenant.id, ctx.now);
  return id ? getCycle(ctx.deps.db, ctx.tenant.id, id) : undefined;
}

/** `postular`: the application form, while a cycle takes applications. */
export async function applicationForm(ctx: Ctx): Promise<Reply> {
  const { t } = ctx;
  const cycle = await openCycle(ctx);
  if (!cycle) return reply(textMessage(t('applications.none_open')));
  requirePhase('applications.apply', cycle, ctx.now);
  const existing = await applicationOf(ctx.deps.db, ctx.tenant.id, cycle.id, ctx.person.id);
  if (existing) return reply(statusMessage(ctx, existing, cycle));
  if ((await enrollmentsOf(ctx.deps.db, ctx.tenant.id, ctx.person.id)).some((e) => e.cycleId === cycle.id))
    return reply(textMessage(t('applications.already_enrolled', { cycle: cycle.name })));
  const form: Form = {
    actionId: applyFormKind.id,
    title: t('applications.form.title'),
    submitLabel: t('applications.form.submit'),
    value: applyFormKind.value({ cycle: cycle.id }),
    fields: [
      {
        id: 'role',
        kind: 'single_choice',
        label: t('applications.form.role'),
        required: true,
        options: (['mentee', 'mentor'] as const).map((r) => ({
          value: r,
          label: t(`applications.role.${r}`),
        })),
      },
      {
        id: 'motivation',
        kind: 'long_text',
        label: t('applications.form.motivation'),
        required: true,
        maxLength: MOTIVATION_MAX,
      },
      {
        id: 'topics',
        kind: 'short_text',
        label: t('applications.form.topics'),
        hint: t('applications.form.topics_hint'),
        required: false,
        maxLength: 300,
      },
      {
        id: 'supervisor',
        kind: 'short_text',
        label: t('applications.form.supervisor'),
        hint: t('applications.form.supervisor_hint'),
        required: true,
        maxLength: 254,
      },
    ],
  };
  return {
    messages: [
      textMessage(
        t('applications.form.intro', {
          cycle: cycle.name,
          until: ctx.fmt.dateTime(cycle.applicationsUntil as Date),
        }),
      ),
    ],
    openForm: form,
  };
}

/**
 * The applicant's own application, with what they can still do while it is undecided: name
 * another supervisor (a mistyped email would leave it waiting forever) or withdraw it.
 */
function statusMessage(ctx: Ctx, a: Application, cycle: Cycle): OutboundMessage {
  const text = statusText(ctx, a, cycle);
  const buttons: Button[] = [];
  if (a.state === 'submitted' && a.endorsement === 'pending')
    buttons.push(
      applicationKinds.supervisor.button(ctx.t('applications.change_supervisor'), { application: a.id }),
    );
  if (a.state === 'submitted')
    buttons.push(
      applicationKinds.withdraw.button(ctx.t('applications.withdraw'), { application: a.id }, 'danger'),
    );
  return message(text).text(text).buttons(buttons).build();
}

/** What a supervisor receives: the application, and Endorse / Do not endorse that only they can press. */
export function endorsementAsk(
  t: Ctx['t'],
  application: Application,
  applicantName: string,
  cycleName: string,
): OutboundMessage {
  return message(t('applications.endorse_ask.summary', { name: applicantName }))
    .text(
      t('applications.endorse_ask.text', {
        name: applicantName,
        role: t(`applications.role.${application.role}`),
        cycle: cycleName,
      }),
    )
    .fields([{ label: t('applications.form.motivation'), value: application.motivation }])
    .buttons([
      applicationKinds.endorse.button(t('applications.endorse'), { application: application.id }, 'primary'),
      applicationKinds.decline.button(t('applications.decline'), { application: application.id }),
    ])
    .build();
}

function statusText(ctx: Ctx, a: Application, cycle: Cycle): string {
  return ctx.t('applications.status', {
    cycle: cycle.name,
    role: ctx.t(`applications.role.${a.role}`),
    endorsement: ctx.t(`applications.endorsement.${a.endorsement}`),
    state: ctx.t(`applications.state.${a.state}`),
  });
}

export async function submitApplicationForm(
  ctx: Ctx,
  value: { cycle: string },
  values: Record<string, string | string[]>,
): Promise<Reply> {
  const { t } = ctx;
  const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, value.cycle);
  if (!cycle?.applicationsUntil || cycle.applicationsUntil.getTime() <= ctx.now.getTime())
    return reply(textMessage(t('applications.none_open')));
  const str = (id: string) => (typeof values[id] === 'string' ? (values[id] as string).trim() : '');
  const errors: Record<string, string> = {};
  const role = str('role');
  if (role !== 'mentor' && role !== 'mentee') errors.role = t('forms.required');
  const motivation = str('motivation');
  if (!motivation) errors.motivation = t('forms.required');
  else if (motivation.length > MOTIVATION_MAX)
    errors.motivation = t('errors.input.too_long', { field: '', max: MOTIVATION_MAX });
  const topics = distinctTopics(str('topics').split(/[;,|]/));
  if (topics.length > 10 || topics.some((x) => x.length > 80))
    errors.topics = t('applications.form.topics_hint');
  const supervisorEmail = emailIn(str('supervisor'));
  if (!supervisorEmail) errors.supervisor = t('applications.form.bad_email');
  else if (supervisorEmail === ctx.person.email?.toLowerCase())
    errors.supervisor = t('applications.form.not_yourself');
  if (Object.keys(errors).length) {
    const lines = Object.entries(errors).map(
      ([id, problem]) => `• ${t(`applications.form.${id}`)}: ${problem}`,
    );
    return { messages: [textMessage(`${t('forms.has_errors')}\n${lines.join('\n')}`)], formErrors: errors };
  }
  // The supervisor may not have written to the bot yet: known by email, found on the platform when told.
  const submitted = await submitApplicationAs(ctx.deps, ctx.acting, ctx.tenant, {
    cycleId: cycle.id,
    role: role as 'mentor' | 'mentee',
    motivation,
    topics,
    supervisorEmail: supervisorEmail as string,
  });
  if (!submitted) return reply(textMessage(t('applications.already_applied')));
  const { application, supervisor } = submitted;
  await notify(ctx, supervisor.id, ({ t: st }) =>
    endorsementAsk(st, application, ctx.person.name, cycle.name),
  );
  return reply(textMessage(t('applications.submitted', { supervisor: supervisor.name })));
}

/** The supervisor's Endorse / Decline: only theirs, only once; the applicant hears it. */
export async function endorseApplication(ctx: Ctx, id: string, endorse: boolean): Promise<Reply> {
  const application = await getApplication(ctx.deps.db, ctx.tenant.id, id);
  if (!application) throw new DomainError('record.not_found', { entity: 'application' });
  if (application.supervisorId !== ctx.person.id)
    throw new DomainError('auth.forbidden', { action: 'application.endorse' });
  const applicant = await getPerson(ctx.deps.db, ctx.tenant.id, application.personId);
  const name = applicant?.name ?? '';
  if (!(await endorseAs(ctx.deps, ctx.acting, application, endorse)))
    return reply(textMessage(ctx.t('applications.endorse_already', { name })));
  await notify(ctx, application.personId, ({ t }) =>
    textMessage(
      t(endorse ? 'applications.endorsed_told' : 'applications.declined_told', { name: ctx.person.name }),
    ),
  );
  const done = ctx.t(endorse ? 'applications.endorsed_done' : 'applications.declined_done', { name });
  return { messages: [], replaceOriginal: textMessage(done) };
}

/** An application the applicant, or an admin, may still change. */
async function undecided(ctx: Ctx, id: string): Promise<{ application: Application; applicant: Person }> {
  const application = await getApplication(ctx.deps.db, ctx.tenant.id, id);
  const applicant = application && (await getPerson(ctx.deps.db, ctx.tenant.id, application.personId));
  if (!application || !applicant) throw new DomainError('record.not_found', { entity: 'application' });
  if (application.personId !== ctx.person.id) requireAdmin(ctx);
  return { application, applicant };
}

/** "Change supervisor": a one-field form, for the applicant or an admin. */
export async function supervisorForm(ctx: Ctx, id: string): Promise<Reply> {
  const { application } = await undecided(ctx, id);
  if (application.state !== 'submitted' || application.endorsement !== 'pending')
    return reply(textMessage(ctx.t('applications.not_pending')));
  const current = await getPerson(ctx.deps.db, ctx.tenant.id, application.supervisorId);
  const form: Form = {
    actionId: supervisorFormKind.id,
    title: ctx.t('applications.change_supervisor'),
    submitLabel: ctx.t('common.save'),
    value: supervisorFormKind.value({ application: application.id }),
    fields: [
      {
        id: 'supervisor',
        kind: 'short_text',
        label: ctx.t('applications.form.supervisor'),
        hint: ctx.t('applications.form.supervisor_hint'),
        required: true,
        maxLength: 254,
        ...(current?.email ? { initial: current.email } : {}),
      },
    ],
  };
  return { messages: [], openForm: form };
}

/** Another supervisor: asked at once with the buttons; the old request no longer counts. Audited. */
export async function submitSupervisorForm(
  ctx: Ctx,
  value: { application: string },
  values: Record<string, string | string[]>,
): Promise<Reply> {
  const { t } = ctx;
  const { application, applicant } = await undecided(ctx, value.application);
  const typed = typeof values.supervisor === 'string' ? values.supervisor.trim() : '';
  const email = emailIn(typed);
  const problem = !email
    ? t('applications.form.bad_email')
    : email === applicant.email?.toLowerCase()
      ? t('applications.form.not_yourself')
      : undefined;
  if (problem)
    return {
      messages: [textMessage(`${t('forms.has_errors')}\n• ${t('applications.form.supervisor')}: ${problem}`)],
      formErrors: { supervisor: problem },
    };
  const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, application.cycleId);
  if (!cycle) return reply(textMessage(t('applications.not_pending')));
  const { supervisor, outcome } = await changeSupervisorAs(
    ctx.deps,
    ctx.acting,
    ctx.tenant,
    application,
    email as string,
  );
  if (outcome === 'same')
    return reply(textMessage(t('applications.supervisor_same', { supervisor: supervisor.name })));
  if (outcome === 'moved') return reply(textMessage(t('applications.not_pending')));
  await notify(ctx, supervisor.id, ({ t: st }) =>
    endorsementAsk(st, { ...application, supervisorId: supervisor.id }, applicant.name, cycle.name),
  );
  if (applicant.id !== ctx.person.id)
    await notify(ctx, applicant.id, ({ t: at }) =>
      textMessage(
        at('applications.supervisor_changed_told', { admin: ctx.person.name, supervisor: supervisor.name }),
      ),
    );
  return reply(textMessage(t('applications.supervisor_changed', { supervisor: supervisor.name })));
}

/** The applicant withdraws an undecided application; they may apply again while the call is open. */
export async function withdrawApplicationInChat(ctx: Ctx, id: string): Promise<Reply> {
  const application = await getApplication(ctx.deps.db, ctx.tenant.id, id);
  if (application && application.personId !== ctx.person.id)
    throw new DomainError('auth.forbidden', { action: 'application.withdraw' });
  if (!application || !(await withdrawApplicationAs(ctx.deps, ctx.acting, application)))
    return reply(textMessage(ctx.t('applications.not_pending')));
  return { messages: [], replaceOriginal: textMessage(ctx.t('applications.withdrawn')) };
}

/** An admin enters the supervisor's endorsement from a paper form: audited as on behalf of them. */
export async function paperEndorsement(ctx: Ctx, id: string): Promise<Reply> {
  requireAdmin(ctx);
  const application = await getApplication(ctx.deps.db, ctx.tenant.id, id);
  if (!application) throw new DomainError('record.not_found', { entity: 'application' });
  const applicant = await getPerson(ctx.deps.db, ctx.tenant.id, application.personId);
  const name = applicant?.name ?? '';
  if (!(await endorseAs(ctx.deps, ctx.acting, application, true, true)))
    return reply(textMessage(ctx.t('applications.not_pending')));
  await notify(ctx, application.personId, ({ t }) =>
    textMessage(t('applications.paper_endorsed_told', { admin: ctx.person.name })),
  );
  return reply(textMessage(ctx.t('applications.paper_endorsed', { name })));
}

/** `admin postulaciones [ciclo]`: the cycle's applications; admins get Select / Not selected buttons. */
export async function listApplicationsInChat(ctx: Ctx, cycleName = ''): Promise<Reply> {
  authorize(ctx.actor, 'report.view', { kind: 'tenant', tenantId: ctx.tenant.id });
  const { t } = ctx;
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(noCycleText(ctx, cycleName)));
  const applications = await listApplications(ctx.deps.db, ctx.tenant.id, cycle.id);
  const people = await getPeople(
    ctx.deps.db,
    ctx.tenant.id,
    applications.flatMap((a) => [a.personId, a.supervisorId]),
  );
  const name = (id: string) => people.get(id)?.name ?? '—';
  const title = t('applications.list_title', { cycle: cycle.name, count: applications.length });
  const builder = message(title).text(title);
  if (applications.length === 0) return reply(builder.context(t('applications.list_empty')).build());
  const isAdmin = ctx.actor.staffRole === 'admin';
  for (const a of applications.slice(0, SHOWN)) {
    builder.divider().text(
      t('applications.line', {
        name: name(a.personId),
        role: t(`applications.role.${a.role}`),
        supervisor: name(a.supervisorId),
        endorsement: t(`applications.endorsement.${a.endorsement}`),
        state: t(`applications.state.${a.state}`),
      }),
    );
    builder.context(a.motivation.length > 300 ? `${a.motivation.slice(0, 300)}…` : a.motivation);
    if (isAdmin && a.state === 'submitted') {
      builder.buttons([
        applicationKinds.select.button(t('applications.select'), { application: a.id }, 'primary'),
        applicationKinds.reject.button(t('applications.reject'), { application: a.id }),
        // A supervisor who never answers: endorse from the paper form, or ask someone else.
        ...(a.endorsement === 'pending'
          ? [
              applicationKinds.paper_endorse.button(t('applications.paper_endorse'), { application: a.id }),
              applicationKinds.supervisor.button(t('applications.change_supervisor'), { application: a.id }),
            ]
          : []),
      ]);
    }
  }
  if (applications.length > SHOWN) builder.context(t('common.more', { count: applications.length - SHOWN }));
  builder.file(
    `postulaciones-${cycle.name}.csv`,
    'text/csv',
    csvText([
      ['name', 'email', 'role', 'supervisor', 'endorsement', 'state', 'topics', 'motivation'],
      ...applications.map((a) => [
        name(a.personId),
        people.get(a.personId)?.email ?? '',
        a.role,
        name(a.supervisorId),
        a.endorsement,
        a.state,
        a.topics.join('; '),
        a.motivation,
      ]),
    ]),
  );
  return reply(builder.build());
}

/** Select (enrolls the person in the cycle) or not; requires the supervisor's endorsement to select. */
export async function decideApplicationInChat(ctx: Ctx, id: string, select: boolean): Promise<Reply> {
  requireAdmin(ctx);
  const application = await getApplication(ctx.deps.db, ctx.tenant.id, id);
  if (!application) throw new DomainError('record.not_found', { entity: 'application' });
  const applicant = await getPerson(ctx.deps.db, ctx.tenant.id, application.personId);
  const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, application.cycleId);
  if (!applicant || !cycle) throw new DomainError('record.not_found', { entity: 'application' });
  if (application.state !== 'submitted')
    return reply(
      textMessage(
        ctx.t('applications.decided_already', {
          name: applicant.name,
          state: ctx.t(`applications.state.${application.state}`),
        }),
      ),
    );
  if (select && application.endorsement !== 'endorsed')
    return reply(
      textMessage(
        ctx.t('applications.needs_endorsement', {
          name: applicant.name,
          endorsement: ctx.t(`applications.endorsement.${application.endorsement}`),
        }),
      ),
    );
  const changed = await decideApplicationAs(ctx.deps, ctx.acting, application, applicant, cycle, select);
  if (!changed)
    return reply(textMessage(ctx.t('applications.decided_already', { name: applicant.name, state: '' })));
  await notify(ctx, applicant.id, ({ t }) =>
    textMessage(
      t(select ? 'applications.selected_told' : 'applications.rejected_told', {
        cycle: cycle.name,
        role: t(`applications.role.${application.role}`),
      }),
    ),
  );
  return reply(
    textMessage(
      ctx.t(select ? 'applications.selected_done' : 'applications.rejected_done', { name: applicant.name }),
    ),
  );
}

/** Applications: the call, applying with a supervisor's endorsement, and the selection. */
export const applicationFeature: Feature = {
  name: 'applications',
  commands: [
    command({
      name: 'apply',
      words: ['postular', 'postulacion', 'quiero postular', 'apply', 'application'],
      rule: 'applications.apply',
      help: ['none'],
      run: (ctx) => applicationForm(ctx),
    }),
    command<{ arg?: string }>({
      name: 'applications',
      words: ['admin postulaciones', 'admin applications'],
      parse: nameAfter(['admin postulaciones', 'admin applications']),
      readOnly: true,
      rule: 'admin.manage',
      help: ['admin'],
      cycleArg: (arg) => ({ arg }),
      run: (ctx, { arg }) => listApplicationsInChat(ctx, arg),
    }),
    command<{ arg: string }>({
      name: 'open_applications',
      parse: (words, typed) => {
        const arg = argAfter(words, typed, ['admin abrir postulaciones', 'admin open applications']);
        return arg === undefined ? undefined : { arg };
      },
      rule: 'applications.open',
      run: (ctx, { arg }) => openApplications(ctx, arg),
    }),
    command<{ arg?: string }>({
      name: 'close_applications',
      words: ['admin cerrar postulaciones', 'admin close applications'],
      parse: nameAfter(['admin cerrar postulaciones', 'admin close applications']),
      rule: 'admin.manage',
      cycleArg: (arg) => ({ arg }),
      run: (ctx, { arg }) => closeApplications(ctx, arg),
    }),
  ],
  actions: [
    onClick(applicationKinds.endorse, (ctx, v) => endorseApplication(ctx, v.application, true)),
    onClick(applicationKinds.decline, (ctx, v) => endorseApplication(ctx, v.application, false)),
    onClick(applicationKinds.select, (ctx, v) => decideApplicationInChat(ctx, v.application, true)),
    onClick(applicationKinds.reject, (ctx, v) => decideApplicationInChat(ctx, v.application, false)),
    onClick(applicationKinds.withdraw, (ctx, v) => withdrawApplicationInChat(ctx, v.application)),
    onClick(applicationKinds.supervisor, (ctx, v) => supervisorForm(ctx, v.application)),
    onClick(applicationKinds.paper_endorse, (ctx, v) => paperEndorsement(ctx, v.application)),
  ],
  forms: [
    onSubmit(applyFormKind, (ctx, v, fields) => submitApplicationForm(ctx, v, fields)),
    onSubmit(supervisorFormKind, (ctx, v, fields) => submitSupervisorForm(ctx, v, fields)),
  ],
};
