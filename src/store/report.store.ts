import { sql } from 'kysely';
import type { Db } from './db.ts';

/** The raw figures of one cycle, each from one grouped query (scales with participants, not rows in memory). */
export interface CycleFigures {
  participants: {
    role: string;
    gender: string | null;
    institution: string | null;
    region: string | null;
    n: number;
  }[];
  goalsByState: { state: string; n: number }[];
  approvalHours: number[];
  sessions: { proposed: number; held: number };
  /**
   * Per active pair: sessions it held, and sessions its mentee held in the cycle with any mentor
   * (a mentee whose mentor changed keeps the sessions held with the first one).
   */
  heldPerPair: { pairingId: string; held: number; menteeHeld: number }[];
  /**
   * Check-ins reported, and the pairs with approved goals counted by the day (in the cycle's
   * zone) they ended (null: still on), so that a pair that ended (a mentee withdrawn) is expected
   * to report only until then. Grouped: as many rows as distinct end days, not as pairs.
   */
  checkins: { reported: number; pairsWithApprovedGoals: { endedOn: string | null; n: number }[] };
  /** People withdrawn from the cycle, by role (left out of every other figure about people). */
  withdrawn: { role: string; n: number }[];
  issues: { alert: number; restriction: number };
  outcomes: { outcome: string; n: number }[];
  surveys: { satisfaction: number; recommend: number }[];
  evaluationsDone: string[];
  /** Reverse pairs' work reports by state (`validated` closes a pair's plan), with their pairs. */
  workReports: { pairingId: string; state: string }[];
  plenaries: number;
  attendance: { personId: string; present: number }[];
  /** Every mentor and mentee of the cycle, once per active pair (or once, unpaired). */
  people: { personId: string; role: 'mentor' | 'mentee'; pairingId: string | null }[];
}

export async function cycleFigures(db: Db, tenantId: string, cycleId: string): Promise<CycleFigures> {
  const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows;
  const participants = await q<{
    role: string;
    gender: string | null;
    institution: string | null;
    region: string | null;
    n: number;
  }>(sql`
    select e.role, p.gender, p.institution, p.region, count(*)::int as n
      from enrollments e join people p on p.tenant_id = e.tenant_id and p.id = e.person_id
     where e.tenant_id = ${tenantId} and e.cycle_id = ${cycleId} and e.role in ('mentor', 'mentee')
     group by 1, 2, 3, 4`);
  const goalsByState = await q<{ state: string; n: number }>(sql`
    select state, count(*)::int as n from goals where tenant_id = ${tenantId} and cycle_id = ${cycleId} group by 1`);
  const approvalHours = (
    await q<{ hours: number }>(sql`
      select extract(epoch from (min(r.decided_at) filter (where r.decision = 'approved') - min(r.submitted_at))) / 3600.0 as hours
        from goal_revisions r join goals g on g.tenant_id = r.tenant_id and g.id = r.goal_id
       where g.tenant_id = ${tenantId} and g.cycle_id = ${cycleId}
       group by r.goal_id
      having min(r.decided_at) filter (where r.decision = 'approved') is not null`)
  ).map((r) => Number(r.hours));
  const [sessions] = await q<{ proposed: number; held: number }>(sql`
    select count(*)::int as proposed, count(*) filter (where s.state = 'held')::int as held
      from sessions s join pairings p on p.tenant_id = s.tenant_id and p.id = s.pairing_id
     where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId}`);
  const heldPerPair = await q<{ pairingId: string; held: number; menteeHeld: number }>(sql`
    select p.id as "pairingId",
           count(s.id) filter (where s.state = 'held' and s.pairing_id = p.id)::int as held,
           count(s.id) filter (where s.state = 'held')::int as "menteeHeld"
      from pairings p
      join pairings any_p on any_p.tenant_id = p.tenant_id and any_p.cycle_id = p.cycle_id
           and any_p.mentee_id = p.mentee_id
      left join sessions s on s.tenant_id = any_p.tenant_id and s.pairing_id = any_p.id
     where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId} and p.active
     group by p.id`);
  const [checkins] = await q<{ reported: number }>(sql`
    select count(*)::int as reported from checkins k join pairings p on p.tenant_id = k.tenant_id and p.id = k.pairing_id
     where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId}`);
  const approvedPairs = await q<{ endedOn: string | null; n: number }>(sql`
    select to_char(p.ended_at at time zone c.timezone, 'YYYY-MM-DD') as "endedOn", count(*)::int as n
      from pairings p join cycles c on c.tenant_id = p.tenant_id and c.id = p.cycle_id
     where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId}
       and exists (select 1 from goals g where g.tenant_id = p.tenant_id and g.pairing_id = p.id
                     and g.state in ('approved', 'achieved', 'partly_achieved', 'not_achieved'))
     group by 1`);
  const withdrawn = await q<{ role: string; n: number }>(sql`
    select role, count(distinct person_id)::int as n from withdrawals
     where tenant_id = ${tenantId} and cycle_id = ${cycleId} group by 1`);
  const [issues] = await q<{ alert: number; restriction: number }>(sql`
    select count(*) filter (where u.status = 'alert')::int as alert, count(*) filter (where u.status = 'restriction')::int as restriction
      from progress_updates u join checkins k on k.tenant_id = u.tenant_id and k.id = u.checkin_id
      join pairings p on p.tenant_id = k.tenant_id and p.id = k.pairing_id
     where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId} and u.resolved_at is null and u.status in ('alert', 'restriction')`);
  const outcomes = await q<{ outcome: string; n: number }>(sql`
    select entry->>'outcome' as outcome, count(*)::int as n
      from evaluations ev join pairings p on p.tenant_id = ev.tenant_id and p.id = ev.pairing_id,
           jsonb_array_elements(ev.goals) entry
     where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId} and ev.state in ('submitted', 'released', 'acknowledged')
     group by 1`);
  const surveys = await q<{ satisfaction: number; recommend: number }>(sql`
    select satisfaction, recommend from surveys where tenant_id = ${tenantId} and cycle_id = ${cycleId}`);
  const evaluationsDone = (
    await q<{ pairingId: string }>(sql`
      select ev.pairing_id as "pairingId" from evaluations ev join pairings p on p.tenant_id = ev.tenant_id and p.id = ev.pairing_id
       where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId} and ev.state in ('released', 'acknowledged')`)
  ).map((r) => r.pairingId);
  const workReports = await q<{ pairingId: string; state: string }>(sql`
    select wr.pairing_id as "pairingId", wr.state from work_reports wr
      join pairings p on p.tenant_id = wr.tenant_id and p.id = wr.pairing_id
     where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId} and p.active`);
  const [plenaries] = await q<{ n: number }>(
    sql`select count(*)::int as n from plenaries where tenant_id = ${tenantId} and cycle_id = ${cycleId}`,
  );
  const attendance = await q<{ personId: string; present: number }>(sql`
    select a.person_id as "personId", count(*) filter (where a.present)::int as present
      from attendance a join plenaries pl on pl.tenant_id = a.tenant_id and pl.id = a.plenary_id
     where pl.tenant_id = ${tenantId} and pl.cycle_id = ${cycleId} group by 1`);
  const people = await q<{ personId: string; role: 'mentor' | 'mentee'; pairingId: string | null }>(sql`
    select e.person_id as "personId", e.role, p.id as "pairingId"
      from enrollments e left join pairings p on p.tenant_id = e.tenant_id and p.cycle_id = e.cycle_id and p.active
           and ((e.role = 'mentee' and p.mentee_id = e.person_id) or (e.role = 'mentor' and p.mentor_id = e.person_id))
     where e.tenant_id = ${tenantId} and e.cycle_id = ${cycleId} and e.role in ('mentor', 'mentee')`);
  return {
    participants,
    goalsByState,
    approvalHours,
    sessions: sessions ?? { proposed: 0, held: 0 },
    heldPerPair,
    checkins: {
      reported: checkins?.reported ?? 0,
      pairsWithApprovedGoals: approvedPairs,
    },
    withdrawn,
    issues: issues ?? { alert: 0, restriction: 0 },
    outcomes,
    surveys,
    evaluationsDone,
    workReports,
    plenaries: plenaries?.n ?? 0,
    attendance,
    people,
  };
}
