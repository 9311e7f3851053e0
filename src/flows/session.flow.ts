import { z } from 'zod';
import { authorize } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import type { MentoringSession, Pairing, Person } from '../domain/model.ts';
import { canReportOutcome, SESSION_MAX_MINUTES, SESSION_MIN_MINUTES } from '../domain/session.ts';
import type { LocalTime } from '../domain/time.ts';
import { type Button, linkButton, message, type OutboundMessage, textMessage } from '../messages/model.ts';
import { requirePairPhase } from '../services/phase.ts';
import { answerSession, proposeSession, SESSION_TEXT_MAX } from '../services/session.service.ts';
import { getPerson } from '../store/person.store.ts';
import { getPairing } from '../store/program.store.ts';
import { getSession, listSessionsOfPairings, sessionWithPair } from '../store/session.store.ts';
import { type Ctx, notify, type Reply, reply } from './context.ts';
import { done, type Flow, type FlowTurn, flowButton, goTo, isSkip, stay } from './flow.ts';
import { outlookComposeLink, sessionInvite } from './ics.ts';
import { parseDateTime } from './parse-date.ts';
import { actionKind, command, type Feature, menuKind, onClick, onSubmit } from './registry.ts';
import { nameOf, refuseWithoutPair, type Standing, standingOf } from './standing.ts';
import { type Reader, sessionFields } from './views.ts';

export const SESSION_FLOW = 'session_propose';
/** A session button: the session, and `inList` when it sits in the sessions list (the list is refreshed). */
const sessionValue = z.object({ session: z.string().max(64), inList: z.literal(1).optional() });
const sessionAction = (name: string) =>
  actionKind(`session.${name}`, sessionValue, { s: 'session', l: 'inList' });
/** What can be done to a session from a button; decline, held and not held open a form of the same kind. */
export const sessionKinds = {
  accept: sessionAction('accept'),
  counter: sessionAction('counter'),
  decline: sessionAction('decline'),
  held: sessionAction('held'),
  not_held: sessionAction('not_held'),
  cancel: sessionAction('cancel'),
  cancel_confirm: sessionAction('cancel_confirm'),
  keep: sessionAction('keep'),
} as const;

const dataSchema = z.object({
  pairingId: z.string().optional(),
  /** Set when proposing another time for an existing session. */
  sessionId: z.string().optional(),
  startsAt: z.string().optional(),
  duration: z.number().int().optional(),
  place: z.string().nullable().optional(),
  agenda: z.string().nullable().optional(),
});
type Data = z.infer<typeof dataSchema>;

function counterpartOf(pairing: Pairing, personId: string): string {
  return pairing.mentorId === personId ? pairing.menteeId : pairing.mentorId;
}

async function ask(ctx: Ctx, step: string, data: Data, standing?: Standing): Promise<OutboundMessage> {
  const { t } = ctx;
  switch (step) {
    case 'with': {
      const s = standing ?? (await standingOf(ctx));
      return message(t('session.ask.with'))
        .text(t('session.ask.with'))
        .buttons(s.asMentor.map((p) => flowButton(SESSION_FLOW, 'with', p.id, nameOf(s, p.menteeId))))
        .build();
    }
    case 'when':
      return message(t('session.ask.when'))
        .text(t('session.ask.when'))
        .context(t('session.hint.when'))
        .build();
    case 'duration':
      return message(t('session.ask.duration'))
        .text(t('session.ask.duration'))
        .buttons(
          [30, 45, 60, 90].map((m) =>
            flowButton(SESSION_FLOW, 'duration', String(m), t('session.minutes', { count: m })),
          ),
        )
        .build();
    case 'place':
      return message(t('session.ask.place'))
        .text(t('session.ask.place'))
        .context(t('common.skip_hint'))
        .build();
    case 'agenda':
      return message(t('session.ask.agenda'))
        .text(t('session.ask.agenda'))
        .context(t('common.skip_hint'))
        .build();
    default: {
      const pairing = await getPairing(ctx.deps.db, ctx.tenant.id, data.pairingId ?? '');
      const other = pairing
        ? await getPerson(ctx.deps.db, ctx.tenant.id, counterpartOf(pairing, ctx.person.id))
        : undefined;
      const draft = {
        startsAt: new Date(data.startsAt ?? 0),
        durationMinutes: data.duration ?? 60,
        place: data.place ?? null,
        agenda: data.agenda ?? null,
      } as MentoringSession;
      return message(t('session.summary.title'))
        .text(t('session.summary.title'))
        .fields(sessionFields(ctx, draft, other?.name ?? ''))
        .buttons([
          flowButton(SESSION_FLOW, 'summary', 'send', t('session.summary.send'), 'primary'),
          flowButton(SESSION_FLOW, 'summary', 'cancel', t('common.cancel'), 'danger'),
        ])
        .build();
    }
  }
}

/** `sesión nueva`: either side of a pair proposes a time. */
export async function startSessionProposal(ctx: Ctx): Promise<FlowTurn> {
  const standing = await standingOf(ctx);
  const pairings = [...(standing.asMentee ? [standing.asMentee] : []), ...standing.asMentor];
  if (pairings.length === 0) refuseWithoutPair(standing, 'session.propose');
  if (pairings.length === 1) {
    // Refused at once when the one pair's cycle is not planning sessions; with several pairs,
    // the proposal is checked for the pair chosen (the service does it, in every case).
    await requirePairPhase(ctx.deps.db, ctx.acting, pairings[0] as Pairing, 'session.plan', ctx.now);
    const data: Data = { pairingId: (pairings[0] as Pairing).id };
    return goTo('when', data, reply(await ask(ctx, 'when', data)));
  }
  return goTo('with', {}, reply(await ask(ctx, 'with', {}, standing)));
}

/** "Propose another time" on a proposal or a confirmed session: only the time is asked again. */
export async function startCounterProposal(ctx: Ctx, sessionId: string): Promise<FlowTurn> {
  const { session, pairing } = await sessionAndPairing(ctx, sessionId);
  authorize(ctx.actor, 'session.propose', { kind: 'pairing', pairing });
  await requirePairPhase(ctx.deps.db, ctx.acting, pairing, 'session.plan', ctx.now);
  if (session.state !== 'proposed' && session.state !== 'confirmed') {
    throw new DomainError('transition.not_allowed', {
      entity: 'session',
      from: session.state,
      event: 'reschedule',
    });
  }
  const data: Data = { pairingId: pairing.id, sessionId: session.id };
  return goTo('when', data, reply(await ask(ctx, 'when', data)));
}

async function sessionAndPairing(
  ctx: Ctx,
  sessionId: string,
): Promise<{ session: MentoringSession; pairing: Pairing }> {
  const session = await getSession(ctx.deps.db, ctx.tenant.id, sessionId);
  const pairing = session ? await getPairing(ctx.deps.db, ctx.tenant.id, session.pairingId) : undefined;
  if (!session || !pairing) throw new DomainError('record.not_found', { entity: 'session' });
  return { session, pairing };
}

function withinLimit(ctx: Ctx, text: string, field: string): string | null {
  return text.length > SESSION_TEXT_MAX
    ? ctx.t('errors.input.too_long', { field: ctx.t(`session.field.${field}`), max: SESSION_TEXT_MAX })
    : null;
}

async function send(ctx: Ctx, data: Data): Promise<FlowTurn> {
  const startsAt = new Date(data.startsAt ?? 0);
  let session: MentoringSession;
  let pairing: Pairing;
  if (data.sessionId) {
    ({ session, pairing } = await answerSession(ctx.deps, ctx.acting, data.sessionId, {
      event: 'reschedule',
      startsAt,
    }));
  } else {
    ({ session, pairing } = await proposeSession(ctx.deps, ctx.acting, {
      pairingId: data.pairingId ?? '',
      startsAt,
      durationMinutes: data.duration ?? 60,
      place: data.place ?? null,
      agenda: data.agenda ?? null,
    }));
  }
  const otherId = counterpartOf(pairing, ctx.person.id);
  await notify(ctx, otherId, (reader) =>
    proposalMessage(reader, session, ctx.person.name, Boolean(data.sessionId)),
  );
  const other = await getPerson(ctx.deps.db, ctx.tenant.id, otherId);
  return done(
    reply(
      textMessage(
        ctx.t('session.proposed', { name: other?.name ?? '', when: ctx.fmt.dateTime(session.startsAt) }),
      ),
    ),
  );
}

/** What the other side receives: the proposal and its three answers. */
export function proposalMessage(
  reader: Reader,
  session: MentoringSession,
  fromName: string,
  isNewTime: boolean,
): OutboundMessage {
  const { t } = reader;
  const value = { session: session.id };
  return message(t('session.proposal.summary', { name: fromName }))
    .text(t(isNewTime ? 'session.proposal.new_time' : 'session.proposal.text', { name: fromName }))
    .fields(sessionFields(reader, session, fromName))
    .buttons([
      sessionKinds.accept.button(t('session.accept'), value, 'primary'),
      sessionKinds.counter.button(t('session.counter'), value),
      sessionKinds.decline.button(t('session.decline'), value, 'danger'),
    ])
    .build();
}

export const sessionFlow: Flow = {
  name: SESSION_FLOW,
  titleKey: 'flows.session_propose',

  async onText(ctx, state, raw) {
    const text = raw.trim();
    const data = dataSchema.parse(state.data);
    switch (state.step) {
      case 'when': {
        const parsed = parseDateTime(text, ctx.now, ctx.person.timezone);
        if (!parsed.ok)
          return stay(
            state,
            reply(
              textMessage(
                ctx.t(parsed.reason === 'needs_time' ? 'dates.needs_time' : 'dates.unreadable_datetime'),
              ),
            ),
          );
        if (parsed.at.getTime() <= ctx.now.getTime())
          return stay(state, reply(textMessage(ctx.t('errors.session.in_past'))));
        const nextData = { ...data, startsAt: parsed.at.toISOString() };
        const note = timeNote(ctx, text, parsed);
        // A new time for an existing session keeps its duration, place and agenda.
        if (data.sessionId) {
          const sent = await send(ctx, nextData);
          return note
            ? { ...sent, reply: { ...sent.reply, messages: [note, ...sent.reply.messages] } }
            : sent;
        }
        return goTo(
          'duration',
          nextData,
          reply(...(note ? [note] : []), await ask(ctx, 'duration', nextData)),
        );
      }
      case 'duration': {
        const minutes = Number.parseInt(text, 10);
        if (!Number.isInteger(minutes) || minutes < SESSION_MIN_MINUTES || minutes > SESSION_MAX_MINUTES) {
          return stay(
            state,
            reply(
              textMessage(
                ctx.t('errors.session.duration', { min: SESSION_MIN_MINUTES, max: SESSION_MAX_MINUTES }),
              ),
            ),
          );
        }
        const nextData = { ...data, duration: minutes };
        return goTo('place', nextData, reply(await ask(ctx, 'place', nextData)));
      }
      case 'place':
      case 'agenda': {
        const problem = withinLimit(ctx, text, state.step);
        if (problem) return stay(state, reply(textMessage(problem)));
        const nextData = { ...data, [state.step]: isSkip(text) ? null : text };
        const step = state.step === 'place' ? 'agenda' : 'summary';
        return goTo(step, nextData, reply(await ask(ctx, step, nextData)));
      }
      case 'summary':
        if (/^(enviar|send|si|sí|yes|ok)$/i.test(text)) return send(ctx, data);
        return stay(state, reply(textMessage(ctx.t('session.summary.choose'))));
      default:
        return stay(state, reply(await ask(ctx, state.step, data)));
    }
  },

  async onChoice(ctx, state, choice) {
    const data = dataSchema.parse(state.data);
    if (state.step === 'with') {
      const standing = await standingOf(ctx);
      if (!standing.asMentor.some((p) => p.id === choice))
        return stay(state, reply(textMessage(ctx.t('flow.stale_button'))));
      const nextData = { pairingId: choice };
      return goTo('when', nextData, reply(await ask(ctx, 'when', nextData)));
    }
    if (state.step === 'duration') return sessionFlow.onText(ctx, state, choice);
    if (state.step === 'summary' && choice === 'send') return send(ctx, data);
    if (state.step === 'summary' && choice === 'cancel') {
      return done(reply(textMessage(ctx.t('flow.cancelled', { flow: ctx.t('flows.session_propose') }))));
    }
    return stay(state, reply(textMessage(ctx.t('flow.stale_button'))));
  },
};

async function pairPeople(ctx: Ctx, pairing: Pairing): Promise<{ mentor: Person; mentee: Person }> {
  const mentor = await getPerson(ctx.deps.db, ctx.tenant.id, pairing.mentorId);
  const mentee = await getPerson(ctx.deps.db, ctx.tenant.id, pairing.menteeId);
  if (!mentor || !mentee) throw new DomainError('record.not_found', { entity: 'person' });
  return { mentor, mentee };
}

/** The confirmation both sides receive, each in their own zone and language, with the invitation. */
function confirmation(
  ctx: Ctx,
  reader: Reader,
  session: MentoringSession,
  people: { mentor: Person; mentee: Person },
  otherName: string,
  cancelled: boolean,
): OutboundMessage {
  const { t } = reader;
  const title = t('session.ics.title', { mentor: people.mentor.name, mentee: people.mentee.name });
  const ics = sessionInvite({
    session,
    ...people,
    title,
    description: session.agenda ?? t('session.ics.description'),
    cancelled,
    now: ctx.now,
  });
  const key = cancelled ? 'session.cancelled' : 'session.confirmed';
  const builder = message(t(`${key}.summary`, { name: otherName }))
    .text(t(`${key}.text`, { name: otherName }))
    .fields(sessionFields(reader, session, otherName))
    .file(`${t(cancelled ? 'files.session_cancelled' : 'files.session')}.ics`, 'text/calendar', ics);
  if (!cancelled)
    builder.buttons([
      linkButton(
        t('session.add_to_calendar'),
        outlookComposeLink({
          subject: title,
          body: session.agenda ?? t('session.ics.description'),
          startsAt: session.startsAt,
          durationMinutes: session.durationMinutes,
          place: session.place,
        }),
      ),
      sessionKinds.counter.button(t('session.reschedule'), { session: session.id }),
      sessionKinds.cancel.button(t('session.cancel'), { session: session.id }, 'danger'),
    ]);
  return builder.build();
}

/** Accept, decline, cancel: the answer, then both sides hear about it. */
export async function answerSessionButton(
  ctx: Ctx,
  sessionId: string,
  event: 'accept' | 'cancel',
  fromList = false,
): Promise<Reply> {
  const { session, pairing } = await answerSession(ctx.deps, ctx.acting, sessionId, { event });
  const people = await pairPeople(ctx, pairing);
  const otherId = counterpartOf(pairing, ctx.person.id);
  const other = otherId === people.mentor.id ? people.mentor : people.mentee;
  const cancelled = event === 'cancel';
  await notify(ctx, otherId, (reader) =>
    confirmation(ctx, reader, session, people, ctx.person.name, cancelled),
  );
  const mine = confirmation(ctx, ctx, session, people, other.name, cancelled);
  const answered = ctx.t(`session.answered.${event}`, {
    name: other.name,
    when: ctx.fmt.dateTime(session.startsAt),
  });
  // Clicked in the sessions list: the list comes back with the session's new state, not one line.
  const list = fromList ? (await listSessions(ctx)).messages[0] : undefined;
  return { messages: [mine], replaceOriginal: list ?? textMessage(answered) };
}

/** A session of the person's own pair, with the other side's name; refused for anyone else's. */
async function ownSession(ctx: Ctx, sessionId: string) {
  const session = await sessionWithPair(ctx.deps.db, ctx.tenant.id, sessionId);
  if (!session) throw new DomainError('record.not_found', { entity: 'session' });
  if (session.mentorId !== ctx.person.id && session.menteeId !== ctx.person.id)
    throw new DomainError('auth.forbidden', { action: 'session.cancel' });
  const otherName = session.mentorId === ctx.person.id ? session.menteeName : session.mentorName;
  return { session, words: { name: otherName, when: ctx.fmt.dateTime(session.startsAt) } };
}

/**
 * "Cancelar sesión": asks first (a cancellation tells the other side and their calendar), naming
 * the session; only "Sí, cancelarla" cancels it.
 */
export async function askCancelSession(ctx: Ctx, sessionId: string): Promise<Reply> {
  const { session, words } = await ownSession(ctx, sessionId);
  if (session.state !== 'proposed' && session.state !== 'confirmed')
    throw new DomainError('transition.not_allowed', {
      entity: 'session',
      from: session.state,
      event: 'cancel',
    });
  const text = ctx.t('session.cancel_ask', words);
  return reply(
    message(text)
      .text(text)
      .buttons([
        sessionKinds.cancel_confirm.button(ctx.t('session.cancel_yes'), { session: session.id }, 'danger'),
        sessionKinds.keep.button(ctx.t('session.cancel_no'), { session: session.id }),
      ])
      .build(),
  );
}

/** "No, mantenerla": the question goes, the session stays as it was. */
export async function keepSession(ctx: Ctx, sessionId: string): Promise<Reply> {
  const { words } = await ownSession(ctx, sessionId);
  return { messages: [], replaceOriginal: textMessage(ctx.t('session.kept', words)) };
}

/** Decline (optional reason), held (notes, agreements) and not held (reason) ask through a small form. */
export async function openSessionForm(
  ctx: Ctx,
  sessionId: string,
  kind: 'decline' | 'held' | 'not_held',
): Promise<Reply> {
  const { session, pairing } = await sessionAndPairing(ctx, sessionId);
  if (kind === 'decline') {
    authorize(ctx.actor, 'session.respond', { kind: 'session', session, pairing });
    if (session.state !== 'proposed')
      throw new DomainError('transition.not_allowed', {
        entity: 'session',
        from: session.state,
        event: kind,
      });
  } else {
    authorize(ctx.actor, 'session.report', { kind: 'session', session, pairing });
    if (!canReportOutcome(session.state, session.startsAt, ctx.now)) {
      throw new DomainError('transition.not_allowed', {
        entity: 'session',
        from: session.state === 'confirmed' ? 'not_started' : session.state,
        event: kind,
      });
    }
  }
  const field = (id: string, required: boolean) => ({
    id,
    kind: 'long_text' as const,
    label: ctx.t(`session.form.${id}`),
    required,
    maxLength: SESSION_TEXT_MAX,
  });
  const fields =
    kind === 'held'
      ? [field('notes', false), field('agreements', false)]
      : [field('reason', kind === 'not_held')];
  return {
    messages: [],
    openForm: sessionKinds[kind].form(
      { title: ctx.t(`session.form.${kind}_title`), submitLabel: ctx.t('common.save'), fields },
      { session: session.id },
    ),
  };
}

export async function submitSessionForm(
  ctx: Ctx,
  sessionId: string,
  kind: 'decline' | 'held' | 'not_held',
  values: Record<string, string | string[]>,
): Promise<Reply> {
  const str = (id: string) => (typeof values[id] === 'string' ? (values[id] as string).trim() : '') || null;
  const answer =
    kind === 'held'
      ? ({ event: 'held', notes: str('notes'), agreements: str('agreements') } as const)
      : ({ event: kind, reason: str('reason') } as const);
  if (kind === 'not_held' && !answer.reason)
    return {
      messages: [textMessage(ctx.t('forms.required'))],
      formErrors: { reason: ctx.t('forms.required') },
    };
  const { session, pairing } = await answerSession(ctx.deps, ctx.acting, sessionId, answer);
  if (ctx.person.id !== pairing.mentorId && ctx.person.id !== pairing.menteeId) {
    // An admin recorded a paper form: both people hear it, and the admin sees it done.
    for (const personId of [pairing.mentorId, pairing.menteeId]) {
      await notify(ctx, personId, ({ t, fmt }) =>
        textMessage(
          t('paper.session_told', {
            admin: ctx.person.name,
            when: fmt.dateTime(session.startsAt),
            outcome: t(`session.state.${session.state}`),
          }),
        ),
      );
    }
    const text = ctx.t('paper.session_done', {
      when: ctx.fmt.dateTime(session.startsAt),
      outcome: ctx.t(`session.state.${session.state}`),
    });
    return { messages: [], replaceOriginal: textMessage(text) };
  }
  const otherId = counterpartOf(pairing, ctx.person.id);
  const other = await getPerson(ctx.deps.db, ctx.tenant.id, otherId);
  await notify(ctx, otherId, ({ t, fmt }) =>
    textMessage(
      t(`session.told.${kind}`, {
        name: ctx.person.name,
        when: fmt.dateTime(session.startsAt),
        reason: session.reason ?? '—',
      }),
    ),
  );
  const text = ctx.t(`session.done.${kind}`, {
    name: other?.name ?? '',
    when: ctx.fmt.dateTime(session.startsAt),
  });
  return { messages: [], replaceOriginal: textMessage(text) };
}

/**
 * What the person must hear about the time they typed: it did not exist that day (clocks sprang
 * forward, so the next valid time was taken) or it happened twice (the first was taken).
 */
function timeNote(ctx: Ctx, typed: string, parsed: LocalTime): OutboundMessage | undefined {
  const place = placeName(ctx.person.timezone);
  if (parsed.movedTo) {
    const asked = /(\d{1,2})[:.h](\d{2})/.exec(typed);
    const wanted = asked ? `${(asked[1] as string).padStart(2, '0')}:${asked[2]}` : typed;
    return textMessage(
      ctx.t('dates.time_moved', {
        asked: wanted,
        place,
        chosen: ctx.fmt.time(parsed.at),
        zone: ctx.fmt.zone(parsed.at),
      }),
    );
  }
  if (parsed.ambiguous)
    return textMessage(
      ctx.t('dates.time_twice', { place, chosen: ctx.fmt.time(parsed.at), zone: ctx.fmt.zone(parsed.at) }),
    );
  return undefined;
}

/** "America/New_York" → "New York": how people name the place whose clock it is. */
function placeName(zone: string): string {
  return (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');
}

/** `sesiones`: upcoming sessions and those waiting for an answer or a report. */
export async function listSessions(ctx: Ctx): Promise<Reply> {
  const { t } = ctx;
  const standing = await standingOf(ctx);
  const pairings = [...(standing.asMentee ? [standing.asMentee] : []), ...standing.asMentor];
  if (pairings.length === 0)
    return reply(textMessage(t(ctx.actor.staffRole ? 'goals.staff_overview' : 'goals.not_participant')));
  const sessions = await listSessionsOfPairings(
    ctx.deps.db,
    ctx.tenant.id,
    pairings.map((p) => p.id),
  );
  const relevant = sessions.filter((s) => s.state === 'proposed' || s.state === 'confirmed');
  const held = sessions.filter((s) => s.state === 'held').length;
  const builder = message(t('session.list.title')).text(t('session.list.title'));
  if (relevant.length === 0) builder.context(t('session.list.none'));
  for (const session of relevant) {
    const pairing = pairings.find((p) => p.id === session.pairingId) as Pairing;
    const otherName = nameOf(standing, counterpartOf(pairing, ctx.person.id));
    builder
      .divider()
      .fields([
        { label: t('session.field.state'), value: t(`session.state.${session.state}`) },
        ...sessionFields(ctx, session, otherName),
      ]);
    builder.buttons(sessionButtons(ctx, session, true));
  }
  builder.context(t('session.list.held', { count: held, min: standing.program?.settings.minSessions ?? 0 }));
  builder.buttons([menuKind.button(t('menu.new_session'), { cmd: 'new_session' }, 'primary')]);
  return reply(builder.build());
}

function sessionButtons(ctx: Ctx, session: MentoringSession, inList = false): Button[] {
  const { t } = ctx;
  const value = inList ? ({ session: session.id, inList: 1 } as const) : { session: session.id };
  if (session.state === 'proposed') {
    if (session.proposedBy === ctx.person.id)
      return [sessionKinds.cancel.button(t('session.cancel'), value, 'danger')];
    return [
      sessionKinds.accept.button(t('session.accept'), value, 'primary'),
      sessionKinds.counter.button(t('session.counter'), value),
      sessionKinds.decline.button(t('session.decline'), value, 'danger'),
    ];
  }
  if (canReportOutcome(session.state, session.startsAt, ctx.now)) {
    return [
      sessionKinds.held.button(t('session.held'), value, 'primary'),
      sessionKinds.not_held.button(t('session.not_held'), value),
    ];
  }
  return [
    sessionKinds.counter.button(t('session.reschedule'), value),
    sessionKinds.cancel.button(t('session.cancel'), value, 'danger'),
  ];
}

/** Sessions waiting for this person: proposals to answer, sessions to report. */
export async function pendingSessions(
  ctx: Ctx,
  standing: Standing,
): Promise<{ toAnswer: MentoringSession[]; toReport: MentoringSession[] }> {
  const pairings = [...(standing.asMentee ? [standing.asMentee] : []), ...standing.asMentor];
  const sessions = await listSessionsOfPairings(
    ctx.deps.db,
    ctx.tenant.id,
    pairings.map((p) => p.id),
  );
  return {
    toAnswer: sessions.filter((s) => s.state === 'proposed' && s.proposedBy !== ctx.person.id),
    toReport: sessions.filter((s) => canReportOutcome(s.state, s.startsAt, ctx.now)),
  };
}

/** 1:1 sessions: proposing a time, answering, cancelling, and saying whether it was held. */
export const sessionFeature: Feature = {
  name: 'sessions',
  commands: [
    command({
      name: 'new_session',
      words: ['sesion nueva', 'nueva sesion', 'new session'],
      rule: 'session.plan',
      menteeCycle: true,
      menu: { mentee: 2, mentor: 2, plan_mentor: 2, colleague: 1 },
      run: async (ctx, _args, dispatch) => dispatch.start(ctx, SESSION_FLOW, await startSessionProposal(ctx)),
    }),
    command({
      name: 'sessions',
      words: ['sesiones', 'mis sesiones', 'sessions', 'my sessions'],
      readOnly: true,
      notesOpenFlow: true,
      rule: 'session.view',
      help: ['mentee', 'plan_mentor', 'colleague', 'mentor'],
      menu: { mentee: 3, mentor: 3, plan_mentor: 3, colleague: 2 },
      run: (ctx) => listSessions(ctx),
    }),
  ],
  actions: [
    onClick(sessionKinds.accept, (ctx, v) => answerSessionButton(ctx, v.session, 'accept', v.inList === 1)),
    onClick(sessionKinds.cancel_confirm, (ctx, v) =>
      answerSessionButton(ctx, v.session, 'cancel', v.inList === 1),
    ),
    onClick(sessionKinds.cancel, (ctx, v) => askCancelSession(ctx, v.session)),
    onClick(sessionKinds.keep, (ctx, v) => keepSession(ctx, v.session)),
    onClick(sessionKinds.counter, async (ctx, v, dispatch) =>
      dispatch.start(ctx, SESSION_FLOW, await startCounterProposal(ctx, v.session)),
    ),
    onClick(sessionKinds.decline, (ctx, v) => openSessionForm(ctx, v.session, 'decline')),
    onClick(sessionKinds.held, (ctx, v) => openSessionForm(ctx, v.session, 'held')),
    onClick(sessionKinds.not_held, (ctx, v) => openSessionForm(ctx, v.session, 'not_held')),
  ],
  forms: [
    onSubmit(sessionKinds.decline, (ctx, v, fields) => submitSessionForm(ctx, v.session, 'decline', fields)),
    onSubmit(sessionKinds.held, (ctx, v, fields) => submitSessionForm(ctx, v.session, 'held', fields)),
    onSubmit(sessionKinds.not_held, (ctx, v, fields) =>
      submitSessionForm(ctx, v.session, 'not_held', fields),
    ),
  ],
  flows: [sessionFlow],
};
