import { z } from 'zod';
import { authorize, may, planAuthorOf } from '../domain/authz.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import type { Goal, Pairing } from '../domain/model.ts';
import type { T } from '../i18n/index.ts';
import { type Button, message, type OutboundMessage, textMessage } from '../messages/model.ts';
import { decideGoal, withdrawGoal } from '../services/goal.service.ts';
import { getGoal, listGoalsOfPairing, listRevisions } from '../store/goal.store.ts';
import { getPerson } from '../store/person.store.ts';
import { getPairing } from '../store/program.store.ts';
import { listCompetencies } from '../store/tenant.store.ts';
import { type Ctx, notify, type Reply, reply } from './context.ts';
import { GOAL_FLOW, startGoalEditing } from './goal-drafting.flow.ts';
import { actionKind, command, type Feature, menuKind, onClick, onSubmit, planPairKind } from './registry.ts';
import { authoredPairs, nameOf, planReviewers, reviewedPairs, standingOf } from './standing.ts';
import { goalStateLabel, reviewOutcome } from './views.ts';

/** A decision: the goal and the revision it is about; `inList` when it sits in a goals list. */
const decisionValue = z.object({
  goal: z.string().max(64),
  rev: z.number().int().min(1).max(10_000),
  inList: z.literal(1).optional(),
});
const DECISION_LEGACY = { g: 'goal', r: 'rev', l: 'inList' };
type Decision = z.infer<typeof decisionValue>;
const goalValue = z.object({ goal: z.string().max(64) });

/** The reviewer approves the revision shown. */
export const approveGoalKind = actionKind('goal.approve', decisionValue, DECISION_LEGACY);
/** The reviewer asks for changes: a button that opens the comment form, and the form. */
export const requestGoalChangesKind = actionKind('goal.request_changes', decisionValue, DECISION_LEGACY);
export const editGoalKind = actionKind('goal.edit', goalValue, { g: 'goal' });
export const withdrawGoalKind = actionKind('goal.withdraw', goalValue, { g: 'goal' });
const confirmWithdrawGoalKind = actionKind('goal.withdraw_confirm', goalValue, { g: 'goal' });

/** Approve and Request changes for a revision under review. */
export function reviewButtons(t: T, value: Decision): Button[] {
  return [
    approveGoalKind.button(t('review.approve'), value, 'primary'),
    requestGoalChangesKind.button(t('review.request_changes'), value),
  ];
}

async function goalAndPairing(ctx: Ctx, goalId: string): Promise<{ goal: Goal; pairing: Pairing }> {
  const goal = await getGoal(ctx.deps.db, ctx.tenant.id, goalId);
  const pairing = goal ? await getPairing(ctx.deps.db, ctx.tenant.id, goal.pairingId) : undefined;
  if (!goal || !pairing) throw new DomainError('record.not_found', { entity: 'goal' });
  return { goal, pairing };
}

async function outcomeFor(ctx: Ctx, goal: Goal, pairing: Pairing): Promise<OutboundMessage> {
  const author = await getPerson(ctx.deps.db, ctx.tenant.id, planAuthorOf(pairing));
  const catalog = await listCompetencies(ctx.deps.db, ctx.tenant.id);
  const revision = (await listRevisions(ctx.deps.db, ctx.tenant.id, goal.id)).find(
    (r) => r.revision === goal.revision,
  );
  return reviewOutcome(ctx, goal, author?.name ?? '—', catalog, {
    state: goal.state,
    at: revision?.decidedAt ?? ctx.now,
    comment: revision?.comment ?? null,
  });
}

/**
 * A decision clicked or submitted by the mentor. The original message is replaced by the outcome;
 * a second click says what already happened and also removes the stale buttons.
 */
export async function decide(
  ctx: Ctx,
  value: Decision,
  decision: 'approve' | 'request_changes',
  comment: string | null,
): Promise<Reply> {
  try {
    const { goal, pairing } = await decideGoal(ctx.deps, ctx.acting, {
      goalId: value.goal,
      decision,
      comment,
      revision: value.rev,
    });
    const outcome = await outcomeFor(ctx, goal, pairing);
    await notify(ctx, planAuthorOf(pairing), ({ t }) => {
      const builder = message(t(`review.told.${decision}.summary`, { title: goal.title })).text(
        t(`review.told.${decision}.text`, { title: goal.title, mentor: ctx.person.name }),
      );
      if (comment) builder.context(t('review.outcome.comment', { comment }));
      if (decision === 'request_changes')
        builder.buttons([editGoalKind.button(t('goals.edit'), { goal: goal.id }, 'primary')]);
      return builder.build();
    });
    // Clicked in a goals list: the list comes back with the goal's new state, not one goal in its place.
    const list =
      value.inList === 1 && pairing.mentorId === ctx.person.id
        ? await menteeGoalsList(ctx, pairing)
        : undefined;
    return { messages: [], replaceOriginal: list ?? outcome };
  } catch (error) {
    if (isDomainError(error, 'transition.not_allowed') || isDomainError(error, 'record.changed')) {
      const { goal, pairing } = await goalAndPairing(ctx, value.goal);
      // The reviewer (the mentor; a reverse program's admins) hears what already happened.
      if (may(ctx.actor, 'goal.decide', { kind: 'goal', goal, pairing }))
        return alreadyDecided(ctx, goal, pairing, value);
    }
    throw error;
  }
}

/** A click on a request that was decided already (a double click, another device) or replaced by a newer revision. */
async function alreadyDecided(ctx: Ctx, goal: Goal, pairing: Pairing, value: Decision): Promise<Reply> {
  const newer = goal.revision !== value.rev;
  const said = textMessage(
    ctx.t(newer ? 'review.newer_revision' : 'review.already', { state: goalStateLabel(ctx.t, goal.state) }),
  );
  // Clicked in a goals list: the list again, with every goal's state as it is now.
  if (value.inList === 1 && pairing.mentorId === ctx.person.id)
    return { messages: [said], replaceOriginal: await menteeGoalsList(ctx, pairing) };
  return {
    messages: [said],
    ...(!newer && goal.state !== 'submitted'
      ? { replaceOriginal: await outcomeFor(ctx, goal, pairing) }
      : {}),
  };
}

/** "Request changes": the comment form, opened only for the mentor of a goal still under review. */
export async function openChangesForm(ctx: Ctx, value: Decision): Promise<Reply> {
  const { goal, pairing } = await goalAndPairing(ctx, value.goal);
  authorize(ctx.actor, 'goal.decide', { kind: 'goal', goal, pairing });
  if (goal.state !== 'submitted' || goal.revision !== value.rev)
    return alreadyDecided(ctx, goal, pairing, value);
  return {
    messages: [],
    openForm: requestGoalChangesKind.form(
      {
        title: ctx.t('review.form.title'),
        submitLabel: ctx.t('review.form.submit'),
        fields: [
          {
            id: 'comment',
            kind: 'long_text',
            label: ctx.t('review.form.comment'),
            hint: ctx.t('review.form.hint'),
            required: true,
            maxLength: 1000,
          },
        ],
      },
      value,
    ),
  };
}

/** A mentor's list of one mentee's goals, with Approve / Request changes on those under review. */
async function menteeGoalsList(ctx: Ctx, pairing: Pairing): Promise<OutboundMessage> {
  const { t, fmt } = ctx;
  const standing = await standingOf(ctx);
  const goals = (await listGoalsOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id)).filter(
    (g) => g.state !== 'withdrawn',
  );
  const title = t('goals.mentee_title', { name: nameOf(standing, pairing.menteeId) });
  const builder = message(title).text(title);
  for (const goal of goals) {
    builder.text(`• *${goal.title}* — ${goalStateLabel(t, goal.state)} (${fmt.date(goal.dueDate)})`);
    if (goal.state === 'submitted') {
      builder.buttons(reviewButtons(t, { goal: goal.id, rev: goal.revision, inList: 1 }));
    }
  }
  if (goals.length === 0) builder.context(t('goals.mentee_none'));
  return builder.build();
}

/** `metas`: the goals this person works on, with what they can do next to each. */
export async function listGoals(ctx: Ctx): Promise<Reply> {
  const { t, fmt } = ctx;
  const standing = await standingOf(ctx);
  const messages: OutboundMessage[] = [];
  // The plans this person writes: their own goals, or (reverse) the plan with each colleague.
  for (const pairing of authoredPairs(standing)) {
    const goals = (await listGoalsOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id)).filter(
      (g) => g.state !== 'withdrawn',
    );
    const max = standing.cycles.get(pairing.cycleId)?.program.settings.maxGoalsPerMentee ?? 0;
    const builder =
      pairing.planAuthor === 'mentor'
        ? message(t('goals.mine_title')).text(
            t('goals.plan_title', { name: nameOf(standing, pairing.menteeId), count: goals.length, max }),
          )
        : message(t('goals.mine_title')).text(t('goals.mine_title_count', { count: goals.length, max }));
    for (const goal of goals) {
      const buttons: Button[] = [];
      if (['draft', 'changes_requested', 'approved'].includes(goal.state))
        buttons.push(editGoalKind.button(t('goals.edit'), { goal: goal.id }));
      if (['draft', 'submitted', 'changes_requested', 'approved'].includes(goal.state)) {
        buttons.push(withdrawGoalKind.button(t('goals.withdraw'), { goal: goal.id }, 'danger'));
      }
      builder
        .divider()
        .text(`*${goal.title}*`)
        .fields([
          { label: t('goals.state'), value: goalStateLabel(t, goal.state) },
          { label: t('goal.field.dueDate'), value: fmt.date(goal.dueDate) },
        ]);
      if (goal.state === 'changes_requested') {
        const comment = (await listRevisions(ctx.deps.db, ctx.tenant.id, goal.id)).at(-1)?.comment;
        if (comment) builder.context(t('review.outcome.comment', { comment }));
      }
      builder.buttons(buttons);
    }
    if (goals.length < max)
      builder.buttons([
        pairing.planAuthor === 'mentor' && authoredPairs(standing).length > 1
          ? planPairKind.button(t('menu.new_goal'), { cmd: 'new_goal', pairing: pairing.id }, 'primary')
          : menuKind.button(t('menu.new_goal'), { cmd: 'new_goal' }, 'primary'),
      ]);
    if (goals.length === 0) builder.context(t('goals.none_yet'));
    messages.push(builder.build());
  }
  // A reverse program's colleague reads the plan their mentor writes; nothing to do on it.
  if (standing.asMentee?.planAuthor === 'mentor') {
    const mentor = nameOf(standing, standing.asMentee.mentorId);
    const goals = (await listGoalsOfPairing(ctx.deps.db, ctx.tenant.id, standing.asMentee.id)).filter(
      (g) => g.state !== 'withdrawn',
    );
    const title = t('goals.plan_of_mentor', { mentor });
    const builder = message(title).text(`*${title}*`);
    for (const goal of goals)
      builder.text(`• *${goal.title}* — ${goalStateLabel(t, goal.state)} (${fmt.date(goal.dueDate)})`);
    if (goals.length === 0) builder.context(t('goals.plan_none', { mentor }));
    messages.push(builder.build());
  }
  for (const pairing of reviewedPairs(standing)) messages.push(await menteeGoalsList(ctx, pairing));
  if (messages.length === 0)
    messages.push(textMessage(t(ctx.actor.staffRole ? 'goals.staff_overview' : 'goals.not_participant')));
  return reply(...messages);
}

/** "Withdraw": asks for confirmation first; withdrawing cannot be undone. */
export async function confirmWithdraw(ctx: Ctx, goalId: string): Promise<Reply> {
  const { goal, pairing } = await goalAndPairing(ctx, goalId);
  authorize(ctx.actor, 'goal.withdraw', { kind: 'goal', goal, pairing });
  return reply(
    message(ctx.t('goals.withdraw_confirm', { title: goal.title }))
      .text(ctx.t('goals.withdraw_confirm', { title: goal.title }))
      .buttons([
        confirmWithdrawGoalKind.button(ctx.t('goals.withdraw_yes'), { goal: goal.id }, 'danger'),
        menuKind.button(ctx.t('goals.withdraw_no'), { cmd: 'goals' }),
      ])
      .build(),
  );
}

export async function withdraw(ctx: Ctx, goalId: string): Promise<Reply> {
  const { goal, pairing } = await withdrawGoal(ctx.deps, ctx.acting, goalId);
  for (const reviewerId of await planReviewers(ctx, pairing))
    await notify(ctx, reviewerId, ({ t }) =>
      textMessage(t('goals.withdrawn_told', { title: goal.title, name: ctx.person.name })),
    );
  return { messages: [], replaceOriginal: textMessage(ctx.t('goals.withdrawn', { title: goal.title })) };
}

/** Goal review: the list of goals, the reviewer's decision, edits and withdrawals. */
export const goalReviewFeature: Feature = {
  name: 'goal-review',
  commands: [
    command({
      name: 'goals',
      words: ['metas', 'mis metas', 'goals', 'my goals'],
      readOnly: true,
      notesOpenFlow: true,
      rule: 'goal.view',
      help: ['mentee', 'plan_mentor', 'colleague', 'mentor'],
      menu: { mentee: 1, mentor: 1, plan_mentor: 1, colleague: 0, admin: 1, director: 1 },
      run: (ctx) => listGoals(ctx),
    }),
  ],
  actions: [
    onClick(approveGoalKind, (ctx, value) => decide(ctx, value, 'approve', null)),
    onClick(requestGoalChangesKind, (ctx, value) => openChangesForm(ctx, value)),
    onClick(editGoalKind, async (ctx, value, dispatch) =>
      dispatch.start(ctx, GOAL_FLOW, await startGoalEditing(ctx, value.goal)),
    ),
    onClick(withdrawGoalKind, (ctx, value) => confirmWithdraw(ctx, value.goal)),
    onClick(confirmWithdrawGoalKind, (ctx, value) => withdraw(ctx, value.goal)),
  ],
  forms: [
    onSubmit(requestGoalChangesKind, async (ctx, value, fields) => {
      const comment = typeof fields.comment === 'string' ? fields.comment.trim() : '';
      if (!comment)
        return {
          messages: [textMessage(ctx.t('errors.goal.comment_required'))],
          formErrors: { comment: ctx.t('errors.goal.comment_required') },
        };
      return decide(ctx, value, 'request_changes', comment);
    }),
  ],
};
