import type { Db, Tx } from './db.ts';

/** Everything recorded about one mentee's mentoring in one cycle, with every mentor they had. */
export interface HistoryRecords {
  pairings: {
    id: string;
    mentorId: string;
    mentorName: string;
    menteeName: string;
    active: boolean;
    startedAt: Date;
    endedAt: Date | null;
  }[];
  goals: {
    id: string;
    title: string;
    state: string;
    dueDate: string;
    createdAt: Date;
    revisions: {
      revision: number;
      submittedAt: Date;
      submittedBy: string;
      decision: string | null;
      decidedAt: Date | null;
      comment: string | null;
    }[];
    milestones: { title: string; dueDate: string; status: string }[];
  }[];
  sessions: {
    pairingId: string;
    startsAt: Date;
    durationMinutes: number;
    state: string;
    notes: string | null;
    agreements: string | null;
    reason: string | null;
  }[];
  updates: {
    at: Date;
    weekStart: string;
    by: string;
    goalTitle: string;
    milestoneTitle: string | null;
    progress: number | null;
    status: string | null;
    note: string | null;
    mentorReply: string | null;
    resolvedAt: Date | null;
  }[];
  evaluations: {
    pairingId: string;
    state: string;
    at: Date;
    releasedAt: Date | null;
    goals: { goalId: string; outcome: string; rating: number; comment: string }[];
    strengths: string | null;
    improvements: string | null;
    competencyNotes: string | null;
  }[];
  surveys: {
    personId: string;
    at: Date;
    satisfaction: number;
    recommend: number;
    comment: string | null;
    mentorNote: string | null;
  }[];
  withdrawnAt: Date | null;
  /** The plan author's calls to the AI coach while the pair lasted. */
  aiCalls: { personId: string; at: Date; model: string; outcome: string; goalTitle: string }[];
  /** A reverse pair's work report (one per pair), as it stands. */
  workReports: {
    pairingId: string;
    state: string;
    revision: number;
    body: string;
    submittedAt: Date;
    decidedAt: Date | null;
    comment: string | null;
  }[];
}

/** The mentees whose history a person is part of in a cycle: themselves as a mentee, or those they accompanied. */
export async function historyMentees(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
  personId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('pairings')
    .innerJoin('people', (j) =>
      j.onRef('people.tenant_id', '=', 'pairings.tenant_id').onRef('people.id', '=', 'pairings.mentee_id'),
    )
    .select(['people.id', 'people.name'])
    .distinct()
    .where('pairings.tenant_id', '=', tenantId)
    .where('pairings.cycle_id', '=', cycleId)
    .where((eb) => eb.or([eb('pairings.mentee_id', '=', personId), eb('pairings.mentor_id', '=', personId)]))
    .orderBy('people.name')
    .execute();
}

/** One mentee's records in a cycle, read in a handful of queries (one per kind). */
export async function historyRecords(
  db: Db | Tx,
  tenantId: string,
  cycleId: string,
  menteeId: string,
): Promise<HistoryRecords> {
  const pairings = await db
    .selectFrom('pairings as p')
    .innerJoin('people as mentor', (j) =>
      j.onRef('mentor.tenant_id', '=', 'p.tenant_id').onRef('mentor.id', '=', 'p.mentor_id'),
    )
    .innerJoin('people as mentee', (j) =>
      j.onRef('mentee.tenant_id', '=', 'p.tenant_id').onRef('mentee.id', '=', 'p.mentee_id'),
    )
    .select([
      'p.id',
      'p.mentor_id',
      'mentor.name as mentor_name',
      'mentee.name as mentee_name',
      'p.active',
      'p.created_at',
      'p.ended_at',
      'p.plan_author',
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.cycle_id', '=', cycleId)
    .where('p.mentee_id', '=', menteeId)
    .orderBy('p.created_at')
    .execute();
  const pairingIds = pairings.map((p) => p.id);
  const goals = await db
    .selectFrom('goals')
    .select(['id', 'title', 'state', 'due_date', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .where('mentee_id', '=', menteeId)
    .orderBy('created_at')
    .execute();
  const goalIds = goals.map((g) => g.id);
  const revisions = goalIds.length
    ? await db
        .selectFrom('goal_revisions')
        .select(['goal_id', 'revision', 'submitted_at', 'submitted_by', 'decision', 'decided_at', 'comment'])
        .where('tenant_id', '=', tenantId)
        .where('goal_id', 'in', goalIds)
        .orderBy('revision')
        .execute()
    : [];
  const milestones = goalIds.length
    ? await db
        .selectFrom('milestones')
        .select(['goal_id', 'title', 'due_date', 'status'])
        .where('tenant_id', '=', tenantId)
        .where('goal_id', 'in', goalIds)
        .orderBy('position')
        .execute()
    : [];
  const sessions = pairingIds.length
    ? await db
        .selectFrom('sessions')
        .select(['pairing_id', 'starts_at', 'duration_minutes', 'state', 'notes', 'agreements', 'reason'])
        .where('tenant_id', '=', tenantId)
        .where('pairing_id', 'in', pairingIds)
        .orderBy('starts_at')
        .execute()
    : [];
  const updates = goalIds.length
    ? await db
        .selectFrom('progress_updates as u')
        .innerJoin('checkins as c', (j) =>
          j.onRef('c.tenant_id', '=', 'u.tenant_id').onRef('c.id', '=', 'u.checkin_id'),
        )
        .innerJoin('goals as g', (j) =>
          j.onRef('g.tenant_id', '=', 'u.tenant_id').onRef('g.id', '=', 'u.goal_id'),
        )
        .leftJoin('milestones as m', (j) =>
          j.onRef('m.tenant_id', '=', 'u.tenant_id').onRef('m.id', '=', 'u.milestone_id'),
        )
        .select([
          'u.created_at',
          'c.week_start',
          'c.created_by',
          'g.title as goal_title',
          'm.title as milestone_title',
          'u.progress',
          'u.status',
          'u.note',
          'u.mentor_reply',
          'u.resolved_at',
        ])
        .where('u.tenant_id', '=', tenantId)
        .where('u.goal_id', 'in', goalIds)
        .orderBy('u.created_at')
        .execute()
    : [];
  const evaluations = pairingIds.length
    ? await db
        .selectFrom('evaluations')
        .select([
          'pairing_id',
          'state',
          'created_at',
          'submitted_at',
          'released_at',
          'goals',
          'strengths',
          'improvements',
          'competency_notes',
        ])
        .where('tenant_id', '=', tenantId)
        .where('pairing_id', 'in', pairingIds)
        .execute()
    : [];
  const people = [menteeId, ...pairings.map((p) => p.mentor_id)];
  const surveys = await db
    .selectFrom('surveys')
    .select(['person_id', 'created_at', 'satisfaction', 'recommend', 'comment', 'mentor_note'])
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .where('person_id', 'in', people)
    .orderBy('created_at')
    .execute();
  const workReports = pairingIds.length
    ? await db
        .selectFrom('work_reports')
        .select(['pairing_id', 'state', 'revision', 'body', 'submitted_at', 'decided_at', 'comment'])
        .where('tenant_id', '=', tenantId)
        .where('pairing_id', 'in', pairingIds)
        .execute()
    : [];
  const since = pairings.reduce<Date | undefined>(
    (a, p) => (!a || p.created_at < a ? p.created_at : a),
    undefined,
  );
  const authors = [...new Set(pairings.map((p) => (p.plan_author === 'mentor' ? p.mentor_id : menteeId)))];
  const aiCalls =
    since && authors.length
      ? await db
          .selectFrom('ai_coach_calls')
          .select(['person_id', 'at', 'model', 'outcome', 'goal_title'])
          .where('tenant_id', '=', tenantId)
          .where('person_id', 'in', authors)
          .where('at', '>=', since)
          .orderBy('at')
          .execute()
      : [];
  const withdrawal = await db
    .selectFrom('withdrawals')
    .select('withdrawn_at')
    .where('tenant_id', '=', tenantId)
    .where('cycle_id', '=', cycleId)
    .where('person_id', '=', menteeId)
    .where('role', '=', 'mentee')
    .executeTakeFirst();
  return {
    pairings: pairings.map((p) => ({
      id: p.id,
      mentorId: p.mentor_id,
      mentorName: p.mentor_name,
      menteeName: p.mentee_name,
      active: p.active,
      startedAt: p.created_at,
      endedAt: p.ended_at,
    })),
    goals: goals.map((g) => ({
      id: g.id,
      title: g.title,
      state: g.state,
      dueDate: g.due_date,
      createdAt: g.created_at,
      revisions: revisions
        .filter((r) => r.goal_id === g.id)
        .map((r) => ({
          revision: r.revision,
          submittedAt: r.submitted_at,
          submittedBy: r.submitted_by,
          decision: r.decision,
          decidedAt: r.decided_at,
          comment: r.comment,
        })),
      milestones: milestones
        .filter((m) => m.goal_id === g.id)
        .map((m) => ({ title: m.title, dueDate: m.due_date, status: m.status })),
    })),
    sessions: sessions.map((s) => ({
      pairingId: s.pairing_id,
      startsAt: s.starts_at,
      durationMinutes: s.duration_minutes,
      state: s.state,
      notes: s.notes,
      agreements: s.agreements,
      reason: s.reason,
    })),
    updates: updates.map((u) => ({
      at: u.created_at,
      weekStart: u.week_start,
      by: u.created_by,
      goalTitle: u.goal_title,
      milestoneTitle: u.milestone_title,
      progress: u.progress,
      status: u.status,
      note: u.note,
      mentorReply: u.mentor_reply,
      resolvedAt: u.resolved_at,
    })),
    evaluations: evaluations.map((e) => ({
      pairingId: e.pairing_id,
      state: e.state,
      at: e.submitted_at ?? e.created_at,
      releasedAt: e.released_at,
      goals: (e.goals ?? []) as HistoryRecords['evaluations'][number]['goals'],
      strengths: e.strengths,
      improvements: e.improvements,
      competencyNotes: e.competency_notes,
    })),
    surveys: surveys.map((s) => ({
      personId: s.person_id,
      at: s.created_at,
      satisfaction: s.satisfaction,
      recommend: s.recommend,
      comment: s.comment,
      mentorNote: s.mentor_note,
    })),
    withdrawnAt: withdrawal?.withdrawn_at ?? null,
    aiCalls: aiCalls.map((c) => ({
      personId: c.person_id,
      at: c.at,
      model: c.model,
      outcome: c.outcome,
      goalTitle: c.goal_title,
    })),
    workReports: workReports.map((w) => ({
      pairingId: w.pairing_id,
      state: w.state,
      revision: w.revision,
      body: w.body,
      submittedAt: w.submitted_at,
      decidedAt: w.decided_at,
      comment: w.comment,
    })),
  };
}

/** The cycles in which a person was in a pair (as mentor or mentee), ended pairs included. */
export async function historyCycles(db: Db | Tx, tenantId: string, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('pairings')
    .select('cycle_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('mentor_id', '=', personId), eb('mentee_id', '=', personId)]))
    .execute();
  return rows.map((r) => r.cycle_id);
}
