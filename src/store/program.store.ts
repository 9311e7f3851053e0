import { type Selectable, sql } from 'kysely';
import type {
  Cycle,
  Enrollment,
  EnrollmentRole,
  Pairing,
  Program,
  ProgramKind,
  ProgramSettings,
} from '../domain/model.ts';
import { parseSettings } from '../domain/program.ts';
import type { Db, Tx } from './db.ts';
import { newId } from './ids.ts';
import type { CyclesTable, PairingsTable, ProgramsTable } from './schema.ts';

function toProgram(row: Selectable<ProgramsTable>): Program {
  const kind = row.kind as ProgramKind;
  return {
    tenantId: row.tenant_id,
    id: row.id,
    name: row.name,
    kind,
    settings: parseSettings(kind, row.settings),
  };
}

function toCycle(row: Selectable<CyclesTable>): Cycle {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    programId: row.program_id,
    name: row.name,
    timezone: row.timezone,
    enrollmentStarts: row.enrollment_starts,
    goalSettingStarts: row.goal_setting_starts,
    executionStarts: row.execution_starts,
    closingStarts: row.closing_starts,
    ends: row.ends,
    applicationsUntil: row.applications_until,
  };
}

export function toPairing(row: Selectable<PairingsTable>): Pairing {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    cycleId: row.cycle_id,
    mentorId: row.mentor_id,
    menteeId: row.mentee_id,
    active: row.active,
    planAuthor: row.plan_author === 'mentor' ? 'mentor' : 'mentee',
  };
}

export async function createProgram(
  db: Db | Tx,
  tenantId: string,
  input: { name: string; kind: ProgramKind; settings?: Partial<ProgramSettings> },
): Promise<Program> {
  const row = await db
    .insertInto('programs')
    .values({
      tenant_id: tenantId,
      id: newId(),
      name: input.name,
      kind: input.kind,
      settings: JSON.stringify(input.settings ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toProgram(row);
}

/** Replaces a program's stored settings (only what differs from its kind's defaults need be there). */
export async function setProgramSettings(
  db: Db | Tx,
  tenantId: string,
  programId: string,
  settings: ProgramSettings,
): Promise<void> {
  await db
    .updateTable('programs')
    .set({ settings: JSON.stringify(settings) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', programId)
    .execute();
}

export async function getProgram(
  db: Db | Tx,
  tenantId: string,
  programId: string,
): Promise<Program | undefined> {
  const row = await db
    .selectFrom('programs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', programId)
    .executeTakeFirst();
  return row ? toProgram(row) : undefined;
}

export async function listPrograms(db: Db, tenantId: string): Promise<Program[]> {
  const rows = await db
    .selectFrom('programs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .execute();
  return rows.map(toProgram);
}

export async function createCycle(
  db: Db | Tx,
  tenantId: string,
  input: Omit<Cycle, 'tenantId' | 'id'>,
): Promise<Cycle> {
  const row = await db
    .insertInto('cycles')
    .values({
      tenant_id: tenantId,
      id: newId(),
      program_id: input.programId,
      name: input.name,
      timezone: input.timezone,
      enrollment_starts: input.enrollmentStarts,
      goal_setting_starts: input.goalSettingStarts,
      execution_starts: input.executionStarts,
      closing_starts: input.closingStarts,
      ends: input.ends,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCycle(row);
}

export async function getCycle(db: Db | Tx, tenantId: string, cycleId: string): Promise<Cycle | undefined> {
  const row = await db
    .selectFrom('cycles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', cycleId)
    .executeTakeFirst();
  return row ? toCycle(row) : undefined;
}

export async function listCycles(db: Db, tenantId: string): Promise<Cycle[]> {
  const rows = await db
    .selectFrom('cycles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('enrollment_starts', 'desc')
    .execute();
  return rows.map(toCycle);
}

export async function enroll(db: Db | Tx, e: Enrollment): Promise<void> {
  await db
    .insertInto('enrollments')
    .values({ tenant_id: e.tenantId, cycle_id: e.cycleId, person_id: e.personId, role: e.role })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function enrollmentsOf(db: Db | Tx, tenantId: string, personId: string): Promise<Enrollment[]> {
  const rows = await db
    .selectFrom('enrollments')
    .select(['tenant_id', 'cycle_id', 'person_id', 'role'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    cycleId: r.cycle_id,
    personId: r.person_id,
    role: r.role as EnrollmentRole,
  }));
}

export async function createPairing(
  db: Db | Tx,
  tenantId: string,
  /** `createdAt`: the core's clock (the console's and the tests' may differ from the database's). */
  input: { cycleId: string; mentorId: string; menteeId: string; createdAt?: Date },
): Promise<Pairing> {
  const row = await db
    .insertInto('pairings')
    .values({
      tenant_id: tenantId,
      id: newId(),
      cycle_id: input.cycleId,
      mentor_id: input.mentorId,
      mentee_id: input.menteeId,
      created_at: input.createdAt,
      ended_at: null,
      // The plan is the mentor's in a reverse program (fixed with the pair, like its program's kind).
      plan_author: (eb) =>
        eb
          .selectFrom('cycles as c')
          .innerJoin('programs as p', (j) =>
            j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.program_id'),
          )
          .select(sql<string>`case when p.kind = 'reverse' then 'mentor' else 'mentee' end`.as('author'))
          .where('c.tenant_id', '=', tenantId)
          .where('c.id', '=', input.cycleId),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPairing(row);
}

export async function getPairing(
  db: Db | Tx,
  tenantId: string,
  pairingId: string,
): Promise<Pairing | undefined> {
  const row = await db
    .selectFrom('pairings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', pairingId)
    .executeTakeFirst();
  return row ? toPairing(row) : undefined;
}

/** Active pairings a person belongs to, as mentor or mentee. */
export async function pairingsOf(db: Db | Tx, tenantId: string, personId: string): Promise<Pairing[]> {
  const rows = await db
    .selectFrom('pairings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('active', '=', true)
    .where((eb) => eb.or([eb('mentor_id', '=', personId), eb('mentee_id', '=', personId)]))
    .orderBy('created_at')
    .execute();
  return rows.map(toPairing);
}

export async function pairingLoad(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
  mentorId: string,
  menteeId: string,
): Promise<{ menteeHasMentor: boolean; mentorLoad: number }> {
  const rows = await db
    .selectFrom('pairings')
    .select(['mentor_id', 'mentee_id'])
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .where('active', '=', true)
    .where((eb) => eb.or([eb('mentor_id', '=', mentorId), eb('mentee_id', '=', menteeId)]))
    .execute();
  return {
    menteeHasMentor: rows.some((r) => r.mentee_id === menteeId),
    mentorLoad: rows.filter((r) => r.mentor_id === mentorId).length,
  };
}

/** Locks a pairing's row until the transaction ends: serialises goal creation and evaluations per pair. */
export async function lockPairing(tx: Tx, tenantId: string, pairingId: string): Promise<Pairing | undefined> {
  const row = await tx
    .selectFrom('pairings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', pairingId)
    .forUpdate()
    .executeTakeFirst();
  return row ? toPairing(row) : undefined;
}

/**
 * Where a person stands, in one query (every request starts here): their active pairings, each
 * with its cycle and program, and the tenant's newest cycle with its program (what staff and
 * people without a pair see).
 */
export async function standingRows(
  db: Db | Tx,
  tenantId: string,
  personId: string,
  /** Today's date: the cycle running today is the default one, not merely the newest. */
  today: string,
): Promise<{
  pairings: { pairing: Pairing; cycle: Cycle; program: Program }[];
  newest: { cycle: Cycle; program: Program } | undefined;
}> {
  const { rows } = await sql<{
    pairing_id: string | null;
    mentor_id: string;
    mentee_id: string;
    active: boolean;
    plan_author: string | null;
    cycle_id: string;
    program_id: string;
    cycle_name: string;
    timezone: string;
    enrollment_starts: string;
    goal_setting_starts: string;
    execution_starts: string;
    closing_starts: string;
    ends: string;
    applications_until: Date | null;
    program_name: string;
    kind: string;
    settings: unknown;
  }>`
    select * from (
      select pr.id as pairing_id, pr.mentor_id, pr.mentee_id, pr.active, pr.plan_author, pr.created_at as pairing_created_at,
             c.id as cycle_id, c.program_id, c.name as cycle_name, c.timezone, c.enrollment_starts,
             c.goal_setting_starts, c.execution_starts, c.closing_starts, c.ends, c.applications_until,
             pg.name as program_name, pg.kind, pg.settings
        from pairings pr
        join cycles c on c.tenant_id = pr.tenant_id and c.id = pr.cycle_id
        join programs pg on pg.tenant_id = c.tenant_id and pg.id = c.program_id
       where pr.tenant_id = ${tenantId} and pr.active and (pr.mentor_id = ${personId} or pr.mentee_id = ${personId})
      union all
      (select null, null, null, null, null, null,
              c.id, c.program_id, c.name, c.timezone, c.enrollment_starts,
              c.goal_setting_starts, c.execution_starts, c.closing_starts, c.ends, c.applications_until,
              pg.name, pg.kind, pg.settings
         from cycles c
         join programs pg on pg.tenant_id = c.tenant_id and pg.id = c.program_id
        where c.tenant_id = ${tenantId}
        order by (c.enrollment_starts <= ${today} and c.ends >= ${today}) desc, c.enrollment_starts desc
        limit 1)
    ) standing
    order by pairing_created_at nulls last`.execute(db);
  const joined = rows.map((r) => ({
    pairingId: r.pairing_id,
    pairing: {
      tenantId,
      id: r.pairing_id ?? '',
      cycleId: r.cycle_id,
      mentorId: r.mentor_id,
      menteeId: r.mentee_id,
      active: r.active,
      planAuthor: r.plan_author === 'mentor' ? ('mentor' as const) : ('mentee' as const),
    },
    cycle: toCycle({
      tenant_id: tenantId,
      id: r.cycle_id,
      program_id: r.program_id,
      name: r.cycle_name,
      timezone: r.timezone,
      enrollment_starts: r.enrollment_starts,
      goal_setting_starts: r.goal_setting_starts,
      execution_starts: r.execution_starts,
      closing_starts: r.closing_starts,
      ends: r.ends,
      applications_until: r.applications_until,
      created_at: new Date(0),
    }),
    program: toProgram({
      tenant_id: tenantId,
      id: r.program_id,
      name: r.program_name,
      kind: r.kind,
      settings: r.settings as never,
      created_at: new Date(0),
    }),
  }));
  const newest = joined.find((r) => r.pairingId === null);
  return {
    pairings: joined
      .filter((r) => r.pairingId !== null)
      .map(({ pairing, cycle, program }) => ({ pairing, cycle, program })),
    newest: newest ? { cycle: newest.cycle, program: newest.program } : undefined,
  };
}

/** The mentee's active pairing in a cycle, if any. */
export async function activePairingOfMentee(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
  menteeId: string,
): Promise<Pairing | undefined> {
  const row = await db
    .selectFrom('pairings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .where('mentee_id', '=', menteeId)
    .where('active', '=', true)
    .executeTakeFirst();
  return row ? toPairing(row) : undefined;
}

/** What a change of mentor would carry over from one pairing, and what it would cancel. */
export interface PairingCarry {
  goals: number;
  waitingReview: number;
  checkins: number;
  /** Sessions proposed or agreed that have not started yet. */
  upcomingSessions: number;
  /** The final evaluation is written and submitted (or further): too late to change mentor. */
  evaluationDelivered: boolean;
}

export async function pairingCarry(db: Db | Tx, tenantId: string, pairingId: string, now: Date) {
  const { rows } = await sql<PairingCarry>`
    select (select count(*)::int from goals where tenant_id = ${tenantId} and pairing_id = ${pairingId}
             and state <> 'withdrawn') as goals,
           (select count(*)::int from goals where tenant_id = ${tenantId} and pairing_id = ${pairingId}
             and state = 'submitted') as "waitingReview",
           (select count(*)::int from checkins where tenant_id = ${tenantId} and pairing_id = ${pairingId}) as checkins,
           (select count(*)::int from sessions where tenant_id = ${tenantId} and pairing_id = ${pairingId}
             and state in ('proposed', 'confirmed') and starts_at > ${now.toISOString()}::timestamptz) as "upcomingSessions",
           exists (select 1 from evaluations where tenant_id = ${tenantId} and pairing_id = ${pairingId}
             and state <> 'draft') as "evaluationDelivered"`.execute(db);
  return rows[0] as PairingCarry;
}

/** Ends a pairing (its records stay; `handOverPairing` moves them to the one that replaces it). */
export async function endPairing(tx: Tx, tenantId: string, pairingId: string, now: Date): Promise<void> {
  await tx
    .updateTable('pairings')
    .set({ active: false, ended_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', pairingId)
    .execute();
}

/**
 * Hands an ended pairing's records to the pairing that replaces it: its goals (with
 * their revisions and milestones) and check-ins move, and sessions not yet started are cancelled.
 * Sessions held stay with the pair that held them. Returns the goals waiting for review and the
 * sessions cancelled.
 */
export async function handOverPairing(
  tx: Tx,
  input: { tenantId: string; from: string; to: string; by: string; now: Date },
): Promise<{
  goals: number;
  checkins: number;
  waiting: { id: string; revision: number }[];
  cancelled: Date[];
}> {
  const { tenantId, from, to, now } = input;
  const goals = await tx
    .updateTable('goals')
    .set({ pairing_id: to })
    .where('tenant_id', '=', tenantId)
    .where('pairing_id', '=', from)
    .returning(['id', 'state', 'revision'])
    .execute();
  const checkins = await tx
    .updateTable('checkins')
    .set({ pairing_id: to })
    .where('tenant_id', '=', tenantId)
    .where('pairing_id', '=', from)
    .returning('id')
    .execute();
  const cancelled = await cancelFutureSessions(tx, { tenantId, pairingId: from, by: input.by, now });
  return {
    goals: goals.filter((g) => g.state !== 'withdrawn').length,
    checkins: checkins.length,
    waiting: goals.filter((g) => g.state === 'submitted').map((g) => ({ id: g.id, revision: g.revision })),
    cancelled,
  };
}

/** Cancels an ended pairing's sessions not yet started, with their history; returns their times, in order. */
export async function cancelFutureSessions(
  tx: Tx,
  input: { tenantId: string; pairingId: string; by: string; now: Date },
): Promise<Date[]> {
  const { tenantId, now } = input;
  const cancelled = await tx
    .updateTable('sessions')
    .set({ state: 'cancelled', updated_at: now, version: sql`version + 1` })
    .where('tenant_id', '=', tenantId)
    .where('pairing_id', '=', input.pairingId)
    .where('state', 'in', ['proposed', 'confirmed'])
    .where('starts_at', '>', now)
    .returning(['id', 'starts_at'])
    .execute();
  if (cancelled.length) {
    await tx
      .insertInto('session_history')
      .values(
        cancelled.map((s) => ({
          tenant_id: tenantId,
          id: newId(),
          session_id: s.id,
          event: 'cancelled',
          starts_at: s.starts_at,
          by_person: input.by,
          created_at: now,
        })),
      )
      .execute();
  }
  return cancelled.map((s) => s.starts_at).sort((a, b) => a.getTime() - b.getTime());
}

/** The sessions a change of mentor cancelled on the pairing it ended (they changed when it ended). */
export async function sessionsCancelledAtEnd(db: Db, tenantId: string, pairingId: string): Promise<Date[]> {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('pairings as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.pairing_id'),
    )
    .select('s.starts_at')
    .where('s.tenant_id', '=', tenantId)
    .where('s.pairing_id', '=', pairingId)
    .where('s.state', '=', 'cancelled')
    .whereRef('s.updated_at', '=', 'p.ended_at')
    .orderBy('s.starts_at')
    .execute();
  return rows.map((r) => r.starts_at);
}

/**
 * When each kind of fact the phase table governs was recorded in a cycle: the first of all and
 * the last one entered by its own person (not on their behalf). Kinds with nothing recorded are
 * left out. Read by a change of the cycle's dates, which must leave every fact inside its phase.
 */
export async function cycleFactTimes(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
): Promise<{ action: string; first: Date; lastOwn: Date | null }[]> {
  const { rows } = await sql<{ action: string; first: Date | null; last_own: Date | null }>`
    select 'goal.draft' as action, min(r.submitted_at) as first,
           max(r.submitted_at) filter (where g.entered_by is null) as last_own
      from goal_revisions r join goals g on g.tenant_id = r.tenant_id and g.id = r.goal_id
     where g.tenant_id = ${tenantId} and g.cycle_id = ${cycleId}
    union all
    select 'goal.review', min(r.decided_at), max(r.decided_at)
      from goal_revisions r join goals g on g.tenant_id = r.tenant_id and g.id = r.goal_id
     where g.tenant_id = ${tenantId} and g.cycle_id = ${cycleId} and r.decided_at is not null
    union all
    select 'session.plan', min(least(s.created_at, s.starts_at)), max(s.starts_at)
      from sessions s join pairings p on p.tenant_id = s.tenant_id and p.id = s.pairing_id
     where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId}
       and s.state in ('proposed', 'confirmed', 'held', 'not_held')
    union all
    select 'checkin.report', min(c.created_at),
           max(c.created_at) filter (where c.created_by in (p.mentee_id, p.mentor_id))
      from checkins c join pairings p on p.tenant_id = c.tenant_id and p.id = c.pairing_id
     where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId}
    union all
    select 'evaluation.write', min(e.submitted_at), max(e.submitted_at) filter (where e.entered_by is null)
      from evaluations e join pairings p on p.tenant_id = e.tenant_id and p.id = e.pairing_id
     where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId} and e.submitted_at is not null
    union all
    select 'work_report.write', min(w.submitted_at), max(w.submitted_at) filter (where w.entered_by is null)
      from work_reports w join pairings p on p.tenant_id = w.tenant_id and p.id = w.pairing_id
     where p.tenant_id = ${tenantId} and p.cycle_id = ${cycleId}
    union all
    select 'survey.answer', min(created_at), max(created_at)
      from surveys where tenant_id = ${tenantId} and cycle_id = ${cycleId}
    union all
    select 'applications.apply', min(created_at), max(created_at)
      from applications where tenant_id = ${tenantId} and cycle_id = ${cycleId}
  `.execute(db);
  return rows
    .filter((r) => r.first !== null)
    .map((r) => ({
      action: r.action,
      first: new Date(r.first as Date),
      lastOwn: r.last_own ? new Date(r.last_own) : null,
    }));
}

/** A cycle's new phase dates (checked by the caller). */
export async function setCycleDates(
  tx: Tx,
  tenantId: string,
  cycleId: string,
  dates: Pick<Cycle, 'enrollmentStarts' | 'goalSettingStarts' | 'executionStarts' | 'closingStarts' | 'ends'>,
): Promise<Cycle> {
  const row = await tx
    .updateTable('cycles')
    .set({
      enrollment_starts: dates.enrollmentStarts,
      goal_setting_starts: dates.goalSettingStarts,
      execution_starts: dates.executionStarts,
      closing_starts: dates.closingStarts,
      ends: dates.ends,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', cycleId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCycle(row);
}

/** Locks a cycle's row until the transaction ends: two date changes, or a change and a deletion, do not cross. */
export async function lockCycle(tx: Tx, tenantId: string, cycleId: string): Promise<Cycle | undefined> {
  const row = await tx
    .selectFrom('cycles')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', cycleId)
    .forUpdate()
    .executeTakeFirst();
  return row ? toCycle(row) : undefined;
}

/** What a cycle holds: people enrolled, applications and plenaries (an empty one may be deleted). */
export async function cycleContents(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
): Promise<{ enrollments: number; applications: number; plenaries: number }> {
  const count = async (table: 'enrollments' | 'withdrawals' | 'applications' | 'plenaries') => {
    const row = await db
      .selectFrom(table)
      // People, not roles: someone enrolled as mentor and mentee counts once.
      .select((eb) =>
        (table === 'enrollments' || table === 'withdrawals'
          ? eb.fn.count<number>(sql`distinct person_id`)
          : eb.fn.countAll<number>()
        ).as('n'),
      )
      .where('tenant_id', '=', tenantId)
      .where('cycle_id', '=', cycleId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  // Pairings, goals, sessions and surveys all need people enrolled: counting these is enough.
  // One after the other: inside a transaction they share one connection.
  // Someone withdrawn took part: their records keep the cycle.
  const enrollments = (await count('enrollments')) + (await count('withdrawals'));
  const applications = await count('applications');
  const plenaries = await count('plenaries');
  return { enrollments, applications, plenaries };
}

/** Deletes a cycle that holds nothing (see `cycleContents`), with its digests still to go. */
export async function deleteEmptyCycle(tx: Tx, tenantId: string, cycleId: string): Promise<void> {
  await tx
    .deleteFrom('nudges')
    .where('tenant_id', '=', tenantId)
    .where('subject_id', '=', cycleId)
    .where('status', 'in', ['pending', 'waiting'])
    .execute();
  await tx.deleteFrom('cycles').where('tenant_id', '=', tenantId).where('id', '=', cycleId).execute();
}
