import i18next, { type i18n } from 'i18next';
import { DateTime } from 'luxon';
import type { Locale } from '../config.ts';
import type { Gender } from '../domain/model.ts';
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
  /** "martes, 17 de marzo, 15:00 GMT-6" */
  dateTime(at: Date): string;
  /** "17 de marzo de 2026" from a calendar date. */
  date(date: string): string;
  /** "15:00" */
  time(at: Date): string;
  number(value: number, digits?: number): string;
}

export function formatter(locale: Locale, zone: string): Formatter {
  return {
    dateTime: (at) =>
      DateTime.fromJSDate(at, { zone }).setLocale(locale).toLocaleString({
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      }),
    date: (date) =>
      DateTime.fromISO(date, { zone: 'UTC' }).setLocale(locale).toLocaleString(DateTime.DATE_FULL),
    time: (at) => DateTime.fromJSDate(at, { zone }).setLocale(locale).toLocaleString(DateTime.TIME_24_SIMPLE),
    number: (value, digits = 0) =>
      new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(
        value,
      ),
  };
}
