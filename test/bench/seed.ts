import { sql } from 'kysely';
import type { Db } from '../../src/store/db.ts';

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
