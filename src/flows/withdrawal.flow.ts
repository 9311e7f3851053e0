import { z } from 'zod';
import type { Cycle } from '../domain/model.ts';
import { message, textMessage } from '../messages/model.ts';
import {
  WITHDRAWAL_REASON_MAX,
  type WithdrawalNotice,
  withdrawFromCycle,
} from '../services/withdrawal.service.ts';
import { findPersonByEmail, getPerson } from '../store/person.store.ts';
import { activePairingOfMentee, enrollmentsOf, getCycle, pairingCarry } from '../store/program.store.ts';
import { activeMenteesOf } from '../store/withdrawal.store.ts';
import { emailIn, wordsAfter } from './commands.ts';
import { adminRun, type Ctx, type Reply, readerOf, reply, requireAdmin } from './context.ts';
import { actionKind, command, type Feature, onClick } from './registry.ts';
import { cycleNamed } from './standing.ts';

/** "Yes, withdraw": the cycle, the person and the reason as the admin wrote it. */
const withdrawalValue = z.object({
  cycle: z.string().max(64),
  person: z.string().max(64),
  reason: z.string().max(WITHDRAWAL_REASON_MAX),
});
const withdrawalKind = actionKind('withdrawal.confirm', withdrawalValue);

/**
 * `admin retirar <correo> <motivo>` / `admin withdraw <email> <reason>`: says what will happen
 * (the pair ends, sessions to come are cancelled, records stay) and asks before doing it.
 */
export async function confirmWithdrawal(ctx: Ctx, email: string, reason: string): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  if (!reason.trim()) return reply(textMessage(t('withdrawal.reason_needed', { email })));
  if (reason.trim().length > WITHDRAWAL_REASON_MAX)
    return reply(textMessage(t('errors.input.too_long', { field: '', max: WITHDRAWAL_REASON_MAX })));
  const person = await findPersonByEmail(ctx.deps.db, ctx.tenant.id, email);
  if (!person) return reply(textMessage(t('admin.unknown_person', { email })));
  // The cycle they take part in; with several, the one the admin means (asked when unclear).
  const cycleIds = new Set(
    (await enrollmentsOf(ctx.deps.db, ctx.tenant.id, person.id))
      .filter((e) => e.role === 'mentor' || e.role === 'mentee')
      .map((e) => e.cycleId),
  );
  let cycle: Cycle | undefined;
  if (cycleIds.size === 1) cycle = await getCycle(ctx.deps.db, ctx.tenant.id, [...cycleIds][0] as string);
  else if (cycleIds.size > 1) {
    const named = await cycleNamed(ctx, '');
    cycle = named && cycleIds.has(named.id) ? named : undefined;
  }
  if (!cycle) return reply(textMessage(t('withdrawal.not_taking_part', { name: person.name })));
  const mentees = await activeMenteesOf(ctx.deps.db, ctx.tenant.id, cycle.id, person.id);
  if (mentees.length)
    return reply(
      textMessage(
        t('errors.withdrawal.has_mentees', {
          name: person.name,
          mentees: mentees.map((m) => m.name).join(', '),
        }),
      ),
    );
  const pairing = await activePairingOfMentee(ctx.deps.db, ctx.tenant.id, cycle.id, person.id);
  const mentor = pairing ? await getPerson(ctx.deps.db, ctx.tenant.id, pairing.mentorId) : undefined;
  const carry = pairing ? await pairingCarry(ctx.deps.db, ctx.tenant.id, pairing.id, ctx.now) : undefined;
  const text = t('withdrawal.confirm', { name: person.name, cycle: cycle.name, reason: reason.trim() });
  const effects = [
    mentor ? t('withdrawal.effect_pair', { mentor: mentor.name }) : '',
    carry?.upcomingSessions ? t('withdrawal.effect_sessions', { count: carry.upcomingSessions }) : '',
    t('withdrawal.effect_records'),
  ].filter(Boolean);
  return reply(
    message(text)
      .text(`${text}\n${effects.map((e) => `• ${e}`).join('\n')}`)
      .buttons([
        withdrawalKind.button(
          t('withdrawal.yes'),
          { cycle: cycle.id, person: person.id, reason: reason.trim() },
          'danger',
        ),
      ])
      .build(),
  );
}

/** What the person and their mentor read, each in their own language (chat and command line alike). */
export const withdrawalNotice: WithdrawalNotice = (recipient, about) => {
  const { t } = readerOf(recipient);
  const text =
    about.role === 'self'
      ? t('withdrawal.notice_self', { cycle: about.cycle.name })
      : t('withdrawal.notice_mentor', { name: about.person.name, cycle: about.cycle.name });
  return message(text).text(text).build();
};

/** The confirmation: withdraws, tells the person and their mentor, and answers in place of the question. */
export async function withdrawInChat(ctx: Ctx, value: z.infer<typeof withdrawalValue>): Promise<Reply> {
  requireAdmin(ctx);
  const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, value.cycle);
  if (!cycle) return reply(textMessage(ctx.t('errors.record.not_found')));
  const told: string[] = [];
  const { person } = await withdrawFromCycle(
    ctx.deps,
    adminRun(ctx),
    cycle,
    value.person,
    value.reason,
    (recipient, about) => {
      told.push(recipient.name);
      return withdrawalNotice(recipient, about);
    },
  );
  const list = new Intl.ListFormat(ctx.person.locale, { type: 'conjunction' }).format(told);
  return {
    messages: [],
    replaceOriginal: textMessage(
      ctx.t('withdrawal.done', { name: person.name, cycle: cycle.name, told: list }),
    ),
  };
}

/** Withdrawing a person from their cycle. */
export const withdrawalFeature: Feature = {
  name: 'withdrawal',
  commands: [
    command<{ email: string; reason: string }>({
      name: 'withdraw',
      // `admin retirar ana@x.org renunció a la institución`: the reason keeps its spelling.
      parse: (words, typed) => {
        const email = emailIn(/^admin (?:retirar|withdraw) (\S+)(?: .+)?$/.exec(words)?.[1]);
        return email ? { email, reason: wordsAfter(typed, 3) } : undefined;
      },
      rule: 'admin.manage',
      help: ['admin'],
      run: (ctx, { email, reason }) => confirmWithdrawal(ctx, email, reason),
    }),
  ],
  actions: [onClick(withdrawalKind, (ctx, v) => withdrawInChat(ctx, v))],
};
