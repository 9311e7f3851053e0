import { recordAudit } from '../store/audit.store.ts';
import type { Db } from '../store/db.ts';
import { findPersonByEmail } from '../store/person.store.ts';
import type { AdminRun } from './admin.service.ts';

/**
 * Everything Mentoría holds about one person of one tenant, as stored: their profile, chat
 * identities, enrollments and pairings, the goals they wrote (with every revision and
 * milestone), their check-ins and progress, the sessions and evaluations of their pairings,
 * plenary attendance, survey answers, open conversations, reminders addressed to them and the
 * audit entries they made or that concern them. The export itself is audited.
 */
export async function exportPerson(
  deps: { db: Db; clock: { now(): Date } },
  run: AdminRun,
  email: string,
): Promise<Record<string, unknown>> {
  const { db } = deps;
  const tenantId = run.tenantId;
  const person = await findPersonByEmail(db, tenantId, email);
  if (!person) throw new Error(`nobody with the email ${email} in this tenant`);
  const id = person.id;
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
  await recordAudit(db, {
    tenantId,
    at: deps.clock.now(),
    actorId: run.actorId,
    via: run.via,
    action: 'person.export',
    subjectType: 'person',
    subjectId: id,
    data: {},
  });
  return {
    exported_at: deps.clock.now().toISOString(),
    person,
    identities,
    enrollments: inTenant(enrollments),
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
    audit: inTenant(audit),
  };
}
