import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dueCheckinWeek, expectedSessionsBy } from '../../../src/domain/behind.ts';
import { addDays, daysBetween } from '../../../src/domain/time.ts';

/** A calendar date between 2025 and 2029. */
const date = fc.integer({ min: 0, max: 5 * 365 }).map((n) => addDays('2025-01-01', n));
/** A cycle's goal setting, execution and closing starts and its end, in order. */
const cycle = fc
  .tuple(
    date,
    fc.integer({ min: 1, max: 60 }),
    fc.integer({ min: 7, max: 300 }),
    fc.integer({ min: 1, max: 60 }),
  )
  .map(([goalSettingStarts, goals, execution, closing]) => {
    const executionStarts = addDays(goalSettingStarts, goals);
    const closingStarts = addDays(executionStarts, execution);
    return { goalSettingStarts, executionStarts, closingStarts, ends: addDays(closingStarts, closing) };
  });

describe('the rules of who is behind, over random cycles and days', () => {
  it('expects sessions in proportion to the time gone: none at the start, the minimum by the end, never fewer later', () => {
    fc.assert(
      fc.property(cycle, fc.integer({ min: 0, max: 12 }), date, date, (c, min, a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        const first = expectedSessionsBy(c, min, earlier);
        const second = expectedSessionsBy(c, min, later);
        expect(first).toBeGreaterThanOrEqual(0);
        expect(second).toBeLessThanOrEqual(min);
        expect(second).toBeGreaterThanOrEqual(first);
        if (earlier <= c.goalSettingStarts) expect(first).toBe(0);
        if (later >= c.ends) expect(second).toBe(min);
        // Never more than the share of the cycle gone, rounded down.
        const share = Math.max(
          0,
          Math.min(1, daysBetween(c.goalSettingStarts, later) / daysBetween(c.goalSettingStarts, c.ends)),
        );
        expect(second).toBeLessThanOrEqual(min * share + 1e-9);
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('asks for the latest week whose check-in day has come, and only inside execution', () => {
    fc.assert(
      fc.property(cycle, fc.integer({ min: 1, max: 7 }), date, (c, weekday, today) => {
        const week = dueCheckinWeek(c, weekday, today);
        // The check-in day of this week and of the week before: the due one is the latest that has come.
        const monday = DateTime.fromISO(today, { zone: 'UTC' }).startOf('week').toISODate() as string;
        const candidates = [monday, addDays(monday, -7)].filter((w) => addDays(w, weekday - 1) <= today);
        const latest = candidates[0] as string;
        const checkinDay = addDays(latest, weekday - 1);
        const inside = checkinDay >= c.executionStarts && checkinDay < c.closingStarts;
        expect(week).toBe(inside ? latest : undefined);
        if (week) {
          expect(DateTime.fromISO(week, { zone: 'UTC' }).weekday).toBe(1);
          expect(daysBetween(week, today)).toBeLessThan(14);
        }
      }),
      { numRuns: 1000, seed: 5 },
    );
  });
});
