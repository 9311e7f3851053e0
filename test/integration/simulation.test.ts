import { afterAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/store/db.ts';
import { simulationPage } from '../simulation/page.ts';
import { type SimulationResult, simulate } from '../simulation/simulate.ts';
import { openFreshPostgres } from '../support/databases.ts';

if (!process.env.TEST_DATABASE_URL)
  console.warn(
    'simulation skipped: TEST_DATABASE_URL is not set (PostgreSQL is not installed here; .ci/run installs it).',
  );

/**
 * `npm run simulate` at the size of a test: 120 people, six months, two tenants, four zones, on
 * PostgreSQL. Every check of the simulation must hold; how long it takes is the benchmark's
 * business (`npm run bench -- --only simulation`), not asserted here.
 */
describe.runIf(process.env.TEST_DATABASE_URL)('a whole cycle simulated (120 people, six months)', () => {
  let database: OpenDatabase | undefined;
  let result: SimulationResult;
  afterAll(async () => {
    await database?.close();
  });

  it('keeps every promise the reminders make, and the report tells what people did', async () => {
    database = await openFreshPostgres(undefined, 4);
    result = await simulate({ database, people: 120, months: 6, seed: 7 });
    for (const check of result.checks) expect(check, check.name).toMatchObject({ ok: true });
    // The run did something worth checking: people acted and reminders of each phase went out.
    expect(result.people).toBe(120);
    for (const kind of ['goal_drafting', 'checkin', 'session_reminder', 'session_outcome', 'evaluation_due'])
      expect(result.byKind[kind]?.sent ?? 0, kind).toBeGreaterThan(0);
    for (const what of ['draft', 'approve', 'check-in', 'session held', 'evaluate', 'acknowledge and rate'])
      expect(result.actions[what] ?? 0, what).toBeGreaterThan(0);
    // Its page says the same, with a chart per series.
    const page = simulationPage(result);
    expect(page).toContain('Reminders sent per day');
    expect(page.match(/<svg /g)).toHaveLength(3);
    expect(page).not.toContain('✗');
  }, 600_000);
});
