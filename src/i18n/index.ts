import i18next, { type i18n } from 'i18next';
import { DateTime } from 'luxon';
import type { Locale } from '../config.ts';
import type { Gender } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import { en } from './en.ts';
import { es } from './es.ts';

export type Catalog = typeof es;

let instance: i18n | undefined;

function i18nInstance(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    initAsync: false,
    resources: { es: { translation: es }, en: { translation: en } },
    fallbackLng: 'es',
    supportedLngs: ['es', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = created;
  return created;
}

/** Translates a key for one reader. Spanish follows the reader's gender (`_f`/`_m` variants) where known. */
export type T = (key: string, vars?: Record<string, unknown>) => string;

export function translator(locale: Locale, gender: Gender | null = null): T {
  // i18next's key typing is for typed catalogs; ours are checked by a test instead.
  const fixed = i18nInstance().getFixedT(locale) as unknown as (key: string, options: object) => string;
  return (key, vars = {}) => {
    const context =
      (vars.context as string | undefined) ?? (gender === 'f' || gender === 'm' ? gender : undefined);
    return fixed(key, { ...vars, ...(context ? { context } : {}) });
  };
}

/** Words about a third person (the mentor, the mentee) in the gender they declared, neutral otherwise. */
export function genderContext(gender: Gender | null): { context: string } {
  // An empty context is the neutral base key, never the reader's own gender.
  return { context: gender === 'f' || gender === 'm' ? gender : '' };
}

/** Dates and times for one reader: their zone, their language. */
export interface Formatter {
  /** "viernes, 4 de diciembre, 16:30 (GMT-3)"; "Friday, December 4, 4:30 PM (CST)" */
  dateTime(at: Date): string;
  /** "viernes, 4 de diciembre, 16:30–17:30 (GMT-3)"; "Friday, December 4, 4:30–5:30 PM (CST)" */
  dateTimeRange(from: Date, to: Date): string;
  /** "17 de marzo de 2026" from a calendar date. */
  date(date: string): string;
  /** "16:30"; "4:30 PM" */
  time(at: Date): string;
  /** The zone as people read it at that instant: its abbreviation where it has one ("CST"), else the offset ("GMT-3"). */
  zone(at: Date): string;
  number(value: number, digits?: number): string;
}

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const zoneNames = new Map<string, Intl.DateTimeFormat>();

/** "CST", "EDT" where the zone has a common abbreviation; "GMT-3", "GMT+5:30" otherwise. */
export function zoneLabel(at: Date, zone: string): string {
  let names = zoneNames.get(zone);
  if (!names) {
    names = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    // Zone names come from IANA's list (a few hundred); the map cannot grow past it.
    zoneNames.set(zone, names);
  }
  const part = names.formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value === 'UTC' ? 'GMT' : (part?.value ?? 'GMT');
}

export function formatter(locale: Locale, zone: string): Formatter {
  const local = (at: Date) => DateTime.fromJSDate(at, { zone }).setLocale(locale);
  // Spanish reads the 24-hour clock ("16:30"), English the 12-hour one ("4:30 PM").
  const clock = (at: Date) => (locale === 'en' ? local(at).toFormat('h:mm a') : local(at).toFormat('HH:mm'));
  const day = (at: Date) => local(at).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' });
  const label = (at: Date) => zoneLabel(at, zone);
  const range = (from: Date, to: Date) => {
    // Across a change of offset (the night clocks fall back), each end says its own.
    if (label(from) !== label(to)) return `${clock(from)} (${label(from)})–${clock(to)} (${label(to)})`;
    if (locale === 'en' && local(from).toFormat('a') === local(to).toFormat('a'))
      return `${local(from).toFormat('h:mm')}–${clock(to)} (${label(to)})`;
    return `${clock(from)}–${clock(to)} (${label(to)})`;
  };
  return {
    dateTime: (at) => `${day(at)}, ${clock(at)} (${label(at)})`,
    dateTimeRange: (from, to) =>
      localDate(from, zone) === localDate(to, zone)
        ? `${day(from)}, ${range(from, to)}`
        : `${day(from)}, ${clock(from)} (${label(from)}) – ${day(to)}, ${clock(to)} (${label(to)})`,
    date: (date) =>
      DateTime.fromISO(date, { zone: 'UTC' }).setLocale(locale).toLocaleString(DateTime.DATE_FULL),
    time: clock,
    zone: label,
    number: (value, digits = 0) =>
      new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(
        value,
      ),
  };
}
