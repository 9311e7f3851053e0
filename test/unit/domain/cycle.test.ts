import { describe, expect, it } from 'vitest';
import { phaseAt, planCycleDates, validateCycleDates } from '../../../src/domain/cycle.ts';
import { isDomainError } from '../../../src/domain/errors.ts';
import { defaultSettings } from '../../../src/domain/program.ts';

const cycle = {
  timezone: 'America/Mexico_City',
  enrollmentStarts: '2026-02-01',
  goalSettingStarts: '2026-03-01',
  executionStarts: '2026-04-01',
  closingStarts: '2026-07-15',
  ends: '2026-07-31',
};

describe('cycle phases', () => {
  it.each([
    ['2026-01-31T12:00:00Z', 'upcoming'],
    ['2026-02-01T12:00:00Z', 'enrollment'],
    ['2026-03-01T12:00:00Z', 'goal_setting'],
    ['2026-04-01T12:00:00Z', 'execution'],
    ['2026-07-15T12:00:00Z', 'closing'],
    ['2026-07-31T12:00:00Z', 'closing'],
    ['2026-08-01T12:00:00Z', 'closed'],
  ])('at %s the phase is %s', (at, phase) => {
    expect(phaseAt(cycle, new Date(at))).toBe(phase);
  });

  it('judges the day in the cycle zone, not UTC', () => {
    // 2026-04-01 03:00 UTC is still 31 March, 21:00, in Mexico City.
    expect(phaseAt(cycle, new Date('2026-04-01T03:00:00Z'))).toBe('goal_setting');
    expect(phaseAt(cycle, new Date('2026-04-01T06:00:00Z'))).toBe('execution');
    // In Madrid the same instant is already 1 April.
    expect(phaseAt({ ...cycle, timezone: 'Europe/Madrid' }, new Date('2026-04-01T03:00:00Z'))).toBe(
      'execution',
    );
  });

  it('plans phase dates from the program defaults (3 weeks each side)', () => {
    const dates = planCycleDates({ starts: '2026-01-05', ends: '2026-06-30' }, defaultSettings('classic'));
    expect(dates).toEqual({
      enrollmentStarts: '2026-01-05',
      goalSettingStarts: '2026-01-26',
      executionStarts: '2026-02-16',
      closingStarts: '2026-06-10',
      ends: '2026-06-30',
    });
  });

  it('refuses dates out of order or invalid', () => {
    expect(() =>
      planCycleDates({ starts: '2026-06-01', ends: '2026-06-20' }, defaultSettings('classic')),
    ).toThrow(expect.objectContaining({ code: 'cycle.dates' }));
    try {
      validateCycleDates({ ...cycle, goalSettingStarts: '2026-02-30' });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'cycle.dates')).toBe(true);
    }
  });
});
