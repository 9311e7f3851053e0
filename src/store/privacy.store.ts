import { sql } from 'kysely';
import type { Db, Tx } from './db.ts';

/** Everything stored about one person of one tenant (see services/privacy.service.ts). */
export async function collectPersonData(
  db: Db,
  tenantId: string,
  id: string,
  now: Date,
): Promise<Record<string, unknown>> {
  const inTenant = <T extends { tenant_id: string }>(rows: T[]) =>
    rows.map(({ tenant_id: _tenant, ...row }) => row);
  const pairings = await db
    .selectFrom('pairings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('mentor_id', '=', id), eb('mentee_id', '=', id)]))
    .execute();
  const pairingIds = pairings.map((p) => p.id);
  const goals = await db
    .selectFrom('goals')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('mentee_id', '=', id)
    .execute();
  const goalIds = goals.map((g) => g.id);
  const menteePairings = pairings.filter((p) => p.mentee_id === id).map((p) => p.id);
  const checkins = menteePairings.length
    ? await db
        .selectFrom('checkins')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('pairing_id', 'in', menteePairings)
        .execute()
    : [];
  const checkinIds = checkins.map((c) => c.id);
  const sessions = pairingIds.length
    ? await db
        .selectFrom('sessions')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('pairing_id', 'in', pairingIds)
        .execute()
    : [];
  const sessionIds = sessions.map((s) => s.id);
  const [
    identities,
    enrollments,
    revisions,
    milestones,
    progress,
    history,
    evaluations,
    attendance,
    surveys,
    conversations,
    nudges,
    audit,
  ] = await Promise.all([
    db
      .selectFrom('identities')
      .select(['platform', 'external_id', 'active', 'created_at'])
      .where('tenant_id', '=', tenantId)
      .where('person_id', '=', id)
      .execute(),
    db
      .selectFrom('enrollments')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('person_id', '=', id)
      .execute(),
    goalIds.length
      ? db
          .selectFrom('goal_revisions')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('goal_id', 'in', goalIds)
          .execute()
      : [],
    goalIds.length
      ? db
          .selectFrom('milestones')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('goal_id', 'in', goalIds)
          .execute()
      : [],
    checkinIds.length
      ? db
          .selectFrom('progress_updates')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('checkin_id', 'in', checkinIds)
          .execute()
      : [],
    sessionIds.length
      ? db
          .selectFrom('session_history')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('session_id', 'in', sessionIds)
          .execute()
      : [],
    pairingIds.length
      ? db
          .selectFrom('evaluations')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('pairing_id', 'in', pairingIds)
          .execute()
      : [],
    db
      .selectFrom('attendance')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('person_id', '=', id)
      .execute(),
    db
      .selectFrom('surveys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('person_id', '=', id)
      .execute(),
    db
      .selectFrom('conversations')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('person_id', '=', id)
      .execute(),
    db
      .selectFrom('nudges')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('recipient_id', '=', id)
      .execute(),
    db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('actor_id', '=', id), eb('subject_id', '=', id)]))
      .orderBy('at')
      .execute(),
  ]);
  return {
    exported_at: now.toISOString(),
    person: inTenant(
      await db
        .selectFrom('people')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute(),
    )[0],
    identities,
    enrollments: inTenant(enrollments),
    withdrawals: inTenant(
      await db
        .selectFrom('withdrawals')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('person_id', '=', id)
        .execute(),
    ),
    ai_coach_calls: inTenant(
      await db
        .selectFrom('ai_coach_calls')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('person_id', '=', id)
        .execute(),
    ),
    certificates: inTenant(
      await db
        .selectFrom('certificates')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('person_id', '=', id)
        .execute(),
    ),
    pairings: inTenant(pairings),
    goals: inTenant(goals),
    goal_revisions: inTenant(revisions),
    milestones: inTenant(milestones),
    checkins: inTenant(checkins),
    progress_updates: inTenant(progress),
    sessions: inTenant(sessions),
    session_history: inTenant(history),
    evaluations: inTenant(evaluations),
    plenary_attendance: inTenant(attendance),
    surveys: inTenant(surveys),
    conversations: inTenant(conversations),
    reminders: inTenant(nudges),
    applications: inTenant(
      await db
        .selectFrom('applications')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where((eb) => eb.or([eb('person_id', '=', id), eb('supervisor_id', '=', id)]))
        .execute(),
    ),
    audit: inTenant(audit),
  };
}

/** Anonymises one person inside the caller's transaction (see services/privacy.service.ts). */
export async function anonymisePerson(
  tx: Tx,
  tenantId: string,
  id: string,
  erasedName: string,
  now: Date,
): Promise<{ goals: number; sessions: number }> {
  const pairings = await tx
    .selectFrom('pairings')
    .select(['id', 'mentee_id'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('mentor_id', '=', id), eb('mentee_id', '=', id)]))
    .execute();
  const pairingIds = pairings.map((p) => p.id);
  const menteePairings = pairings.filter((p) => p.mentee_id === id).map((p) => p.id);
  const goalIds = (
    await tx
      .selectFrom('goals')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('mentee_id', '=', id)
      .execute()
  ).map((g) => g.id);
  await tx
    .updateTable('people')
    .set({
      name: erasedName,
      email: null,
      unit: null,
      birth_year: null,
      topics: [],
      tenant_role: null,
      erased_at: now,
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
  await tx.deleteFrom('identities').where('tenant_id', '=', tenantId).where('person_id', '=', id).execute();
  // What a person asked the AI coach names their goals: it goes with them.
  await tx
    .deleteFrom('ai_coach_calls')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', id)
    .execute();
  // A certificate names its holder on a public page: once they are erased, it no longer verifies.
  await tx.deleteFrom('certificates').where('tenant_id', '=', tenantId).where('person_id', '=', id).execute();
  await tx
    .deleteFrom('download_requests')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', id)
    .execute();
  // Files made for them (their invitations, an export) go with them.
  await tx.deleteFrom('kept_files').where('tenant_id', '=', tenantId).where('person_id', '=', id).execute();
  // An application's motivation and topics are the applicant's own words.
  await tx
    .updateTable('applications')
    .set({ motivation: '', topics: [] })
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', id)
    .execute();
  await tx
    .deleteFrom('conversations')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', id)
    .execute();
  await tx
    .deleteFrom('cycle_choices')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', id)
    .execute();
  await tx.deleteFrom('nudges').where('tenant_id', '=', tenantId).where('recipient_id', '=', id).execute();
  // Why they left the cycle may name them or their circumstances: the fact stays, the words go.
  await tx
    .updateTable('withdrawals')
    .set({ reason: '' })
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', id)
    .execute();
  await tx
    .updateTable('audit_log')
    .set({ data: sql`data - 'reason'` })
    .where('tenant_id', '=', tenantId)
    .where('action', '=', 'enrollment.withdraw')
    .where('subject_id', '=', id)
    .execute();
  await tx
    .updateTable('surveys')
    .set({ comment: null, mentor_note: null })
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', id)
    .execute();
  if (goalIds.length) {
    await tx
      .updateTable('goals')
      .set({
        title: erasedName,
        specific: erasedName,
        measurable: erasedName,
        achievable: erasedName,
        relevant: erasedName,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', goalIds)
      .execute();
    await tx
      .updateTable('goal_revisions')
      .set({ fields: sql`'{}'::jsonb`, comment: null })
      .where('tenant_id', '=', tenantId)
      .where('goal_id', 'in', goalIds)
      .execute();
    await tx
      .updateTable('milestones')
      .set({ title: erasedName })
      .where('tenant_id', '=', tenantId)
      .where('goal_id', 'in', goalIds)
      .execute();
    await tx
      .updateTable('progress_updates')
      .set({ note: null, mentor_reply: null })
      .where('tenant_id', '=', tenantId)
      .where('goal_id', 'in', goalIds)
      .execute();
    await tx
      .updateTable('audit_log')
      .set({ data: sql`data - 'title' - 'comment'` })
      .where('tenant_id', '=', tenantId)
      .where('subject_type', '=', 'goal')
      .where('subject_id', 'in', goalIds)
      .execute();
  }
  let sessions = 0;
  if (pairingIds.length) {
    const cleared = await tx
      .updateTable('sessions')
      .set({ place: null, agenda: null, notes: null, agreements: null, reason: null })
      .where('tenant_id', '=', tenantId)
      .where('pairing_id', 'in', pairingIds)
      .executeTakeFirst();
    sessions = Number(cleared.numUpdatedRows);
  }
  if (menteePairings.length) {
    await tx
      .updateTable('evaluations')
      .set({
        strengths: null,
        improvements: null,
        competency_notes: null,
        goals: sql`(select coalesce(jsonb_agg(jsonb_set(g, '{comment}', '""')), '[]'::jsonb) from jsonb_array_elements(goals) g)`,
      })
      .where('tenant_id', '=', tenantId)
      .where('pairing_id', 'in', menteePairings)
      .execute();
  }
  return { goals: goalIds.length, sessions };
}

/**
 * People whose retention has run out on `today`: every cycle they took part in as mentor or
 * mentee (withdrawn included) belongs to a program with a retention setting, and the last of
 * those cycles ended that many months ago or more. Staff (tenant roles, admin or director
 * enrollments) and people already erased are left out. A batch at a time.
 */
export async function retentionDue(
  db: Db | Tx,
  today: string,
  limit = 200,
): Promise<{ tenantId: string; personId: string; months: number }[]> {
  const { rows } = await sql<{ tenant_id: string; person_id: string; months: number }>`
    with part as (
      select tenant_id, person_id, cycle_id from enrollments where role in ('mentor', 'mentee')
      union
      select tenant_id, person_id, cycle_id from withdrawals
    ), kept as (
      select part.tenant_id, part.person_id,
             bool_or(pr.settings->>'retentionMonths' is null) as forever,
             max(c.ends + make_interval(months => (pr.settings->>'retentionMonths')::int)) as until,
             max((pr.settings->>'retentionMonths')::int) as months
      from part
      join cycles c on c.tenant_id = part.tenant_id and c.id = part.cycle_id
      join programs pr on pr.tenant_id = c.tenant_id and pr.id = c.program_id
      group by part.tenant_id, part.person_id
    )
    select k.tenant_id, k.person_id, k.months
    from kept k
    join people p on p.tenant_id = k.tenant_id and p.id = k.person_id
    where not k.forever and k.until <= ${today}::date
      and p.erased_at is null and p.tenant_role is null
      and not exists (
        select 1 from enrollments s
        where s.tenant_id = k.tenant_id and s.person_id = k.person_id and s.role in ('admin', 'director'))
    order by k.tenant_id, k.person_id
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ tenantId: r.tenant_id, personId: r.person_id, months: Number(r.months) }));
}

/** How much is recorded about a person, for their own view of it (`privacidad`). */
export async function personRecordCounts(
  db: Db | Tx,
  tenantId: string,
  personId: string,
): Promise<{ goals: number; sessions: number; checkins: number }> {
  const { rows } = await sql<{ goals: number; sessions: number; checkins: number }>`
    select
      (select count(*)::int from goals g join pairings p on p.tenant_id = g.tenant_id and p.id = g.pairing_id
        where g.tenant_id = ${tenantId}
          and (g.mentee_id = ${personId} or (p.plan_author = 'mentor' and p.mentor_id = ${personId}))) as goals,
      (select count(*)::int from sessions s join pairings p on p.tenant_id = s.tenant_id and p.id = s.pairing_id
        where s.tenant_id = ${tenantId} and (p.mentor_id = ${personId} or p.mentee_id = ${personId})) as sessions,
      (select count(*)::int from checkins c where c.tenant_id = ${tenantId} and c.created_by = ${personId}) as checkins`.execute(
    db,
  );
  const r = rows[0];
  return {
    goals: Number(r?.goals ?? 0),
    sessions: Number(r?.sessions ?? 0),
    checkins: Number(r?.checkins ?? 0),
  };
}
