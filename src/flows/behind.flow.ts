import { z } from 'zod';
import { BEHIND_GROUPS, type BehindEntry, type BehindGroup, REMINDABLE } from '../domain/behind.ts';
import { phaseAt } from '../domain/cycle.ts';
import { DomainError } from '../domain/errors.ts';
import type { Cycle, Person } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import type { Formatter, T } from '../i18n/index.ts';
import { message, type OutboundMessage, textMessage } from '../messages/model.ts';
import { type BehindList, behindIn, remindGroup } from '../services/behind.service.ts';
import { csvFor } from '../services/csv.ts';
import { getCycle, listCycles } from '../store/program.store.ts';
import { argAfter } from './commands.ts';
import { type Ctx, type Reply, reply, requireAdmin } from './context.ts';
import { actionKind, command, cycleChoiceKind, type Feature, onClick } from './registry.ts';
import { cycleNamed, noCycleText } from './standing.ts';
import { capped } from './views.ts';

/** How many people a group shows in the message; the CSV has them all. */
const SHOWN = 15;

/** "Remind now": the cycle and the group. */
const remindKind = actionKind(
  'behind.remind',
  z.object({ cycle: z.string().max(64), group: z.enum(BEHIND_GROUPS) }),
  {
    y: 'cycle',
    k: 'group',
  },
);

const nameOf = (people: Map<string, Person>, id: string | undefined) => (id && people.get(id)?.name) || '—';

/** One line of a group, as the coordinator reads it. */
export function behindLine(
  { t, fmt }: { t: T; fmt: Formatter },
  list: Pick<BehindList, 'people'>,
  e: BehindEntry,
): string {
  const mentor = nameOf(list.people, e.mentorId);
  const mentee = nameOf(list.people, e.menteeId);
  const d = e.detail;
  // A reverse pair's plan is its mentor's, reviewed by the program: the lines say so.
  const plan = d.plan ? 'plan_' : '';
  switch (e.group) {
    case 'no_goal':
      return t(`behind.line.${plan}no_goal_${d.goalState ?? 'none'}`, { mentee, mentor });
    case 'waiting_review':
      return t(`behind.line.${plan}waiting_review`, {
        mentor,
        mentee,
        title: d.title ?? '',
        since: d.since ? fmt.dateTime(d.since) : '—',
      });
    case 'no_checkin':
      return t(`behind.line.${plan}no_checkin`, { mentee, mentor, week: fmt.date(d.week ?? '') });
    case 'few_sessions':
      return t('behind.line.few_sessions', { mentor, mentee, held: d.held ?? 0, count: d.expected ?? 0 });
    case 'open_issues':
      return t(`behind.line.${plan}${d.status === 'restriction' ? 'restriction' : 'alert'}`, {
        mentor,
        mentee,
        note: d.note ?? '',
      });
    case 'endorsements':
      return t('behind.line.endorsement', {
        supervisor: nameOf(list.people, e.personId),
        applicant: mentee,
        since: d.since ? fmt.dateTime(d.since) : '—',
      });
    case 'unpaired':
      return t('behind.line.unpaired', { mentee });
  }
}

/** The CSV: one row per line of the list, with the emails of the people it names. */
function behindCsv(ctx: Ctx, list: BehindList): string {
  const { t } = ctx;
  const email = (id: string | undefined) => (id && list.people.get(id)?.email) || '';
  const rows = list.entries.map((e) => [
    t(`behind.group.${e.group}`),
    e.personId || e.mentorId ? nameOf(list.people, e.personId ?? e.mentorId) : '',
    e.personId ? email(e.personId) : email(e.mentorId),
    nameOf(list.people, e.menteeId),
    email(e.menteeId),
    behindLine(ctx, list, e).replace(/^• /, ''),
  ]);
  return csvFor(ctx.person.locale, [t('behind.columns').split(','), ...rows]);
}

/**
 * `admin pendientes [ciclo]`: the people behind, grouped by what is missing, each group with a
 * "Remind now" button and the whole list as a CSV. Admins only.
 */
export async function behindInChat(ctx: Ctx, cycleName: string): Promise<Reply> {
  requireAdmin(ctx);
  const cycle = await cycleNamed(ctx, cycleName);
  if (!cycle) return reply(textMessage(noCycleText(ctx, cycleName)));
  return reply(await behindMessage(ctx, cycle, 'chat'));
}

/**
 * The same list on an admin's home surface (Slack's App Home), once per cycle running today:
 * with "Remind now", without the CSV (a home view carries no files; `admin pendientes` sends it).
 */
export async function behindForHome(ctx: Ctx): Promise<OutboundMessage[]> {
  if (ctx.actor.staffRole !== 'admin') return [];
  const today = localDate(ctx.now, ctx.person.timezone);
  const running = (await listCycles(ctx.deps.db, ctx.tenant.id)).filter(
    (c) => c.enrollmentStarts <= today && c.ends >= today,
  );
  const out: OutboundMessage[] = [];
  for (const cycle of running) out.push(await behindMessage(ctx, cycle, 'home'));
  return out;
}

async function behindMessage(ctx: Ctx, cycle: Cycle, surface: 'chat' | 'home'): Promise<OutboundMessage> {
  const { t } = ctx;
  const list = await behindIn(ctx.deps, ctx.acting, cycle);
  const phase = t(`phase.${phaseAt(cycle, ctx.now)}`);
  if (list.entries.length === 0) return textMessage(t('behind.none', { cycle: cycle.name, phase }));
  const title = t('behind.title', { cycle: cycle.name, phase, count: list.entries.length });
  const builder = message(title).text(`*${title}*`);
  for (const group of BEHIND_GROUPS) {
    const entries = list.entries.filter((e) => e.group === group);
    if (!entries.length) continue;
    const lines = entries.map((e) => behindLine(ctx, list, e));
    builder
      .divider()
      .text(
        `*${t('behind.group_header', { name: t(`behind.group.${group}`), count: entries.length })}*\n${capped(t, lines, SHOWN).join('\n')}`,
      );
    if (REMINDABLE.includes(group))
      builder.buttons([remindKind.button(t('behind.remind'), { cycle: cycle.id, group })]);
    else if (group === 'unpaired')
      builder.buttons([
        cycleChoiceKind.button(
          t('behind.suggest_pairs'),
          { cmd: 'suggest_pairs', cycle: cycle.id },
          'primary',
        ),
      ]);
  }
  if (surface === 'home') return builder.context(t('behind.home_hint')).build();
  builder
    .context(t('behind.csv'))
    .file(
      `${t('behind.file', { cycle: cycle.name }).replace(/[^\p{L}\p{N}._-]+/gu, '-')}.csv`,
      'text/csv; charset=utf-8',
      behindCsv(ctx, list),
      undefined,
      { permission: 'admin.manage' },
    );
  return builder.build();
}

/** "Remind now" on a group: queued for everyone in it today, at most once a day each. */
export async function remindInChat(ctx: Ctx, value: { cycle: string; group: BehindGroup }): Promise<Reply> {
  requireAdmin(ctx);
  const cycle = await getCycle(ctx.deps.db, ctx.tenant.id, value.cycle);
  if (!cycle) throw new DomainError('record.not_found', { entity: 'cycle' });
  const { queued, already } = await remindGroup(ctx.deps, ctx.acting, cycle, value.group);
  const { t } = ctx;
  const group = t(`behind.group.${value.group}`);
  if (queued === 0 && already === 0) return reply(textMessage(t('behind.reminded_nobody', { group })));
  const parts = [
    ...(queued ? [t('behind.reminded', { count: queued, group })] : []),
    ...(already ? [t('behind.reminded_already', { count: already })] : []),
  ];
  return reply(textMessage(parts.join(' ')));
}

/** Who is behind in a cycle, and reminding them. */
export const behindFeature: Feature = {
  name: 'behind',
  commands: [
    command<{ arg: string }>({
      name: 'behind',
      // `admin pendientes 2027-1`: the cycle's name as written.
      parse: (words, typed) => {
        const arg = argAfter(words, typed, [
          'admin pendientes',
          'admin todo',
          'admin pending',
          'admin to do',
        ]);
        return arg === undefined ? undefined : { arg };
      },
      readOnly: true,
      rule: 'admin.manage',
      help: ['admin'],
      cycleArg: (arg) => ({ arg }),
      run: (ctx, { arg }) => behindInChat(ctx, arg),
    }),
  ],
  actions: [onClick(remindKind, (ctx, v) => remindInChat(ctx, v))],
};
