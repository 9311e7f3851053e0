import { z } from 'zod';
import { scheduleNudge } from '../domain/nudge-timing.ts';
import { textMessage } from '../messages/model.ts';
import { snoozeNudge } from '../store/nudge.store.ts';
import { type Ctx, type Reply, reply } from './context.ts';
import { actionKind, type Feature, onClick } from './registry.ts';

/** "Remind me later" on a reminder. */
export const laterKind = actionKind('nudge.later', z.object({ nudge: z.string().max(64) }), { n: 'nudge' });

/** "Remind me later": the same reminder comes back in three hours (outside quiet hours). */
export async function remindLater(ctx: Ctx, nudgeId: string): Promise<Reply> {
  const dueAt = scheduleNudge({
    due: new Date(ctx.now.getTime() + 3 * 3_600_000),
    zone: ctx.person.timezone,
    quiet: { start: '20:00', end: '08:00' },
    urgent: false,
  });
  const moved = await snoozeNudge(ctx.deps.db, ctx.tenant.id, nudgeId, ctx.person.id, dueAt, ctx.now);
  if (!moved) return reply(textMessage(ctx.t('nudge.later_gone')));
  return {
    messages: [],
    replaceOriginal: textMessage(ctx.t('nudge.later_done', { when: ctx.fmt.dateTime(dueAt) })),
  };
}

/** What a reminder's own buttons do. */
export const reminderFeature: Feature = {
  name: 'reminders',
  actions: [onClick(laterKind, (ctx, v) => remindLater(ctx, v.nudge))],
};
