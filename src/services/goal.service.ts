import { authorize, planAuthorOf } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import {
  checkDecisionComment,
  checkGoalLimit,
  countsTowardsLimit,
  nextGoalState,
  validateGoalFields,
} from '../domain/goal.ts';
import type { Cycle, Goal, GoalFields, Pairing, Program } from '../domain/model.ts';
import { requirePhase } from '../domain/phase-rules.ts';
import { type IsoDate, localDate } from '../domain/time.ts';
import { recordAudit } from '../store/audit.store.ts';
import type { Tx } from '../store/db.ts';
import {
  createGoal,
  decideRevision,
  insertRevision,
  listGoalsOfPairing,
  lockGoal,
  saveGoal,
} from '../store/goal.store.ts';
import { getCycle, getPairing, getProgram, lockPairing } from '../store/program.store.ts';
import type { Acting, Deps } from './deps.ts';

async function loadPairing(tx: Tx, tenantId: string, pairingId: string): Promise<Pairing> {
  const pairing = await getPairing(tx, tenantId, pairingId);
  if (!pairing) throw new DomainError('record.not_found', { entity: 'pairing' });
  return pairing;
}

async function loadProgramOfCycle(tx: Tx, tenantId: string, cycleId: string) {
  const cycle = await getCycle(tx, tenantId, cycleId);
  if (!cycle) throw new DomainError('record.not_found', { entity: 'cycle' });
  const program = (await getProgram(tx, tenantId, cycle.programId)) as Program;
  return { cycle, program };
}

async function lockedGoal(
  tx: Tx,
  tenantId: string,
  goalId: string,
): Promise<{ goal: Goal; pairing: Pairing }> {
  const goal = await lockGoal(tx, tenantId, goalId);
  if (!goal) throw new DomainError('record.not_found', { entity: 'goal' });
  return { goal, pairing: await loadPairing(tx, tenantId, goal.pairingId) };
}

/** An admin writing a plan that is not theirs does it on its author's behalf (a paper form). */
function auditVia(acting: Acting, pairing: Pairing) {
  const author = planAuthorOf(pairing);
  const onBehalf = acting.actor.personId !== author && acting.actor.staffRole === 'admin';
  return {
    via: onBehalf ? ('on_behalf' as const) : acting.via,
    onBehalfOf: onBehalf ? author : null,
  };
}

/** Stores a new goal of a pairing as a draft, inside the program's limit and the cycle's window. */
export async function draftGoal(
  deps: Deps,
  acting: Acting,
  pairingId: string,
  fields: GoalFields,
): Promise<Goal> {
  const now = deps.clock.now();
  return deps.db.transaction().execute((tx) => draftInTx(tx, now, acting, pairingId, fields));
}

/** Drafts and submits a new goal in one transaction: the chat's "Submit" on a finished draft. */
export async function submitNewGoal(
  deps: Deps,
  acting: Acting,
  pairingId: string,
  fields: GoalFields,
): Promise<{ goal: Goal; pairing: Pairing }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const draft = await draftInTx(tx, now, acting, pairingId, fields);
    return submitInTx(tx, now, acting, draft.id);
  });
}

async function draftInTx(
  tx: Tx,
  now: Date,
  acting: Acting,
  pairingId: string,
  fields: GoalFields,
): Promise<Goal> {
  // The pairing's row lock serialises goal creation, so two drafts at once cannot both pass the limit.
  const pairing = await lockPairing(tx, acting.actor.tenantId, pairingId);
  if (!pairing) throw new DomainError('record.not_found', { entity: 'pairing' });
  authorize(acting.actor, 'goal.draft', { kind: 'pairing', pairing });
  const { cycle, program } = await loadProgramOfCycle(tx, pairing.tenantId, pairing.cycleId);
  requirePhase('goal.draft', cycle, now, { onBehalf: auditVia(acting, pairing).via === 'on_behalf' });
  const existing = await listGoalsOfPairing(tx, pairing.tenantId, pairing.id);
  checkGoalLimit(
    existing.filter((g) => countsTowardsLimit(g.state)).length,
    program.settings.maxGoalsPerMentee,
  );
  validateGoalFields(fields, cycle, chosenNow(acting, pairing, cycle, now));
  const audit = auditVia(acting, pairing);
  const goal = await createGoal(tx, {
    tenantId: pairing.tenantId,
    pairingId: pairing.id,
    cycleId: pairing.cycleId,
    menteeId: pairing.menteeId,
    fields,
    enteredBy: audit.onBehalfOf ? acting.actor.personId : null,
    now,
  });
  await recordAudit(tx, {
    tenantId: pairing.tenantId,
    at: now,
    actorId: acting.actor.personId,
    ...audit,
    action: 'goal.draft',
    subjectType: 'goal',
    subjectId: goal.id,
    data: { title: fields.title },
  });
  return goal;
}

/**
 * Sends a goal to the mentor: a new revision is kept. Editing an approved goal goes through
 * here too, and the goal returns to the mentor.
 */
export async function submitGoal(
  deps: Deps,
  acting: Acting,
  goalId: string,
  fields?: GoalFields,
): Promise<{ goal: Goal; pairing: Pairing }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute((tx) => submitInTx(tx, now, acting, goalId, fields));
}

async function submitInTx(
  tx: Tx,
  now: Date,
  acting: Acting,
  goalId: string,
  fields?: GoalFields,
): Promise<{ goal: Goal; pairing: Pairing }> {
  const { goal, pairing } = await lockedGoal(tx, acting.actor.tenantId, goalId);
  authorize(acting.actor, 'goal.submit', { kind: 'goal', goal, pairing });
  const state = nextGoalState(goal.state, 'submit');
  const newFields = fields ?? goal;
  const { cycle } = await loadProgramOfCycle(tx, goal.tenantId, goal.cycleId);
  requirePhase('goal.draft', cycle, now, { onBehalf: auditVia(acting, pairing).via === 'on_behalf' });
  validateGoalFields(newFields, cycle, chosenNow(acting, pairing, cycle, now, goal));
  const revision = goal.revision + 1;
  const snapshot: GoalFields = {
    title: newFields.title,
    specific: newFields.specific,
    measurable: newFields.measurable,
    achievable: newFields.achievable,
    relevant: newFields.relevant,
    dueDate: newFields.dueDate,
    competencies: newFields.competencies,
    milestones: newFields.milestones,
  };
  const saved = await saveGoal(
    tx,
    goal,
    { state, revision, submittedAt: now, ...(fields ? { fields: snapshot } : {}), approvedAt: null },
    now,
  );
  await insertRevision(tx, {
    tenantId: goal.tenantId,
    goalId: goal.id,
    revision,
    fields: snapshot,
    submittedBy: acting.actor.personId,
    at: now,
  });
  await recordAudit(tx, {
    tenantId: goal.tenantId,
    at: now,
    actorId: acting.actor.personId,
    ...auditVia(acting, pairing),
    action: 'goal.submit',
    subjectType: 'goal',
    subjectId: goal.id,
    data: { from: goal.state, to: state, revision },
  });
  return { goal: saved, pairing };
}

/** Edits the wording of a goal that is still with the mentee (draft or changes requested). */
export async function editDraft(
  deps: Deps,
  acting: Acting,
  goalId: string,
  fields: GoalFields,
): Promise<Goal> {
  const now = deps.clock.now();
  return deps.db.transaction().execute((tx) => editInTx(tx, now, acting, goalId, fields));
}

async function editInTx(
  tx: Tx,
  now: Date,
  acting: Acting,
  goalId: string,
  fields: GoalFields,
): Promise<Goal> {
  const { goal, pairing } = await lockedGoal(tx, acting.actor.tenantId, goalId);
  authorize(acting.actor, 'goal.edit', { kind: 'goal', goal, pairing });
  if (goal.state !== 'draft' && goal.state !== 'changes_requested') {
    throw new DomainError('transition.not_allowed', { entity: 'goal', from: goal.state, event: 'edit' });
  }
  const { cycle } = await loadProgramOfCycle(tx, goal.tenantId, goal.cycleId);
  requirePhase('goal.draft', cycle, now, { onBehalf: auditVia(acting, pairing).via === 'on_behalf' });
  validateGoalFields(fields, cycle, chosenNow(acting, pairing, cycle, now, goal));
  const saved = await saveGoal(tx, goal, { fields }, now);
  await recordAudit(tx, {
    tenantId: goal.tenantId,
    at: now,
    actorId: acting.actor.personId,
    ...auditVia(acting, pairing),
    action: 'goal.edit',
    subjectType: 'goal',
    subjectId: goal.id,
  });
  return saved;
}

/**
 * A goal sent to its reviewer as the author wrote it now, in one transaction: a new goal drafted
 * and submitted, a draft (or one sent back) edited and resubmitted, or an approved goal's
 * changes submitted for review again.
 */
export async function saveAndSubmitGoal(
  deps: Deps,
  acting: Acting,
  target: { goalId: string } | { pairingId: string },
  fields: GoalFields,
): Promise<{ goal: Goal; pairing: Pairing }> {
  if (!('goalId' in target)) return submitNewGoal(deps, acting, target.pairingId, fields);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const { goal } = await lockedGoal(tx, acting.actor.tenantId, target.goalId);
    if (goal.state !== 'draft' && goal.state !== 'changes_requested')
      return submitInTx(tx, now, acting, target.goalId, fields);
    await editInTx(tx, now, acting, target.goalId, fields);
    return submitInTx(tx, now, acting, target.goalId);
  });
}

/**
 * The mentor's decision on the revision they were shown. Only the pairing's mentor decides;
 * a second decision finds the goal no longer submitted and is refused with what happened.
 */
export async function decideGoal(
  deps: Deps,
  acting: Acting,
  input: {
    goalId: string;
    decision: 'approve' | 'request_changes';
    comment?: string | null;
    revision?: number;
  },
): Promise<{ goal: Goal; pairing: Pairing; previousState: Goal['state'] }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const { goal, pairing } = await lockedGoal(tx, acting.actor.tenantId, input.goalId);
    authorize(acting.actor, 'goal.decide', { kind: 'goal', goal, pairing });
    const { cycle } = await loadProgramOfCycle(tx, goal.tenantId, goal.cycleId);
    requirePhase('goal.review', cycle, now);
    const state = nextGoalState(goal.state, input.decision);
    if (input.revision !== undefined && input.revision !== goal.revision) {
      throw new DomainError('record.changed', { entity: 'goal', revision: goal.revision });
    }
    checkDecisionComment(input.decision, input.comment);
    const comment = input.comment?.trim() || null;
    const saved = await saveGoal(
      tx,
      goal,
      { state, ...(state === 'approved' ? { approvedAt: now } : {}) },
      now,
    );
    await decideRevision(tx, {
      tenantId: goal.tenantId,
      goalId: goal.id,
      revision: goal.revision,
      decision: state === 'approved' ? 'approved' : 'changes_requested',
      decidedBy: acting.actor.personId,
      comment,
      at: now,
    });
    await recordAudit(tx, {
      tenantId: goal.tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: acting.via,
      action: `goal.${input.decision}`,
      subjectType: 'goal',
      subjectId: goal.id,
      data: { from: goal.state, to: state, revision: goal.revision, ...(comment ? { comment } : {}) },
    });
    return { goal: saved, pairing, previousState: goal.state };
  });
}

export async function withdrawGoal(
  deps: Deps,
  acting: Acting,
  goalId: string,
): Promise<{ goal: Goal; pairing: Pairing }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const { goal, pairing } = await lockedGoal(tx, acting.actor.tenantId, goalId);
    authorize(acting.actor, 'goal.withdraw', { kind: 'goal', goal, pairing });
    const state = nextGoalState(goal.state, 'withdraw');
    const saved = await saveGoal(tx, goal, { state }, now);
    await recordAudit(tx, {
      tenantId: goal.tenantId,
      at: now,
      actorId: acting.actor.personId,
      ...auditVia(acting, pairing),
      action: 'goal.withdraw',
      subjectType: 'goal',
      subjectId: goal.id,
      data: { from: goal.state, to: state },
    });
    return { goal: saved, pairing };
  });
}

/**
 * Dates typed now must not be past, in the cycle's zone; a paper form entered on behalf records
 * what the person wrote back then, so its dates are not checked against today.
 */
function chosenNow(
  acting: Acting,
  pairing: Pairing,
  cycle: Cycle,
  now: Date,
  previous?: Goal,
): { today: IsoDate; previous?: Goal } | undefined {
  if (auditVia(acting, pairing).via === 'on_behalf') return undefined;
  return { today: localDate(now, cycle.timezone), ...(previous ? { previous } : {}) };
}
