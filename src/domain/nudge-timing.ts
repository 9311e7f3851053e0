import { DateTime } from 'luxon';

/** Quiet hours as local wall times, e.g. 20:00–08:00 (may cross midnight). */
export interface QuietHours {
  start: string;
  end: string;
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function inQuiet(local: DateTime, quiet: QuietHours): boolean {
  const now = local.hour * 60 + local.minute;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

function atTime(local: DateTime, time: string): DateTime {
  const [h, m] = time.split(':').map(Number);
  return local.set({ hour: h ?? 0, minute: m ?? 0, second: 0, millisecond: 0 });
}

/**
 * The first moment at or after `at` that is outside quiet hours and not on a weekend, in the
 * recipient's zone. Computed on wall-clock times, so it stays right across DST changes.
 */
export function nextAllowedMoment(at: Date, zone: string, quiet: QuietHours, skipWeekends = true): Date {
  let local: DateTime = DateTime.fromJSDate(at, { zone });
  for (let i = 0; i < 10; i++) {
    if (skipWeekends && local.weekday >= 6) {
      local = atTime(local.plus({ days: 8 - local.weekday }), quiet.end);
      continue;
    }
    if (inQuiet(local, quiet)) {
      const endToday = atTime(local, quiet.end);
      local = endToday > local ? endToday : atTime(local.plus({ days: 1 }), quiet.end);
      continue;
    }
    return local.toJSDate();
  }
  return local.toJSDate();
}

/**
 * When to send a nudge. Non-urgent ones wait for the recipient's snooze to end and for the next
 * allowed moment. Urgent ones (session reminders) may move out of quiet hours, but never past
 * their deadline (the session's start): then they keep their time.
 */
export function scheduleNudge(input: {
  due: Date;
  zone: string;
  quiet: QuietHours;
  urgent: boolean;
  deadline?: Date | undefined;
  snoozedUntil?: Date | null | undefined;
}): Date {
  if (input.urgent) {
    const moved = nextAllowedMoment(input.due, input.zone, input.quiet, false);
    return input.deadline && moved.getTime() >= input.deadline.getTime() ? input.due : moved;
  }
  const held = input.snoozedUntil && input.snoozedUntil > input.due ? input.snoozedUntil : input.due;
  return nextAllowedMoment(held, input.zone, input.quiet, true);
}

/** A local wall time on a local date, as an instant ("Monday 09:00 in Santiago"). */
export function localTimeOn(date: string, time: string, zone: string): Date {
  return atTime(DateTime.fromISO(date, { zone }), time).toJSDate();
}

/** Monday of the week of an instant, in a zone, as YYYY-MM-DD. */
export function weekOf(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).startOf('week').toISODate() as string;
}

/** A day of that week (1 = Monday) as YYYY-MM-DD. */
export function weekday(weekStart: string, isoWeekday: number): string {
  return DateTime.fromISO(weekStart, { zone: 'UTC' })
    .plus({ days: isoWeekday - 1 })
    .toISODate() as string;
}
