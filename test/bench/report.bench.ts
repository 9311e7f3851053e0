import { cycleReport } from '../../src/reports/cycle-report.ts';
import { freshDatabase } from './postgres.ts';
import { REPORT_CYCLE, seedReportCycle } from './seed.ts';

/**
 * `report`: the cycle report for 100,000 participants (50,000 pairs) with a goal each, two
 * sessions, a weekly check-in with an alert, an evaluation, a survey and four plenaries, all
 * generated in SQL. `ms` is the median of three full reports (queries and figures).
 */
export async function report(serverUrl: string, quick: boolean): Promise<Record<string, number>> {
  const pairs = quick ? 10_000 : 50_000;
  const db = await freshDatabase(serverUrl);
  try {
    const seeded = performance.now();
    await seedReportCycle(db.db, pairs);
    const seedMs = performance.now() - seeded;
    const cycle = REPORT_CYCLE;
    const deps = { db: db.db, clock: { now: () => new Date() } };
    const acting = {
      actor: { tenantId: 't', personId: 'bench', staffRole: 'admin' as const },
      via: 'cli' as const,
    };
    const times: number[] = [];
    let total = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const result = await cycleReport(deps, acting, cycle);
      times.push(performance.now() - started);
      total = result.participants.total;
    }
    times.sort((a, b) => a - b);
    return {
      participants: total,
      ms: Math.round(times[1] as number),
      seed_s: Math.round(seedMs / 100) / 10,
    };
  } finally {
    await db.close();
  }
}
