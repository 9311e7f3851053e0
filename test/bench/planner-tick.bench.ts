import { sql } from 'kysely';
import { planTick } from '../../src/scheduler/planner.ts';
import { freshDatabase } from './postgres.ts';
import { COHORT_CYCLE, seedCohort } from './seed.ts';

/**
 * One planner tick for 100,000 people (50,000 pairs) in execution: every mentee has an approved
 * goal and the weekly check-in falls due, and a fifth of the pairs have a session tomorrow.
 */
export async function plannerTick(serverUrl: string, quick: boolean): Promise<Record<string, number>> {
  const people = quick ? 20_000 : 100_000;
  const tenants = 20;
  const db = await freshDatabase(serverUrl);
  try {
    await seedCohort(db.db, {
      tenants: Array.from({ length: tenants }, (_, i) => ({
        id: `t${i}`,
        platform: i % 2 ? 'teams' : 'slack',
        pairs: people / 2 / tenants,
      })),
      cycle: COHORT_CYCLE,
      timezones: ['America/Mexico_City'],
    });
    // Monday 16 March 2026, 08:30 in Mexico City: the check-in (09:00) is within the hour ahead.
    const now = new Date('2026-03-16T14:30:00Z');
    await sql`insert into goals (tenant_id, id, pairing_id, cycle_id, mentee_id, state, title, specific, measurable, achievable, relevant, due_date, created_at, updated_at, submitted_at, approved_at)
      select tenant_id, 'g' || id, id, cycle_id, mentee_id, 'approved', 'Meta', 'Organizar reuniones', '12 reuniones', 'Sí', 'Sí', '2026-06-01', ${now}, ${now}, ${now}, ${now}
      from pairings`.execute(db.db);
    const tomorrow = new Date(now.getTime() + 24 * 3_600_000 + 30 * 60_000);
    await sql`insert into sessions (tenant_id, id, pairing_id, state, starts_at, duration_minutes, proposed_by, created_at, updated_at)
      select tenant_id, 's' || id, id, 'confirmed', ${tomorrow}, 60, mentor_id, ${now}, ${now} from pairings where right(id, 1) in ('0', '5')`.execute(
      db.db,
    );
    await sql`analyze`.execute(db.db);
    const started = performance.now();
    const first = await planTick(db.db, now);
    const ms = performance.now() - started;
    const againStarted = performance.now();
    const second = await planTick(db.db, now);
    const againMs = performance.now() - againStarted;
    return {
      people,
      planned: first.planned,
      inserted: first.inserted,
      ms: Math.round(ms),
      repeat_inserted: second.inserted,
      repeat_ms: Math.round(againMs),
    };
  } finally {
    await db.close();
  }
}
