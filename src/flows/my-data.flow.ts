import { localDate } from '../domain/time.ts';
import { message, textMessage } from '../messages/model.ts';
import { setAiCoachAs, tenantAiCoach } from '../services/ai-coach.service.ts';
import { aiCallsOf } from '../store/ai-coach.store.ts';
import { personRecordCounts } from '../store/privacy.store.ts';
import { type Ctx, type Reply, reply, requireAdmin } from './context.ts';
import { command, type Feature } from './registry.ts';

/**
 * `privacidad` / `privacy`: what Mentoría keeps about the person asking — their profile, how many
 * goals, sessions and check-ins, and every call to the AI coach (when, which goal, which model,
 * how it went) — and how to ask for a copy or for erasure.
 */
export async function myData(ctx: Ctx): Promise<Reply> {
  const { t, fmt } = ctx;
  const p = ctx.person;
  const counts = await personRecordCounts(ctx.deps.db, ctx.tenant.id, p.id);
  const calls = await aiCallsOf(ctx.deps.db, ctx.tenant.id, p.id);
  const title = t('my_data.title');
  const lines = [
    t('my_data.profile', { name: p.name, email: p.email ?? '—', language: p.locale, zone: p.timezone }),
    t('my_data.records', {
      goals: t('my_data.goals', { count: counts.goals }),
      sessions: t('my_data.sessions', { count: counts.sessions }),
      checkins: t('my_data.checkins', { count: counts.checkins }),
    }),
    calls.length ? t('my_data.ai', { count: calls.length }) : t('my_data.ai_none'),
    ...calls.map((c) =>
      t('my_data.ai_line', {
        when: fmt.date(localDate(c.at, p.timezone)),
        goal: c.goalTitle,
        model: c.model,
        outcome: t(`my_data.ai_outcome.${c.outcome}`),
      }),
    ),
  ];
  return reply(message(title).text(`*${title}*`).text(lines.join('\n')).context(t('my_data.rights')).build());
}

/** `admin coach ia [sí|no]` / `admin ai coach [on|off]`: the tenant's opt-in, or where it stands. */
export async function aiCoachInChat(ctx: Ctx, arg: string): Promise<Reply> {
  requireAdmin(ctx);
  const { t } = ctx;
  const model = ctx.deps.aiCoach?.model;
  if (!model) return reply(textMessage(t('ai.admin.not_configured')));
  const wanted = /^(si|on|activar|yes)$/.test(arg)
    ? true
    : /^(no|off|desactivar)$/.test(arg)
      ? false
      : undefined;
  if (wanted === undefined)
    return reply(
      textMessage(
        t((await tenantAiCoach(ctx.deps.db, ctx.tenant.id)) ? 'ai.admin.status_on' : 'ai.admin.status_off', {
          model,
        }),
      ),
    );
  await setAiCoachAs(ctx.deps, ctx.acting, wanted);
  return reply(
    textMessage(
      t(wanted ? 'ai.admin.on' : 'ai.admin.off', { model, count: ctx.deps.aiMaxCallsPerDay ?? 10 }),
    ),
  );
}

/** A person's own data, and the institution's choice about the AI coach. */
export const myDataFeature: Feature = {
  name: 'my-data',
  commands: [
    command({
      name: 'my_data',
      words: ['privacidad', 'mis datos', 'privacy', 'my data'],
      readOnly: true,
      notesOpenFlow: true,
      help: ['everyone'],
      run: (ctx) => myData(ctx),
    }),
    command<{ arg: string }>({
      name: 'ai_coach',
      parse: (words) => {
        const m = /^admin (?:coach(?: de)? ia|ai coach)(?: (si|no|on|off|activar|desactivar|yes))?$/.exec(
          words,
        );
        return m ? { arg: m[1] ?? '' } : undefined;
      },
      rule: 'admin.manage',
      help: ['admin'],
      run: (ctx, { arg }) => aiCoachInChat(ctx, arg),
    }),
  ],
};
