import { z } from 'zod';
import { authorize } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import type { Cycle, Pairing, Person } from '../domain/model.ts';
import { genderContext } from '../i18n/index.ts';
import { message, type OutboundMessage, textMessage } from '../messages/model.ts';
import { csvText } from '../services/csv.ts';
import {
  applySuggestion,
  pairManually,
  previewReplacement,
  type Replacement,
  replaceMentor,
  type Suggestion,
  suggestPairs,
} from '../services/matching.service.ts';
import { findPersonByEmail, getPeople, getPerson } from '../store/person.store.ts';
import {
  activePairingOfMentee,
  enrollmentsOf,
  getCycle,
  listCycles,
  type PairingCarry,
} from '../store/program.store.ts';
import { emailIn, wordsAfter } from './commands.ts';
import { adminRun, type Ctx, type Reply, reply } from './context.ts';
import { actionKind, command, type Feature, onClick } from './registry.ts';
import { cycleNamed } from './standing.ts';
import { capped } from './views.ts';

/** "Confirm these pairs": the cycle, and the fingerprint of the proposal the admin saw. */
const applyPairsKind = actionKind(
  'pairs.apply',
  z.object({ cycle: z.string().max(64), hash: z.string().max(32) }),
  {
    c: 'cycle',
    h: 'hash',
  },
);

/** Lines shown in chat; the attached CSV carries the whole proposal. */
const SHOWN = 25;

/** The proposal as the admin reviews it: pairs, everyone left out and why, and a confirm button. */
function suggestionMessage(ctx: Ctx, s: Suggestion, withButton: boolean): OutboundMessage {
  const { t } = ctx;
  const pairLines = s.pairs.map((p) =>
    t('pairs.line', {
      mentor: p.mentor.name,
      mentee: p.mentee.name,
      why: [
        ...(p.sharedTopics.length ? [t('pairs.shared', { topics: p.sharedTopics.join(', ') })] : []),
        ...(p.differentUnits ? [t('pairs.other_unit')] : []),
      ].join(' · '),
    }),
  );
  const leftOut = [
    ...s.unmatchedMentees.map((u) =>
      t('pairs.left_line', { name: u.person.name, reason: t(`pairs.reason.${u.reason}`) }),
    ),
    ...s.unmatchedMentors.map((u) =>
      t('pairs.left_line', { name: u.person.name, reason: t(`pairs.reason.${u.reason}`) }),
    ),
  ];
  const more = (lines: string[]) => capped(t, lines, SHOWN);
  const builder = message(t('pairs.title', { cycle: s.cycle.name, count: s.pairs.length })).text(
    t('pairs.title', { cycle: s.cycle.name, count: s.pairs.length }),
  );
  if (pairLines.length) builder.text(more(pairLines).join('\n'));
  else builder.text(t('pairs.none'));
  if (leftOut.length) {
    builder.text(
      `${t('pairs.left_title', { mentees: s.unmatchedMentees.length, mentors: s.unmatchedMentors.length })}\n${more(leftOut).join('\n')}`,
    );
  }
  const csv = csvText([
    [
      'mentor_email',
      'mentor_name',
      'mentee_email',
      'mentee_name',
      'score',
      'shared_topics',
      'different_units',
    ],
    ...s.pairs.map((p) => [
      p.mentor.email ?? '',
      p.mentor.name,
      p.mentee.email ?? '',
      p.mentee.name,
      p.score,
      p.sharedTopics.join('; '),
      p.differentUnits ? 'yes' : 'no',
    ]),
  ]);
  if (s.pairs.length) builder.file(`parejas-${s.cycle.name}.csv`, 'text/csv', csv);
  if (withButton && s.pairs.length) {
    builder
      .context(t('pairs.review_hint'))
      .buttons([
        applyPairsKind.button(
          t('pairs.confirm', { count: s.pairs.length }),
          { cycle: s.cycle.id, hash: s.fingerprint },
          'primary',
        ),
      ]);
  }
  return builder.build();
}

/** `admin sugerir parejas [ciclo]`: the optimal proposal, for review; nothing is written yet. */
export async function suggestPairsInChat(ctx: Ctx, cycleName: string): Promise<Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(ctx.t('report.no_cycle')));
  return reply(suggestionMessage(ctx, await suggestPairs(ctx.deps, ctx.tenant.id, cycle), true));
}

/** The confirm button: makes exactly the reviewed proposal, or shows the new one if it changed. */
export async function applyPairsInChat(ctx: Ctx, value: { cycle: string; hash: string }): Promise<Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, value.cycle);
  if (!cycle) return reply(textMessage(ctx.t('errors.record.not_found')));
  const outcome = await applySuggestion(
    ctx.deps,
    { tenantId: ctx.tenant.id, actorId: ctx.person.id, via: ctx.acting.via },
    cycle,
    value.hash,
  );
  if ('stale' in outcome) {
    return {
      messages: [textMessage(ctx.t('pairs.stale')), suggestionMessage(ctx, outcome.suggestion, true)],
      replaceOriginal: suggestionMessage(ctx, outcome.suggestion, false),
    };
  }
  const done = message(ctx.t('pairs.applied', { count: outcome.applied }))
    .text(ctx.t('pairs.applied', { count: outcome.applied }))
    .build();
  return { messages: [done], replaceOriginal: suggestionMessage(ctx, outcome.suggestion, false) };
}

/** `admin emparejar <mentor> <mentee>`: one pair, in the mentee's latest cycle. */
export async function pairInChat(ctx: Ctx, mentorEmail: string, menteeEmail: string): Promise<Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const mentor = await findPersonByEmail(ctx.deps.db, ctx.tenant.id, mentorEmail);
  const mentee = await findPersonByEmail(ctx.deps.db, ctx.tenant.id, menteeEmail);
  if (!mentor) return reply(textMessage(ctx.t('admin.unknown_person', { email: mentorEmail })));
  if (!mentee) return reply(textMessage(ctx.t('admin.unknown_person', { email: menteeEmail })));
  const asMentee = new Set(
    (await enrollmentsOf(ctx.deps.db, ctx.tenant.id, mentee.id))
      .filter((e) => e.role === 'mentee')
      .map((e) => e.cycleId),
  );
  const cycle = (await listCycles(ctx.deps.db, ctx.tenant.id)).find((c) => asMentee.has(c.id));
  if (!cycle) return reply(textMessage(ctx.t('pairs.not_mentee', { name: mentee.name })));
  const replacing = await previewReplacement(ctx.deps, ctx.tenant.id, cycle, mentor, mentee).catch(
    (error: unknown) => {
      if (error instanceof DomainError && error.code === 'pairing.same_mentor') return 'same' as const;
      throw error;
    },
  );
  if (replacing === 'same') {
    return reply(
      textMessage(
        ctx.t('pairs.replace.same', {
          mentor: mentor.name,
          mentee: mentee.name,
          cycle: cycle.name,
          ...genderContext(mentor.gender),
        }),
      ),
    );
  }
  if (replacing) return reply(await replacementOffer(ctx, cycle, mentor, mentee, replacing));
  await pairManually(ctx.deps, adminRun(ctx), cycle, mentor, mentee);
  return reply(
    textMessage(ctx.t('pairs.paired', { mentor: mentor.name, mentee: mentee.name, cycle: cycle.name })),
  );
}

const replaceValue = z.object({
  cycle: z.string().max(64),
  mentee: z.string().max(64),
  mentor: z.string().max(64),
  from: z.string().max(64),
});
/** "Replace": the change the admin was shown (the mentee, the new mentor, the pairing it ends). */
const replaceKind = actionKind('pairs.replace', replaceValue);

/** "Ana already has Luis: replace him with Tomás?", with what moves and what is cancelled. */
async function replacementOffer(
  ctx: Ctx,
  cycle: Cycle,
  mentor: Person,
  mentee: Person,
  { current, carry }: { current: Pairing; carry: PairingCarry },
): Promise<OutboundMessage> {
  const { t } = ctx;
  const old = await getPerson(ctx.deps.db, ctx.tenant.id, current.mentorId);
  const names = { mentee: mentee.name, mentor: mentor.name, old: old?.name ?? '', cycle: cycle.name };
  const offer = t('pairs.replace.offer', {
    ...names,
    their: t('pronoun.their', genderContext(mentee.gender)),
    ...genderContext(old?.gender ?? null),
  });
  const parts = [
    carry.goals
      ? t('pairs.replace.carry_goals', { ...names, count: carry.goals })
      : t('pairs.replace.carry_none', names),
    ...(carry.waitingReview
      ? [t('pairs.replace.carry_waiting', { ...names, count: carry.waitingReview })]
      : []),
    ...(carry.upcomingSessions
      ? [t('pairs.replace.carry_sessions', { ...names, count: carry.upcomingSessions })]
      : []),
    t('pairs.replace.carry_held'),
  ];
  return message(offer)
    .text(offer)
    .text(parts.join(' '))
    .buttons([
      replaceKind.button(
        t('pairs.replace.button'),
        { cycle: cycle.id, mentee: mentee.id, mentor: mentor.id, from: current.id },
        'primary',
      ),
    ])
    .build();
}

/** "Reemplazar": makes the change the admin saw, or says what changed since (a second click does nothing). */
export async function replaceInChat(ctx: Ctx, value: z.infer<typeof replaceValue>): Promise<Reply> {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
  const { t } = ctx;
  const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, value.cycle);
  const people = await getPeople(ctx.deps.db, ctx.tenant.id, [value.mentee, value.mentor]);
  const mentee = people.get(value.mentee);
  const mentor = people.get(value.mentor);
  if (!cycle || !mentee || !mentor) return reply(textMessage(t('errors.record.not_found')));
  const stale = async (): Promise<Reply> => {
    const now = await activePairingOfMentee(ctx.deps.db, ctx.tenant.id, cycle.id, mentee.id);
    const current = now ? await getPerson(ctx.deps.db, ctx.tenant.id, now.mentorId) : undefined;
    const text = current
      ? t('pairs.replace.stale', {
          mentee: mentee.name,
          mentor: current.name,
          ...genderContext(mentee.gender),
        })
      : t('pairs.replace.stale_unpaired', { mentee: mentee.name });
    return { messages: [], replaceOriginal: textMessage(text) };
  };
  let done: Replacement;
  try {
    done = await replaceMentor(ctx.deps, adminRun(ctx), cycle, mentor, mentee, value.from);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'pairing.changed') return stale();
    throw error;
  }
  const old = await getPerson(ctx.deps.db, ctx.tenant.id, done.ended.mentorId);
  const names = { mentee: mentee.name, mentor: mentor.name, old: old?.name ?? '', cycle: cycle.name };
  const text = t('pairs.replace.done', {
    ...names,
    moved: t('pairs.replace.moved', { goals: done.goals, checkins: done.checkins }),
    sessions: done.sessionsCancelled
      ? t('pairs.replace.cancelled', { count: done.sessionsCancelled })
      : t('pairs.replace.cancelled_none'),
  });
  // The offer becomes its outcome: no button left to click twice.
  return { messages: [], replaceOriginal: textMessage(text) };
}

/** Pairing: the optimal proposal, a pair made by hand, a mentor replaced. */
export const pairingFeature: Feature = {
  name: 'pairing',
  commands: [
    command<{ arg: string }>({
      name: 'suggest_pairs',
      parse: (words, typed) =>
        /^(admin sugerir parejas|admin suggest pairs)(\s+.+)?$/.test(words)
          ? { arg: wordsAfter(typed, 3) }
          : undefined,
      readOnly: true,
      rule: 'admin.manage',
      help: ['admin'],
      cycleArg: (arg) => ({ arg }),
      run: (ctx, { arg }) => suggestPairsInChat(ctx, arg),
    }),
    command<{ mentor: string; mentee: string }>({
      name: 'pair',
      parse: (words) => {
        const m = /^admin (emparejar|pair) (\S+) (?:con |with |y |and )?(\S+)$/.exec(words);
        const mentor = emailIn(m?.[2]);
        const mentee = emailIn(m?.[3]);
        return mentor && mentee ? { mentor, mentee } : undefined;
      },
      rule: 'admin.manage',
      help: ['admin'],
      run: (ctx, { mentor, mentee }) => pairInChat(ctx, mentor, mentee),
    }),
  ],
  actions: [
    onClick(applyPairsKind, (ctx, v) => applyPairsInChat(ctx, v)),
    onClick(replaceKind, (ctx, v) => replaceInChat(ctx, v)),
  ],
};
