import { DateTime, IANAZone } from 'luxon';

/** True for IANA names luxon (ICU) knows, such as `America/Santiago`; false for offsets or junk. */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone) && zone.includes('/');
}

/** A calendar date `YYYY-MM-DD`, as cycles and goal due dates are stored. */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): value is IsoDate {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** The local calendar date of an instant in a zone. */
export function localDate(at: Date, zone: string): IsoDate {
  return DateTime.fromJSDate(at, { zone }).toISODate() as IsoDate;
}

/** The instant a local date starts in a zone (midnight, or the first valid minute on a DST gap day). */
export function startOfLocalDay(date: IsoDate, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** Adds whole days to a calendar date (no zone involved). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as IsoDate;
}

/** Days from `a` to `b` (negative if `b` is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round(
    DateTime.fromISO(b, { zone: 'UTC' }).diff(DateTime.fromISO(a, { zone: 'UTC' }), 'days').days,
  );
}

/** A wall-clock time resolved in a zone, and what the person must be told about it. */
export interface LocalTime {
  at: Date;
  /** The time did not exist that day (clocks sprang forward): the first valid time after it, "01:30". */
  movedTo?: string;
  /** The time happened twice that day (clocks fell back): the first of the two was taken. */
  ambiguous?: boolean;
}

/**
 * The instant for a local wall-clock time in a zone. In a spring-forward gap ("00:30" on the
 * night Santiago moves to 01:00) the time moves forward by the gap and `movedTo` says so; in a
 * fall-back overlap the first of the two instants wins and `ambiguous` says so.
 */
export function resolveLocalTime(date: IsoDate, time: string, zone: string): LocalTime {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const wanted = DateTime.fromISO(date, { zone }).set({ hour, minute, second: 0, millisecond: 0 });
  if (wanted.hour !== hour || wanted.minute !== minute) {
    return { at: wanted.toJSDate(), movedTo: wanted.toFormat('HH:mm') };
  }
  const offsets = wanted.getPossibleOffsets();
  if (offsets.length > 1) {
    const first = offsets.reduce((a, b) => (a.toMillis() <= b.toMillis() ? a : b));
    return { at: first.toJSDate(), ambiguous: true };
  }
  return { at: wanted.toJSDate() };
}

/** The instant for a local wall-clock time in a zone (see `resolveLocalTime`). */
export function zonedInstant(date: IsoDate, time: string, zone: string): Date {
  return resolveLocalTime(date, time, zone).at;
}
