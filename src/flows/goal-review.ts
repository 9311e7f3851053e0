import { z } from 'zod';
import { authorize, may, planAuthorOf } from '../domain/authz.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import type { Goal, Pairing } from '../domain/model.ts';
import { type Button, button, message, type OutboundMessage, textMessage } from '../messages/model.ts';
import { decideGoal, withdrawGoal } from '../services/goal.service.ts';
import { getGoal, listGoalsOfPairing, listRevisions } from '../store/goal.store.ts';
import { getPerson } from '../store/person.store.ts';
import { getPairing } from '../store/program.store.ts';
import { listCompetencies } from '../store/tenant.store.ts';
import { type Ctx, notify, type Reply, reply } from './context.ts';
import { authoredPairs, nameOf, planReviewers, reviewedPairs, standingOf } from './standing.ts';
import { goalStateLabel, reviewOutcome } from './views.ts';

/** A decision button: the goal and the revision it is about; `l` when it sits in a goals list. */
export const decisionValue = z.object({
  g: z.string().max(64),
  r: z.number().int().min(1).max(10_000),
  l: z.literal(1).optional(),
});
export const goalValue = z.object({ g: z.string().max(64) });

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
  value: z.infer<typeof decisionValue>,
  decision: 'approve' | 'request_changes',
  comment: string | null,
): Promise<Reply> {
  try {
    const { goal, pairing } = await decideGoal(ctx.deps, ctx.acting, {
      goalId: value.g,
      decision,
      comment,
      revision: value.r,
    });
    const outcome = await outcomeFor(ctx, goal, pairing);
    await notify(ctx, planAuthorOf(pairing), ({ t }) => {
      const builder = message(t(`review.told.${decision}.summary`, { title: goal.title })).text(
        t(`review.told.${decision}.text`, { title: goal.title, mentor: ctx.person.name }),
      );
      if (comment) builder.context(t('review.outcome.comment', { comment }));
      if (decision === 'request_changes')
        builder.buttons([button('goal.edit', t('goals.edit'), { g: goal.id }, 'primary')]);
      return builder.build();
    });
    // Clicked in a goals list: the list comes back with the goal's new state, not one goal in its place.
    const list =
      value.l === 1 && pairing.mentorId === ctx.person.id ? await menteeGoalsList(ctx, pairing) : undefined;
    return { messages: [], replaceOriginal: list ?? outcome };
  } catch (error) {
    if (isDomainError(error, 'transition.not_allowed') || isDomainError(error, 'record.changed')) {
      const { goal, pairing } = await goalAndPairing(ctx, value.g);
      // The reviewer (the mentor; a reverse program's admins) hears what already happened.
      if (may(ctx.actor, 'goal.decide', { kind: 'goal', goal, pairing }))
        return alreadyDecided(ctx, goal, pairing, value);
    }
    throw error;
  }
}

/** A click on a request that was decided already (a double click, another device) or replaced by a newer revision. */
async function alreadyDecided(
  ctx: Ctx,
  goal: Goal,
  pairing: Pairing,
  value: z.infer<typeof decisionValue>,
): Promise<Reply> {
  const newer = goal.revision !== value.r;
  const said = textMessage(
    ctx.t(newer ? 'review.newer_revision' : 'review.already', { state: goalStateLabel(ctx.t, goal.state) }),
  );
  // Clicked in a goals list: the list again, with every goal's state as it is now.
  if (value.l === 1 && pairing.mentorId === ctx.person.id)
    return { messages: [said], replaceOriginal: await menteeGoalsList(ctx, pairing) };
  return {
    messages: [said],
    ...(!newer && goal.state !== 'submitted'
      ? { replaceOriginal: await outcomeFor(ctx, goal, pairing) }
      : {}),
  };
}

/** "Request changes": the comment form, opened only for the mentor of a goal still under review. */
export async function openChangesForm(ctx: Ctx, value: z.infer<typeof decisionValue>): Promise<Reply> {
  const { goal, pairing } = await goalAndPairing(ctx, value.g);
  authorize(ctx.actor, 'goal.decide', { kind: 'goal', goal, pairing });
  if (goal.state !== 'submitted' || goal.revision !== value.r)
    return alreadyDecided(ctx, goal, pairing, value);
  return {
    messages: [],
    openForm: {
      actionId: 'goal.request_changes',
      title: ctx.t('review.form.title'),
      submitLabel: ctx.t('review.form.submit'),
      value: JSON.stringify(value),
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
      const value = { g: goal.id, r: goal.revision, l: 1 };
      builder.buttons([
        button('goal.approve', t('review.approve'), value, 'primary'),
        button('goal.request_changes', t('review.request_changes'), value),
      ]);
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
        buttons.push(button('goal.edit', t('goals.edit'), { g: goal.id }));
      if (['draft', 'submitted', 'changes_requested', 'approved'].includes(goal.state)) {
        buttons.push(button('goal.withdraw', t('goals.withdraw'), { g: goal.id }, 'danger'));
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
          ? button('plan.pair', t('menu.new_goal'), { k: 'new_goal', p: pairing.id }, 'primary')
          : button('menu', t('menu.new_goal'), { c: 'new_goal' }, 'primary'),
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
        button('goal.withdraw_confirm', ctx.t('goals.withdraw_yes'), { g: goal.id }, 'danger'),
        button('menu', ctx.t('goals.withdraw_no'), { c: 'goals' }),
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
