import { DomainError } from './errors.ts';
import type { EvaluationState } from './model.ts';

export type EvaluationEvent = 'submit' | 'release' | 'acknowledge';

const TRANSITIONS: Record<EvaluationEvent, Partial<Record<EvaluationState, EvaluationState>>> = {
  submit: { draft: 'submitted' },
  release: { submitted: 'released' },
  acknowledge: { released: 'acknowledged' },
};

export function nextEvaluationState(state: EvaluationState, event: EvaluationEvent): EvaluationState {
  const next = TRANSITIONS[event][state];
  if (!next) throw new DomainError('transition.not_allowed', { entity: 'evaluation', from: state, event });
  return next;
}

/** A submitted evaluation rates every approved goal of the pair. */
export function checkEvaluationComplete(
  goalIds: string[],
  evaluated: { goalId: string; rating: number }[],
): void {
  for (const id of goalIds) {
    const entry = evaluated.find((e) => e.goalId === id);
    if (!entry || !Number.isInteger(entry.rating) || entry.rating < 1 || entry.rating > 5) {
      throw new DomainError('evaluation.incomplete', { goalId: id });
    }
  }
}

/** Satisfaction 1–5, recommendation 0–10 (for NPS). */
export function checkSurvey(satisfaction: number, recommend: number): void {
  if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5) {
    throw new DomainError('survey.range', { field: 'satisfaction', min: 1, max: 5 });
  }
  if (!Number.isInteger(recommend) || recommend < 0 || recommend > 10) {
    throw new DomainError('survey.range', { field: 'recommend', min: 0, max: 10 });
  }
}
