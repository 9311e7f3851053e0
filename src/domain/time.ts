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

/**
 * The instant for a local wall-clock time in a zone. On a spring-forward gap the time is
 * moved forward (luxon's rule), on a fall-back overlap the earlier of the two instants wins.
 */
export function zonedInstant(date: IsoDate, time: string, zone: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromISO(date, { zone })
    .set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 })
    .toJSDate();
}
