import { executionWindow } from './cycle.ts';
import { DomainError } from './errors.ts';
import type { Cycle, GoalFields, GoalOutcome, GoalState } from './model.ts';
import type { IsoDate } from './time.ts';

export type GoalEvent = 'submit' | 'approve' | 'request_changes' | 'withdraw' | GoalOutcome;

// Editing an approved goal sends it back to the mentor (submit from approved).
const TRANSITIONS: Record<GoalEvent, Partial<Record<GoalState, GoalState>>> = {
  submit: { draft: 'submitted', changes_requested: 'submitted', approved: 'submitted' },
  approve: { submitted: 'approved' },
  request_changes: { submitted: 'changes_requested' },
  withdraw: {
    draft: 'withdrawn',
    submitted: 'withdrawn',
    changes_requested: 'withdrawn',
    approved: 'withdrawn',
  },
  achieved: { approved: 'achieved' },
  partly_achieved: { approved: 'partly_achieved' },
  not_achieved: { approved: 'not_achieved' },
};

/** The state after an event, or `transition.not_allowed` naming both. */
export function nextGoalState(state: GoalState, event: GoalEvent): GoalState {
  const next = TRANSITIONS[event][state];
  if (!next) throw new DomainError('transition.not_allowed', { entity: 'goal', from: state, event });
  return next;
}

export function canGoalTransition(state: GoalState, event: GoalEvent): boolean {
  return TRANSITIONS[event][state] !== undefined;
}

/** Goals that count against the program's maximum: every goal not withdrawn. */
export function countsTowardsLimit(state: GoalState): boolean {
  return state !== 'withdrawn';
}

export function checkGoalLimit(activeGoals: number, max: number): void {
  if (activeGoals >= max) throw new DomainError('goal.limit', { max });
}

export const GOAL_TEXT_MAX = 1000;
export const GOAL_TITLE_MAX = 120;

/** A coaching remark on one SMART part; `key` is an i18n key under `smart.`. */
export interface Coaching {
  ok: boolean;
  key: string;
}

const SPANISH_VERB = /^[a-záéíóúñ]{3,}(ar|er|ir|aré|eré|iré|aremos|eremos|iremos)$/;
const ENGLISH_VERBS = new Set(
  `achieve adopt analyse analyze apply attend automate build coach communicate complete conduct coordinate create
  define delegate deliver design develop digitise digitize document draft establish evaluate facilitate finish get give hold
  implement improve increase introduce launch lead learn listen manage map master measure mentor migrate negotiate obtain
  organise organize plan practice practise prepare present publish raise read reach redesign reduce review run set share
  speak standardise standardize start study support teach track train update use write`.split(/\s+/),
);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}%]+/u)
    .filter(Boolean);
}

/** Specific: an action (a verb) and an object it acts on. */
export function coachSpecific(text: string): Coaching {
  const w = words(text);
  if (w.length < 3) return { ok: false, key: 'smart.specific.too_short' };
  const hasVerb = w.some((word) => SPANISH_VERB.test(word) || ENGLISH_VERBS.has(word));
  if (!hasVerb) return { ok: false, key: 'smart.specific.no_action' };
  return { ok: true, key: 'smart.specific.ok' };
}

const EVIDENCE = new Set(
  `informe informes reporte reportes documento documentos evidencia evidencias constancia constancias certificado
  certificados diploma entregable entregables publicado publicada presentación presentaciones acta actas lista listas
  registro registros encuesta encuestas evaluación evaluaciones calificación puntaje manual guía protocolo tablero
  report reports document documents evidence certificate certificates deliverable deliverables published presentation
  presentations minutes list record records survey surveys evaluation score rating dashboard guide manual protocol
  uno una dos tres cuatro cinco seis siete ocho nueve diez doce veinte cien mil one two three four five six seven eight
  nine ten twelve twenty hundred thousand`.split(/\s+/),
);

/** Measurable: an indicator — a number, a percentage or observable evidence. */
export function coachMeasurable(text: string): Coaching {
  if (/\d/.test(text)) return { ok: true, key: 'smart.measurable.ok' };
  if (words(text).some((word) => EVIDENCE.has(word))) return { ok: true, key: 'smart.measurable.ok' };
  return { ok: false, key: 'smart.measurable.no_indicator' };
}

/** Achievable and relevant: a real sentence, not a word. */
export function coachReason(part: 'achievable' | 'relevant', text: string): Coaching {
  if (words(text).length < 3) return { ok: false, key: `smart.${part}.too_short` };
  return { ok: true, key: `smart.${part}.ok` };
}

/** Time-bound: the due date falls inside the cycle's execution window. */
export function checkDueDate(
  cycle: Pick<
    Cycle,
    'goalSettingStarts' | 'closingStarts' | 'ends' | 'enrollmentStarts' | 'executionStarts' | 'timezone'
  >,
  dueDate: IsoDate,
  /** The cycle's today: a date chosen now cannot be in the past. */
  today?: IsoDate,
): void {
  const window = executionWindow(cycle);
  if (dueDate < window.from || dueDate > window.to) {
    throw new DomainError('goal.date_outside_execution', { from: window.from, to: window.to });
  }
  if (today && dueDate < today) throw new DomainError('goal.date_past', { today });
}

/** Every field present, within limits, and the date inside the window; coaching is advice, this is law. */
export function validateGoalFields(
  fields: GoalFields,
  cycle: Parameters<typeof checkDueDate>[0],
  /**
   * The cycle's today: a date chosen now cannot be past. Dates the goal already had (`previous`)
   * are kept as they are, so a goal whose milestone has passed can still be edited.
   */
  dates?: { today: IsoDate; previous?: Pick<GoalFields, 'dueDate' | 'milestones'> },
): void {
  const known = new Set([
    ...(dates?.previous ? [dates.previous.dueDate] : []),
    ...(dates?.previous?.milestones.map((m) => m.dueDate) ?? []),
  ]);
  const today = (date: IsoDate) => (dates && !known.has(date) ? dates.today : undefined);
  const texts: [keyof GoalFields, string, number][] = [
    ['title', fields.title, GOAL_TITLE_MAX],
    ['specific', fields.specific, GOAL_TEXT_MAX],
    ['measurable', fields.measurable, GOAL_TEXT_MAX],
    ['achievable', fields.achievable, GOAL_TEXT_MAX],
    ['relevant', fields.relevant, GOAL_TEXT_MAX],
  ];
  for (const [field, value, max] of texts) {
    if (!value.trim()) throw new DomainError('goal.field_invalid', { field, problem: 'empty' });
    if (value.length > max) throw new DomainError('goal.field_invalid', { field, problem: 'too_long', max });
  }
  if (!coachMeasurable(fields.measurable).ok) {
    throw new DomainError('goal.field_invalid', { field: 'measurable', problem: 'no_indicator' });
  }
  checkDueDate(cycle, fields.dueDate, today(fields.dueDate));
  for (const milestone of fields.milestones) {
    if (!milestone.title.trim() || milestone.title.length > GOAL_TITLE_MAX) {
      throw new DomainError('goal.field_invalid', { field: 'milestones', problem: 'title' });
    }
    checkDueDate(cycle, milestone.dueDate, today(milestone.dueDate));
    checkMilestoneDate(milestone.dueDate, fields.dueDate);
  }
}

/** A milestone is a step towards its goal: due on or before the goal's own date. */
export function checkMilestoneDate(milestoneDue: IsoDate, goalDue: IsoDate): void {
  if (milestoneDue > goalDue) throw new DomainError('goal.milestone_after_due', { due: goalDue });
}

/** Requesting changes needs a comment that tells the mentee what to change. */
export function checkDecisionComment(
  event: 'approve' | 'request_changes',
  comment: string | null | undefined,
): void {
  if (event === 'request_changes' && !(comment ?? '').trim()) throw new DomainError('goal.comment_required');
}
