import { describe, expect, it } from 'vitest';
import {
  addDays,
  isIsoDate,
  isValidTimeZone,
  localDate,
  resolveLocalTime,
  zonedInstant,
} from '../../../src/domain/time.ts';
import { parseDateTime } from '../../../src/flows/parse-date.ts';
import { formatter } from '../../../src/i18n/index.ts';

describe('time in people’s zones', () => {
  it('knows IANA zones and refuses junk', () => {
    expect(isValidTimeZone('America/Santiago')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('UTC+3')).toBe(false);
  });

  it('validates calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('28/02/2026')).toBe(false);
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
  });

  it('Santiago: 10:00 keeps its wall time across the April DST end', () => {
    // Chile leaves summer time on the first Sunday of April 2026 (5 April): UTC-3 → UTC-4.
    expect(zonedInstant('2026-04-04', '10:00', 'America/Santiago').toISOString()).toBe(
      '2026-04-04T13:00:00.000Z',
    );
    expect(zonedInstant('2026-04-06', '10:00', 'America/Santiago').toISOString()).toBe(
      '2026-04-06T14:00:00.000Z',
    );
  });

  it('Madrid: a time inside the spring-forward gap moves forward', () => {
    // 29 March 2026, 02:30 does not exist in Madrid; luxon moves it to 03:30 CEST.
    expect(zonedInstant('2026-03-29', '02:30', 'Europe/Madrid').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('Mexico City has had no DST since 2022', () => {
    expect(zonedInstant('2026-01-15', '09:00', 'America/Mexico_City').toISOString()).toBe(
      '2026-01-15T15:00:00.000Z',
    );
    expect(zonedInstant('2026-07-15', '09:00', 'America/Mexico_City').toISOString()).toBe(
      '2026-07-15T15:00:00.000Z',
    );
  });

  it('gives the local date of an instant', () => {
    expect(localDate(new Date('2026-04-01T03:00:00Z'), 'America/Mexico_City')).toBe('2026-03-31');
    expect(localDate(new Date('2026-04-01T03:00:00Z'), 'Europe/Madrid')).toBe('2026-04-01');
  });
});

describe('wall-clock times across daylight-saving changes', () => {
  it('moves a time that does not exist forward and says to when', () => {
    // Santiago springs from 00:00 to 01:00 on 5 September 2027; New York from 02:00 to 03:00 on 14 March.
    const santiago = resolveLocalTime('2027-09-05', '00:30', 'America/Santiago');
    expect(santiago.movedTo).toBe('01:30');
    expect(santiago.at.toISOString()).toBe('2027-09-05T04:30:00.000Z');
    const newYork = resolveLocalTime('2027-03-14', '02:30', 'America/New_York');
    expect(newYork).toMatchObject({ movedTo: '03:30' });
    expect(newYork.at.toISOString()).toBe('2027-03-14T07:30:00.000Z');
  });

  it('takes the first of a time that happens twice, and says so', () => {
    const twice = resolveLocalTime('2027-11-07', '01:30', 'America/New_York');
    expect(twice.ambiguous).toBe(true);
    expect(twice.at.toISOString()).toBe('2027-11-07T05:30:00.000Z'); // 01:30 EDT, the first
  });

  it('leaves an ordinary time alone', () => {
    const plain = resolveLocalTime('2027-03-13', '02:30', 'America/New_York');
    expect(plain).toEqual({ at: new Date('2027-03-13T07:30:00.000Z') });
  });

  it('reads a typed time through the same rule', () => {
    const now = new Date('2027-08-20T12:00:00Z');
    expect(parseDateTime('05/09/2027 00:30', now, 'America/Santiago')).toMatchObject({
      ok: true,
      movedTo: '01:30',
    });
    expect(parseDateTime('05/09/2027 10:30', now, 'America/Santiago')).not.toHaveProperty('movedTo');
  });
});

describe('times as each language reads them', () => {
  const at = new Date('2026-11-24T19:30:00Z');
  const end = new Date('2026-11-24T20:30:00Z');
  it('Spanish on the 24-hour clock, English on the 12-hour one, with the zone’s abbreviation or offset', () => {
    expect(formatter('es', 'America/Santiago').dateTimeRange(at, end)).toBe(
      'martes, 24 de noviembre, 16:30–17:30 (GMT-3)',
    );
    expect(formatter('en', 'America/Chicago').dateTimeRange(at, end)).toBe(
      'Tuesday, November 24, 1:30–2:30 PM (CST)',
    );
    expect(
      formatter('en', 'America/Mexico_City').dateTimeRange(
        new Date('2026-11-24T17:30:00Z'),
        new Date('2026-11-24T18:30:00Z'),
      ),
    ).toBe('Tuesday, November 24, 11:30 AM–12:30 PM (CST)');
    expect(formatter('es', 'America/Mexico_City').dateTime(at)).toBe('martes, 24 de noviembre, 13:30 (CST)');
    expect(formatter('en', 'America/Santiago').time(at)).toBe('4:30 PM');
  });

  it('names each end’s offset when a range crosses a change of clocks', () => {
    const from = new Date('2027-11-07T05:30:00Z'); // 01:30 EDT
    const to = new Date('2027-11-07T07:00:00Z'); // 02:00 EST
    expect(formatter('en', 'America/New_York').dateTimeRange(from, to)).toBe(
      'Sunday, November 7, 1:30 AM (EDT)–2:00 AM (EST)',
    );
  });
});
