import { describe, expect, it } from 'vitest';
import { parseDate, parseDateTime } from '../../src/flows/parse-date.ts';

// Tuesday 10 March 2026, 10:00 in Mexico City.
const now = new Date('2026-03-10T16:00:00Z');
const mx = 'America/Mexico_City';

describe('free-text dates in Spanish and English', () => {
  it.each([
    ['15/03', '2026-03-15'],
    ['5/4', '2026-04-05'],
    ['30 de junio', '2026-06-30'],
    ['June 30', '2026-06-30'],
    ['el 15 de abril', '2026-04-15'],
    ['2026-04-20', '2026-04-20'],
    ['mañana', '2026-03-11'],
    ['tomorrow', '2026-03-11'],
  ])('%j is %s', (text, expected) => {
    expect(parseDate(text, now, mx)).toBe(expected);
  });

  it.each(['pasado mañana', 'hoy a las 18h', 'blah', '', '31/02', '2026-02-30', 'x'.repeat(200)])(
    '%j is refused',
    (text) => {
      expect(parseDate(text, now, mx)).toBeUndefined();
    },
  );

  it.each([
    ['mañana 10:00', '2026-03-11T16:00:00.000Z'],
    ['next Tuesday 3pm', '2026-03-17T21:00:00.000Z'],
    ['el 15 de abril a las 10:30', '2026-04-15T16:30:00.000Z'],
    ['15/03 a las 9', '2026-03-15T15:00:00.000Z'],
  ])('%j in Mexico City is %s', (text, iso) => {
    expect(parseDateTime(text, now, mx)).toEqual({ ok: true, at: new Date(iso) });
  });

  it('asks for a time when only a day was given', () => {
    expect(parseDateTime('15/03', now, mx)).toEqual({ ok: false, reason: 'needs_time' });
    expect(parseDateTime('pasado mañana 10:00', now, mx)).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('reads the wall time of the reader across a DST change (Santiago, April 2026)', () => {
    // On 1 April Santiago is UTC-3; on 6 April (after the change on the 5th) UTC-4.
    const april = new Date('2026-04-01T13:00:00Z');
    expect(parseDateTime('6/4 10:00', april, 'America/Santiago')).toEqual({
      ok: true,
      at: new Date('2026-04-06T14:00:00.000Z'),
    });
    expect(parseDateTime('2/4 10:00', april, 'America/Santiago')).toEqual({
      ok: true,
      at: new Date('2026-04-02T13:00:00.000Z'),
    });
  });
});
