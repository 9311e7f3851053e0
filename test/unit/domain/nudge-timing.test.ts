import { describe, expect, it } from 'vitest';
import { localTimeOn, nextAllowedMoment, scheduleNudge, weekOf } from '../../../src/domain/nudge-timing.ts';

const quiet = { start: '20:00', end: '08:00' };

describe('when a nudge may be sent, in the recipient’s zone', () => {
  it('moves a nudge out of the night to 08:00 local', () => {
    // Tuesday 2026-03-10 22:30 in Mexico City (UTC-6) → Wednesday 08:00 local.
    expect(
      nextAllowedMoment(new Date('2026-03-11T04:30:00Z'), 'America/Mexico_City', quiet).toISOString(),
    ).toBe('2026-03-11T14:00:00.000Z');
    // 06:00 local → 08:00 the same day.
    expect(
      nextAllowedMoment(new Date('2026-03-11T12:00:00Z'), 'America/Mexico_City', quiet).toISOString(),
    ).toBe('2026-03-11T14:00:00.000Z');
    // 12:00 local stays.
    expect(
      nextAllowedMoment(new Date('2026-03-11T18:00:00Z'), 'America/Mexico_City', quiet).toISOString(),
    ).toBe('2026-03-11T18:00:00.000Z');
  });

  it('moves weekend nudges to Monday 08:00', () => {
    // Saturday 2026-03-14 11:00 Mexico City → Monday 16th 08:00.
    expect(
      nextAllowedMoment(new Date('2026-03-14T17:00:00Z'), 'America/Mexico_City', quiet).toISOString(),
    ).toBe('2026-03-16T14:00:00.000Z');
    // Friday 21:00 → Monday 08:00.
    expect(
      nextAllowedMoment(new Date('2026-03-14T03:00:00Z'), 'America/Mexico_City', quiet).toISOString(),
    ).toBe('2026-03-16T14:00:00.000Z');
  });

  it('keeps 08:00 local across Santiago’s DST change (first Sunday of April 2026)', () => {
    // Saturday 4 April, 22:00 local (UTC-3) → Monday 6 April 08:00 local, now UTC-4 → 12:00Z.
    expect(nextAllowedMoment(new Date('2026-04-05T01:00:00Z'), 'America/Santiago', quiet).toISOString()).toBe(
      '2026-04-06T12:00:00.000Z',
    );
    // The same local time a week earlier is 11:00Z (UTC-3).
    expect(localTimeOn('2026-03-30', '08:00', 'America/Santiago').toISOString()).toBe(
      '2026-03-30T11:00:00.000Z',
    );
  });

  it('keeps 08:00 local across Madrid’s DST change (last Sunday of March 2026)', () => {
    expect(localTimeOn('2026-03-27', '08:00', 'Europe/Madrid').toISOString()).toBe(
      '2026-03-27T07:00:00.000Z',
    );
    expect(localTimeOn('2026-03-30', '08:00', 'Europe/Madrid').toISOString()).toBe(
      '2026-03-30T06:00:00.000Z',
    );
    // Sunday 29 March 21:00 CEST → Monday 08:00 CEST.
    expect(nextAllowedMoment(new Date('2026-03-29T19:00:00Z'), 'Europe/Madrid', quiet).toISOString()).toBe(
      '2026-03-30T06:00:00.000Z',
    );
  });

  it('holds non-urgent nudges while snoozed, then still respects quiet hours', () => {
    const snoozedUntil = new Date('2026-03-20T06:00:00Z'); // Friday 00:00 in Mexico City
    const at = scheduleNudge({
      due: new Date('2026-03-11T18:00:00Z'),
      zone: 'America/Mexico_City',
      quiet,
      urgent: false,
      snoozedUntil,
    });
    expect(at.toISOString()).toBe('2026-03-20T14:00:00.000Z');
  });

  it('never moves a session reminder past the session; ignores weekends and snooze for it', () => {
    // Session Saturday 08:30 local; the 1 h reminder is due 07:30 (quiet) → 08:00, before the start.
    const start = new Date('2026-03-14T14:30:00Z');
    const due = new Date('2026-03-14T13:30:00Z');
    expect(
      scheduleNudge({
        due,
        zone: 'America/Mexico_City',
        quiet,
        urgent: true,
        deadline: start,
        snoozedUntil: new Date('2026-04-01T00:00:00Z'),
      }).toISOString(),
    ).toBe('2026-03-14T14:00:00.000Z');
    // Session at 07:30: moving to 08:00 would pass it, so the reminder keeps 06:30.
    const early = new Date('2026-03-14T13:30:00Z');
    const earlyDue = new Date('2026-03-14T12:30:00Z');
    expect(
      scheduleNudge({
        due: earlyDue,
        zone: 'America/Mexico_City',
        quiet,
        urgent: true,
        deadline: early,
      }).toISOString(),
    ).toBe(earlyDue.toISOString());
  });

  it('names weeks by their Monday in the recipient’s zone', () => {
    // Sunday 23:00 in Mexico City is already Monday in Madrid.
    const at = new Date('2026-03-16T05:00:00Z');
    expect(weekOf(at, 'America/Mexico_City')).toBe('2026-03-09');
    expect(weekOf(at, 'Europe/Madrid')).toBe('2026-03-16');
  });
});
