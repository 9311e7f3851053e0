import { sql } from 'kysely';
import type { BehindFacts } from '../domain/behind.ts';
import type { Db } from './db.ts';
import { newId } from './ids.ts';

/**
 * What `whoIsBehind` judges, for one cycle: its active pairs with their goals' states, sessions
 * held and latest check-in; goals waiting for a decision; unresolved alerts and restrictions;
 * endorsements asked and not given; mentees without a pair. Five queries, whatever the cycle's size.
 */
export async function behindFacts(db: Db, tenantId: string, cycleId: string): Promise<BehindFacts> {
  const [pairs, waiting, issues, endorsements, unpaired] = await Promise.all([
    sql<{
      pairingId: string;
      mentorId: string;
      menteeId: string;
      menteeTimezone: string;
      planAuthor: 'mentee' | 'mentor';
      goalStates: string[] | null;
      sessionsHeld: number;
      lastCheckinWeek: string | null;
    }>`
      select pr.id as "pairingId", pr.mentor_id as "mentorId", pr.mentee_id as "menteeId",
             m.timezone as "menteeTimezone", pr.plan_author as "planAuthor",
             (select array_agg(g.state) from goals g
               where g.tenant_id = pr.tenant_id and g.pairing_id = pr.id and g.state <> 'withdrawn') as "goalStates",
             (select count(*)::int from sessions s
                join pairings any_p on any_p.tenant_id = s.tenant_id and any_p.id = s.pairing_id
               where s.tenant_id = pr.tenant_id and any_p.cycle_id = pr.cycle_id
                 and any_p.mentee_id = pr.mentee_id and s.state = 'held') as "sessionsHeld",
             (select to_char(max(c.week_start), 'YYYY-MM-DD') from checkins c
               where c.tenant_id = pr.tenant_id and c.pairing_id = pr.id) as "lastCheckinWeek"
        from pairings pr
        join people m on m.tenant_id = pr.tenant_id
             and m.id = case when pr.plan_author = 'mentor' then pr.mentor_id else pr.mentee_id end
       where pr.tenant_id = ${tenantId} and pr.cycle_id = ${cycleId} and pr.active`.execute(db),
    db
      .selectFrom('goals as g')
      .innerJoin('pairings as pr', (j) =>
        j.onRef('pr.tenant_id', '=', 'g.tenant_id').onRef('pr.id', '=', 'g.pairing_id'),
      )
      .select(['g.id as goalId', 'g.pairing_id as pairingId', 'g.title', 'g.submitted_at as submittedAt'])
      .where('g.tenant_id', '=', tenantId)
      .where('g.cycle_id', '=', cycleId)
      .where('g.state', '=', 'submitted')
      .where('pr.active', '=', true)
      .orderBy('g.submitted_at')
      .execute(),
    db
      .selectFrom('progress_updates as u')
      .innerJoin('checkins as c', (j) =>
        j.onRef('c.tenant_id', '=', 'u.tenant_id').onRef('c.id', '=', 'u.checkin_id'),
      )
      .innerJoin('pairings as pr', (j) =>
        j.onRef('pr.tenant_id', '=', 'c.tenant_id').onRef('pr.id', '=', 'c.pairing_id'),
      )
      .select(['u.id', 'c.pairing_id as pairingId', 'u.status', 'u.note'])
      .where('u.tenant_id', '=', tenantId)
      .where('pr.cycle_id', '=', cycleId)
      .where('pr.active', '=', true)
      .where('u.status', 'in', ['alert', 'restriction'])
      .where('u.resolved_at', 'is', null)
      .orderBy('u.created_at')
      .execute(),
    db
      .selectFrom('applications')
      .select([
        'id as applicationId',
        'supervisor_id as supervisorId',
        'person_id as applicantId',
        (eb) => eb.fn.coalesce('supervisor_asked_at', 'created_at').as('askedAt'),
      ])
      .where('tenant_id', '=', tenantId)
      .where('cycle_id', '=', cycleId)
      .where('state', '=', 'submitted')
      .where('endorsement', '=', 'pending')
      .orderBy('created_at')
      .execute(),
    sql<{ personId: string }>`
      select e.person_id as "personId" from enrollments e
       where e.tenant_id = ${tenantId} and e.cycle_id = ${cycleId} and e.role = 'mentee'
         and not exists (select 1 from pairings pr where pr.tenant_id = e.tenant_id and pr.cycle_id = e.cycle_id
                          and pr.mentee_id = e.person_id and pr.active)`.execute(db),
  ]);
  return {
    pairs: pairs.rows.map((p) => ({ ...p, goalStates: p.goalStates ?? [] })),
    waitingGoals: waiting.map((g) => ({ ...g, submittedAt: g.submittedAt ?? new Date(0) })),
    openIssues: issues.map((i) => ({ ...i, status: i.status as 'alert' | 'restriction' })),
    endorsements: endorsements.map((e) => ({ ...e, askedAt: new Date(e.askedAt) })),
    unpairedMentees: unpaired.rows.map((r) => r.personId),
  };
}

/**
 * Reminders an admin asked for: one row per person and what they are reminded of, never a second
 * one within 24 hours (the row already there wins). Returns the recipients queued now.
 */
export async function queueAdminReminders(
  db: Db,
  input: { tenantId: string; subjectId: string; recipientIds: string[]; now: Date },
): Promise<string[]> {
  if (input.recipientIds.length === 0) return [];
  const now = input.now.toISOString();
  const since = new Date(input.now.getTime() - 24 * 3_600_000).toISOString();
  const result = await sql<{ recipient_id: string }>`
    insert into nudges (tenant_id, id, kind, subject_id, slot, recipient_id, due_at, created_at, updated_at)
    select ${input.tenantId}, i, 'admin_reminder', ${input.subjectId}, ${now}, r,
           ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      from unnest(${input.recipientIds}::text[], ${input.recipientIds.map(() => newId())}::text[]) as u(r, i)
     where not exists (select 1 from nudges n where n.tenant_id = ${input.tenantId} and n.kind = 'admin_reminder'
                          and n.subject_id = ${input.subjectId} and n.recipient_id = u.r
                          and n.created_at > ${since}::timestamptz and n.status <> 'cancelled')
    on conflict (tenant_id, kind, subject_id, slot, recipient_id) do nothing
    returning recipient_id`.execute(db);
  return result.rows.map((r) => r.recipient_id);
}

/** How many reminders admins sent for a cycle (their subject starts with the cycle's id). */
export async function adminRemindersSent(db: Db, tenantId: string, cycleId: string): Promise<number> {
  const row = await db
    .selectFrom('nudges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', 'admin_reminder')
    .where('subject_id', 'like', `${cycleId}:%`)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
