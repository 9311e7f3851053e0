import { z } from 'zod';
import { planAuthorOf } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import type { MilestoneStatus } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import type { T } from '../i18n/index.ts';
import { type Button, message, type OutboundMessage, textMessage } from '../messages/model.ts';
import { type GoalReport, NOTE_MAX, respondToIssue, submitCheckin } from '../services/checkin.service.ts';
import { requirePairPhase } from '../services/phase.ts';
import type { ProgressUpdate } from '../store/checkin.store.ts';
import { getGoal, listGoalsOfPairing, listMilestones } from '../store/goal.store.ts';
import { type Ctx, notify, type Reply, reply } from './context.ts';
import { done, type Flow, type FlowState, type FlowTurn, flowButton, goTo, stay } from './flow.ts';
import { parseDate } from './parse-date.ts';
import { actionKind, command, type Feature, onClick, onSubmit } from './registry.ts';
import { planReviewers, requireAuthor, reviewerWords, standingOf } from './standing.ts';

export const CHECKIN_FLOW = 'checkin';
/** An alert or restriction a check-in raised (the progress update that carries it). */
const issueValue = z.object({ update: z.string().max(64) });
/** The reviewer answers an alert: a button that opens the reply form, and the form. */
export const replyIssueKind = actionKind('checkin.reply', issueValue, { u: 'update' });
/** The reviewer marks it resolved. */
export const resolveIssueKind = actionKind('checkin.resolve', issueValue, { u: 'update' });

/** Reply and Mark resolved, for an open alert or restriction. */
export function issueButtons(t: T, updateId: string): Button[] {
  return [
    replyIssueKind.button(t('checkin.issue.reply'), { update: updateId }, 'primary'),
    resolveIssueKind.button(t('checkin.issue.resolve'), { update: updateId }),
  ];
}

const STATUSES = ['on_track', 'alert', 'restriction', 'done'] as const;

const dataSchema = z.object({
  pairingId: z.string(),
  queue: z.array(
    z.object({
      goalId: z.string(),
      title: z.string(),
      /** The goal's due date: a rescheduled milestone still falls on or before it. */
      goalDue: z.string().optional(),
      milestones: z.array(z.object({ id: z.string(), title: z.string(), due: z.string() })),
    }),
  ),
  gi: z.number().int(),
  mi: z.number().int(),
  reports: z.array(
    z.object({
      goalId: z.string(),
      progress: z.number().int().nullable(),
      note: z.string().nullable(),
      milestones: z.array(
        z.object({
          milestoneId: z.string(),
          status: z.enum(STATUSES),
          note: z.string().nullable(),
          newDueDate: z.string().nullable(),
        }),
      ),
    }),
  ),
  status: z.enum(STATUSES).optional(),
  note: z.string().nullable().optional(),
});
type Data = z.infer<typeof dataSchema>;

function current(data: Data) {
  const goal = data.queue[data.gi];
  return { goal, milestone: goal?.milestones[data.mi] };
}

function ask(ctx: Ctx, step: string, data: Data): OutboundMessage {
  const { t } = ctx;
  const { goal, milestone } = current(data);
  if (step === 'progress') {
    return message(t('checkin.ask.progress', { title: goal?.title }))
      .text(t('checkin.ask.progress', { title: goal?.title }))
      .context(t('checkin.hint.progress'))
      .build();
  }
  if (step === 'ms_status') {
    return message(t('checkin.ask.status', { title: milestone?.title }))
      .text(
        t('checkin.ask.status', {
          title: milestone?.title,
          due: milestone ? ctx.fmt.date(milestone.due) : '',
        }),
      )
      .buttons(
        STATUSES.map((s) =>
          flowButton(
            CHECKIN_FLOW,
            'ms_status',
            s,
            t(`milestone.status.${s}`),
            s === 'on_track' ? 'primary' : undefined,
          ),
        ),
      )
      .context(t('checkin.hint.status'))
      .build();
  }
  if (step === 'ms_note')
    return textMessage(t(`checkin.ask.note_${data.status}`, { title: milestone?.title }));
  return textMessage(t('checkin.ask.new_date', { title: milestone?.title }));
}

/**
 * `avance`: the weekly check-in of the plan's author (the mentee; a reverse program's mentor),
 * one approved goal and milestone at a time.
 */
export async function startCheckin(ctx: Ctx, pairingId?: string): Promise<FlowTurn> {
  const standing = await standingOf(ctx);
  const pairing = requireAuthor(standing, pairingId);
  // Refused at once, with the dates, rather than after the questions.
  await requirePairPhase(ctx.deps.db, ctx.acting, pairing, 'checkin.report', ctx.now);
  const goals = (await listGoalsOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id)).filter(
    (g) => g.state === 'approved',
  );
  if (goals.length === 0) return done(reply(textMessage(ctx.t('checkin.no_goals'))));
  const queue = [];
  for (const goal of goals) {
    const milestones = (await listMilestones(ctx.deps.db, ctx.tenant.id, goal.id)).filter(
      (m) => m.status !== 'done',
    );
    queue.push({
      goalId: goal.id,
      title: goal.title,
      goalDue: goal.dueDate,
      milestones: milestones.map((m) => ({ id: m.id, title: m.title, due: m.dueDate })),
    });
  }
  const data: Data = { pairingId: pairing.id, queue, gi: 0, mi: 0, reports: [] };
  return goTo(
    'progress',
    data,
    reply(textMessage(ctx.t('checkin.intro', { count: goals.length })), ask(ctx, 'progress', data)),
  );
}

/** Records the current milestone's answer and moves to the next milestone, goal, or the end. */
async function recordMilestone(
  ctx: Ctx,
  data: Data,
  status: MilestoneStatus,
  note: string | null,
  newDueDate: string | null,
): Promise<FlowTurn> {
  const { goal, milestone } = current(data);
  if (!goal || !milestone) return finish(ctx, data);
  const reports = data.reports.map((r) =>
    r.goalId === goal.goalId
      ? { ...r, milestones: [...r.milestones, { milestoneId: milestone.id, status, note, newDueDate }] }
      : r,
  );
  return advance(ctx, { ...data, reports, mi: data.mi + 1, status: undefined, note: undefined });
}

async function advance(ctx: Ctx, data: Data): Promise<FlowTurn> {
  const { goal, milestone } = current(data);
  if (goal && milestone) return goTo('ms_status', data, reply(ask(ctx, 'ms_status', data)));
  const nextData = { ...data, gi: data.gi + 1, mi: 0 };
  if (nextData.gi < data.queue.length)
    return goTo('progress', nextData, reply(ask(ctx, 'progress', nextData)));
  return finish(ctx, data);
}

async function finish(ctx: Ctx, data: Data): Promise<FlowTurn> {
  const { pairing, attention } = await submitCheckin(ctx.deps, ctx.acting, {
    pairingId: data.pairingId,
    zone: ctx.person.timezone,
    goals: data.reports as GoalReport[],
  });
  const reviewers = attention.length ? await planReviewers(ctx, pairing) : [];
  for (const update of attention)
    for (const reviewerId of reviewers)
      await notify(ctx, reviewerId, (reader) => issueMessage(reader, update, ctx.person.name, data));
  const key = attention.length ? 'checkin.done_with_issues' : 'checkin.done';
  return done(
    reply(textMessage(ctx.t(key, { count: attention.length, ...(await reviewerWords(ctx, pairing.id)) }))),
  );
}

function issueMessage(
  { t, fmt }: Pick<Ctx, 't' | 'fmt'>,
  update: ProgressUpdate,
  menteeName: string,
  data: Data,
): OutboundMessage {
  const goal = data.queue.find((g) => g.goalId === update.goalId);
  const milestone = goal?.milestones.find((m) => m.id === update.milestoneId);
  const vars = { name: menteeName, milestone: milestone?.title ?? '', goal: goal?.title ?? '' };
  const builder = message(t(`checkin.issue.${update.status}_summary`, vars)).text(
    t(`checkin.issue.${update.status}`, vars),
  );
  if (update.note) builder.context(t('checkin.issue.note', { note: update.note }));
  if (update.newDueDate && update.previousDueDate) {
    builder.context(
      t('checkin.issue.rescheduled', {
        from: fmt.date(update.previousDueDate),
        to: fmt.date(update.newDueDate),
      }),
    );
  }
  return builder.buttons(issueButtons(t, update.id)).build();
}

function parseProgress(text: string): { progress: number; note: string | null } | undefined {
  const match = /^(\d{1,3})\s*%?[\s,.:;-]*(.*)$/s.exec(text.trim());
  if (!match) return undefined;
  const progress = Number(match[1]);
  if (progress > 100) return undefined;
  return { progress, note: match[2]?.trim() || null };
}

function statusFromText(text: string): (typeof STATUSES)[number] | undefined {
  const words: Record<string, (typeof STATUSES)[number]> = {
    'en curso': 'on_track',
    'a tiempo': 'on_track',
    bien: 'on_track',
    'on track': 'on_track',
    ok: 'on_track',
    alerta: 'alert',
    alert: 'alert',
    riesgo: 'alert',
    restriccion: 'restriction',
    restricción: 'restriction',
    restriction: 'restriction',
    cumplido: 'done',
    hecho: 'done',
    done: 'done',
    completed: 'done',
  };
  return words[text.trim().toLowerCase()];
}

export const checkinFlow: Flow = {
  name: CHECKIN_FLOW,
  titleKey: 'flows.checkin',

  async onText(ctx, state, raw) {
    const text = raw.trim();
    const data = dataSchema.parse(state.data);
    switch (state.step) {
      case 'progress': {
        const parsed = parseProgress(text);
        if (!parsed) return stay(state, reply(textMessage(ctx.t('checkin.coach.progress'))));
        if (parsed.note && parsed.note.length > NOTE_MAX)
          return stay(
            state,
            reply(
              textMessage(ctx.t('errors.input.too_long', { field: ctx.t('checkin.note'), max: NOTE_MAX })),
            ),
          );
        const { goal } = current(data);
        const reports = [
          ...data.reports,
          { goalId: goal?.goalId ?? '', progress: parsed.progress, note: parsed.note, milestones: [] },
        ];
        return advance(ctx, { ...data, reports });
      }
      case 'ms_status': {
        const status = statusFromText(text);
        if (!status) return stay(state, reply(ask(ctx, 'ms_status', data)));
        return checkinFlow.onChoice(ctx, state, status);
      }
      case 'ms_note': {
        if (text.length < 3)
          return stay(
            state,
            reply(textMessage(ctx.t('checkin.coach.note', await reviewerWords(ctx, data.pairingId)))),
          );
        if (text.length > NOTE_MAX)
          return stay(
            state,
            reply(
              textMessage(ctx.t('errors.input.too_long', { field: ctx.t('checkin.note'), max: NOTE_MAX })),
            ),
          );
        if (data.status === 'restriction')
          return goTo('ms_date', { ...data, note: text }, reply(ask(ctx, 'ms_date', data)));
        return recordMilestone(ctx, data, data.status ?? 'alert', text, null);
      }
      case 'ms_date': {
        const date = parseDate(text, ctx.now, ctx.person.timezone);
        if (!date) return stay(state, reply(textMessage(ctx.t('dates.unreadable_date'))));
        if (date <= localDate(ctx.now, ctx.person.timezone))
          return stay(state, reply(textMessage(ctx.t('errors.milestone.new_date_past'))));
        const goalDue = data.queue[data.gi]?.goalDue;
        if (goalDue && date > goalDue)
          return stay(
            state,
            reply(textMessage(ctx.t('errors.milestone.new_date_late', { latest: ctx.fmt.date(goalDue) }))),
          );
        return recordMilestone(ctx, data, 'restriction', data.note ?? null, date);
      }
      default:
        return stay(state, reply(ask(ctx, state.step, data)));
    }
  },

  async onChoice(ctx, state: FlowState, choice) {
    const data = dataSchema.parse(state.data);
    if (state.step !== 'ms_status' || !(STATUSES as readonly string[]).includes(choice)) {
      return stay(state, reply(textMessage(ctx.t('flow.stale_button'))));
    }
    const status = choice as (typeof STATUSES)[number];
    if (status === 'on_track' || status === 'done') return recordMilestone(ctx, data, status, null, null);
    const nextData = { ...data, status };
    return goTo('ms_note', nextData, reply(ask(ctx, 'ms_note', nextData)));
  },
};

/** The mentor's answer to an alert or restriction, from the message's buttons. */
export function openIssueReply(ctx: Ctx, updateId: string): Reply {
  return {
    messages: [],
    openForm: replyIssueKind.form(
      {
        title: ctx.t('checkin.issue.reply'),
        submitLabel: ctx.t('common.send'),
        fields: [
          {
            id: 'reply',
            kind: 'long_text',
            label: ctx.t('checkin.issue.reply_label'),
            required: true,
            maxLength: NOTE_MAX,
          },
        ],
      },
      { update: updateId },
    ),
  };
}

export async function answerIssue(
  ctx: Ctx,
  updateId: string,
  text: string | null,
  resolve: boolean,
): Promise<Reply> {
  if (!resolve && !text?.trim())
    return {
      messages: [textMessage(ctx.t('forms.required'))],
      formErrors: { reply: ctx.t('forms.required') },
    };
  const { update, pairing } = await respondToIssue(ctx.deps, ctx.acting, updateId, { reply: text, resolve });
  const goal = await getGoal(ctx.deps.db, ctx.tenant.id, update.goalId);
  if (!goal) throw new DomainError('record.not_found', { entity: 'goal' });
  await notify(ctx, planAuthorOf(pairing), ({ t }) =>
    textMessage(
      t(resolve ? 'checkin.issue.resolved_told' : 'checkin.issue.replied_told', {
        name: ctx.person.name,
        goal: goal.title,
        reply: text ?? '',
      }),
    ),
  );
  return {
    messages: [],
    replaceOriginal: textMessage(
      ctx.t(resolve ? 'checkin.issue.resolved' : 'checkin.issue.replied', {
        goal: goal.title,
        reply: text ?? '',
      }),
    ),
  };
}

/** The weekly check-in, and the reviewer's answers to the alerts it raises. */
export const checkinFeature: Feature = {
  name: 'checkin',
  commands: [
    command<{ pairing?: string }>({
      name: 'checkin',
      words: ['avance', 'avance semanal', 'check-in', 'checkin', 'check in'],
      rule: 'checkin.report',
      menteeCycle: true,
      help: ['mentee', 'plan_mentor'],
      menu: { mentee: 4, plan_mentor: 4 },
      pairArg: (pairing) => ({ pairing }),
      run: async (ctx, { pairing }, dispatch) =>
        dispatch.start(ctx, CHECKIN_FLOW, await startCheckin(ctx, pairing)),
    }),
  ],
  actions: [
    onClick(replyIssueKind, async (ctx, v) => openIssueReply(ctx, v.update)),
    onClick(resolveIssueKind, (ctx, v) => answerIssue(ctx, v.update, null, true)),
  ],
  forms: [
    onSubmit(replyIssueKind, (ctx, v, fields) =>
      answerIssue(ctx, v.update, typeof fields.reply === 'string' ? fields.reply : null, false),
    ),
  ],
  flows: [checkinFlow],
};
