import { sql } from 'kysely';
import { cycleReport } from '../../src/reports/cycle-report.ts';
import { freshDatabase } from './postgres.ts';

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
    await sql`insert into tenants (id, platform, external_id, name, default_locale, default_timezone)
              values ('t', 'slack', 'T:BENCH', 'bench', 'es', 'America/Santiago')`.execute(db.db);
    await sql`insert into programs (tenant_id, id, name, kind) values ('t', 'pr', 'Mentoría', 'classic')`.execute(
      db.db,
    );
    await sql`insert into cycles (tenant_id, id, program_id, name, timezone, enrollment_starts, goal_setting_starts, execution_starts, closing_starts, ends)
              values ('t', 'c', 'pr', '2027-1', 'America/Santiago', '2027-01-04', '2027-01-25', '2027-02-15', '2027-06-10', '2027-06-30')`.execute(
      db.db,
    );
    await sql`insert into people (tenant_id, id, name, email, gender, level, institution, region, locale, timezone)
              select 't', 'p' || i, 'Persona ' || i, 'p' || i || '@bench.example',
                     (array['f','m','x','n'])[1 + i % 4], 1 + i % 5, 'Institución ' || (i % 40), 'Región ' || (i % 16),
                     'es', 'America/Santiago'
                from generate_series(1, ${pairs * 2}) i`.execute(db.db);
    await sql`insert into enrollments (tenant_id, cycle_id, person_id, role)
              select 't', 'c', 'p' || i, case when i <= ${pairs} then 'mentor' else 'mentee' end
                from generate_series(1, ${pairs * 2}) i`.execute(db.db);
    await sql`insert into pairings (tenant_id, id, cycle_id, mentor_id, mentee_id)
              select 't', 'pa' || i, 'c', 'p' || i, 'p' || (i + ${pairs}) from generate_series(1, ${pairs}) i`.execute(
      db.db,
    );
    await sql`insert into goals (tenant_id, id, pairing_id, cycle_id, mentee_id, state, title, specific, measurable, achievable, relevant, due_date, revision, submitted_at, approved_at, created_at, updated_at)
              select 't', 'g' || i, 'pa' || i, 'c', 'p' || (i + ${pairs}),
                     (array['approved','submitted','achieved','partly_achieved','not_achieved','changes_requested'])[1 + i % 6],
                     'Meta ' || i, 's', 'm', 'a', 'r', '2027-05-01', 1, now() - interval '10 days', now() - interval '8 days', now(), now()
                from generate_series(1, ${pairs}) i`.execute(db.db);
    await sql`insert into goal_revisions (tenant_id, goal_id, revision, fields, submitted_by, submitted_at, decision, decided_by, decided_at)
              select 't', 'g' || i, 1, '{}'::jsonb, 'p' || (i + ${pairs}), now() - interval '10 days' - (i % 48) * interval '1 hour',
                     case when i % 6 = 1 then null else 'approved' end, 'p' || i, now() - interval '8 days'
                from generate_series(1, ${pairs}) i`.execute(db.db);
    await sql`insert into sessions (tenant_id, id, pairing_id, state, starts_at, duration_minutes, proposed_by, created_at, updated_at)
              select 't', 's' || i || '-' || k, 'pa' || i, case when (i + k) % 3 = 0 then 'proposed' else 'held' end,
                     now() - k * interval '7 days', 60, 'p' || i, now(), now()
                from generate_series(1, ${pairs}) i, generate_series(1, 2) k`.execute(db.db);
    await sql`insert into checkins (tenant_id, id, pairing_id, week_start, created_by, via, created_at)
              select 't', 'k' || i, 'pa' || i, '2027-03-01', 'p' || (i + ${pairs}), 'chat', now()
                from generate_series(1, ${pairs}) i`.execute(db.db);
    await sql`insert into progress_updates (tenant_id, id, checkin_id, goal_id, progress, status, new_due_date, created_at)
              select 't', 'u' || i, 'k' || i, 'g' || i, 50, (array['on_track','alert','restriction'])[1 + i % 3],
                     case when i % 3 = 2 then date '2027-05-15' end, now()
                from generate_series(1, ${pairs}) i`.execute(db.db);
    await sql`insert into evaluations (tenant_id, id, pairing_id, state, goals, created_at, submitted_at, released_at)
              select 't', 'e' || i, 'pa' || i, 'released',
                     jsonb_build_array(jsonb_build_object('goalId', 'g' || i, 'outcome', (array['achieved','partly_achieved','not_achieved'])[1 + i % 3], 'rating', 1 + i % 5)),
                     now(), now(), now()
                from generate_series(1, ${pairs}) i`.execute(db.db);
    await sql`insert into surveys (tenant_id, id, cycle_id, person_id, satisfaction, recommend, created_at)
              select 't', 'sv' || i, 'c', 'p' || (i + ${pairs}), 1 + i % 5, i % 11, now()
                from generate_series(1, ${pairs}) i`.execute(db.db);
    await sql`insert into plenaries (tenant_id, id, cycle_id, title, starts_at, duration_minutes)
              select 't', 'pl' || k, 'c', 'Plenaria ' || k, now() - k * interval '14 days', 90 from generate_series(1, 4) k`.execute(
      db.db,
    );
    await sql`insert into attendance (tenant_id, plenary_id, person_id, present, marked_by, via, marked_at)
              select 't', 'pl' || k, 'p' || (i + ${pairs}), (i + k) % 5 <> 0, 'p' || (i + ${pairs}), 'chat', now()
                from generate_series(1, ${pairs}) i, generate_series(1, 4) k`.execute(db.db);
    await sql`analyze`.execute(db.db);
    const seedMs = performance.now() - seeded;
    const cycle = {
      tenantId: 't',
      id: 'c',
      programId: 'pr',
      name: '2027-1',
      timezone: 'America/Santiago',
      enrollmentStarts: '2027-01-04',
      goalSettingStarts: '2027-01-25',
      executionStarts: '2027-02-15',
      closingStarts: '2027-06-10',
      ends: '2027-06-30',
    };
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
