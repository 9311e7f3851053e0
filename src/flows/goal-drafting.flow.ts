import { z } from 'zod';
import { authorize, planAuthorOf } from '../domain/authz.ts';
import { executionWindow } from '../domain/cycle.ts';
import { DomainError } from '../domain/errors.ts';
import {
  checkDueDate,
  checkGoalLimit,
  checkMilestoneDate,
  countsTowardsLimit,
  GOAL_TEXT_MAX,
  GOAL_TITLE_MAX,
} from '../domain/goal.ts';
import type { Cycle, GoalFields, Pairing } from '../domain/model.ts';
import { judgeMeasurable, judgeSpecific } from '../domain/smart-coach.ts';
import { type IsoDate, localDate } from '../domain/time.ts';
import { type Form, message, type OutboundMessage, textMessage } from '../messages/model.ts';
import { acceptSuggestion, suggestGoal, tenantAiCoach } from '../services/ai-coach.service.ts';
import { saveAndSubmitGoal } from '../services/goal.service.ts';
import { requirePairPhase } from '../services/phase.ts';
import { getGoal, listGoalsOfPairing, listRevisions } from '../store/goal.store.ts';
import { getPerson } from '../store/person.store.ts';
import { getCycle, getPairing, pairingsOf } from '../store/program.store.ts';
import { type Competency, listCompetencies } from '../store/tenant.store.ts';
import { coachHint, oneSentenceGoal, verdictLine } from './coach.ts';
import { type Ctx, notify, type Reply, reply } from './context.ts';
import { errorText } from './errors.ts';
import { done, type Flow, type FlowState, type FlowTurn, flowButton, goTo, isSkip, stay } from './flow.ts';
import { goalDateRecognizer } from './goal-dates.ts';
import { parseDate } from './parse-date.ts';
import { actionKind, command, type Feature, onClick, onSubmit } from './registry.ts';
import { planReviewers, requireAuthor, reviewerWords, standingOf } from './standing.ts';
import { competencyName, goalFieldList, reviewRequest } from './views.ts';

export const GOAL_FLOW = 'goal_draft';
export const MAX_MILESTONES = 8;

const TEXT_STEPS = ['title', 'specific', 'measurable', 'achievable', 'relevant'] as const;
type TextStep = (typeof TEXT_STEPS)[number];
const EDITABLE = [...TEXT_STEPS, 'due', 'competencies', 'milestones'] as const;

const dataSchema = z.object({
  mode: z.enum(['new', 'edit']),
  goalId: z.string().optional(),
  pairingId: z.string(),
  cycleId: z.string(),
  back: z.boolean().default(false),
  /** Per coached step, the gap the coach found last and how many times in a row (the hint changes). */
  tries: z.record(z.string(), z.object({ gap: z.string(), n: z.number() })).default({}),
  /** The answer the coach questioned, kept if the person chooses to leave it as it is. */
  pending: z.string().optional(),
  /** The AI coach's suggestion waiting for the mentee's choice, and the call it came from. */
  ai: z
    .object({
      call: z.string(),
      title: z.string(),
      specific: z.string(),
      measurable: z.string(),
      dueDate: z.string().nullable(),
    })
    .optional(),
  f: z
    .object({
      title: z.string(),
      specific: z.string(),
      measurable: z.string(),
      achievable: z.string(),
      relevant: z.string(),
      dueDate: z.string(),
      competencies: z.array(z.string()),
      milestones: z.array(z.object({ title: z.string(), dueDate: z.string() })),
    })
    .partial(),
});
type Data = z.infer<typeof dataSchema>;

function readData(state: FlowState): Data {
  return dataSchema.parse(state.data);
}

async function loadCycle(ctx: Ctx, data: Data): Promise<Cycle> {
  const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, data.cycleId);
  if (!cycle) throw new DomainError('record.not_found', { entity: 'cycle' });
  return cycle;
}

function windowText(ctx: Ctx, cycle: Cycle): { from: string; to: string } {
  const w = executionWindow(cycle);
  return { from: ctx.fmt.date(w.from), to: ctx.fmt.date(w.to) };
}

/** The question for a step, with its buttons where the step has any. */
async function ask(ctx: Ctx, step: string, data: Data): Promise<OutboundMessage> {
  const { t } = ctx;
  if ((TEXT_STEPS as readonly string[]).includes(step)) {
    return message(t(`goal.ask.${step}`))
      .text(t(`goal.ask.${step}`))
      .context(t(`goal.hint.${step}`))
      .build();
  }
  if (step === 'due') {
    const cycle = await loadCycle(ctx, data);
    return textMessage(t('goal.ask.due', windowText(ctx, cycle)));
  }
  if (step === 'competencies') {
    const catalog = await listCompetencies(ctx.deps.db, ctx.tenant.id);
    const chosen = data.f.competencies ?? [];
    const list = catalog
      .map((c, i) => `${i + 1}. ${competencyName(t, catalog, c.key)}${chosen.includes(c.key) ? ' ✓' : ''}`)
      .join('\n');
    return message(t('goal.ask.competencies'))
      .text(t('goal.ask.competencies'))
      .text(list)
      .buttons([
        ...catalog.map((c) =>
          flowButton(
            GOAL_FLOW,
            'competencies',
            c.key,
            `${chosen.includes(c.key) ? '✓ ' : ''}${competencyName(t, catalog, c.key)}`,
          ),
        ),
        flowButton(GOAL_FLOW, 'competencies', 'done', t('common.done'), 'primary'),
      ])
      .context(t('goal.hint.competencies'))
      .build();
  }
  if (step === 'milestones') {
    const milestones = data.f.milestones ?? [];
    const count = milestones.length;
    const builder = message(t('goal.ask.milestones'));
    if (count) builder.text(milestones.map((m) => `• ${m.title} (${ctx.fmt.date(m.dueDate)})`).join('\n'));
    return builder
      .text(t(count ? 'goal.ask.milestones_more' : 'goal.ask.milestones', { count }))
      .buttons([
        flowButton(
          GOAL_FLOW,
          'milestones',
          'done',
          t(count ? 'common.done' : 'goal.no_milestones'),
          'primary',
        ),
      ])
      .context(t('goal.hint.milestones'))
      .build();
  }
  if (step === 'edit_pick') {
    return message(t('goal.ask.edit_pick'))
      .text(t('goal.ask.edit_pick'))
      .buttons(
        EDITABLE.map((field) =>
          flowButton(GOAL_FLOW, 'edit_pick', field, t(`goal.field.${fieldKey(field)}`)),
        ),
      )
      .build();
  }
  return summary(ctx, data);
}

function fieldKey(step: (typeof EDITABLE)[number]): string {
  return step === 'due' ? 'dueDate' : step;
}

async function summary(ctx: Ctx, data: Data): Promise<OutboundMessage> {
  const { t } = ctx;
  const catalog = await listCompetencies(ctx.deps.db, ctx.tenant.id);
  const words = await reviewerWords(ctx, data.pairingId);
  return message(t('goal.summary.title', words))
    .text(t(data.mode === 'edit' ? 'goal.summary.edit_title' : 'goal.summary.title', words))
    .fields(goalFieldList(ctx, data.f, catalog))
    .context(
      verdictLine(t, {
        specific: data.f.specific ?? '',
        measurable: data.f.measurable ?? '',
        dueDate: data.f.dueDate ?? '',
      }),
    )
    .buttons([
      flowButton(GOAL_FLOW, 'summary', 'submit', t('goal.summary.submit'), 'primary'),
      flowButton(GOAL_FLOW, 'summary', 'edit', t('goal.summary.edit')),
      // The AI coach, where the server has a model and the institution turned it on.
      ...(ctx.deps.aiCoach && (await tenantAiCoach(ctx.deps.db, ctx.tenant.id))
        ? [flowButton(GOAL_FLOW, 'summary', 'ai', t('ai.button'))]
        : []),
      flowButton(GOAL_FLOW, 'summary', 'cancel', t('common.cancel'), 'danger'),
    ])
    .build();
}

/**
 * "Sugerencia de IA": one rewritten goal from the AI coach, shown beside the mentee's with the
 * heuristic coach's verdict; theirs to use or leave. Only the goal's words and the cycle's dates
 * are sent. When the model does not answer usefully, the conversation goes on without it.
 */
async function askAi(ctx: Ctx, data: Data): Promise<FlowTurn> {
  const { t } = ctx;
  const cycle = await loadCycle(ctx, data);
  const window = executionWindow(cycle);
  const max = ctx.deps.aiMaxCallsPerDay ?? 10;
  const result = await suggestGoal(ctx.deps, {
    tenantId: ctx.tenant.id,
    personId: ctx.person.id,
    timezone: ctx.person.timezone,
    goalId: data.goalId,
    maxPerDay: max,
    language: ctx.person.locale,
    goal: {
      title: data.f.title ?? '',
      specific: data.f.specific ?? '',
      measurable: data.f.measurable ?? '',
      dueDate: data.f.dueDate,
    },
    window: { from: window.from, to: window.to },
  });
  const again = async (key: string, vars: Record<string, unknown> = {}) =>
    goTo('summary', { ...data, ai: undefined }, reply(textMessage(t(key, vars)), await summary(ctx, data)));
  if ('refused' in result)
    return again(result.refused === 'limit' ? 'ai.limit' : 'ai.unavailable', { count: max });
  if (!result.answer.ok) return again(`ai.failed.${result.answer.reason}`);
  const s = result.answer.suggestion;
  const nextData: Data = { ...data, ai: { call: result.callId, ...s } };
  const proposal = message(t('ai.intro', { model: ctx.deps.aiCoach?.model ?? '' }))
    .text(t('ai.intro', { model: ctx.deps.aiCoach?.model ?? '' }))
    .fields([
      { label: t('goal.field.title'), value: s.title },
      { label: t('goal.field.specific'), value: s.specific },
      { label: t('goal.field.measurable'), value: s.measurable },
      ...(s.dueDate ? [{ label: t('goal.field.dueDate'), value: ctx.fmt.date(s.dueDate) }] : []),
    ])
    // The heuristic coach stays the judge: its verdict on the suggestion too.
    .context(verdictLine(t, { specific: s.specific, measurable: s.measurable, dueDate: s.dueDate ?? '' }))
    .buttons([
      flowButton(GOAL_FLOW, 'summary', 'ai_accept', t('ai.accept'), 'primary'),
      flowButton(GOAL_FLOW, 'summary', 'ai_ignore', t('ai.ignore')),
    ])
    .build();
  return goTo('summary', nextData, reply(proposal));
}

/** The suggestion taken: its words replace the mentee's (a date outside the window is not taken). */
async function acceptAi(ctx: Ctx, data: Data): Promise<FlowTurn> {
  const ai = data.ai;
  if (!ai) return goTo('summary', data, reply(await summary(ctx, data)));
  const cycle = await loadCycle(ctx, data);
  const dueDate = ai.dueDate && !dateProblem(ctx, cycle, ai.dueDate) ? ai.dueDate : data.f.dueDate;
  const nextData: Data = {
    ...data,
    ai: undefined,
    f: {
      ...data.f,
      title: ai.title.slice(0, GOAL_TITLE_MAX),
      specific: ai.specific.slice(0, GOAL_TEXT_MAX),
      measurable: ai.measurable.slice(0, GOAL_TEXT_MAX),
      ...(dueDate ? { dueDate } : {}),
    },
  };
  await acceptSuggestion(ctx.deps, ctx.tenant.id, ctx.person.id, ai.call);
  return goTo('summary', nextData, reply(textMessage(ctx.t('ai.accepted')), await summary(ctx, nextData)));
}

/** After a field is answered: the next question, or back to the summary when editing one field. */
async function next(
  ctx: Ctx,
  data: Data,
  from: (typeof EDITABLE)[number],
  prefix: OutboundMessage[] = [],
): Promise<FlowTurn> {
  const order = [...EDITABLE, 'summary'] as const;
  // Parts already filled (a goal written in one sentence) are not asked again.
  const filled = (s: (typeof order)[number]) =>
    data.mode === 'new' &&
    (s === 'due'
      ? Boolean(data.f.dueDate)
      : (TEXT_STEPS as readonly string[]).includes(s) && Boolean(data.f[s as TextStep]));
  let step: (typeof order)[number] = data.back ? 'summary' : (order[order.indexOf(from) + 1] ?? 'summary');
  while (step !== 'summary' && filled(step)) step = order[order.indexOf(step) + 1] ?? 'summary';
  const nextData = step === 'summary' ? { ...data, back: false } : data;
  return goTo(step, nextData, reply(...prefix, await ask(ctx, step, nextData)));
}

/** `meta nueva`: starts drafting (for the pair named, when the author has several), or says why not. */
export async function startGoalDrafting(ctx: Ctx, pairingId?: string): Promise<FlowTurn> {
  const pairing = await pairingWithRoom(ctx, pairingId);
  const data: Data = {
    mode: 'new',
    pairingId: pairing.id,
    cycleId: pairing.cycleId,
    back: false,
    tries: {},
    f: {},
  };
  const intro = textMessage(ctx.t('goal.intro'));
  return goTo('title', data, reply(intro, await ask(ctx, 'title', data)));
}

/**
 * The pair whose plan the person writes (the mentee's own; a reverse program's mentor's), refusing
 * at once (not after eight questions) when the goal limit is reached.
 */
export async function pairingWithRoom(ctx: Ctx, pairingId?: string): Promise<Pairing> {
  const standing = await standingOf(ctx);
  const pairing = requireAuthor(standing, pairingId);
  await requirePairPhase(ctx.deps.db, ctx.acting, pairing, 'goal.draft', ctx.now);
  const goals = await listGoalsOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id);
  checkGoalLimit(
    goals.filter((g) => countsTowardsLimit(g.state)).length,
    standing.cycles.get(pairing.cycleId)?.program.settings.maxGoalsPerMentee ?? 0,
  );
  return pairing;
}

/** Editing an existing goal: the draft flow, filled in, opened at its summary. */
export async function startGoalEditing(ctx: Ctx, goalId: string): Promise<FlowTurn> {
  const goal = await getGoal(ctx.deps.db, ctx.tenant.id, goalId);
  if (!goal) throw new DomainError('record.not_found', { entity: 'goal' });
  const pairing = await getPairing(ctx.deps.db, ctx.tenant.id, goal.pairingId);
  if (!pairing || planAuthorOf(pairing) !== ctx.person.id)
    throw new DomainError('auth.forbidden', { action: 'goal.edit' });
  if (!['draft', 'changes_requested', 'approved'].includes(goal.state)) {
    throw new DomainError('transition.not_allowed', { entity: 'goal', from: goal.state, event: 'edit' });
  }
  const data: Data = {
    mode: 'edit',
    goalId: goal.id,
    pairingId: goal.pairingId,
    cycleId: goal.cycleId,
    back: false,
    tries: {},
    f: {
      title: goal.title,
      specific: goal.specific,
      measurable: goal.measurable,
      achievable: goal.achievable,
      relevant: goal.relevant,
      dueDate: goal.dueDate,
      competencies: goal.competencies,
      milestones: goal.milestones,
    },
  };
  const notes: OutboundMessage[] = [];
  if (goal.state === 'approved')
    notes.push(textMessage(ctx.t('goal.edit_approved_warning', await reviewerWords(ctx, goal.pairingId))));
  return goTo('summary', data, reply(...notes, await summary(ctx, data)));
}

/** What makes an answer unusable (too long, a title of two letters): not advice, a refusal. */
function hardProblem(ctx: Ctx, step: TextStep, text: string): string | null {
  const max = step === 'title' ? GOAL_TITLE_MAX : GOAL_TEXT_MAX;
  if (text.length > max) return ctx.t('errors.input.too_long', { field: ctx.t(`goal.field.${step}`), max });
  if (step === 'title' && text.length < 3) return ctx.t('goal.coach.title_short');
  if (!text.trim()) return ctx.t('forms.required');
  return null;
}

/** The coach's verdict on a specific or measurable answer, in the context of the pair's cycle. */
function verdictOn(step: 'specific' | 'measurable', text: string, cycle: Cycle, ctx: Ctx) {
  const recognizeDates = goalDateRecognizer({
    today: localDate(ctx.now, cycle.timezone),
    cycleEnd: executionWindow(cycle).to,
  });
  return step === 'specific' ? judgeSpecific(text) : judgeMeasurable(text, recognizeDates(text));
}

/**
 * The coach on a specific or measurable answer: nothing when it is met; otherwise a hint that
 * changes when the same gap comes back, and a button to keep the answer as it is (the coach
 * advises, it never blocks).
 */
async function coachStep(
  ctx: Ctx,
  data: Data,
  step: 'specific' | 'measurable',
  text: string,
): Promise<FlowTurn | undefined> {
  const cycle = await loadCycle(ctx, data);
  const verdict = verdictOn(step, text, cycle, ctx);
  if (verdict.ok || !verdict.gap) return undefined;
  const previous = data.tries[step];
  const n = previous?.gap === verdict.gap ? previous.n + 1 : 1;
  const competency = data.f.competencies?.[0];
  const catalog = competency ? await listCompetencies(ctx.deps.db, ctx.tenant.id) : [];
  const hint = coachHint(ctx, step, verdict, {
    text,
    attempt: n,
    competency,
    ...(competency ? { competencyName: competencyName(ctx.t, catalog, competency) } : {}),
    cycleEnd: executionWindow(cycle).to,
  }) as string;
  const nextData: Data = {
    ...data,
    tries: { ...data.tries, [step]: { gap: verdict.gap, n } },
    pending: text,
  };
  return goTo(
    step,
    nextData,
    reply(
      message(hint)
        .text(hint)
        .buttons([flowButton(GOAL_FLOW, step, 'keep', ctx.t('coach.keep'))])
        .build(),
    ),
  );
}

/** What the coach says of an answer it accepts. */
async function okText(ctx: Ctx, data: Data, step: TextStep, text: string): Promise<string> {
  if (step !== 'measurable') return ctx.t(`coach.ok.${step}`);
  const verdict = verdictOn('measurable', text, await loadCycle(ctx, data), ctx);
  const indicator = 'indicator' in verdict ? verdict.indicator : undefined;
  return verdict.ok && indicator ? ctx.t('coach.ok.measurable', { indicator }) : ctx.t('coach.ok.achievable');
}

/**
 * A whole goal written as its title ("Reducir de 10 a 5 días … antes del 30 de junio"): its
 * parts filled in, and the conversation goes on with the first one still missing.
 */
async function oneSentence(ctx: Ctx, data: Data, text: string): Promise<FlowTurn | undefined> {
  const cycle = await loadCycle(ctx, data);
  const whole = oneSentenceGoal(text, {
    today: localDate(ctx.now, cycle.timezone),
    cycleEnd: executionWindow(cycle).to,
  });
  if (!whole) return undefined;
  const dueDate = whole.dueDate && !dateProblem(ctx, cycle, whole.dueDate) ? whole.dueDate : undefined;
  const f = {
    ...data.f,
    title: whole.title.slice(0, GOAL_TITLE_MAX),
    specific: whole.specific,
    ...(whole.measurable ? { measurable: whole.measurable } : {}),
    ...(dueDate ? { dueDate } : {}),
  };
  const order = ['specific', 'measurable', 'achievable', 'relevant', 'due'] as const;
  const missing = order.filter((s) => !(s === 'due' ? f.dueDate : f[s]));
  const step = missing[0] ?? 'competencies';
  const nextData: Data = { ...data, f };
  const { t } = ctx;
  const intro = message(t('coach.one_sentence'))
    .text(t('coach.one_sentence'))
    .fields([
      { label: t('goal.field.title'), value: f.title },
      { label: t('goal.field.specific'), value: f.specific ?? '—' },
      ...(f.measurable ? [{ label: t('goal.field.measurable'), value: f.measurable }] : []),
      ...(f.dueDate ? [{ label: t('goal.field.dueDate'), value: ctx.fmt.date(f.dueDate) }] : []),
    ])
    .context(
      t('coach.one_sentence_missing', {
        parts: missing.map((s) => t(`goal.field.${s === 'due' ? 'dueDate' : s}`).toLowerCase()).join(', '),
      }),
    )
    .build();
  return goTo(step, nextData, reply(intro, await ask(ctx, step, nextData)));
}

interface DateRules {
  /** The goal's due date: a milestone falls on or before it. */
  goalDue?: IsoDate | undefined;
  /** Dates the goal already had: kept even if they have passed. */
  known?: ReadonlySet<string>;
  /** A paper form records what was written back then: its dates are not checked against today. */
  paper?: boolean;
}

/** Why a date typed for a goal or a milestone cannot be used, in the reader's words; none if it can. */
function dateProblem(ctx: Ctx, cycle: Cycle, date: IsoDate, rules: DateRules = {}): string | undefined {
  try {
    const fresh = !rules.paper && !rules.known?.has(date);
    checkDueDate(cycle, date, fresh ? localDate(ctx.now, cycle.timezone) : undefined);
    if (rules.goalDue) checkMilestoneDate(date, rules.goalDue);
    return undefined;
  } catch (error) {
    if (error instanceof DomainError && error.code !== 'goal.date_outside_execution')
      return errorText(ctx.t, error, ctx.fmt);
    return ctx.t('goal.coach.outside_window', windowText(ctx, cycle));
  }
}

function parseMilestone(
  ctx: Ctx,
  text: string,
  cycle: Cycle,
  rules: DateRules = {},
): { title: string; dueDate: IsoDate } | string {
  const [title, date] = text.split(/[;|]/).map((s) => s.trim());
  if (!title || !date) return ctx.t('goal.coach.milestone_format');
  if (title.length > GOAL_TITLE_MAX)
    return ctx.t('errors.input.too_long', { field: ctx.t('goal.field.milestones'), max: GOAL_TITLE_MAX });
  const dueDate = parseDate(date, ctx.now, ctx.person.timezone);
  if (!dueDate) return ctx.t('dates.unreadable_date');
  return dateProblem(ctx, cycle, dueDate, rules) ?? { title, dueDate };
}

async function submit(ctx: Ctx, data: Data): Promise<FlowTurn> {
  const f = data.f;
  const fields: GoalFields = {
    title: f.title ?? '',
    specific: f.specific ?? '',
    measurable: f.measurable ?? '',
    achievable: f.achievable ?? '',
    relevant: f.relevant ?? '',
    dueDate: f.dueDate ?? '',
    competencies: f.competencies ?? [],
    milestones: f.milestones ?? [],
  };
  const result = await saveAndSubmit(
    ctx,
    data.mode === 'edit' ? (data.goalId ?? null) : null,
    data.pairingId,
    fields,
  );
  return done(result);
}

/** Stores and sends a goal to the mentor; the mentor is notified with the review buttons. */
export async function saveAndSubmit(
  ctx: Ctx,
  goalId: string | null,
  pairingId: string,
  fields: GoalFields,
): Promise<Reply> {
  const submitted = await saveAndSubmitGoal(
    ctx.deps,
    ctx.acting,
    goalId ? { goalId } : { pairingId },
    fields,
  );
  const { goal, pairing } = submitted;
  const author = await getPerson(ctx.deps.db, ctx.tenant.id, planAuthorOf(pairing));
  const catalog = await listCompetencies(ctx.deps.db, ctx.tenant.id);
  const revisions = await listRevisions(ctx.deps.db, ctx.tenant.id, goal.id);
  const lastComment = revisions.filter((r) => r.comment).at(-1)?.comment ?? null;
  // A reverse pair's plan goes to the program's admins, naming the colleague it is carried out with.
  const colleague =
    pairing.planAuthor === 'mentor'
      ? (await getPerson(ctx.deps.db, ctx.tenant.id, pairing.menteeId))?.name
      : undefined;
  for (const reviewerId of await planReviewers(ctx, pairing))
    await notify(ctx, reviewerId, (reader) =>
      reviewRequest(reader, goal, author?.name ?? '', catalog, lastComment, colleague),
    );
  return reply(
    textMessage(ctx.t('goal.submitted', { title: goal.title, ...(await reviewerWords(ctx, pairing.id)) })),
  );
}

/** An answer taken: the coach's record of that step is cleared. */
function accepted(data: Data, step: TextStep, text: string): Data {
  const { [step]: _done, ...tries } = data.tries;
  return { ...data, tries, pending: undefined, f: { ...data.f, [step]: text } };
}

/** "Dejarla así": the answer the coach questioned, kept as written. */
async function keep(ctx: Ctx, data: Data, step: TextStep): Promise<FlowTurn> {
  return next(ctx, accepted(data, step, data.pending as string), step, [textMessage(ctx.t('coach.kept'))]);
}

export const goalDraftingFlow: Flow = {
  name: GOAL_FLOW,
  titleKey: 'flows.goal_draft',

  async onText(ctx, state, raw) {
    const text = raw.trim();
    const data = readData(state);
    const step = state.step;
    if ((TEXT_STEPS as readonly string[]).includes(step)) {
      const textStep = step as TextStep;
      // "Dejarla así" typed instead of clicked.
      if (
        data.pending &&
        /^(dejarla asi|dejarla así|dejar asi|dejar así|asi esta bien|así está bien|keep it( as is)?)$/i.test(
          text,
        )
      )
        return keep(ctx, data, textStep);
      const problem = hardProblem(ctx, textStep, text);
      if (problem) return stay(state, reply(textMessage(problem)));
      if (textStep === 'title' && data.mode === 'new' && !data.back) {
        const whole = await oneSentence(ctx, data, text);
        if (whole) return whole;
      }
      if (textStep === 'specific' || textStep === 'measurable') {
        const coached = await coachStep(ctx, data, textStep, text);
        if (coached) return coached;
      }
      return next(ctx, accepted(data, textStep, text), textStep, [
        textMessage(await okText(ctx, data, textStep, text)),
      ]);
    }
    if (step === 'due') {
      const cycle = await loadCycle(ctx, data);
      // A written date, or a period read as its last day ("a fin de junio", "el próximo trimestre").
      const dueDate =
        parseDate(text, ctx.now, ctx.person.timezone) ??
        goalDateRecognizer({
          today: localDate(ctx.now, cycle.timezone),
          cycleEnd: executionWindow(cycle).to,
        })(text)
          .filter((d) => d.end)
          .at(-1)?.end;
      if (!dueDate) return stay(state, reply(textMessage(ctx.t('dates.unreadable_date'))));
      const problem = dateProblem(ctx, cycle, dueDate);
      if (problem) return stay(state, reply(textMessage(problem)));
      return next(ctx, { ...data, f: { ...data.f, dueDate } }, 'due');
    }
    if (step === 'competencies') {
      if (/^(listo|done|ok|ya|fin|terminar|finish)$/i.test(text) || isSkip(text)) {
        const chosen = isSkip(text) ? [] : (data.f.competencies ?? []);
        return next(ctx, { ...data, f: { ...data.f, competencies: chosen } }, 'competencies');
      }
      const catalog = await listCompetencies(ctx.deps.db, ctx.tenant.id);
      const picked = pickCompetencies(catalog, text);
      if (!picked) return stay(state, reply(textMessage(ctx.t('goal.coach.competencies_unknown'))));
      return next(ctx, { ...data, f: { ...data.f, competencies: picked } }, 'competencies');
    }
    if (step === 'milestones') {
      const milestones = data.f.milestones ?? [];
      if (/^(listo|done|ok|ya|fin|terminar|finish)$/i.test(text) || isSkip(text)) {
        return next(ctx, { ...data, f: { ...data.f, milestones } }, 'milestones');
      }
      if (milestones.length >= MAX_MILESTONES) {
        return stay(state, reply(textMessage(ctx.t('goal.coach.milestones_max', { max: MAX_MILESTONES }))));
      }
      const parsed = parseMilestone(ctx, text, await loadCycle(ctx, data), { goalDue: data.f.dueDate });
      if (typeof parsed === 'string') return stay(state, reply(textMessage(parsed)));
      const nextData = { ...data, f: { ...data.f, milestones: [...milestones, parsed] } };
      return goTo('milestones', nextData, reply(await ask(ctx, 'milestones', nextData)));
    }
    if (step === 'summary') {
      if (/^(enviar|submit|send|si|sí|yes)$/i.test(text)) return submit(ctx, data);
      if (/^(editar|edit|cambiar|change)$/i.test(text))
        return goTo('edit_pick', data, reply(await ask(ctx, 'edit_pick', data)));
      return stay(state, reply(textMessage(ctx.t('goal.summary.choose'))));
    }
    if (step === 'edit_pick') {
      return stay(state, reply(await ask(ctx, 'edit_pick', data)));
    }
    return stay(state, reply(await ask(ctx, step, data)));
  },

  async onChoice(ctx, state, choice) {
    const data = readData(state);
    if ((state.step === 'specific' || state.step === 'measurable') && choice === 'keep' && data.pending)
      return keep(ctx, data, state.step);
    if (state.step === 'competencies') {
      if (choice === 'done')
        return next(
          ctx,
          { ...data, f: { ...data.f, competencies: data.f.competencies ?? [] } },
          'competencies',
        );
      const catalog = await listCompetencies(ctx.deps.db, ctx.tenant.id);
      if (!catalog.some((c) => c.key === choice))
        return stay(state, reply(textMessage(ctx.t('goal.coach.competencies_unknown'))));
      const chosen = new Set(data.f.competencies ?? []);
      if (chosen.has(choice)) chosen.delete(choice);
      else chosen.add(choice);
      const nextData = { ...data, f: { ...data.f, competencies: [...chosen] } };
      return goTo('competencies', nextData, {
        messages: [],
        replaceOriginal: await ask(ctx, 'competencies', nextData),
      });
    }
    if (state.step === 'milestones' && choice === 'done') {
      return next(ctx, { ...data, f: { ...data.f, milestones: data.f.milestones ?? [] } }, 'milestones');
    }
    if (state.step === 'summary') {
      if (choice === 'ai') return askAi(ctx, data);
      if (choice === 'ai_accept') return acceptAi(ctx, data);
      if (choice === 'ai_ignore')
        return goTo(
          'summary',
          { ...data, ai: undefined },
          reply(textMessage(ctx.t('ai.ignored')), await summary(ctx, data)),
        );
      if (choice === 'submit') return submit(ctx, data);
      if (choice === 'edit') return goTo('edit_pick', data, reply(await ask(ctx, 'edit_pick', data)));
      if (choice === 'cancel')
        return done(reply(textMessage(ctx.t('flow.cancelled', { flow: ctx.t('flows.goal_draft') }))));
    }
    if (state.step === 'edit_pick' && (EDITABLE as readonly string[]).includes(choice)) {
      const nextData = { ...data, back: true };
      return goTo(choice, nextData, reply(await ask(ctx, choice, nextData)));
    }
    return stay(state, reply(textMessage(ctx.t('flow.stale_button'))));
  },
};

/** "1, 3", "liderazgo", "Leadership, teamwork": catalog keys, or undefined if any part is unknown. */
function pickCompetencies(catalog: Competency[], text: string): string[] | undefined {
  const picked = new Set<string>();
  for (const part of text
    .split(/[,;\n]+|\s+y\s+|\s+and\s+/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean)) {
    const index = Number(part);
    const byNumber = Number.isInteger(index) ? catalog[index - 1] : undefined;
    const byName = catalog.find((c) =>
      [c.nameEs.toLowerCase(), c.nameEn.toLowerCase(), c.key].includes(part),
    );
    const found = byNumber ?? byName;
    if (!found) return undefined;
    picked.add(found.key);
  }
  return picked.size ? [...picked] : undefined;
}

/** The whole goal as one form (for people who prefer it, and for Slack modals and Teams cards). */
/**
 * The pair a form is for, kept in the form: the one named (a reverse mentor with several
 * colleagues chose it), or the one a mentee in several running cycles chose.
 */
async function chosenPair(ctx: Ctx, pairingId?: string): Promise<{ pairing?: string }> {
  if (pairingId) return { pairing: pairingId };
  const standing = await standingOf(ctx);
  return standing.menteeChosen && standing.asMentee ? { pairing: standing.asMentee.id } : {};
}

/**
 * The goal form: the goal it edits, the person a paper form is entered for, or the pair the
 * author chose (none: the author's current pair). Strict: a value of another shape is refused,
 * not read as "the author's current pair".
 */
const goalFormKind = actionKind(
  'goal.form',
  z.strictObject({
    goal: z.string().max(64).optional(),
    mentee: z.string().max(64).optional(),
    pairing: z.string().max(64).optional(),
  }),
  { g: 'goal', m: 'mentee', p: 'pairing' },
);
/** Opens the goal form (buttons of older versions). */
const openGoalFormKind = actionKind('goal.open_form', z.object({}));

/** The pair a submitted goal form is for: the one it kept, if its plan is the sender's, else their current one. */
async function formPairing(ctx: Ctx, pairingId: string | undefined): Promise<Pairing> {
  if (pairingId) {
    const kept = await getPairing(ctx.deps.db, ctx.tenant.id, pairingId);
    if (!kept || planAuthorOf(kept) !== ctx.person.id)
      throw new DomainError('auth.forbidden', { action: 'goal.submit' });
    return kept;
  }
  return requireAuthor(await standingOf(ctx));
}

/**
 * The whole goal in one form; `forMenteeId` when an admin enters a paper form for the plan's
 * author (a mentee, or a reverse program's mentor); `pairingId` for the pair the author chose.
 */
export async function goalForm(
  ctx: Ctx,
  goalId?: string,
  forMenteeId?: string,
  pairingId?: string,
): Promise<Form> {
  const { t } = ctx;
  const catalog = await listCompetencies(ctx.deps.db, ctx.tenant.id);
  const goal = goalId ? await getGoal(ctx.deps.db, ctx.tenant.id, goalId) : undefined;
  const text = (id: TextStep, kind: 'short_text' | 'long_text') => ({
    id,
    kind,
    label: t(`goal.field.${id}`),
    hint: t(`goal.hint.${id}`),
    required: true,
    maxLength: id === 'title' ? GOAL_TITLE_MAX : GOAL_TEXT_MAX,
    ...(goal ? { initial: goal[id] } : {}),
  });
  return goalFormKind.form(
    {
      title: t('goal.form.title'),
      submitLabel: t('goal.summary.submit'),
      fields: [
        text('title', 'short_text'),
        text('specific', 'long_text'),
        text('measurable', 'long_text'),
        text('achievable', 'long_text'),
        text('relevant', 'long_text'),
        {
          id: 'dueDate',
          kind: 'date',
          label: t('goal.field.dueDate'),
          required: true,
          ...(goal ? { initial: goal.dueDate } : {}),
        },
        {
          id: 'competencies',
          kind: 'multi_choice',
          label: t('goal.field.competencies'),
          required: false,
          options: catalog.map((c) => ({ value: c.key, label: competencyName(t, catalog, c.key) })),
          ...(goal ? { initial: goal.competencies } : {}),
        },
        {
          id: 'milestones',
          kind: 'long_text',
          label: t('goal.field.milestones'),
          hint: t('goal.form.milestones_hint'),
          required: false,
          maxLength: 2000,
          ...(goal ? { initial: goal.milestones.map((m) => `${m.title}; ${m.dueDate}`).join('\n') } : {}),
        },
      ],
    },
    goal ? { goal: goal.id } : forMenteeId ? { mentee: forMenteeId } : await chosenPair(ctx, pairingId),
  );
}

/** A submitted goal form: every field checked; problems come back per field, nothing is written. */
export async function submitGoalForm(
  ctx: Ctx,
  goalId: string | undefined,
  values: Record<string, string | string[]>,
  forMenteeId?: string,
  pairingId?: string,
): Promise<Reply> {
  const pairing = forMenteeId
    ? await pairingForPaperForm(ctx, forMenteeId)
    : await formPairing(ctx, pairingId);
  const cycle = (await getCycle(ctx.deps.db, ctx.tenant.id, pairing.cycleId)) as Cycle;
  const catalog = await listCompetencies(ctx.deps.db, ctx.tenant.id);
  const errors: Record<string, string> = {};
  const str = (id: string) => (typeof values[id] === 'string' ? (values[id] as string).trim() : '');
  for (const step of TEXT_STEPS) {
    const value = str(step);
    const problem = value ? hardProblem(ctx, step, value) : ctx.t('forms.required');
    if (problem) errors[step] = problem;
  }
  const before = goalId ? await getGoal(ctx.deps.db, ctx.tenant.id, goalId) : undefined;
  const known = new Set(before ? [before.dueDate, ...before.milestones.map((m) => m.dueDate)] : []);
  const paper = forMenteeId !== undefined;
  const dueDate = parseDate(str('dueDate'), ctx.now, ctx.person.timezone);
  if (!dueDate) errors.dueDate = ctx.t('dates.unreadable_date');
  else {
    const problem = dateProblem(ctx, cycle, dueDate, { known, paper });
    if (problem) errors.dueDate = problem;
  }
  const rawCompetencies = values.competencies;
  const competencies = (
    Array.isArray(rawCompetencies) ? rawCompetencies : rawCompetencies ? rawCompetencies.split(',') : []
  )
    .map((c) => c.trim())
    .filter(Boolean);
  if (competencies.some((c) => !catalog.some((k) => k.key === c)))
    errors.competencies = ctx.t('goal.coach.competencies_unknown');
  const milestones: { title: string; dueDate: IsoDate }[] = [];
  for (const line of str('milestones')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const parsed = parseMilestone(ctx, line, cycle, { goalDue: dueDate, known, paper });
    if (typeof parsed === 'string') {
      errors.milestones = `${line}: ${parsed}`;
      break;
    }
    milestones.push(parsed);
  }
  if (milestones.length > MAX_MILESTONES)
    errors.milestones = ctx.t('goal.coach.milestones_max', { max: MAX_MILESTONES });
  if (Object.keys(errors).length) {
    const lines = Object.entries(errors).map(([id, problem]) => `• ${ctx.t(`goal.field.${id}`)}: ${problem}`);
    return {
      messages: [textMessage(`${ctx.t('forms.has_errors')}\n${lines.join('\n')}`)],
      formErrors: errors,
    };
  }
  const submitted = await saveAndSubmit(ctx, goalId ?? null, pairing.id, {
    title: str('title'),
    specific: str('specific'),
    measurable: str('measurable'),
    achievable: str('achievable'),
    relevant: str('relevant'),
    dueDate: dueDate as IsoDate,
    competencies: [...new Set(competencies)],
    milestones,
  });
  if (forMenteeId) {
    await notify(ctx, forMenteeId, ({ t }) =>
      textMessage(t('paper.goal_told', { admin: ctx.person.name, title: str('title') })),
    );
  }
  // The coach advises on a form too, after the fact: the goal went to its reviewer as written.
  const hints = (['specific', 'measurable'] as const).flatMap((step) => {
    const hint = coachHint(ctx, step, verdictOn(step, str(step), cycle, ctx), {
      text: str(step),
      cycleEnd: executionWindow(cycle).to,
    });
    return hint ? [`• ${ctx.t(`goal.field.${step}`)}: ${hint}`] : [];
  });
  return hints.length
    ? {
        ...submitted,
        messages: [...submitted.messages, textMessage([ctx.t('coach.from_form'), ...hints].join('\n'))],
      }
    : submitted;
}

/** The active pair whose plan this person writes, for an admin entering their paper form. */
async function pairingForPaperForm(ctx: Ctx, authorId: string): Promise<Pairing> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const pairing = (await pairingsOf(ctx.deps.db, ctx.tenant.id, authorId))
    .filter((p) => planAuthorOf(p) === authorId)
    .at(-1);
  if (!pairing) throw new DomainError('record.not_found', { entity: 'pairing' });
  return pairing;
}

/** Drafting a goal: step by step in chat, or as one form. */
export const goalDraftingFeature: Feature = {
  name: 'goal-drafting',
  commands: [
    command<{ pairing?: string }>({
      name: 'new_goal',
      words: ['meta nueva', 'nueva meta', 'new goal'],
      rule: 'goal.draft',
      menteeCycle: true,
      help: ['mentee', 'plan_mentor'],
      menu: { mentee: 0, plan_mentor: 0 },
      pairArg: (pairing) => ({ pairing }),
      run: async (ctx, { pairing }, dispatch) =>
        dispatch.start(ctx, GOAL_FLOW, await startGoalDrafting(ctx, pairing)),
    }),
    command<{ pairing?: string }>({
      name: 'new_goal_form',
      words: ['meta nueva formulario', 'meta formulario', 'new goal form', 'goal form'],
      rule: 'goal.draft',
      menteeCycle: true,
      pairArg: (pairing) => ({ pairing }),
      run: async (ctx, { pairing }) => {
        await pairingWithRoom(ctx, pairing);
        return { messages: [], openForm: await goalForm(ctx, undefined, undefined, pairing) };
      },
    }),
  ],
  actions: [onClick(openGoalFormKind, async (ctx) => ({ messages: [], openForm: await goalForm(ctx) }))],
  forms: [
    onSubmit(goalFormKind, (ctx, value, fields) =>
      submitGoalForm(ctx, value.goal, fields, value.mentee, value.pairing),
    ),
  ],
  flows: [goalDraftingFlow],
};
