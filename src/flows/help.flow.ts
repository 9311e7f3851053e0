import { phaseAt } from '../domain/cycle.ts';
import { genderContext } from '../i18n/index.ts';
import { type Button, message, type OutboundMessage, textMessage } from '../messages/model.ts';
import { weekStart } from '../services/checkin.service.ts';
import { awaitingEndorsementBy } from '../store/application.store.ts';
import { countOpenIssues, lastCheckinWeek, openIssues } from '../store/checkin.store.ts';
import { getEvaluationOfPairing, hasAnsweredSurvey } from '../store/evaluation.store.ts';
import { countGoalsByState, listGoalsOfPairing } from '../store/goal.store.ts';
import { countFailedNudges, waitingRecipients } from '../store/nudge.store.ts';
import { getPeople, getPerson } from '../store/person.store.ts';
import { enrollmentsOf, getCycle } from '../store/program.store.ts';
import { reverseReviewQueue, workReportOfPairing } from '../store/work-report.store.ts';
import { endorsementAsk } from './application.flow.ts';
import { issueButtons } from './checkin.flow.ts';
import { acknowledgeEvaluationKind, releaseEvaluationKind, startSurveyKind } from './closing.flow.ts';
import type { Ctx, Reply } from './context.ts';
import { readerOf, reply } from './context.ts';
import { editGoalKind, reviewButtons } from './goal-review.ts';
import { type Audience, command, type Feature, menuKind, planPairKind, type Registry } from './registry.ts';
import { pendingSessions, sessionKinds } from './session.flow.ts';
import {
  authoredPairs,
  nameOf,
  reviewedPairs,
  reviewerWords,
  type Standing,
  standingOf,
} from './standing.ts';
import { capped, sessionFields } from './views.ts';
import { reportReviewButtons } from './work-report.flow.ts';

const menu = (ctx: Ctx, name: string, style?: 'primary') =>
  menuKind.button(ctx.t(`menu.${name}`), { cmd: name }, style);

function roleOf(ctx: Ctx, standing: Standing): Audience {
  // In a reverse program the mentor writes the plan and the colleague carries it out with them.
  if (standing.asMentee) return standing.asMentee.planAuthor === 'mentor' ? 'colleague' : 'mentee';
  if (standing.asMentor.length)
    return standing.asMentor.every((p) => p.planAuthor === 'mentor') ? 'plan_mentor' : 'mentor';
  if (ctx.actor.staffRole) return ctx.actor.staffRole;
  return 'none';
}

function phaseLines(ctx: Ctx, standing: Standing): string {
  const c = standing.cycle;
  if (!c) return '';
  const { t, fmt } = ctx;
  return [
    t('welcome.phases_title', { program: standing.program?.name ?? '', cycle: c.name }),
    `• ${t('phase.enrollment')}: ${fmt.date(c.enrollmentStarts)}`,
    `• ${t('phase.goal_setting')}: ${fmt.date(c.goalSettingStarts)}`,
    `• ${t('phase.execution')}: ${fmt.date(c.executionStarts)}`,
    `• ${t('phase.closing')}: ${fmt.date(c.closingStarts)} – ${fmt.date(c.ends)}`,
    t('welcome.now', { phase: t(`phase.${standing.phase}`) }),
  ].join('\n');
}

/**
 * Someone with no pair: enrolled and waiting for one, withdrawn from the cycle, or in none at all
 * (three different things to be told).
 */
async function withoutPairText(ctx: Ctx, standing: Standing): Promise<string> {
  const { t } = ctx;
  // Found with the standing (see `standingOf`): not asked again.
  if (standing.withdrawn)
    return t('welcome.role.withdrawn', {
      cycle: standing.withdrawn.cycle,
      date: ctx.fmt.date(standing.withdrawn.date),
    });
  const cycle = standing.cycle;
  if (!cycle) return t('welcome.role.none');
  const enrolled = (await enrollmentsOf(ctx.deps.db, ctx.tenant.id, ctx.person.id)).find(
    (e) => e.cycleId === cycle.id && (e.role === 'mentor' || e.role === 'mentee'),
  );
  if (enrolled) return t(`welcome.role.waiting_${enrolled.role}`, { program: standing.program?.name ?? '' });
  return t('welcome.role.none');
}

/** The first message: who you are in the program, its dates, and what to do next. */
export async function welcome(ctx: Ctx, registry: Registry): Promise<Reply> {
  const { t } = ctx;
  const standing = await standingOf(ctx);
  const role = roleOf(ctx, standing);
  const mentor = standing.asMentee ? standing.people.get(standing.asMentee.mentorId) : undefined;
  // A mentor in several cycles (a classic and a reverse one) hears about each pair, named by cycle.
  const severalCycles = new Set(standing.asMentor.map((p) => p.cycleId)).size > 1;
  const mentees = standing.asMentor
    .map((p) => {
      const name = nameOf(standing, p.menteeId);
      const where = standing.cycles.get(p.cycleId);
      return severalCycles && where ? `${name} («${where.program.name}», ${where.cycle.name})` : name;
    })
    .join(', ');
  const programs = severalCycles
    ? [...new Set(standing.asMentor.map((p) => standing.cycles.get(p.cycleId)?.program.name ?? ''))].join(
        '», «',
      )
    : (standing.program?.name ?? '');
  const builder = message(t('welcome.summary', { name: ctx.person.name }))
    .text(t('welcome.hello', { name: ctx.person.name }))
    .text(
      role === 'none'
        ? await withoutPairText(ctx, standing)
        : t(`welcome.role.${role}`, {
            mentor: mentor?.name ?? '',
            mentorWord: t('words.mentor', genderContext(mentor?.gender ?? null)),
            mentees,
            program: programs,
          }),
    );
  const phases = phaseLines(ctx, standing);
  if (phases) builder.text(phases);
  builder.text(t(`welcome.next.${role}`));
  builder.buttons(menuButtons(ctx, registry, role).slice(0, 3));
  builder.context(t('welcome.help_hint'));
  return reply(builder.build());
}

/**
 * The privacy notice, once per person: what Mentoría keeps, who sees it (the table of
 * `domain/visibility.ts` in words), how long (the program's retention setting), and how to ask
 * for a copy or for erasure.
 */
export async function privacyNotice(ctx: Ctx): Promise<OutboundMessage> {
  // In the language they have now (their first words may have been "language en").
  const person = (await getPerson(ctx.deps.db, ctx.tenant.id, ctx.person.id)) ?? ctx.person;
  const { t } = readerOf(person);
  const standing = await standingOf(ctx);
  const title = t('privacy.notice.title');
  // Staff are told what is kept about them (the audit of what they do) and what they see of others.
  const role = roleOf(ctx, standing);
  if (role === 'admin' || role === 'director')
    return message(title)
      .text(`*${title}*`)
      .text(t('privacy.notice.kept_staff'))
      .text(t('privacy.notice.who_staff'))
      .context(t('privacy.notice.rights_staff'))
      .build();
  const months = standing.program?.settings.retentionMonths ?? null;
  return message(title)
    .text(`*${title}*`)
    .text(t('privacy.notice.kept'))
    .text(t('privacy.notice.who'))
    .text(
      months === null ? t('privacy.notice.until_erased') : t('privacy.notice.retention', { count: months }),
    )
    .context(t('privacy.notice.rights'))
    .build();
}

/** The menu's buttons for someone in this place in the program, as the features declare them. */
function menuButtons(ctx: Ctx, registry: Registry, audience: Audience): Button[] {
  return registry.menu(audience).map((name, i) => menu(ctx, name, i === 0 ? 'primary' : undefined));
}

/** `ayuda`: what can be written, as words and as buttons, from the features' declarations. */
export async function help(ctx: Ctx, registry: Registry): Promise<Reply> {
  const { t } = ctx;
  const standing = await standingOf(ctx);
  const audience = roleOf(ctx, standing);
  const { own, everyone } = registry.helpLines(t, audience);
  const builder = message(t('help.title')).text(t('help.title'));
  if (own.length)
    builder.text([...own, ...(audience === 'admin' ? [t('help.several_cycles')] : [])].join('\n'));
  return reply(
    builder
      .text(everyone.join('\n'))
      .buttons(menuButtons(ctx, registry, audience))
      .build(),
  );
}

/** `pendientes`: what this person has to do now, with the buttons to do it. */
export async function pending(ctx: Ctx): Promise<Reply> {
  const { t, fmt } = ctx;
  const standing = await standingOf(ctx);
  const items: OutboundMessage[] = [];
  const item = (text: string, buttons: Button[] = []) =>
    items.push(message(text).text(text).buttons(buttons).build());
  const { toAnswer, toReport } = await pendingSessions(ctx, standing);
  const otherName = (pairingId: string) => {
    const pairing = [standing.asMentee, ...standing.asMentor].find((p) => p?.id === pairingId);
    return pairing
      ? nameOf(standing, pairing.mentorId === ctx.person.id ? pairing.menteeId : pairing.mentorId)
      : '';
  };
  for (const s of toAnswer) {
    items.push(
      message(t('pending.session_answer'))
        .text(t('pending.session_answer'))
        .fields(sessionFields(ctx, s, otherName(s.pairingId)))
        .buttons([
          sessionKinds.accept.button(t('session.accept'), { session: s.id }, 'primary'),
          sessionKinds.counter.button(t('session.counter'), { session: s.id }),
          sessionKinds.decline.button(t('session.decline'), { session: s.id }, 'danger'),
        ])
        .build(),
    );
  }
  for (const s of toReport) {
    item(t('pending.session_report', { name: otherName(s.pairingId), when: fmt.dateTime(s.startsAt) }), [
      sessionKinds.held.button(t('session.held'), { session: s.id }, 'primary'),
      sessionKinds.not_held.button(t('session.not_held'), { session: s.id }),
    ]);
  }
  // The plans this person writes: their own as a mentee, or (reverse) each colleague's.
  for (const pairing of authoredPairs(standing)) {
    const goals = (await listGoalsOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id)).filter(
      (g) => g.state !== 'withdrawn',
    );
    const own = standing.cycles.get(pairing.cycleId)?.cycle;
    const phase = own ? phaseAt(own, ctx.now) : standing.phase;
    const several = authoredPairs(standing).length > 1;
    if (goals.length === 0 && (phase === 'goal_setting' || phase === 'execution' || phase === 'enrollment')) {
      item(
        several
          ? t('pending.first_goal_with', { name: nameOf(standing, pairing.menteeId) })
          : t('pending.first_goal'),
        [
          several
            ? planPairKind.button(t('menu.new_goal'), { cmd: 'new_goal', pairing: pairing.id }, 'primary')
            : menu(ctx, 'new_goal', 'primary'),
        ],
      );
    }
    for (const g of goals.filter((g) => g.state === 'changes_requested' || g.state === 'draft')) {
      item(t(`pending.goal_${g.state}`, { title: g.title }), [
        editGoalKind.button(t('goals.edit'), { goal: g.id }, 'primary'),
      ]);
    }
    const submitted = goals.filter((g) => g.state === 'submitted');
    if (submitted.length)
      item(
        t('pending.waiting_mentor', { count: submitted.length, ...(await reviewerWords(ctx, pairing.id)) }),
      );
    if (goals.some((g) => g.state === 'approved')) {
      const week = weekStart(ctx.now, ctx.person.timezone);
      if ((await lastCheckinWeek(ctx.deps.db, ctx.tenant.id, pairing.id)) !== week)
        item(t('pending.checkin'), [
          several
            ? planPairKind.button(t('menu.checkin'), { cmd: 'checkin', pairing: pairing.id }, 'primary')
            : menu(ctx, 'checkin', 'primary'),
        ]);
    }
    if (pairing.planAuthor === 'mentor') {
      // A reverse pair closes with the mentor's work report.
      const own = standing.cycles.get(pairing.cycleId)?.cycle;
      const report = await workReportOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id);
      const name = nameOf(standing, pairing.menteeId);
      const reportButton = () =>
        several
          ? planPairKind.button(t('menu.work_report'), { cmd: 'work_report', pairing: pairing.id }, 'primary')
          : menu(ctx, 'work_report', 'primary');
      if (report?.state === 'changes_requested')
        item(t('pending.work_report_changes', { name }), [reportButton()]);
      else if (!report && own && phaseAt(own, ctx.now) === 'closing')
        item(t('pending.work_report', { name }), [reportButton()]);
      continue;
    }
    const evaluation = await getEvaluationOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id);
    if (evaluation?.state === 'released') {
      item(t('pending.acknowledge'), [
        acknowledgeEvaluationKind.button(
          t('evaluation.acknowledge'),
          { evaluation: evaluation.id },
          'primary',
        ),
      ]);
    }
    if (
      evaluation?.state === 'acknowledged' &&
      !(await hasAnsweredSurvey(ctx.deps.db, ctx.tenant.id, pairing.cycleId, ctx.person.id))
    ) {
      item(t('pending.survey'), [startSurveyKind.button(t('survey.start'), {}, 'primary')]);
    }
  }
  for (const pairing of reviewedPairs(standing)) {
    const name = nameOf(standing, pairing.menteeId);
    const goals = await listGoalsOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id);
    for (const g of goals.filter((g) => g.state === 'submitted')) {
      item(t('pending.review', { name, title: g.title }), reviewButtons(t, { goal: g.id, rev: g.revision }));
    }
    const issues = await openIssues(ctx.deps.db, ctx.tenant.id, pairing.id);
    for (const issue of issues) {
      item(
        t('pending.issue', { name, status: t(`milestone.status.${issue.status}`), note: issue.note ?? '' }),
        issueButtons(t, issue.id),
      );
    }
    const evaluation = await getEvaluationOfPairing(ctx.deps.db, ctx.tenant.id, pairing.id);
    if (
      !evaluation &&
      (standing.phase === 'closing' || standing.phase === 'closed') &&
      goals.some((g) => g.state === 'approved')
    ) {
      item(t('pending.evaluate', { name }), [menu(ctx, 'evaluate', 'primary')]);
    }
    if (evaluation?.state === 'submitted') {
      item(t('pending.release', { name }), [
        releaseEvaluationKind.button(
          t('evaluation.release', { name }),
          { evaluation: evaluation.id },
          'primary',
        ),
      ]);
    }
  }
  // Endorsements people asked this person for (a supervisor is often in no pair at all).
  for (const application of await awaitingEndorsementBy(ctx.deps.db, ctx.tenant.id, ctx.person.id)) {
    const applicant = await getPerson(ctx.deps.db, ctx.tenant.id, application.personId);
    const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, application.cycleId);
    if (applicant && cycle) items.push(endorsementAsk(t, application, applicant.name, cycle.name));
  }
  let overview: OutboundMessage | undefined;
  if (ctx.actor.staffRole && standing.cycle) {
    const byState = await countGoalsByState(ctx.deps.db, ctx.tenant.id, standing.cycle.id);
    const issues = await countOpenIssues(ctx.deps.db, ctx.tenant.id, standing.cycle.id);
    overview = textMessage(
      t('pending.overview', {
        cycle: standing.cycle.name,
        phase: t(`phase.${standing.phase}`),
        submitted: byState.submitted ?? 0,
        changes: byState.changes_requested ?? 0,
        approved: byState.approved ?? 0,
        alerts: issues.alert,
        restrictions: issues.restriction,
      }),
    );
  }
  if (ctx.actor.staffRole === 'admin') {
    // Reverse programs: plans and work reports the program validates, alerts it follows up.
    const queue = await reverseReviewQueue(ctx.deps.db, ctx.tenant.id);
    for (const g of queue.goals)
      item(
        t('pending.plan_to_validate', { title: g.title, name: g.author, colleague: g.colleague }),
        reviewButtons(t, { goal: g.goalId, rev: g.revision }),
      );
    for (const r of queue.reports)
      item(t('pending.report_to_validate', { name: r.author, colleague: r.colleague }), [
        ...reportReviewButtons(t, { report: r.reportId, rev: r.revision }),
      ]);
    for (const issue of queue.issues)
      item(
        t('pending.plan_issue', {
          name: issue.author,
          status: t(`milestone.status.${issue.status}`),
          note: issue.note ?? '',
        }),
        issueButtons(t, issue.updateId),
      );
    const failed = await countFailedNudges(ctx.deps.db, ctx.tenant.id);
    if (failed > 0) item(t('pending.failed_nudges', { count: failed }));
    // People the bot cannot reach yet, by name: the admin can ask them to open it once.
    const waiting = await waitingRecipients(ctx.deps.db, ctx.tenant.id);
    if (waiting.length) {
      const people = await getPeople(
        ctx.deps.db,
        ctx.tenant.id,
        waiting.map((w) => w.personId),
      );
      const lines = waiting
        .map((w) => ({ ...w, person: people.get(w.personId) }))
        .filter((w) => w.person)
        .sort((a, b) => (a.person?.name ?? '').localeCompare(b.person?.name ?? ''))
        .map((w) =>
          t('pending.unreachable_line', {
            name: w.person?.name,
            email: w.person?.email ?? '—',
            messages: w.messages,
          }),
        );
      if (lines.length)
        item([t('pending.unreachable', { count: lines.length }), ...capped(t, lines, 20)].join('\n'));
    }
  }
  const tail = overview ? [overview] : [];
  if (items.length === 0) return { messages: overview ? tail : [textMessage(t('pending.none'))] };
  return { messages: [textMessage(t('pending.title', { count: items.length })), ...items, ...tail] };
}

/** Finding one's way: help, the welcome, what is pending, leaving a conversation. */
export const helpFeature: Feature = {
  name: 'help',
  commands: [
    command({
      name: 'help',
      words: ['ayuda', 'help', 'menu', 'admin ayuda', 'admin help'],
      readOnly: true,
      notesOpenFlow: true,
      run: (ctx, _args, dispatch) => help(ctx, dispatch.registry),
    }),
    command({
      name: 'hello',
      words: ['hola', 'hi', 'hello', 'inicio', 'start'],
      notesOpenFlow: true,
      help: ['none'],
      run: (ctx, _args, dispatch) => welcome(ctx, dispatch.registry),
    }),
    command({
      name: 'pending',
      words: ['pendientes', 'pendiente', 'todo', 'pending', 'to do'],
      readOnly: true,
      notesOpenFlow: true,
      help: ['admin', 'director', 'everyone'],
      menu: { mentee: 5, mentor: 0, plan_mentor: 5, colleague: 3, admin: 0, director: 0 },
      run: (ctx) => pending(ctx),
    }),
    command({
      name: 'cancel',
      words: ['cancelar', 'cancel', 'salir'],
      help: ['everyone'],
      // With a conversation open, the dispatcher ends it; without one there is nothing to cancel.
      run: async (ctx) => reply(textMessage(ctx.t('flow.nothing_to_cancel'))),
    }),
  ],
};
