import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { type IsoDate, type LocalTime, resolveLocalTime } from '../domain/time.ts';

// Words that may surround a date without changing it; anything else left over means we did not
// understand the whole sentence (chrono reads "pasado mañana" as "mañana" and ignores "pasado").
const FILLER = new Set(
  'el la los las a al de del en on at the of for para por día dia day días hrs hr horas hora h hs y and , . - a.m. p.m.'.split(
    ' ',
  ),
);

const PARSERS = [chrono.es.casual, chrono.en.GB, chrono.en.casual];

interface Parsed {
  year: number;
  month: number;
  day: number;
  hour: number | null;
  minute: number;
}

/**
 * Reads a date (and maybe a time) written in Spanish or English: "15/03", "mañana 10:00",
 * "next Tuesday 3pm", "30 de junio". Days are read day-first (15/03 is 15 March). The result is
 * in the reader's zone; chrono only knows offsets, so it gets the reader's offset at `now`.
 */
function parseLoose(text: string, now: Date, zone: string): Parsed | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 100) return undefined;
  const offset = DateTime.fromJSDate(now, { zone }).offset;
  const reference = { instant: now, timezone: offset };
  let best: { result: chrono.ParsedResult; score: number } | undefined;
  for (const parser of PARSERS) {
    const results = parser.parse(trimmed, reference, { forwardDate: true });
    // Two separate dates ("hoy a las 18h" read as "hoy" + "18h") is a misreading, not an answer.
    if (results.length !== 1) continue;
    const result = results[0] as chrono.ParsedResult;
    const score =
      result.text.length * 2 + (result.start.isCertain('day') || result.start.isCertain('weekday') ? 1 : 0);
    if (!best || score > best.score) best = { result, score };
  }
  if (!best) return undefined;
  const { result } = best;
  const leftover = `${trimmed.slice(0, result.index)} ${trimmed.slice(result.index + result.text.length)}`
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word && !FILLER.has(word));
  if (leftover.length > 0) return undefined;
  const start = result.start;
  const hourCertain = start.isCertain('hour');
  return {
    year: start.get('year') as number,
    month: start.get('month') as number,
    day: start.get('day') as number,
    hour: hourCertain ? (start.get('hour') as number) : null,
    minute: hourCertain ? ((start.get('minute') as number | null) ?? 0) : 0,
  };
}

/** A calendar date from free text, or undefined. ISO dates pass straight through. */
export function parseDate(text: string, now: Date, zone: string): IsoDate | undefined {
  const iso = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return DateTime.fromISO(iso).isValid ? iso : undefined;
  const parsed = parseLoose(text, now, zone);
  if (!parsed) return undefined;
  const date = DateTime.fromObject({ year: parsed.year, month: parsed.month, day: parsed.day }, { zone });
  return date.isValid ? (date.toISODate() as IsoDate) : undefined;
}

/**
 * A date and time from free text, as an instant in the reader's zone; `needs_time` when no hour
 * was given. `movedTo` / `ambiguous` tell when that time did not exist or happened twice that day.
 */
export function parseDateTime(
  text: string,
  now: Date,
  zone: string,
): ({ ok: true } & LocalTime) | { ok: false; reason: 'unreadable' | 'needs_time' } {
  const parsed = parseLoose(text, now, zone);
  if (!parsed) return { ok: false, reason: 'unreadable' };
  if (parsed.hour === null) return { ok: false, reason: 'needs_time' };
  const day = DateTime.fromObject(
    { year: parsed.year, month: parsed.month, day: parsed.day },
    { zone: 'UTC' },
  );
  if (!day.isValid || parsed.hour > 23 || parsed.minute > 59) return { ok: false, reason: 'unreadable' };
  const time = `${String(parsed.hour).padStart(2, '0')}:${String(parsed.minute).padStart(2, '0')}`;
  return { ok: true, ...resolveLocalTime(day.toISODate() as IsoDate, time, zone) };
}
