import type { Person } from '../domain/model.ts';
import { scheduleNudge } from '../domain/nudge-timing.ts';
import { snoozeNudge } from '../store/nudge.store.ts';
import type { Deps } from './deps.ts';

/** How long "Remind me later" waits before the reminder comes back. */
const LATER_MS = 3 * 3_600_000;

/**
 * "Remind me later": the recipient's own sent reminder comes back in three hours, outside their
 * quiet hours. The instant it comes back, or undefined when it is not theirs or not sent.
 */
export async function remindLater(
  deps: Deps,
  tenantId: string,
  nudgeId: string,
  recipient: Person,
): Promise<Date | undefined> {
  const now = deps.clock.now();
  const dueAt = scheduleNudge({
    due: new Date(now.getTime() + LATER_MS),
    zone: recipient.timezone,
    quiet: { start: '20:00', end: '08:00' },
    urgent: false,
  });
  return (await snoozeNudge(deps.db, tenantId, nudgeId, recipient.id, dueAt, now)) ? dueAt : undefined;
}
