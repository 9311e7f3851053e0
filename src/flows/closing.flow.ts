import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { type Evaluation, GOAL_OUTCOMES, type GoalOutcome, type Pairing } from '../domain/model.ts';
import { message, type OutboundMessage, textMessage } from '../messages/model.ts';
import {
  acknowledgeEvaluation,
  answerSurvey,
  EVALUATION_TEXT_MAX,
  releaseEvaluation,
  submitEvaluation,
} from '../services/evaluation.service.ts';
import { requirePairPhase } from '../services/phase.ts';
import { getEvaluationOfPairing, hasAnsweredSurvey } from '../store/evaluation.store.ts';
import { listGoalsOfPairing } from '../store/goal.store.ts';
import { getPerson } from '../store/person.store.ts';
import { getPairing } from '../store/program.store.ts';
import { type Ctx, notify, type Reply, reply } from './context.ts';
import { done, type Flow, type FlowState, type FlowTurn, flowButton, goTo, isSkip, stay } from './flow.ts';
import { actionKind, command, type Feature, onClick } from './registry.ts';
import { mentorWords, nameOf, standingOf } from './standing.ts';
import type { Reader } from './views.ts';

export const EVALUATION_FLOW = 'evaluation';
export const SURVEY_FLOW = 'survey';
const evaluationValue = z.object({ evaluation: z.string().max(64) });
/** The mentor releases the evaluation to the mentee. */
export const releaseEvaluationKind = actionKind('evaluation.release', evaluationValue, { e: 'evaluation' });
/** The mentee acknowledges it (and is asked to rate the program). */
export const acknowledgeEvaluationKind = actionKind('evaluation.acknowledge', evaluationValue, {
  e: 'evaluation',
});
/** Starts the program's survey. */
export const startSurveyKind = actionKind('survey.start', z.object({}));

const evalData = z.object({
  pairingId: z.string().optional(),
  goals: z.array(z.object({ goalId: z.string(), title: z.string() })).default([]),
  gi: z.number().int().default(0),
  entries: z
    .array(
      z.object({
        goalId: z.string(),
        outcome: z.enum(GOAL_OUTCOMES),
        rating: z.number().int(),
        comment: z.string(),
      }),
    )
    .default([]),
  outcome: z.enum(GOAL_OUTCOMES).optional(),
  rating: z.number().int().optional(),
  strengths: z.string().optional(),
  improvements: z.string().optional(),
  competencyNotes: z.string().nullable().optional(),
});
type EvalData = z.infer<typeof evalData>;

function askEval(
  ctx: Ctx,
  step: string,
  data: EvalData,
  options: { pairings?: { id: string; name: string }[] } = {},
): OutboundMessage {
  const { t } = ctx;
  const goal = data.goals[data.gi];
  switch (step) {
    case 'with':
      return message(t('evaluation.ask.with'))
        .text(t('evaluation.ask.with'))
        .buttons((options.pairings ?? []).map((p) => flowButton(EVALUATION_FLOW, 'with', p.id, p.name)))
        .build();
    case 'outcome':
      return message(t('evaluation.ask.outcome', { title: goal?.title }))
        .text(t('evaluation.ask.outcome', { title: goal?.title }))
        .buttons(GOAL_OUTCOMES.map((o) => flowButton(EVALUATION_FLOW, 'outcome', o, t(`goal.state.${o}`))))
        .build();
    case 'rating':
      return message(t('evaluation.ask.rating'))
        .text(t('evaluation.ask.rating', { title: goal?.title }))
        .buttons([1, 2, 3, 4, 5].map((n) => flowButton(EVALUATION_FLOW, 'rating', String(n), String(n))))
        .context(t('evaluation.hint.rating'))
        .build();
    case 'summary':
      return message(t('evaluation.summary.title'))
        .text(t('evaluation.summary.title'))
        .fields(evaluationFields(ctx, data.entries, data.goals, data))
        .buttons([
          flowButton(EVALUATION_FLOW, 'summary', 'submit', t('evaluation.summary.submit'), 'primary'),
          flowButton(EVALUATION_FLOW, 'summary', 'cancel', t('common.cancel'), 'danger'),
        ])
        .build();
    default:
      return message(t(`evaluation.ask.${step}`))
        .text(t(`evaluation.ask.${step}`, { title: goal?.title }))
        .context(
          t(
            step === 'comment' || step === 'competency_notes'
              ? 'common.skip_hint'
              : `evaluation.hint.${step}`,
          ),
        )
        .build();
  }
}

function evaluationFields(
  { t }: Pick<Reader, 't'>,
  entries: EvalData['entries'],
  goals: { goalId: string; title: string }[],
  extra: {
    strengths?: string | null | undefined;
    improvements?: string | null | undefined;
    competencyNotes?: string | null | undefined;
  },
): { label: string; value: string }[] {
  const rows = entries.map((e) => ({
    label: goals.find((g) => g.goalId === e.goalId)?.title ?? '',
    value: `${t(`goal.state.${e.outcome}`)} · ${'★'.repeat(e.rating)}${'☆'.repeat(5 - e.rating)}${e.comment ? `\n${e.comment}` : ''}`,
  }));
  if (extra.strengths) rows.push({ label: t('evaluation.field.strengths'), value: extra.strengths });
  if (extra.improvements) rows.push({ label: t('evaluation.field.improvements'), value: extra.improvements });
  if (extra.competencyNotes)
    rows.push({ label: t('evaluation.field.competency_notes'), value: extra.competencyNotes });
  return rows;
}

/** Starts the evaluation of one pairing (the mentor's own, or an admin's paper form). */
export async function startEvaluationFor(ctx: Ctx, pairing: Pairing): Promise<FlowTurn> {
  return beginFor(ctx, pairing);
}

async function beginFor(ctx: Ctx, pairing: Pairing): Promise<FlowTurn> {
  await requirePairPhase(ctx.deps.db, ctx.acting, pairing, 'evaluation.write', ctx.now);
  if (await getEvaluationOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id))
    throw new DomainError('evaluation.exists');
  const goals = (await listGoalsOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id)).filter(
    (g) => g.state === 'approved',
  );
  if (goals.length === 0) throw new DomainError('evaluation.no_goals');
  const data: EvalData = {
    pairingId: pairing.id,
    goals: goals.map((g) => ({ goalId: g.id, title: g.title })),
    gi: 0,
    entries: [],
  };
  return goTo(
    'outcome',
    data,
    reply(textMessage(ctx.t('evaluation.intro', { count: goals.length })), askEval(ctx, 'outcome', data)),
  );
}

/**
 * `evaluar`: the mentor evaluates a mentee's approved goals. For a mentee, the same word shows
 * their evaluation once released, or says it is not ready yet.
 */
export async function startEvaluation(ctx: Ctx): Promise<FlowTurn> {
  const standing = await standingOf(ctx);
  // A reverse pair closes with the mentor's work report: there is no evaluation to write or read.
  const evaluated = standing.asMentor.filter((p) => p.planAuthor === 'mentee');
  const reverse =
    standing.asMentee?.planAuthor === 'mentor' || standing.asMentor.some((p) => p.planAuthor === 'mentor');
  if (evaluated.length === 0) {
    if (standing.asMentee?.planAuthor === 'mentee')
      return done(await menteeEvaluationView(ctx, standing.asMentee));
    if (reverse) throw new DomainError('evaluation.reverse_report');
    throw new DomainError('auth.forbidden', { action: 'evaluation.write' });
  }
  const open = [];
  for (const p of evaluated) {
    if (!(await getEvaluationOfPairing(ctx.deps.db, ctx.tenant.id, p.id))) open.push(p);
  }
  if (open.length === 0) return done(reply(textMessage(ctx.t('evaluation.all_done'))));
  if (open.length === 1) return beginFor(ctx, open[0] as Pairing);
  const pairings = open.map((p) => ({ id: p.id, name: nameOf(standing, p.menteeId) }));
  return goTo('with', {}, reply(askEval(ctx, 'with', { goals: [], gi: 0, entries: [] }, { pairings })));
}

async function menteeEvaluationView(ctx: Ctx, pairing: Pairing): Promise<Reply> {
  const evaluation = await getEvaluationOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id);
  if (!evaluation || evaluation.state === 'draft' || evaluation.state === 'submitted') {
    return reply(textMessage(ctx.t('evaluation.not_yet', await mentorWords(ctx, pairing.id))));
  }
  const standing = await standingOf(ctx);
  return reply(await evaluationForMentee(ctx, evaluation, nameOf(standing, pairing.mentorId)));
}

async function evaluationForMentee(
  ctx: Ctx | (Reader & { deps: Ctx['deps']; tenant: Ctx['tenant'] }),
  evaluation: Evaluation,
  mentorName: string,
): Promise<OutboundMessage> {
  const { t } = ctx;
  const goals = await listGoalsOfPairing(ctx.deps.db, ctx.tenant.id, evaluation.pairingId);
  const builder = message(t('evaluation.released.summary', { name: mentorName }))
    .text(t('evaluation.released.text', { name: mentorName }))
    .fields(
      evaluationFields(
        ctx,
        evaluation.goals,
        goals.map((g) => ({ goalId: g.id, title: g.title })),
        evaluation,
      ),
    );
  if (evaluation.state === 'released') {
    builder.buttons([
      acknowledgeEvaluationKind.button(t('evaluation.acknowledge'), { evaluation: evaluation.id }, 'primary'),
    ]);
  } else {
    builder.context(t('evaluation.acknowledged_note'));
  }
  return builder.build();
}

function textWithin(ctx: Ctx, text: string): string | null {
  return text.length > EVALUATION_TEXT_MAX
    ? ctx.t('errors.input.too_long', { field: '', max: EVALUATION_TEXT_MAX })
    : null;
}

async function submitEval(ctx: Ctx, data: EvalData): Promise<FlowTurn> {
  const { evaluation, pairing } = await submitEvaluation(ctx.deps, ctx.acting, {
    pairingId: data.pairingId ?? '',
    goals: data.entries,
    strengths: data.strengths ?? null,
    improvements: data.improvements ?? null,
    competencyNotes: data.competencyNotes ?? null,
  });
  const name = (await getPerson(ctx.deps.db, ctx.tenant.id, pairing.menteeId))?.name ?? '';
  if (ctx.person.id !== pairing.mentorId) {
    // An admin entered it from a paper form: the mentor hears it was done in their name.
    await notify(ctx, pairing.mentorId, ({ t }) =>
      textMessage(t('paper.evaluation_told', { admin: ctx.person.name, name })),
    );
  }
  return done(
    reply(
      message(ctx.t('evaluation.saved', { name }))
        .text(ctx.t('evaluation.saved', { name }))
        .buttons([
          releaseEvaluationKind.button(
            ctx.t('evaluation.release', { name }),
            { evaluation: evaluation.id },
            'primary',
          ),
        ])
        .build(),
    ),
  );
}

export const evaluationFlow: Flow = {
  name: EVALUATION_FLOW,
  titleKey: 'flows.evaluation',

  async onText(ctx, state, raw) {
    const text = raw.trim();
    const data = evalData.parse(state.data);
    switch (state.step) {
      case 'outcome': {
        const map: Record<string, GoalOutcome> = {
          lograda: 'achieved',
          achieved: 'achieved',
          parcial: 'partly_achieved',
          parcialmente: 'partly_achieved',
          partly: 'partly_achieved',
          'no lograda': 'not_achieved',
          'not achieved': 'not_achieved',
        };
        const outcome = map[text.toLowerCase()];
        if (!outcome) return stay(state, reply(askEval(ctx, 'outcome', data)));
        return evaluationFlow.onChoice(ctx, state, outcome);
      }
      case 'rating':
        if (!/^[1-5]$/.test(text)) return stay(state, reply(askEval(ctx, 'rating', data)));
        return evaluationFlow.onChoice(ctx, state, text);
      case 'comment': {
        const problem = textWithin(ctx, text);
        if (problem) return stay(state, reply(textMessage(problem)));
        const goal = data.goals[data.gi];
        const entries = [
          ...data.entries,
          {
            goalId: goal?.goalId ?? '',
            outcome: data.outcome ?? 'achieved',
            rating: data.rating ?? 3,
            comment: isSkip(text) ? '' : text,
          },
        ];
        const nextData = { ...data, entries, gi: data.gi + 1, outcome: undefined, rating: undefined };
        const step = nextData.gi < data.goals.length ? 'outcome' : 'strengths';
        return goTo(step, nextData, reply(askEval(ctx, step, nextData)));
      }
      case 'strengths':
      case 'improvements': {
        if (isSkip(text) || text.length < 3)
          return stay(state, reply(textMessage(ctx.t('evaluation.coach.required'))));
        const problem = textWithin(ctx, text);
        if (problem) return stay(state, reply(textMessage(problem)));
        const nextData = { ...data, [state.step]: text };
        const step = state.step === 'strengths' ? 'improvements' : 'competency_notes';
        return goTo(step, nextData, reply(askEval(ctx, step, nextData)));
      }
      case 'competency_notes': {
        const problem = textWithin(ctx, text);
        if (problem) return stay(state, reply(textMessage(problem)));
        const nextData = { ...data, competencyNotes: isSkip(text) ? null : text };
        return goTo('summary', nextData, reply(askEval(ctx, 'summary', nextData)));
      }
      case 'summary':
        if (/^(enviar|submit|send|si|sí|yes)$/i.test(text)) return submitEval(ctx, data);
        return stay(state, reply(askEval(ctx, 'summary', data)));
      default:
        return stay(state, reply(textMessage(ctx.t('flow.use_buttons'))));
    }
  },

  async onChoice(ctx, state: FlowState, choice) {
    const data = evalData.parse(state.data);
    if (state.step === 'with') {
      const standing = await standingOf(ctx);
      const pairing = standing.asMentor.find((p) => p.id === choice);
      if (!pairing) return stay(state, reply(textMessage(ctx.t('flow.stale_button'))));
      return beginFor(ctx, pairing);
    }
    if (state.step === 'outcome' && (GOAL_OUTCOMES as readonly string[]).includes(choice)) {
      const nextData = { ...data, outcome: choice as GoalOutcome };
      return goTo('rating', nextData, reply(askEval(ctx, 'rating', nextData)));
    }
    if (state.step === 'rating' && /^[1-5]$/.test(choice)) {
      const nextData = { ...data, rating: Number(choice) };
      return goTo('comment', nextData, reply(askEval(ctx, 'comment', nextData)));
    }
    if (state.step === 'summary' && choice === 'submit') return submitEval(ctx, data);
    if (state.step === 'summary' && choice === 'cancel') {
      return done(reply(textMessage(ctx.t('flow.cancelled', { flow: ctx.t('flows.evaluation') }))));
    }
    return stay(state, reply(textMessage(ctx.t('flow.stale_button'))));
  },
};

/** "Final conversation held": the evaluation reaches the mentee. */
export async function release(ctx: Ctx, evaluationId: string): Promise<Reply> {
  const { evaluation, pairing } = await releaseEvaluation(ctx.deps, ctx.acting, evaluationId);
  await notify(ctx, pairing.menteeId, (reader) =>
    evaluationForMentee({ ...reader, deps: ctx.deps, tenant: ctx.tenant }, evaluation, ctx.person.name),
  );
  const standing = await standingOf(ctx);
  return {
    messages: [],
    replaceOriginal: textMessage(
      ctx.t('evaluation.released_to', {
        name: nameOf(standing, pairing.menteeId),
        when: ctx.fmt.dateTime(ctx.now),
      }),
    ),
  };
}

/** The mentee acknowledges the evaluation; the mentor hears it; the satisfaction survey begins. */
export async function acknowledge(ctx: Ctx, evaluationId: string): Promise<FlowTurn> {
  const { evaluation, pairing } = await acknowledgeEvaluation(ctx.deps, ctx.acting, evaluationId);
  await notify(ctx, pairing.mentorId, ({ t }) =>
    textMessage(t('evaluation.acknowledged_told', { name: ctx.person.name })),
  );
  const standing = await standingOf(ctx);
  const updated = await evaluationForMentee(ctx, evaluation, nameOf(standing, pairing.mentorId));
  const survey = await startSurvey(ctx);
  return { ...survey, reply: { ...survey.reply, replaceOriginal: updated } };
}

/** The satisfaction survey, once per cycle, for the mentee of a pair. */
export async function startSurvey(ctx: Ctx): Promise<FlowTurn> {
  const standing = await standingOf(ctx);
  // The program's participants rate it: a classic program's mentees, a reverse program's mentors.
  const pairing =
    standing.asMentee?.planAuthor === 'mentee'
      ? standing.asMentee
      : (standing.asMentor.find((p) => p.planAuthor === 'mentor') ?? standing.asMentee);
  if (!pairing) throw new DomainError('auth.forbidden', { action: 'survey.answer' });
  await requirePairPhase(ctx.deps.db, ctx.acting, pairing, 'survey.answer', ctx.now);
  if (await hasAnsweredSurvey(ctx.deps.db, ctx.tenant.id, pairing.cycleId, ctx.person.id)) {
    return done(reply(textMessage(ctx.t('errors.transition.survey'))));
  }
  return goTo(
    'satisfaction',
    { pairingId: pairing.id },
    reply(textMessage(ctx.t('survey.intro')), askSurvey(ctx, 'satisfaction')),
  );
}

const surveyData = z.object({
  pairingId: z.string(),
  satisfaction: z.number().int().optional(),
  recommend: z.number().int().optional(),
  comment: z.string().nullable().optional(),
});

function askSurvey(ctx: Ctx, step: string, vars: Record<string, string> = {}): OutboundMessage {
  const { t } = ctx;
  if (step === 'satisfaction') {
    return message(t('survey.ask.satisfaction'))
      .text(t('survey.ask.satisfaction'))
      .buttons([1, 2, 3, 4, 5].map((n) => flowButton(SURVEY_FLOW, 'satisfaction', String(n), String(n))))
      .context(t('survey.hint.satisfaction'))
      .build();
  }
  if (step === 'recommend') {
    return message(t('survey.ask.recommend'))
      .text(t('survey.ask.recommend'))
      .buttons(
        Array.from({ length: 11 }, (_, n) => flowButton(SURVEY_FLOW, 'recommend', String(n), String(n))),
      )
      .context(t('survey.hint.recommend'))
      .build();
  }
  return message(t(`survey.ask.${step}`, vars))
    .text(t(`survey.ask.${step}`, vars))
    .context(t('common.skip_hint'))
    .build();
}

export const surveyFlow: Flow = {
  name: SURVEY_FLOW,
  titleKey: 'flows.survey',

  async onText(ctx, state, raw) {
    const text = raw.trim();
    const data = surveyData.parse(state.data);
    if (state.step === 'satisfaction' || state.step === 'recommend')
      return surveyFlow.onChoice(ctx, state, text);
    const problem = textWithin(ctx, text);
    if (problem) return stay(state, reply(textMessage(problem)));
    const value = isSkip(text) ? null : text;
    // A reverse program's mentor is rated by nobody here: their survey ends with the comment.
    const ownPairing = await getPairing(ctx.deps.db, ctx.tenant.id, data.pairingId);
    if (state.step === 'comment' && ownPairing?.mentorId !== ctx.person.id)
      return goTo(
        'mentor_note',
        { ...data, comment: value },
        reply(askSurvey(ctx, 'mentor_note', await mentorWords(ctx, data.pairingId))),
      );
    await answerSurvey(ctx.deps, ctx.acting, {
      pairingId: data.pairingId,
      satisfaction: data.satisfaction ?? 0,
      recommend: data.recommend ?? -1,
      comment: state.step === 'comment' ? value : (data.comment ?? null),
      mentorNote: state.step === 'comment' ? null : value,
    });
    return done(reply(textMessage(ctx.t('survey.thanks'))));
  },

  async onChoice(ctx, state, choice) {
    const data = surveyData.parse(state.data);
    const n = Number(choice);
    if (state.step === 'satisfaction') {
      if (!/^[1-5]$/.test(choice))
        return stay(
          state,
          reply(textMessage(ctx.t('survey.coach.satisfaction')), askSurvey(ctx, 'satisfaction')),
        );
      return goTo('recommend', { ...data, satisfaction: n }, reply(askSurvey(ctx, 'recommend')));
    }
    if (state.step === 'recommend') {
      if (!/^(10|[0-9])$/.test(choice))
        return stay(state, reply(textMessage(ctx.t('survey.coach.recommend')), askSurvey(ctx, 'recommend')));
      return goTo('comment', { ...data, recommend: n }, reply(askSurvey(ctx, 'comment')));
    }
    return stay(state, reply(textMessage(ctx.t('flow.stale_button'))));
  },
};

/** Closing: the mentor's evaluation, its release and acknowledgement, and the program survey. */
export const closingFeature: Feature = {
  name: 'closing',
  commands: [
    command({
      name: 'evaluate',
      words: ['evaluar', 'evaluacion', 'evaluate', 'evaluation'],
      rule: 'evaluation.write',
      help: ['mentee', 'mentor'],
      menu: { mentee: 6, mentor: 4 },
      run: async (ctx, _args, dispatch) => dispatch.start(ctx, EVALUATION_FLOW, await startEvaluation(ctx)),
    }),
  ],
  actions: [
    onClick(releaseEvaluationKind, (ctx, v) => release(ctx, v.evaluation)),
    onClick(acknowledgeEvaluationKind, async (ctx, v, dispatch) =>
      dispatch.start(ctx, SURVEY_FLOW, await acknowledge(ctx, v.evaluation)),
    ),
    onClick(startSurveyKind, async (ctx, _v, dispatch) =>
      dispatch.start(ctx, SURVEY_FLOW, await startSurvey(ctx)),
    ),
  ],
  flows: [evaluationFlow, surveyFlow],
};
