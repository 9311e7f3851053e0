import { authorize } from '../domain/authz.ts';
import type { Pairing, Person } from '../domain/model.ts';
import { canReportOutcome } from '../domain/session.ts';
import { message, textMessage } from '../messages/model.ts';
import { findPersonByEmail, getPerson } from '../store/person.store.ts';
import { pairingsOf } from '../store/program.store.ts';
import { listSessionsOfPairings } from '../store/session.store.ts';
import { EVALUATION_FLOW, startEvaluationFor } from './closing.flow.ts';
import { emailIn } from './commands.ts';
import { type Ctx, type Reply, reply } from './context.ts';
import { done, type FlowTurn } from './flow.ts';
import { goalForm } from './goal-drafting.flow.ts';
import { command, type Feature } from './registry.ts';
import { sessionKinds } from './session.flow.ts';
import { sessionFields } from './views.ts';
import { workReportOnBehalf } from './work-report.flow.ts';

/**
 * Paper forms: an admin enters, for someone who filled it on paper, a goal (for the mentee), the
 * final evaluation (for the mentor) or whether a session was held. The records say who entered
 * them (`entered_by`), the audit log says `on_behalf`, and the people concerned are told.
 */

async function pairOfMentee(ctx: Ctx, email: string): Promise<{ person: Person; pairing: Pairing } | Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const person = await findPersonByEmail(ctx.deps.db, ctx.tenant.id, email);
  if (!person) return reply(textMessage(ctx.t('admin.unknown_person', { email })));
  const pairing = (await pairingsOf(ctx.deps.db, ctx.tenant.id, person.id))
    .filter((p) => p.menteeId === person.id)
    .at(-1);
  if (!pairing) return reply(textMessage(ctx.t('paper.not_paired', { name: person.name })));
  return { person, pairing };
}

/** The goal form, filled by the admin for the mentee. */
export async function goalOnBehalf(ctx: Ctx, email: string): Promise<Reply> {
  const found = await pairOfMentee(ctx, email);
  if ('messages' in found) return found;
  return {
    messages: [textMessage(ctx.t('paper.goal_intro', { name: found.person.name }))],
    openForm: await goalForm(ctx, undefined, found.person.id),
  };
}

/** The final evaluation conversation, answered by the admin for the mentee's mentor. */
export async function evaluationOnBehalf(ctx: Ctx, email: string): Promise<FlowTurn> {
  const found = await pairOfMentee(ctx, email);
  if ('messages' in found) return done(found);
  const mentor = await getPerson(ctx.deps.db, ctx.tenant.id, found.pairing.mentorId);
  const turn = await startEvaluationFor(ctx, found.pairing);
  return {
    ...turn,
    reply: {
      ...turn.reply,
      messages: [
        textMessage(ctx.t('paper.evaluation_intro', { mentor: mentor?.name ?? '', name: found.person.name })),
        ...turn.reply.messages,
      ],
    },
  };
}

/** The pair's sessions whose outcome can be recorded, with the Held / Not held buttons. */
export async function sessionsOnBehalf(ctx: Ctx, email: string): Promise<Reply> {
  const found = await pairOfMentee(ctx, email);
  if ('messages' in found) return found;
  const { t } = ctx;
  const sessions = (await listSessionsOfPairings(ctx.deps.db, ctx.tenant.id, [found.pairing.id])).filter(
    (s) => canReportOutcome(s.state, s.startsAt, ctx.now),
  );
  if (sessions.length === 0) return reply(textMessage(t('paper.no_sessions', { name: found.person.name })));
  const mentor = await getPerson(ctx.deps.db, ctx.tenant.id, found.pairing.mentorId);
  const builder = message(t('paper.sessions_title', { name: found.person.name })).text(
    t('paper.sessions_title', { name: found.person.name }),
  );
  for (const session of sessions) {
    builder
      .divider()
      .fields(sessionFields(ctx, session, mentor?.name ?? ''))
      .buttons([
        sessionKinds.held.button(t('session.held'), { session: session.id }, 'primary'),
        sessionKinds.not_held.button(t('session.not_held'), { session: session.id }),
      ]);
  }
  return reply(builder.build());
}

type PaperForm = 'goal' | 'evaluation' | 'sessions' | 'work_report';

/** Paper forms entered by an admin for the person who filled them in. */
export const onBehalfFeature: Feature = {
  name: 'on-behalf',
  commands: [
    command<{ email: string; what: PaperForm }>({
      name: 'on_behalf',
      parse: (words) => {
        const m =
          /^admin (?:en nombre de|on behalf of) (\S+) (meta|goal|evaluacion|evaluation|sesiones|sessions|informe|work report)$/.exec(
            words,
          );
        const email = emailIn(m?.[1]);
        if (!m || !email) return undefined;
        const word = m[2] as string;
        const what: PaperForm =
          word === 'meta' || word === 'goal'
            ? 'goal'
            : word.startsWith('eval')
              ? 'evaluation'
              : word === 'informe' || word === 'work report'
                ? 'work_report'
                : 'sessions';
        return { email, what };
      },
      rule: 'admin.manage',
      help: ['admin'],
      run: async (ctx, { email, what }, dispatch) => {
        if (what === 'goal') return goalOnBehalf(ctx, email);
        if (what === 'sessions') return sessionsOnBehalf(ctx, email);
        if (what === 'work_report') return workReportOnBehalf(ctx, email);
        return dispatch.start(ctx, EVALUATION_FLOW, await evaluationOnBehalf(ctx, email));
      },
    }),
  ],
};
