import { z } from 'zod';
import { textMessage } from '../messages/model.ts';
import { remindLater } from '../services/reminder.service.ts';
import { type Ctx, type Reply, reply } from './context.ts';
import { actionKind, type Feature, onClick } from './registry.ts';

/** "Remind me later" on a reminder. */
export const laterKind = actionKind('nudge.later', z.object({ nudge: z.string().max(64) }), { n: 'nudge' });

/** "Remind me later": the same reminder comes back in three hours (outside quiet hours). */
export async function remindLaterInChat(ctx: Ctx, nudgeId: string): Promise<Reply> {
  const dueAt = await remindLater(ctx.deps, ctx.tenant.id, nudgeId, ctx.person);
  if (!dueAt) return reply(textMessage(ctx.t('nudge.later_gone')));
  return {
    messages: [],
    replaceOriginal: textMessage(ctx.t('nudge.later_done', { when: ctx.fmt.dateTime(dueAt) })),
  };
}

/** What a reminder's own buttons do. */
export const reminderFeature: Feature = {
  name: 'reminders',
  actions: [onClick(laterKind, (ctx, v) => remindLaterInChat(ctx, v.nudge))],
};
