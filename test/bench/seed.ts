import { sql } from 'kysely';
import type { Db } from '../../src/store/db.ts';
import { SANTIAGO_2027 } from '../support/cycles.ts';

/** The cycle of the reminder benchmarks' cohorts: in execution in March 2026. */
export const COHORT_CYCLE = {
  enrollment: '2026-01-05',
  goalSetting: '2026-02-02',
  execution: '2026-03-02',
  closing: '2026-06-15',
  ends: '2026-06-30',
};

/**
 * A large cohort written straight in SQL (generate_series): each tenant gets one classic program,
 * one cycle and its number of pairs; everyone has an identity on the tenant's platform.
 */
export async function seedCohort(
  db: Db,
  input: {
    tenants: { id: string; platform: 'slack' | 'teams'; pairs: number }[];
    cycle: { enrollment: string; goalSetting: string; execution: string; closing: string; ends: string };
    timezones?: string[];
  },
): Promise<void> {
  const zones = input.timezones ?? [
    'America/Mexico_City',
    'America/Santiago',
    'America/Bogota',
    'Europe/Madrid',
  ];
  const c = input.cycle;
  for (const tenant of input.tenants) {
    const t = tenant.id;
    await sql`insert into tenants (id, platform, external_id, name, default_locale, default_timezone)
      values (${t}, ${tenant.platform}, ${`ext-${t}`}, ${`Tenant ${t}`}, 'es', 'America/Mexico_City')`.execute(
      db,
    );
    await sql`insert into programs (tenant_id, id, name, kind, settings) values (${t}, 'prog', 'Programa', 'classic', '{}'::jsonb)`.execute(
      db,
    );
    await sql`insert into cycles (tenant_id, id, program_id, name, timezone, enrollment_starts, goal_setting_starts, execution_starts, closing_starts, ends)
      values (${t}, 'cyc', 'prog', '2026-1', 'America/Mexico_City', ${c.enrollment}::date, ${c.goalSetting}::date, ${c.execution}::date, ${c.closing}::date, ${c.ends}::date)`.execute(
      db,
    );
    // Person i: even = mentee, odd = the mentor of the mentee before it.
    await sql`insert into people (tenant_id, id, name, email, gender, level, locale, timezone)
      select ${t}, 'p' || i, 'Persona ' || i, 'p' || i || '@' || ${t} || '.example', case when i % 2 = 0 then 'f' else 'm' end,
             case when i % 2 = 0 then 1 else 3 end, case when i % 5 = 0 then 'en' else 'es' end,
             (${zones}::text[])[1 + (i % ${zones.length})]
      from generate_series(0, ${tenant.pairs * 2 - 1}) i`.execute(db);
    await sql`insert into identities (tenant_id, id, person_id, platform, external_id, conversation_ref, active)
      select tenant_id, 'i' || id, id, ${tenant.platform}, 'U' || id, jsonb_build_object('channel', 'D' || id), true
      from people where tenant_id = ${t}`.execute(db);
    await sql`insert into pairings (tenant_id, id, cycle_id, mentor_id, mentee_id, active)
      select ${t}, 'pair' || k, 'cyc', 'p' || (2 * k + 1), 'p' || (2 * k), true from generate_series(0, ${tenant.pairs - 1}) k`.execute(
      db,
    );
  }
  await sql`analyze`.execute(db);
}

/**
 * A confirmed session a week after `now` for every pairing, and `perPerson` reminders of it
 * (slots "1h@…", "2h@…", …) to its mentor and its mentee, due a minute before `now`. Returns how
 * many reminders are due.
 */
export async function seedDueSessionReminders(db: Db, now: Date, perPerson = 2): Promise<number> {
  const starts = new Date(now.getTime() + 7 * 24 * 3_600_000);
  await sql`insert into sessions (tenant_id, id, pairing_id, state, starts_at, duration_minutes, proposed_by, sequence, version, created_at, updated_at)
    select tenant_id, 's' || id, id, 'confirmed', ${starts}, 60, mentor_id, 1, 2, ${now}, ${now} from pairings`.execute(
    db,
  );
  await sql`insert into nudges (tenant_id, id, kind, subject_id, slot, recipient_id, due_at, created_at, updated_at)
    select p.tenant_id, 'n' || p.id || '-' || who || '-' || h, 'session_reminder', 's' || p.id, h || 'h@' || ${starts.toISOString()},
           case when who = 0 then p.mentor_id else p.mentee_id end, ${new Date(now.getTime() - 60_000)}, ${now}, ${now}
    from pairings p, generate_series(0, 1) who, generate_series(1, ${perPerson}) h`.execute(db);
  await sql`analyze`.execute(db);
  const count = await sql<{
    n: number;
  }>`select count(*)::int as n from nudges where status = 'pending'`.execute(db);
  return Number(count.rows[0]?.n ?? 0);
}

/** The cycle `seedReportCycle` writes (tenant `t`, a Slack workspace). */
export const REPORT_CYCLE = {
  tenantId: 't',
  id: 'c',
  programId: 'pr',
  name: '2027-1',
  ...SANTIAGO_2027,
};

/**
 * A finished cycle of `pairs` pairs in tenant `t`, written in SQL: a goal each, two sessions, a
 * weekly check-in with an alert, an evaluation, a survey and four plenaries.
 */
export async function seedReportCycle(db: Db, pairs: number): Promise<void> {
  await sql`insert into tenants (id, platform, external_id, name, default_locale, default_timezone)
            values ('t', 'slack', 'T:BENCH', 'bench', 'es', 'America/Santiago')`.execute(db);
  await sql`insert into programs (tenant_id, id, name, kind) values ('t', 'pr', 'Mentoría', 'classic')`.execute(
    db,
  );
  await sql`insert into cycles (tenant_id, id, program_id, name, timezone, enrollment_starts, goal_setting_starts, execution_starts, closing_starts, ends)
            values ('t', 'c', 'pr', '2027-1', 'America/Santiago', '2027-01-04', '2027-01-25', '2027-02-15', '2027-06-10', '2027-06-30')`.execute(
    db,
  );
  await sql`insert into people (tenant_id, id, name, email, gender, level, institution, region, locale, timezone)
            select 't', 'p' || i, 'Persona ' || i, 'p' || i || '@bench.example',
                   (array['f','m','x','n'])[1 + i % 4], 1 + i % 5, 'Institución ' || (i % 40), 'Región ' || (i % 16),
                   'es', 'America/Santiago'
              from generate_series(1, ${pairs * 2}) i`.execute(db);
  await sql`insert into enrollments (tenant_id, cycle_id, person_id, role)
            select 't', 'c', 'p' || i, case when i <= ${pairs} then 'mentor' else 'mentee' end
              from generate_series(1, ${pairs * 2}) i`.execute(db);
  await sql`insert into pairings (tenant_id, id, cycle_id, mentor_id, mentee_id)
            select 't', 'pa' || i, 'c', 'p' || i, 'p' || (i + ${pairs}) from generate_series(1, ${pairs}) i`.execute(
    db,
  );
  await sql`insert into goals (tenant_id, id, pairing_id, cycle_id, mentee_id, state, title, specific, measurable, achievable, relevant, due_date, revision, submitted_at, approved_at, created_at, updated_at)
            select 't', 'g' || i, 'pa' || i, 'c', 'p' || (i + ${pairs}),
                   (array['approved','submitted','achieved','partly_achieved','not_achieved','changes_requested'])[1 + i % 6],
                   'Meta ' || i, 's', 'm', 'a', 'r', '2027-05-01', 1, now() - interval '10 days', now() - interval '8 days', now(), now()
              from generate_series(1, ${pairs}) i`.execute(db);
  await sql`insert into goal_revisions (tenant_id, goal_id, revision, fields, submitted_by, submitted_at, decision, decided_by, decided_at)
            select 't', 'g' || i, 1, '{}'::jsonb, 'p' || (i + ${pairs}), now() - interval '10 days' - (i % 48) * interval '1 hour',
                   case when i % 6 = 1 then null else 'approved' end, 'p' || i, now() - interval '8 days'
              from generate_series(1, ${pairs}) i`.execute(db);
  await sql`insert into sessions (tenant_id, id, pairing_id, state, starts_at, duration_minutes, proposed_by, created_at, updated_at)
            select 't', 's' || i || '-' || k, 'pa' || i, case when (i + k) % 3 = 0 then 'proposed' else 'held' end,
                   now() - k * interval '7 days', 60, 'p' || i, now(), now()
              from generate_series(1, ${pairs}) i, generate_series(1, 2) k`.execute(db);
  await sql`insert into checkins (tenant_id, id, pairing_id, week_start, created_by, via, created_at)
            select 't', 'k' || i, 'pa' || i, '2027-03-01', 'p' || (i + ${pairs}), 'chat', now()
              from generate_series(1, ${pairs}) i`.execute(db);
  await sql`insert into progress_updates (tenant_id, id, checkin_id, goal_id, progress, status, new_due_date, created_at)
            select 't', 'u' || i, 'k' || i, 'g' || i, 50, (array['on_track','alert','restriction'])[1 + i % 3],
                   case when i % 3 = 2 then date '2027-05-15' end, now()
              from generate_series(1, ${pairs}) i`.execute(db);
  await sql`insert into evaluations (tenant_id, id, pairing_id, state, goals, created_at, submitted_at, released_at)
            select 't', 'e' || i, 'pa' || i, 'released',
                   jsonb_build_array(jsonb_build_object('goalId', 'g' || i, 'outcome', (array['achieved','partly_achieved','not_achieved'])[1 + i % 3], 'rating', 1 + i % 5)),
                   now(), now(), now()
              from generate_series(1, ${pairs}) i`.execute(db);
  await sql`insert into surveys (tenant_id, id, cycle_id, person_id, satisfaction, recommend, created_at)
            select 't', 'sv' || i, 'c', 'p' || (i + ${pairs}), 1 + i % 5, i % 11, now()
              from generate_series(1, ${pairs}) i`.execute(db);
  await sql`insert into plenaries (tenant_id, id, cycle_id, title, starts_at, duration_minutes)
            select 't', 'pl' || k, 'c', 'Plenaria ' || k, now() - k * interval '14 days', 90 from generate_series(1, 4) k`.execute(
    db,
  );
  await sql`insert into attendance (tenant_id, plenary_id, person_id, present, marked_by, via, marked_at)
            select 't', 'pl' || k, 'p' || (i + ${pairs}), (i + k) % 5 <> 0, 'p' || (i + ${pairs}), 'chat', now()
              from generate_series(1, ${pairs}) i, generate_series(1, 4) k`.execute(db);
  await sql`analyze`.execute(db);
}
