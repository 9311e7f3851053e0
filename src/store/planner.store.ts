import { type RawBuilder, sql } from 'kysely';
import type { Db } from './db.ts';

/** What the planner needs about a person who may be nudged. */
export interface NudgePerson {
  id: string;
  timezone: string;
  snoozedUntil: Date | null;
}

export interface SessionCandidate {
  tenantId: string;
  sessionId: string;
  startsAt: Date;
  durationMinutes: number;
  mentor: NudgePerson;
  mentee: NudgePerson;
  settings: unknown;
  kind: string;
}

export interface SubmittedGoalCandidate {
  tenantId: string;
  goalId: string;
  revision: number;
  submittedAt: Date;
  /** Who decides: the pair's mentor, or a reverse pair's cycle admins. */
  reviewers: NudgePerson[];
  settings: unknown;
  kind: string;
}

export interface EndorsementCandidate {
  tenantId: string;
  applicationId: string;
  askedAt: Date;
  supervisor: NudgePerson;
  settings: unknown;
  kind: string;
}

export interface PairingCandidate {
  tenantId: string;
  pairingId: string;
  cycleId: string;
  cycleZone: string;
  enrollmentStarts: string;
  goalSettingStarts: string;
  executionStarts: string;
  closingStarts: string;
  ends: string;
  settings: unknown;
  kind: string;
  mentor: NudgePerson;
  mentee: NudgePerson;
  /** Who writes the plan and reports its progress: the mentee, or a reverse pair's mentor. */
  planAuthor: 'mentee' | 'mentor';
  submittedGoals: number;
  approvedGoals: number;
  lastCheckinWeek: string | null;
  evaluationState: string | null;
  acknowledgedAt: Date | null;
  menteeSurveyed: boolean;
  /** A reverse pair's work report: its state and when it was validated. */
  workReportState: string | null;
  workReportValidatedAt: Date | null;
  mentorSurveyed: boolean;
}

export interface DigestCandidate {
  tenantId: string;
  cycleId: string;
  settings: unknown;
  kind: string;
  cycleZone: string;
  openRestrictions: number;
  /** The day goal setting starts (`YYYY-MM-DD`, in the cycle's zone). */
  goalSettingStarts?: string;
  /** Mentees without a pair (they make the digest go out the day goal setting starts). */
  unpaired?: number;
  /** Reminders that failed for good in the last day (said that day, not on the weekly digest's). */
  failedToday?: number;
  /** The tenant's people's chat requests waiting for an answer for more than five minutes. */
  waiting?: number;
  admins: NudgePerson[];
}

function person(id: string, timezone: string, snoozedUntil: Date | null): NudgePerson {
  return { id, timezone, snoozedUntil };
}

/** Confirmed sessions that start soon or ended recently (reminders and "did it happen?"). */
export async function sessionCandidates(db: Db, from: Date, to: Date): Promise<SessionCandidate[]> {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('pairings as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.pairing_id'),
    )
    .innerJoin('cycles as c', (j) =>
      j.onRef('c.tenant_id', '=', 'p.tenant_id').onRef('c.id', '=', 'p.cycle_id'),
    )
    .innerJoin('programs as pr', (j) =>
      j.onRef('pr.tenant_id', '=', 'c.tenant_id').onRef('pr.id', '=', 'c.program_id'),
    )
    .innerJoin('people as m', (j) =>
      j.onRef('m.tenant_id', '=', 'p.tenant_id').onRef('m.id', '=', 'p.mentor_id'),
    )
    .innerJoin('people as e', (j) =>
      j.onRef('e.tenant_id', '=', 'p.tenant_id').onRef('e.id', '=', 'p.mentee_id'),
    )
    .select([
      's.tenant_id',
      's.id',
      's.starts_at',
      's.duration_minutes',
      'pr.settings',
      'pr.kind',
      'm.id as m_id',
      'm.timezone as m_tz',
      'm.snoozed_until as m_snooze',
      'e.id as e_id',
      'e.timezone as e_tz',
      'e.snoozed_until as e_snooze',
    ])
    .where('s.state', '=', 'confirmed')
    .where('s.starts_at', '>=', from)
    .where('s.starts_at', '<=', to)
    .execute();
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    sessionId: r.id,
    startsAt: r.starts_at,
    durationMinutes: r.duration_minutes,
    mentor: person(r.m_id, r.m_tz, r.m_snooze),
    mentee: person(r.e_id, r.e_tz, r.e_snooze),
    settings: r.settings,
    kind: r.kind,
  }));
}

/** Goals waiting for the mentor since before `submittedBefore`. */
export async function submittedGoalCandidates(
  db: Db,
  submittedBefore: Date,
): Promise<SubmittedGoalCandidate[]> {
  const rows = await db
    .selectFrom('goals as g')
    .innerJoin('pairings as p', (j) =>
      j.onRef('p.tenant_id', '=', 'g.tenant_id').onRef('p.id', '=', 'g.pairing_id'),
    )
    .innerJoin('cycles as c', (j) =>
      j.onRef('c.tenant_id', '=', 'p.tenant_id').onRef('c.id', '=', 'p.cycle_id'),
    )
    .innerJoin('programs as pr', (j) =>
      j.onRef('pr.tenant_id', '=', 'c.tenant_id').onRef('pr.id', '=', 'c.program_id'),
    )
    .innerJoin('people as m', (j) =>
      j.onRef('m.tenant_id', '=', 'p.tenant_id').onRef('m.id', '=', 'p.mentor_id'),
    )
    .select([
      'g.tenant_id',
      'g.id',
      'g.revision',
      'g.submitted_at',
      'p.cycle_id',
      'p.plan_author',
      'pr.settings',
      'pr.kind',
      'm.id as m_id',
      'm.timezone as m_tz',
      'm.snoozed_until as m_snooze',
    ])
    .where('g.state', '=', 'submitted')
    .where('g.submitted_at', '<=', submittedBefore)
    .where('p.active', '=', true)
    .execute();
  // A reverse pair's plan waits for the program: its cycle's admins are reminded.
  const reverse = rows.filter((r) => r.plan_author === 'mentor');
  const admins = reverse.length
    ? await cycleAdminsOf(
        db,
        reverse.map((r) => ({ tenantId: r.tenant_id, cycleId: r.cycle_id })),
      )
    : new Map<string, NudgePerson[]>();
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    goalId: r.id,
    revision: r.revision,
    submittedAt: r.submitted_at as Date,
    reviewers:
      r.plan_author === 'mentor'
        ? (admins.get(`${r.tenant_id}:${r.cycle_id}`) ?? [])
        : [person(r.m_id, r.m_tz, r.m_snooze)],
    settings: r.settings,
    kind: r.kind,
  }));
}

/** The admins of each cycle (the tenant's and those enrolled as admins in it), by `tenant:cycle`. */
async function cycleAdminsOf(
  db: Db,
  cycles: { tenantId: string; cycleId: string }[],
): Promise<Map<string, NudgePerson[]>> {
  const tenants = [...new Set(cycles.map((c) => c.tenantId))];
  const rows = await db
    .selectFrom('people as a')
    .leftJoin('enrollments as e', (j) =>
      j.onRef('e.tenant_id', '=', 'a.tenant_id').onRef('e.person_id', '=', 'a.id').on('e.role', '=', 'admin'),
    )
    .select(['a.tenant_id', 'a.id', 'a.timezone', 'a.snoozed_until', 'a.tenant_role', 'e.cycle_id'])
    .where('a.tenant_id', 'in', tenants)
    .where('a.erased_at', 'is', null)
    .where((eb) => eb.or([eb('a.tenant_role', '=', 'admin'), eb('e.cycle_id', 'is not', null)]))
    .execute();
  const out = new Map<string, NudgePerson[]>();
  for (const { tenantId, cycleId } of cycles) {
    const key = `${tenantId}:${cycleId}`;
    if (out.has(key)) continue;
    const seen = new Set<string>();
    out.set(
      key,
      rows
        .filter((r) => r.tenant_id === tenantId && (r.tenant_role === 'admin' || r.cycle_id === cycleId))
        .filter((r) => !seen.has(r.id) && seen.add(r.id))
        .map((r) => person(r.id, r.timezone, r.snoozed_until)),
    );
  }
  return out;
}

/** Applications whose supervisor has not answered since before `askedBefore`, while the call is open. */
export async function endorsementCandidates(
  db: Db,
  askedBefore: Date,
  now: Date,
): Promise<EndorsementCandidate[]> {
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('cycles as c', (j) =>
      j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.cycle_id'),
    )
    .innerJoin('programs as pr', (j) =>
      j.onRef('pr.tenant_id', '=', 'c.tenant_id').onRef('pr.id', '=', 'c.program_id'),
    )
    .innerJoin('people as s', (j) =>
      j.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.id', '=', 'a.supervisor_id'),
    )
    .select([
      'a.tenant_id',
      'a.id',
      sql<Date>`coalesce(a.supervisor_asked_at, a.created_at)`.as('asked_at'),
      'pr.settings',
      'pr.kind',
      's.id as s_id',
      's.timezone as s_tz',
      's.snoozed_until as s_snooze',
    ])
    .where('a.endorsement', '=', 'pending')
    .where('a.state', '=', 'submitted')
    .where(sql<Date>`coalesce(a.supervisor_asked_at, a.created_at)`, '<=', askedBefore)
    .where('c.applications_until', '>', now)
    .execute();
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    applicationId: r.id,
    askedAt: r.asked_at,
    supervisor: person(r.s_id, r.s_tz, r.s_snooze),
    settings: r.settings,
    kind: r.kind,
  }));
}

/**
 * Active pairings of cycles that have not ended long ago, with what the nudges depend on.
 * Goal counts and check-in weeks come from grouped joins (one pass each), not per-row subqueries.
 */
export async function pairingCandidates(db: Db, today: string): Promise<PairingCandidate[]> {
  const result = await sql<{
    tenant_id: string;
    id: string;
    cycle_id: string;
    timezone: string;
    enrollment_starts: string;
    goal_setting_starts: string;
    execution_starts: string;
    closing_starts: string;
    ends: string;
    settings: unknown;
    kind: string;
    m_id: string;
    m_tz: string;
    m_snooze: Date | null;
    e_id: string;
    e_tz: string;
    e_snooze: Date | null;
    ev_state: string | null;
    acknowledged_at: Date | null;
    submitted_goals: number | null;
    approved_goals: number | null;
    last_week: string | null;
    surveyed: boolean;
    plan_author: string;
    wr_state: string | null;
    wr_decided_at: Date | null;
    mentor_surveyed: boolean;
  }>`
    with live as (
      select c.tenant_id, c.id, c.timezone, c.enrollment_starts, c.goal_setting_starts, c.execution_starts, c.closing_starts,
             c.ends, pr.settings, pr.kind
        from cycles c join programs pr on pr.tenant_id = c.tenant_id and pr.id = c.program_id
       where c.goal_setting_starts <= ${today}::date + 14 and c.ends >= ${today}::date - 30
    ), g as (
      select g.tenant_id, g.pairing_id,
             count(*) filter (where g.state in ('submitted','approved','achieved','partly_achieved','not_achieved'))::int as submitted,
             count(*) filter (where g.state = 'approved')::int as approved
        from goals g join live on live.tenant_id = g.tenant_id and live.id = g.cycle_id
       group by g.tenant_id, g.pairing_id
    ), k as (
      select k.tenant_id, k.pairing_id, max(k.week_start)::text as last_week
        from checkins k group by k.tenant_id, k.pairing_id
    )
    select p.tenant_id, p.id, p.cycle_id, live.timezone, live.enrollment_starts::text, live.goal_setting_starts::text,
           live.execution_starts::text, live.closing_starts::text, live.ends::text, live.settings, live.kind,
           m.id as m_id, m.timezone as m_tz, m.snoozed_until as m_snooze,
           e.id as e_id, e.timezone as e_tz, e.snoozed_until as e_snooze,
           ev.state as ev_state, ev.acknowledged_at, g.submitted as submitted_goals, g.approved as approved_goals,
           k.last_week, (s.id is not null) as surveyed, p.plan_author,
           wr.state as wr_state, wr.decided_at as wr_decided_at, (ms.id is not null) as mentor_surveyed
      from pairings p
      join live on live.tenant_id = p.tenant_id and live.id = p.cycle_id
      join people m on m.tenant_id = p.tenant_id and m.id = p.mentor_id
      join people e on e.tenant_id = p.tenant_id and e.id = p.mentee_id
      left join evaluations ev on ev.tenant_id = p.tenant_id and ev.pairing_id = p.id
      left join g on g.tenant_id = p.tenant_id and g.pairing_id = p.id
      left join k on k.tenant_id = p.tenant_id and k.pairing_id = p.id
      left join surveys s on s.tenant_id = p.tenant_id and s.cycle_id = p.cycle_id and s.person_id = p.mentee_id
      left join surveys ms on ms.tenant_id = p.tenant_id and ms.cycle_id = p.cycle_id and ms.person_id = p.mentor_id
      left join work_reports wr on wr.tenant_id = p.tenant_id and wr.pairing_id = p.id
     where p.active`.execute(db);
  return result.rows.map((r) => ({
    tenantId: r.tenant_id,
    pairingId: r.id,
    cycleId: r.cycle_id,
    cycleZone: r.timezone,
    enrollmentStarts: r.enrollment_starts,
    goalSettingStarts: r.goal_setting_starts,
    executionStarts: r.execution_starts,
    closingStarts: r.closing_starts,
    ends: r.ends,
    settings: r.settings,
    kind: r.kind,
    mentor: person(r.m_id, r.m_tz, r.m_snooze),
    mentee: person(r.e_id, r.e_tz, r.e_snooze),
    submittedGoals: Number(r.submitted_goals ?? 0),
    approvedGoals: Number(r.approved_goals ?? 0),
    lastCheckinWeek: r.last_week,
    evaluationState: r.ev_state,
    acknowledgedAt: r.acknowledged_at,
    menteeSurveyed: Boolean(r.surveyed),
    planAuthor: r.plan_author === 'mentor' ? 'mentor' : 'mentee',
    workReportState: r.wr_state,
    workReportValidatedAt: r.wr_state === 'validated' ? r.wr_decided_at : null,
    mentorSurveyed: Boolean(r.mentor_surveyed),
  }));
}

/**
 * Running cycles (goal setting to closing) with something for a person to act on — unresolved
 * restrictions, reminders that failed for good, people the bot cannot reach, mentees without a
 * pair — and the tenant's admins to tell.
 */
export async function digestCandidates(db: Db, today: string, now: Date): Promise<DigestCandidate[]> {
  const cycles = await db
    .selectFrom('cycles as c')
    .innerJoin('programs as pr', (j) =>
      j.onRef('pr.tenant_id', '=', 'c.tenant_id').onRef('pr.id', '=', 'c.program_id'),
    )
    .select(['c.tenant_id', 'c.id', 'c.timezone', 'c.goal_setting_starts', 'pr.settings', 'pr.kind'])
    .where('c.goal_setting_starts', '<=', today)
    .where('c.closing_starts', '>', today)
    .execute();
  const attention = await Promise.all(cycles.map((c) => cycleAttention(db, c.tenant_id, c.id, now)));
  const withIssues = cycles
    .map((c, i) => ({ ...c, attention: attention[i] as CycleAttention }))
    .filter((c) => needsAttention(c.attention));
  if (withIssues.length === 0) return [];
  const tenants = [...new Set(withIssues.map((c) => c.tenant_id))];
  const admins = await db
    .selectFrom('people')
    .select(['tenant_id', 'id', 'timezone', 'snoozed_until'])
    .where('tenant_id', 'in', tenants)
    .where('tenant_role', '=', 'admin')
    .where('erased_at', 'is', null)
    .execute();
  return withIssues.map((c) => ({
    tenantId: c.tenant_id,
    cycleId: c.id,
    settings: c.settings,
    kind: c.kind,
    cycleZone: c.timezone,
    openRestrictions: c.attention.restrictions,
    goalSettingStarts: c.goal_setting_starts,
    unpaired: c.attention.unpaired,
    failedToday: c.attention.failedToday,
    waiting: c.attention.waiting,
    admins: admins
      .filter((a) => a.tenant_id === c.tenant_id)
      .map((a) => person(a.id, a.timezone, a.snoozed_until)),
  }));
}

/** What in a cycle needs a person this week: the admin digest's items, each with its action. */
export interface CycleAttention {
  /** Restrictions and alerts on milestones, unresolved. */
  restrictions: number;
  alerts: number;
  /** Reminders to the cycle's people that failed for good in the last seven days, and in the last day. */
  failed: number;
  failedToday: number;
  /** The tenant's chat requests (its people's) that have waited more than five minutes for an answer. */
  waiting: number;
  /** The cycle's people the bot cannot reach yet: no account it can write to, and messages waiting for them. */
  unreachable: number;
  /** Mentees without a pair once goal setting has started. */
  unpaired: number;
}

/** The attention items of a cycle at `now` (its goal-setting start decides whether unpaired mentees count). */
export async function cycleAttention(
  db: Db,
  tenantId: string,
  cycleId: string,
  now: Date,
): Promise<CycleAttention> {
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3_600_000);
  const dayAgo = new Date(now.getTime() - 24 * 3_600_000);
  const today = now.toISOString().slice(0, 10);
  const fiveMinutesAgo = new Date(now.getTime() - 5 * 60_000);
  const result = await sql<CycleAttention>`
    select
      (select count(*)::int from inbox i where i.tenant_id = c.tenant_id and i.received_at < ${fiveMinutesAgo}) as waiting,
      (select count(*)::int from progress_updates u
         join checkins k on k.tenant_id = u.tenant_id and k.id = u.checkin_id
         join pairings p on p.tenant_id = k.tenant_id and p.id = k.pairing_id
        where u.tenant_id = c.tenant_id and p.cycle_id = c.id and u.status = 'restriction' and u.resolved_at is null) as restrictions,
      (select count(*)::int from progress_updates u
         join checkins k on k.tenant_id = u.tenant_id and k.id = u.checkin_id
         join pairings p on p.tenant_id = k.tenant_id and p.id = k.pairing_id
        where u.tenant_id = c.tenant_id and p.cycle_id = c.id and u.status = 'alert' and u.resolved_at is null) as alerts,
      (select count(*)::int from nudges n
        where n.tenant_id = c.tenant_id and n.status = 'failed' and n.updated_at > ${weekAgo}
          and exists (select 1 from enrollments e where e.tenant_id = n.tenant_id and e.cycle_id = c.id and e.person_id = n.recipient_id)) as failed,
      (select count(*)::int from nudges n
        where n.tenant_id = c.tenant_id and n.status = 'failed' and n.updated_at > ${dayAgo}
          and exists (select 1 from enrollments e where e.tenant_id = n.tenant_id and e.cycle_id = c.id and e.person_id = n.recipient_id)) as "failedToday",
      (select count(distinct n.recipient_id)::int ${unreachableRows(sql.ref('c.tenant_id'), sql.ref('c.id'), now)}) as unreachable,
      (case when c.goal_setting_starts <= ${today} then
        (select count(*)::int from enrollments e
          where e.tenant_id = c.tenant_id and e.cycle_id = c.id and e.role = 'mentee'
            and not exists (select 1 from pairings pr where pr.tenant_id = e.tenant_id and pr.cycle_id = e.cycle_id
                             and pr.mentee_id = e.person_id and pr.active))
       else 0 end) as unpaired
    from cycles c where c.tenant_id = ${tenantId} and c.id = ${cycleId}`.execute(db);
  const row = result.rows[0];
  return {
    restrictions: Number(row?.restrictions ?? 0),
    alerts: Number(row?.alerts ?? 0),
    failed: Number(row?.failed ?? 0),
    failedToday: Number(row?.failedToday ?? 0),
    waiting: Number(row?.waiting ?? 0),
    unreachable: Number(row?.unreachable ?? 0),
    unpaired: Number(row?.unpaired ?? 0),
  };
}

/**
 * The rows of messages waiting for a cycle's people the bot cannot reach yet: waiting, or due,
 * for someone with no account it can write to.
 */
function unreachableRows(tenantId: RawBuilder<unknown>, cycleId: RawBuilder<unknown>, now: Date) {
  return sql`from nudges n
    where n.tenant_id = ${tenantId}
      and (n.status = 'waiting' or (n.status in ('pending', 'claimed') and n.due_at <= ${now}))
      and not exists (select 1 from identities i where i.tenant_id = n.tenant_id and i.person_id = n.recipient_id and i.active)
      and exists (select 1 from enrollments e where e.tenant_id = n.tenant_id and e.cycle_id = ${cycleId} and e.person_id = n.recipient_id)`;
}

/** Who the bot cannot reach yet in a cycle (as `cycleAttention` counts them), the first `limit` by name. */
export async function unreachableIn(
  db: Db,
  tenantId: string,
  cycleId: string,
  now: Date,
  limit: number,
): Promise<string[]> {
  const result = await sql<{ id: string }>`
    select p.id from people p
     where p.tenant_id = ${tenantId}
       and p.id in (select n.recipient_id ${unreachableRows(sql`${tenantId}`, sql`${cycleId}`, now)})
     order by p.name, p.id limit ${limit}`.execute(db);
  return result.rows.map((r) => r.id);
}

/** Whether a cycle's admins have something to act on this week (the digest is sent only then). */
export function needsAttention(a: CycleAttention): boolean {
  return a.restrictions + a.failed + a.unreachable + a.unpaired + a.waiting > 0;
}
