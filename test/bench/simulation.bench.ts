import { simulate } from '../simulation/simulate.ts';
import { freshDatabase } from './postgres.ts';

/**
 * `simulation`: the simulated cycle that `npm test` runs (120 people, six months; 40 with
 * --quick): how long it takes, and how much happened in it.
 */
export async function simulation(serverUrl: string, quick: boolean): Promise<Record<string, number>> {
  const database = await freshDatabase(serverUrl, 4);
  try {
    const result = await simulate({ database, people: quick ? 40 : 120, months: 6, seed: 7 });
    const sent = Object.values(result.byKind).reduce((n, states) => n + (states.sent ?? 0), 0);
    return {
      people: result.people,
      seconds: result.seconds,
      reminders_sent: sent,
      actions: Object.values(result.actions).reduce((a, b) => a + b, 0),
      checks_failed: result.checks.filter((c) => !c.ok).length,
    };
  } finally {
    await database.close();
  }
}
