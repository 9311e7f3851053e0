import { authorize } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import { checkEvaluationComplete, checkSurvey, nextEvaluationState } from '../domain/evaluation.ts';
import { nextGoalState } from '../domain/goal.ts';
import type { Evaluation, Pairing } from '../domain/model.ts';
import { recordAudit } from '../store/audit.store.ts';
import type { Tx } from '../store/db.ts';
import {
  getEvaluationOfPairing,
  insertEvaluation,
  insertSurvey,
  lockEvaluation,
  setEvaluationState,
} from '../store/evaluation.store.ts';
import { listGoalsOfPairing, lockGoal, saveGoal } from '../store/goal.store.ts';
import { getPairing, lockPairing } from '../store/program.store.ts';
import type { Acting, Deps } from './deps.ts';
import { requirePairPhase } from './phase.ts';

export const EVALUATION_TEXT_MAX = 2000;

function clip(text: string | null | undefined, field: string): string | null {
  const value = text?.trim() || null;
  if (value && value.length > EVALUATION_TEXT_MAX)
    throw new DomainError('input.too_long', { field, max: EVALUATION_TEXT_MAX });
  return value;
}

async function loadPairing(tx: Tx, tenantId: string, pairingId: string): Promise<Pairing> {
  const pairing = await getPairing(tx, tenantId, pairingId);
  if (!pairing) throw new DomainError('record.not_found', { entity: 'pairing' });
  return pairing;
}

/** The mentor's evaluation of every approved goal, strengths and areas to improve; submitted at once. */
export async function submitEvaluation(
  deps: Deps,
  acting: Acting,
  input: Pick<Evaluation, 'pairingId' | 'goals' | 'strengths' | 'improvements' | 'competencyNotes'>,
): Promise<{ evaluation: Evaluation; pairing: Pairing }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    // Locked so that two submissions at once cannot both find no evaluation.
    const pairing = await lockPairing(tx, acting.actor.tenantId, input.pairingId);
    if (!pairing) throw new DomainError('record.not_found', { entity: 'pairing' });
    authorize(acting.actor, 'evaluation.write', { kind: 'pairing', pairing });
    await requirePairPhase(tx, acting, pairing, 'evaluation.write', now);
    if (await getEvaluationOfPairing(tx, pairing.tenantId, pairing.id))
      throw new DomainError('evaluation.exists');
    const approved = (await listGoalsOfPairing(tx, pairing.tenantId, pairing.id)).filter(
      (g) => g.state === 'approved',
    );
    if (approved.length === 0) throw new DomainError('evaluation.no_goals');
    checkEvaluationComplete(
      approved.map((g) => g.id),
      input.goals,
    );
    const goals = input.goals
      .filter((g) => approved.some((a) => a.id === g.goalId))
      .map((g) => ({ ...g, comment: clip(g.comment, 'comment') ?? '' }));
    const onBehalf = acting.actor.personId !== pairing.mentorId;
    const evaluation = await insertEvaluation(tx, {
      tenantId: pairing.tenantId,
      pairingId: pairing.id,
      state: nextEvaluationState('draft', 'submit'),
      goals,
      strengths: clip(input.strengths, 'strengths'),
      improvements: clip(input.improvements, 'improvements'),
      competencyNotes: clip(input.competencyNotes, 'competencyNotes'),
      enteredBy: onBehalf ? acting.actor.personId : null,
      now,
    });
    await recordAudit(tx, {
      tenantId: pairing.tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: onBehalf ? 'on_behalf' : acting.via,
      onBehalfOf: onBehalf ? pairing.mentorId : null,
      action: 'evaluation.submit',
      subjectType: 'evaluation',
      subjectId: evaluation.id,
    });
    return { evaluation, pairing };
  });
}

/**
 * The final conversation was held: the evaluation reaches the mentee, and each goal takes its
 * outcome (achieved, partly achieved, not achieved).
 */
export async function releaseEvaluation(
  deps: Deps,
  acting: Acting,
  evaluationId: string,
): Promise<{ evaluation: Evaluation; pairing: Pairing }> {
  return transitionEvaluation(deps, acting, evaluationId, 'release');
}

export async function acknowledgeEvaluation(
  deps: Deps,
  acting: Acting,
  evaluationId: string,
): Promise<{ evaluation: Evaluation; pairing: Pairing }> {
  return transitionEvaluation(deps, acting, evaluationId, 'acknowledge');
}

async function transitionEvaluation(
  deps: Deps,
  acting: Acting,
  evaluationId: string,
  event: 'release' | 'acknowledge',
): Promise<{ evaluation: Evaluation; pairing: Pairing }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const evaluation = await lockEvaluation(tx, acting.actor.tenantId, evaluationId);
    if (!evaluation) throw new DomainError('record.not_found', { entity: 'evaluation' });
    const pairing = await loadPairing(tx, evaluation.tenantId, evaluation.pairingId);
    authorize(acting.actor, event === 'release' ? 'evaluation.write' : 'evaluation.acknowledge', {
      kind: 'evaluation',
      evaluation,
      pairing,
    });
    await requirePairPhase(
      tx,
      acting,
      pairing,
      event === 'release' ? 'evaluation.write' : 'evaluation.acknowledge',
      now,
    );
    const state = nextEvaluationState(evaluation.state, event);
    const saved = await setEvaluationState(tx, evaluation, state, now);
    if (event === 'release') {
      for (const entry of evaluation.goals) {
        const goal = await lockGoal(tx, evaluation.tenantId, entry.goalId);
        if (goal && goal.state === 'approved')
          await saveGoal(tx, goal, { state: nextGoalState(goal.state, entry.outcome) }, now);
      }
    }
    await recordAudit(tx, {
      tenantId: evaluation.tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: acting.via,
      action: `evaluation.${event}`,
      subjectType: 'evaluation',
      subjectId: evaluation.id,
      data: { from: evaluation.state, to: state },
    });
    return { evaluation: saved, pairing };
  });
}

/** The participant's rating of the program; once per cycle. */
export async function answerSurvey(
  deps: Deps,
  acting: Acting,
  input: {
    pairingId: string;
    satisfaction: number;
    recommend: number;
    comment?: string | null;
    mentorNote?: string | null;
  },
): Promise<void> {
  const now = deps.clock.now();
  checkSurvey(input.satisfaction, input.recommend);
  await deps.db.transaction().execute(async (tx) => {
    const pairing = await loadPairing(tx, acting.actor.tenantId, input.pairingId);
    authorize(acting.actor, 'survey.answer', { kind: 'pairing', pairing });
    await requirePairPhase(tx, acting, pairing, 'survey.answer', now);
    const inserted = await insertSurvey(tx, {
      tenantId: pairing.tenantId,
      cycleId: pairing.cycleId,
      personId: acting.actor.personId,
      satisfaction: input.satisfaction,
      recommend: input.recommend,
      comment: clip(input.comment, 'comment'),
      mentorNote: clip(input.mentorNote, 'mentorNote'),
      now,
    });
    if (!inserted)
      throw new DomainError('transition.not_allowed', {
        entity: 'survey',
        from: 'answered',
        event: 'answer',
      });
    await recordAudit(tx, {
      tenantId: pairing.tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: acting.via,
      action: 'survey.answer',
      subjectType: 'pairing',
      subjectId: pairing.id,
    });
  });
}
