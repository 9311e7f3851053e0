import { authorize } from '../domain/authz.ts';
import type { Cycle } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import { message, textMessage } from '../messages/model.ts';
import { describeEvent, eventWhen, type HistoryReader, historyXlsx } from '../reports/history-file.ts';
import { historiesOf, type MenteeHistory } from '../services/history.service.ts';
import { historyCycles } from '../store/history.store.ts';
import { findPersonByEmail } from '../store/person.store.ts';
import { getCycle } from '../store/program.store.ts';
import { emailIn, wordsAfter } from './commands.ts';
import { type Ctx, type Reply, reply } from './context.ts';
import { command, type Feature } from './registry.ts';
import { cycleNamed } from './standing.ts';

/** Lines of the latest events shown in chat; the file has them all. */
const LATEST = 8;
/** A line in chat is cut here; the file keeps every word. */
const LINE_MAX = 180;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `historial` / `history`: one's own pairs in a cycle. `admin historial <correo> [ciclo]` /
 * `admin history <email> [cycle]`: someone's, for admins and directors. One message per cycle
 * (goals, sessions, check-ins, alerts, the latest events) and a workbook with every event; each
 * record shown only as the visibility table lets the reader see it.
 */
export async function historyInChat(ctx: Ctx, email: string | undefined, cycleName = ''): Promise<Reply> {
  const { t } = ctx;
  if (email === '') {
    authorize(ctx.actor, 'report.view', { kind: 'tenant', tenantId: ctx.tenant.id });
    return reply(textMessage(t('history.usage')));
  }
  if (email) authorize(ctx.actor, 'report.view', { kind: 'tenant', tenantId: ctx.tenant.id });
  const subject = email ? await findPersonByEmail(ctx.deps.db, ctx.tenant.id, email) : ctx.person;
  if (!subject) return reply(textMessage(t('admin.unknown_person', { email })));
  const own = subject.id === ctx.person.id;
  const cycles = (
    await Promise.all(
      (
        await historyCycles(ctx.deps.db, ctx.tenant.id, subject.id)
      ).map((id) => getCycle(ctx.deps.db, ctx.tenant.id, id)),
    )
  )
    .filter((c): c is Cycle => c !== undefined)
    .sort((a, b) => b.enrollmentStarts.localeCompare(a.enrollmentStarts));
  if (!cycles.length)
    return reply(textMessage(own ? t('history.none_own') : t('history.none', { name: subject.name })));
  let cycle: Cycle | undefined;
  if (cycleName) {
    const named = await cycleNamed(ctx, cycleName);
    cycle = cycles.find((c) => c.id === named?.id);
    if (!cycle)
      return reply(
        textMessage(
          t('history.not_in_cycle', {
            name: own ? t('history.you') : subject.name,
            cycle: cycleName,
            cycles: cycles.map((c) => c.name).join(', '),
          }),
        ),
      );
  } else if (cycles.length === 1) cycle = cycles[0];
  else {
    // The cycle running for the reader if the person was in it; else their latest.
    const current = await cycleNamed(ctx, '');
    cycle = cycles.find((c) => c.id === current?.id) ?? cycles[0];
  }
  const chosen = cycle as Cycle;
  const histories = await historiesOf(ctx.deps, ctx.acting, chosen, subject.id);
  const reader: HistoryReader = { t, fmt: ctx.fmt, zone: ctx.person.timezone };
  const title = own
    ? t('history.title_own', { cycle: chosen.name })
    : t('history.title', { name: subject.name, cycle: chosen.name });
  const builder = message(title).text(`*${title}*`);
  for (const history of histories) builder.divider().text(pairText(ctx, history, reader));
  if (cycles.length > 1)
    builder.context(
      t('history.other_cycles', {
        cycles: cycles
          .filter((c) => c.id !== chosen.id)
          .map((c) => c.name)
          .join(', '),
        command: own ? t('history.own_command') : t('history.admin_command', { email: subject.email ?? '' }),
      }),
    );
  const viewer = histories[0]?.viewer;
  if (viewer === 'admin') builder.context(t('history.admin_sees'));
  if (viewer === 'director') builder.context(t('history.director_sees'));
  const fileName = t('history.file', {
    name: subject.name,
    cycle: chosen.name,
    date: localDate(ctx.now, reader.zone),
  });
  builder.file(
    `${fileName.replace(/[^\p{L}\p{N}._-]+/gu, '-')}.xlsx`,
    XLSX,
    await historyXlsx(histories, reader),
    undefined,
    own ? {} : { permission: 'report.view' },
  );
  return reply(builder.build());
}

/** One mentee's part: with whom, the goals, the counts, the latest events. */
function pairText(ctx: Ctx, history: MenteeHistory, reader: HistoryReader): string {
  const { t, fmt } = ctx;
  const zone = ctx.person.timezone;
  const day = (at: Date) => fmt.date(localDate(at, zone));
  const mentors = history.pairings.map((p) =>
    p.endedAt
      ? t('history.mentor_span', { name: p.mentorName, from: day(p.startedAt), to: day(p.endedAt) })
      : t('history.mentor_since', { name: p.mentorName, from: day(p.startedAt) }),
  );
  const lines = [`*${history.menteeName}* · ${t('history.with', { mentors: mentors.join('; ') })}`];
  if (history.withdrawnAt) lines.push(t('history.withdrawn_on', { date: day(history.withdrawnAt) }));
  if (!history.goals.length) lines.push(t('history.no_goals'));
  for (const goal of history.goals) {
    const done = goal.milestones.filter((m) => m.status === 'done').length;
    lines.push(
      `• «${goal.title}» — ${t(`goal.state.${goal.state}`)} · ${t('history.revisions', { count: goal.revisions })}${
        goal.milestones.length ? ` · ${t('history.milestones', { done, count: goal.milestones.length })}` : ''
      }`,
    );
  }
  const sessions = history.events.filter((e) => e.kind === 'session');
  const held = sessions.filter((e) => e.state === 'held').length;
  const progress = history.events.filter((e) => e.kind === 'progress');
  const alerts = progress.filter((e) => e.status === 'alert' || e.status === 'restriction');
  const resolved = alerts.filter((e) => e.resolvedAt).length;
  lines.push(
    t('history.counts', {
      sessions: t('history.sessions', { count: sessions.length, held: t('history.held', { count: held }) }),
      updates: t('history.updates', { count: progress.length }),
      alerts: t('history.alerts', {
        count: alerts.length,
        resolved: t('history.resolved_count', { count: resolved }),
      }),
    }),
  );
  const latest = history.events.slice(-LATEST);
  if (latest.length) {
    lines.push(t('history.latest', { count: latest.length, total: history.events.length }));
    for (const event of latest) {
      const { what, detail } = describeEvent(event, reader);
      const line = `${eventWhen(event, reader)} · ${what}${detail ? `: ${detail}` : ''}`;
      lines.push(`  ${line.length > LINE_MAX ? `${line.slice(0, LINE_MAX - 1)}…` : line}`);
    }
  }
  return lines.join('\n');
}

/** A pair's history: one's own (`historial`), or a pair's for the coordination (`admin historial`). */
export const historyFeature: Feature = {
  name: 'history',
  commands: [
    command<{ email?: string; cycle?: string }>({
      name: 'history',
      words: ['historial', 'mi historial', 'history', 'my history'],
      // `admin historial ana@x.org [2026-1]`: the cycle's name as written; without the address, an empty one.
      parse: (words, typed) => {
        const m = /^admin (?:historial|history)(?: (\S+))?(?: .+)?$/.exec(words);
        return m ? { email: emailIn(m[1]) ?? '', cycle: wordsAfter(typed, 3) } : undefined;
      },
      readOnly: true,
      help: ['mentee', 'plan_mentor', 'colleague', 'mentor', 'admin', 'director'],
      run: (ctx, { email, cycle }) => historyInChat(ctx, email, cycle),
    }),
  ],
};
