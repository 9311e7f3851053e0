import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, isValidTimeZone, localDate, zonedInstant } from '../../../src/domain/time.ts';

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
