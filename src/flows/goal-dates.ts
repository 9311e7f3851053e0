import { DateTime } from 'luxon';
import type { DateFinding, DateRecognizer } from '../domain/smart-coach.ts';
import { fold } from '../domain/smart-coach.ts';
import type { IsoDate } from '../domain/time.ts';

/**
 * Dates and periods inside a goal sentence, in Spanish and English: written dates ("30 de junio",
 * "15/05/2027", "June 30"), months ("en marzo", "a fin de junio", "antes de abril"), quarters and
 * halves ("el próximo trimestre", "Q2", "primer semestre"), spans from today ("en tres meses",
 * "within 8 weeks"), the year, and the cycle's own end ("al cierre del ciclo"). Each becomes the last
 * day it allows; a written date that does not exist (31/02) is reported as impossible, not moved.
 * Without a year, a date or month is the next one on or after `today`.
 */
export function goalDateRecognizer(context: {
  today: IsoDate;
  cycleEnd?: IsoDate | undefined;
}): DateRecognizer {
  const today = DateTime.fromISO(context.today, { zone: 'UTC' });
  return (raw) => {
    const text = fold(raw.normalize('NFC'));
    const found: DateFinding[] = [];
    const add = (
      m: RegExpExecArray,
      end: DateTime | 'impossible' | null,
      kind: 'date' | 'period' = 'period',
    ) => {
      if (end === null) return;
      found.push(
        end === 'impossible'
          ? { kind: 'impossible', text: raw.slice(m.index, m.index + m[0].length), index: m.index }
          : {
              kind,
              end: end.toISODate() as IsoDate,
              text: raw.slice(m.index, m.index + m[0].length),
              index: m.index,
            },
      );
    };
    const each = (pattern: RegExp, read: (m: RegExpExecArray) => void) => {
      for (const m of text.matchAll(new RegExp(pattern.source, 'g'))) read(m as RegExpExecArray);
    };
    /** A day that must exist: its year given, or the next one on or after today. */
    const day = (d: number, month: number, year?: number): DateTime | 'impossible' => {
      if (year !== undefined) {
        const y = year < 100 ? 2000 + year : year;
        const date = DateTime.fromObject({ year: y, month, day: d }, { zone: 'UTC' });
        return date.isValid ? date : 'impossible';
      }
      for (const y of [today.year, today.year + 1, today.year + 2, today.year + 3, today.year + 4]) {
        const date = DateTime.fromObject({ year: y, month, day: d }, { zone: 'UTC' });
        if (date.isValid && date >= today) return date;
      }
      return 'impossible';
    };
    /** The end of a month: of the year given, or the next one that has not ended before today. */
    const monthEnd = (month: number, year?: number): DateTime => {
      const y =
        year ??
        (DateTime.fromObject({ year: today.year, month }, { zone: 'UTC' }).endOf('month') >= today
          ? today.year
          : today.year + 1);
      return DateTime.fromObject({ year: y, month }, { zone: 'UTC' }).endOf('month').startOf('day');
    };
    const quarterEnd = (q: number, year?: number): DateTime => {
      const end = (y: number) =>
        DateTime.fromObject({ year: y, month: q * 3 }, { zone: 'UTC' })
          .endOf('month')
          .startOf('day');
      return year !== undefined
        ? end(year)
        : end(today.year) >= today
          ? end(today.year)
          : end(today.year + 1);
    };
    const halfEnd = (h: number, year?: number): DateTime => quarterEnd(h * 2, year);
    const year = (y: string | undefined) => (y ? Number(y) : undefined);

    each(/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => add(m, day(Number(m[3]), Number(m[2]), Number(m[1])), 'date'));
    // Day first, as written in Latin America and Spain: "15/03", "31/02/2027", "15.03.2027".
    each(/\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b|\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/, (m) => {
      const month = Number(m[2] ?? m[5]);
      add(
        m,
        month >= 1 && month <= 12 ? day(Number(m[1] ?? m[4]), month, year(m[3] ?? m[6])) : 'impossible',
        'date',
      );
    });
    each(new RegExp(`\\b(\\d{1,2})\\s+de\\s+(${MONTH})(?:\\s+(?:de|del)\\s+(\\d{4}))?`), (m) =>
      add(m, day(Number(m[1]), monthOf(m[2]), year(m[3])), 'date'),
    );
    each(new RegExp(`\\b(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`), (m) => {
      if (
        /^(may|march|mar)$/.test(m[1] ?? '') &&
        !/^(?:in|by|before|until|on|of)\s*$/.test(
          text
            .slice(Math.max(0, m.index - 8), m.index)
            .trim()
            .split(/\s+/)
            .at(-1) ?? '',
        ) &&
        !/\d/.test(m[2] ?? '')
      )
        return;
      add(m, day(Number(m[2]), monthOf(m[1]), year(m[3])), 'date');
    });
    each(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH})(?:,?\\s+(\\d{4}))?\\b`), (m) =>
      add(m, day(Number(m[1]), monthOf(m[2]), year(m[3])), 'date'),
    );
    // Months: "a fin de junio", "antes de abril", "en marzo", "junio de 2027", "by March".
    each(new RegExp(`\\b(antes\\s+de|before)\\s+(${MONTH})(?:\\s+(?:de\\s+)?(\\d{4}))?\\b`), (m) =>
      add(m, monthEnd(monthOf(m[2]), year(m[3])).startOf('month').minus({ days: 1 })),
    );
    each(new RegExp(`\\b(${MONTH})(?:\\s+(?:de\\s+)?(\\d{4}))?\\b`), (m) => {
      const name = m[1] as string;
      // English "may" and "march" are months only where a date is meant.
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      if (
        (name === 'may' || name === 'march') &&
        !/\b(in|by|before|until|end of|early|late|of|and|to|between)\s*$/.test(before)
      )
        return;
      add(m, monthEnd(monthOf(name), year(m[2])));
    });
    // Quarters and halves.
    each(
      /\b(?:el\s+)?(primer|1er|segundo|2do|tercer|3er|cuarto|4to)\s+trimestre(?:\s+(?:de|del)\s+(\d{4}))?/,
      (m) => add(m, quarterEnd(ORDINAL[m[1] as string] as number, year(m[2]))),
    );
    each(/\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(\d{4}))?/, (m) =>
      add(m, quarterEnd(ORDINAL[m[1] as string] as number, year(m[2]))),
    );
    each(/\bq([1-4])(?:\s*(?:de\s+|of\s+)?(\d{4}))?\b/, (m) => add(m, quarterEnd(Number(m[1]), year(m[2]))));
    each(/\b(?:(?:el|la)\s+)?(?:proximo|siguiente)\s+trimestre\b|\bnext\s+quarter\b/, (m) => {
      const current = Math.ceil(today.month / 3);
      add(m, current === 4 ? quarterEnd(1, today.year + 1) : quarterEnd(current + 1, today.year));
    });
    each(/\b(?:este|el presente)\s+trimestre\b|\bthis\s+quarter\b/, (m) =>
      add(m, quarterEnd(Math.ceil(today.month / 3), today.year)),
    );
    each(/\b(?:el\s+)?(primer|segundo|1er|2do)\s+semestre(?:\s+(?:de|del)\s+(\d{4}))?/, (m) =>
      add(m, halfEnd(ORDINAL[m[1] as string] as number, year(m[2]))),
    );
    each(/\b(first|second)\s+half(?:\s+of\s+(?:the\s+year|(\d{4})))?\b|\bh([12])(?:\s+(\d{4}))?\b/, (m) =>
      add(m, halfEnd(m[3] ? Number(m[3]) : (ORDINAL[m[1] as string] as number), year(m[2] ?? m[4]))),
    );
    // Spans from today: "en tres meses", "dentro de 8 semanas", "within 8 weeks".
    each(
      new RegExp(
        `\\b(?:en|dentro\\s+de|in|within)\\s+(?:los\\s+proximos\\s+|the\\s+next\\s+)?(\\d+|${NUMBER})\\s+(dias|semanas|meses|days|weeks|months)\\b`,
      ),
      (m) => {
        const n = /^\d+$/.test(m[1] ?? '') ? Number(m[1]) : (NUMBERS[m[1] as string] as number);
        const unit = /^(dias|days)$/.test(m[2] ?? '')
          ? 'days'
          : /^(semanas|weeks)$/.test(m[2] ?? '')
            ? 'weeks'
            : 'months';
        add(m, today.plus({ [unit]: n }));
      },
    );
    each(
      /\b(?:a\s+)?(?:fin(?:es)?|finales|final)\s+de(?:l)?\s+mes\b|\bend\s+of\s+(?:the|this)\s+month\b/,
      (m) => add(m, today.endOf('month').startOf('day')),
    );
    each(
      /\b(?:a\s+)?(?:fin(?:es)?|finales|final)\s+de(?:l)?\s+ano\b|\beste\s+ano\b|\bend\s+of\s+(?:the|this)\s+year\b|\bthis\s+year\b/,
      (m) => add(m, today.endOf('year').startOf('day')),
    );
    // A year, unless it counts something ("2000 expedientes").
    each(
      /\b(?:en|durante|in|during|para|by|hasta|until)\s+((?:19|20)\d{2})\b|\b((?:19|20)\d{2})\b(?!\s+(?!(?:y|a|al|and|to|hasta)\b)[a-z])/,
      (m) =>
        add(
          m,
          DateTime.fromObject({ year: Number(m[1] ?? m[2]) }, { zone: 'UTC' })
            .endOf('year')
            .startOf('day'),
        ),
    );
    // The cycle's own end.
    each(
      /\b(?:al|antes\s+del|hasta\s+el|para\s+el)\s+(?:cierre|final|termino)(?:\s+del?\s+(?:ciclo|programa))?\b|\bantes\s+de\s+que\s+(?:termine|finalice|acabe|cierre)\s+el\s+(?:ciclo|programa)\b|\b(?:by|before|until|at)\s+the\s+end\s+of\s+the\s+(?:cycle|programme|program)\b|\bbefore\s+the\s+(?:cycle|programme|program)\s+ends\b/,
      (m) => add(m, context.cycleEnd ? DateTime.fromISO(context.cycleEnd, { zone: 'UTC' }) : today),
    );
    // Overlapping readings: the longest wins ("30 de junio de 2027" over "junio de 2027" over "2027").
    const sorted = found.sort((a, b) => b.text.length - a.text.length || a.index - b.index);
    const kept: DateFinding[] = [];
    for (const f of sorted)
      if (!kept.some((k) => f.index < k.index + k.text.length && k.index < f.index + f.text.length))
        kept.push(f);
    return kept.sort((a, b) => a.index - b.index);
  };
}

const MONTHS: Record<string, number> = {
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const monthOf = (name: string | undefined) => MONTHS[name ?? ''] as number;

const ORDINAL: Record<string, number> = {
  primer: 1,
  '1er': 1,
  segundo: 2,
  '2do': 2,
  tercer: 3,
  '3er': 3,
  cuarto: 4,
  '4to': 4,
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

const NUMBERS: Record<string, number> = {
  un: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  doce: 12,
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};
const NUMBER = Object.keys(NUMBERS).join('|');
