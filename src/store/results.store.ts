import { sql } from 'kysely';
import type { Db } from './db.ts';

/** One participant's results in one pair of a cycle (a mentor with two mentees has two rows). */
export interface ParticipantRow {
  personId: string;
  name: string;
  email: string | null;
  locale: string;
  role: 'mentor' | 'mentee';
  gender: string | null;
  institution: string | null;
  region: string | null;
  partner: string | null;
  goals: number;
  approved: number;
  achieved: number;
  partlyAchieved: number;
  notAchieved: number;
  sessionsHeld: number;
  plenariesAttended: number;
  evaluation: string | null;
  /** A reverse pair's work report state. */
  workReport: string | null;
  /** The person's answers to the program survey: satisfaction 1–5, recommendation 0–10. */
  satisfaction: number | null;
  recommend: number | null;
}

/** One goal of a pair of the cycle, with the mentor's final assessment of it when delivered. */
export interface GoalResultRow {
  mentee: string;
  menteeEmail: string | null;
  mentor: string;
  title: string;
  state: string;
  dueDate: string;
  milestones: number;
  milestonesDone: number;
  outcome: string | null;
  rating: number | null;
}

/** Every goal of the cycle's current pairs (withdrawn goals left out), by mentee and due date. */
export async function goalResultRows(db: Db, tenantId: string, cycleId: string): Promise<GoalResultRow[]> {
  const result = await sql<GoalResultRow>`
    select me.name as mentee, me.email as "menteeEmail", mr.name as mentor, g.title, g.state,
           g.due_date::text as "dueDate",
           (select count(*)::int from milestones m where m.tenant_id = g.tenant_id and m.goal_id = g.id) as milestones,
           (select count(*)::int from milestones m where m.tenant_id = g.tenant_id and m.goal_id = g.id
               and m.status = 'done') as "milestonesDone",
           assessed.outcome, assessed.rating
      from goals g
      join pairings pr on pr.tenant_id = g.tenant_id and pr.id = g.pairing_id and pr.active
      join people me on me.tenant_id = g.tenant_id and me.id = pr.mentee_id
      join people mr on mr.tenant_id = g.tenant_id and mr.id = pr.mentor_id
      left join lateral (
        select e->>'outcome' as outcome, (e->>'rating')::int as rating
          from evaluations ev, jsonb_array_elements(ev.goals) e
         where ev.tenant_id = g.tenant_id and ev.pairing_id = g.pairing_id
           and ev.state in ('submitted', 'released', 'acknowledged') and e->>'goalId' = g.id
         limit 1
      ) assessed on true
     where g.tenant_id = ${tenantId} and g.cycle_id = ${cycleId} and g.state <> 'withdrawn'
     order by me.name, me.id, g.due_date, g.created_at`.execute(db);
  return result.rows;
}

/** Every mentor and mentee of the cycle (erased people included, under their erased name). */
export async function participantRows(db: Db, tenantId: string, cycleId: string): Promise<ParticipantRow[]> {
  const result = await sql<ParticipantRow>`
    with pr as (
      select id, mentor_id, mentee_id from pairings where tenant_id = ${tenantId} and cycle_id = ${cycleId} and active
    ), pp as (
      -- Each pair seen from each side: joined on equality (an OR of the two sides would compare
      -- every participant with every pair).
      select id as pairing_id, mentee_id as person_id, 'mentee' as role, mentor_id as partner_id from pr
      union all
      select id, mentor_id, 'mentor', mentee_id from pr
    ), g as (
      select pairing_id,
             count(*)::int as goals,
             count(*) filter (where state in ('approved','achieved','partly_achieved','not_achieved'))::int as approved,
             count(*) filter (where state = 'achieved')::int as achieved,
             count(*) filter (where state = 'partly_achieved')::int as partly,
             count(*) filter (where state = 'not_achieved')::int as not_achieved
        from goals where tenant_id = ${tenantId} and cycle_id = ${cycleId} and state <> 'withdrawn' group by 1
    ), s as (
      -- A mentor counts the sessions of their pair; a mentee, every session held in the cycle,
      -- with any mentor (their mentor may have changed).
      select pr.id as pairing_id,
             count(*) filter (where s.state = 'held' and s.pairing_id = pr.id)::int as held,
             count(*) filter (where s.state = 'held')::int as mentee_held
        from pr
        join pairings any_p on any_p.tenant_id = ${tenantId} and any_p.cycle_id = ${cycleId}
             and any_p.mentee_id = pr.mentee_id
        join sessions s on s.tenant_id = any_p.tenant_id and s.pairing_id = any_p.id
       group by 1
    ), a as (
      select a.person_id, count(*) filter (where a.present)::int as present
        from attendance a join plenaries pl on pl.tenant_id = a.tenant_id and pl.id = a.plenary_id
       where pl.tenant_id = ${tenantId} and pl.cycle_id = ${cycleId} group by 1
    ), ev as (
      select ev.pairing_id, ev.state from evaluations ev join pr on pr.id = ev.pairing_id where ev.tenant_id = ${tenantId}
    ), wr as (
      select wr.pairing_id, wr.state from work_reports wr join pr on pr.id = wr.pairing_id where wr.tenant_id = ${tenantId}
    ), sv as (
      select person_id, satisfaction, recommend from surveys where tenant_id = ${tenantId} and cycle_id = ${cycleId}
    )
    select p.id as "personId", p.name, p.email, p.locale, e.role, p.gender, p.institution, p.region,
           partner.name as partner,
           coalesce(g.goals, 0) as goals, coalesce(g.approved, 0) as approved, coalesce(g.achieved, 0) as achieved,
           coalesce(g.partly, 0) as "partlyAchieved", coalesce(g.not_achieved, 0) as "notAchieved",
           coalesce(case when e.role = 'mentee' then s.mentee_held else s.held end, 0) as "sessionsHeld", coalesce(a.present, 0) as "plenariesAttended",
           ev.state as evaluation, wr.state as "workReport", sv.satisfaction, sv.recommend
      from enrollments e
      join people p on p.tenant_id = e.tenant_id and p.id = e.person_id
      left join pp on pp.person_id = p.id and pp.role = e.role
      left join people partner on partner.tenant_id = e.tenant_id and partner.id = pp.partner_id
      left join g on g.pairing_id = pp.pairing_id
      left join s on s.pairing_id = pp.pairing_id
      left join a on a.person_id = p.id
      left join ev on ev.pairing_id = pp.pairing_id
      left join wr on wr.pairing_id = pp.pairing_id
      left join sv on sv.person_id = p.id
     where e.tenant_id = ${tenantId} and e.cycle_id = ${cycleId} and e.role in ('mentor', 'mentee')
     order by p.name, p.id, partner.name`.execute(db);
  return result.rows;
}

export async function plenaryCount(db: Db, tenantId: string, cycleId: string): Promise<number> {
  const row = await db
    .selectFrom('plenaries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
