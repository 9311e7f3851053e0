import { authorize } from '../domain/authz.ts';
import type { Cycle } from '../domain/model.ts';
import { sees, type Viewer, viewerOf } from '../domain/visibility.ts';
import { recordAudit } from '../store/audit.store.ts';
import { type HistoryRecords, historyMentees, historyRecords } from '../store/history.store.ts';
import type { Acting, Deps } from './deps.ts';

/** One line of a pair's history, already cut to what its reader may see (absent = not shown). */
export type HistoryEvent =
  | { at: Date; kind: 'paired' | 'unpaired'; mentor: string }
  | { at: Date; kind: 'withdrawn' }
  | { at: Date; kind: 'goal_submitted'; goal: string; revision: number; onBehalf: boolean }
  | { at: Date; kind: 'goal_decided'; goal: string; revision: number; decision: string; comment?: string }
  | {
      at: Date;
      kind: 'session';
      mentor: string;
      state: string;
      minutes: number;
      notes?: string;
      agreements?: string;
      reason?: string;
    }
  | {
      at: Date;
      kind: 'progress';
      goal: string;
      milestone: string | null;
      progress: number | null;
      status: string | null;
      note?: string;
      reply?: string;
      resolvedAt: Date | null;
    }
  | {
      at: Date;
      kind: 'evaluation';
      mentor: string;
      state: string;
      goals?: { title: string; outcome: string; rating: number; comment?: string }[];
      strengths?: string;
      improvements?: string;
      competencyNotes?: string;
    }
  | { at: Date; kind: 'work_report_sent'; mentor: string; revision: number; text?: string }
  | { at: Date; kind: 'ai_suggestion'; model: string; outcome: string; goal: string }
  | { at: Date; kind: 'work_report_decided'; state: string; comment?: string }
  | {
      at: Date;
      kind: 'survey';
      author: string;
      side: 'mentee' | 'mentor';
      satisfaction: number;
      recommend: number;
      comment?: string;
      mentorNote?: string;
    };

export interface MenteeHistory {
  menteeId: string;
  menteeName: string;
  /** How the reader stands towards this pair: what the visibility table lets them see follows from it. */
  viewer: Viewer;
  pairings: { mentorName: string; startedAt: Date; endedAt: Date | null; active: boolean }[];
  goals: {
    title: string;
    state: string;
    dueDate: string;
    revisions: number;
    milestones: { title: string; dueDate: string; status: string }[];
  }[];
  events: HistoryEvent[];
  withdrawnAt: Date | null;
}

/**
 * The history of the pairs a person belongs to in a cycle: theirs as a mentee (with every mentor
 * they had), or one per mentee they accompanied. Readable by the person, and by admins and
 * directors; each record shown only as the visibility table allows its reader (a replaced
 * mentor sees the pair up to the day their pairing ended). Staff reading someone's history is
 * audited.
 */
export async function historiesOf(
  deps: Deps,
  acting: Acting,
  cycle: Cycle,
  subjectId: string,
): Promise<MenteeHistory[]> {
  const { actor } = acting;
  if (actor.personId !== subjectId)
    authorize(actor, 'report.view', { kind: 'tenant', tenantId: actor.tenantId });
  const mentees = await historyMentees(deps.db, actor.tenantId, cycle.id, subjectId);
  const histories: MenteeHistory[] = [];
  for (const mentee of mentees) {
    const records = await historyRecords(deps.db, actor.tenantId, cycle.id, mentee.id);
    const viewer = viewerOf(actor, {
      mentorIds: records.pairings.map((p) => p.mentorId),
      menteeId: mentee.id,
    });
    if (viewer) histories.push(cut(records, mentee, viewer, actor.personId));
  }
  if (actor.personId !== subjectId)
    await recordAudit(deps.db, {
      tenantId: actor.tenantId,
      at: deps.clock.now(),
      actorId: actor.personId,
      via: acting.via,
      action: 'history.view',
      subjectType: 'person',
      subjectId,
      data: { cycle: cycle.id },
    });
  return histories;
}

function cut(
  records: HistoryRecords,
  mentee: { id: string; name: string },
  viewer: Viewer,
  readerId: string,
): MenteeHistory {
  const shown = <T>(kind: Parameters<typeof sees>[1], value: T | null | undefined, record = {}) =>
    value !== null && value !== undefined && value !== '' && sees(viewer, kind, record) ? value : undefined;
  const mentorOf = new Map(records.pairings.map((p) => [p.id, p.mentorName]));
  const events: HistoryEvent[] = [];
  for (const p of records.pairings) {
    events.push({ at: p.startedAt, kind: 'paired', mentor: p.mentorName });
    if (p.endedAt) events.push({ at: p.endedAt, kind: 'unpaired', mentor: p.mentorName });
  }
  if (records.withdrawnAt) events.push({ at: records.withdrawnAt, kind: 'withdrawn' });
  const goalTitles = new Map(records.goals.map((g) => [g.id, g.title]));
  for (const goal of records.goals) {
    for (const r of goal.revisions) {
      events.push({
        at: r.submittedAt,
        kind: 'goal_submitted',
        goal: goal.title,
        revision: r.revision,
        // Entered by someone outside the pair (an admin, from paper); a reverse pair's mentor writes its plan.
        onBehalf: r.submittedBy !== mentee.id && !records.pairings.some((p) => p.mentorId === r.submittedBy),
      });
      if (r.decision && r.decidedAt)
        events.push({
          at: r.decidedAt,
          kind: 'goal_decided',
          goal: goal.title,
          revision: r.revision,
          decision: r.decision,
          comment: shown('review_comments', r.comment),
        });
    }
  }
  for (const s of records.sessions)
    events.push({
      at: s.startsAt,
      kind: 'session',
      mentor: mentorOf.get(s.pairingId) ?? '',
      state: s.state,
      minutes: s.durationMinutes,
      notes: shown('session_notes', s.notes),
      agreements: shown('session_agreements', s.agreements),
      reason: shown('session_reasons', s.reason),
    });
  for (const u of records.updates)
    events.push({
      at: u.at,
      kind: 'progress',
      goal: u.goalTitle,
      milestone: u.milestoneTitle,
      progress: u.progress,
      status: u.status,
      note: shown('checkin_notes', u.note),
      reply: shown('mentor_replies', u.mentorReply),
      resolvedAt: u.resolvedAt,
    });
  for (const e of records.evaluations) {
    const released = e.state === 'released' || e.state === 'acknowledged';
    const outcomes = sees(viewer, 'evaluation_outcomes', { released });
    const comments = (value: string | null) => shown('evaluation_comments', value, { released });
    events.push({
      at: e.at,
      kind: 'evaluation',
      mentor: mentorOf.get(e.pairingId) ?? '',
      state: e.state,
      goals: outcomes
        ? e.goals.map((g) => ({
            title: goalTitles.get(g.goalId) ?? '',
            outcome: g.outcome,
            rating: g.rating,
            comment: comments(g.comment),
          }))
        : undefined,
      strengths: comments(e.strengths),
      improvements: comments(e.improvements),
      competencyNotes: comments(e.competencyNotes),
    });
  }
  // The AI coach's calls: the author's own, and the mentor's to see (the table's coach_records).
  for (const c of records.aiCalls)
    if (sees(viewer, 'coach_records', { authorIsReader: c.personId === readerId }))
      events.push({ at: c.at, kind: 'ai_suggestion', model: c.model, outcome: c.outcome, goal: c.goalTitle });
  for (const w of records.workReports) {
    events.push({
      at: w.submittedAt,
      kind: 'work_report_sent',
      mentor: mentorOf.get(w.pairingId) ?? '',
      revision: w.revision,
      text: shown('work_report_text', w.body),
    });
    if (w.decidedAt && w.state !== 'submitted')
      events.push({
        at: w.decidedAt,
        kind: 'work_report_decided',
        state: w.state,
        comment: shown('work_report_text', w.comment),
      });
  }
  for (const s of records.surveys) {
    const own = { authorIsReader: s.personId === readerId };
    if (!sees(viewer, 'survey_ratings', own)) continue;
    const side = s.personId === mentee.id ? 'mentee' : 'mentor';
    events.push({
      at: s.at,
      kind: 'survey',
      author:
        side === 'mentee'
          ? mentee.name
          : (records.pairings.find((p) => p.mentorId === s.personId)?.mentorName ?? ''),
      side,
      satisfaction: s.satisfaction,
      recommend: s.recommend,
      comment: shown('survey_comments', s.comment, own),
      mentorNote: shown('survey_mentor_note', s.mentorNote, own),
    });
  }
  // A replaced mentor's part of the story ends with their pairing.
  const mine = records.pairings.filter((p) => p.mentorId === readerId);
  const until =
    viewer === 'mentor' && mine.length && mine.every((p) => p.endedAt)
      ? Math.max(...mine.map((p) => (p.endedAt as Date).getTime()))
      : Number.POSITIVE_INFINITY;
  return {
    menteeId: mentee.id,
    menteeName: mentee.name,
    viewer,
    pairings: records.pairings.map((p) => ({
      mentorName: p.mentorName,
      startedAt: p.startedAt,
      endedAt: p.endedAt,
      active: p.active,
    })),
    goals: records.goals.map((g) => ({
      title: g.title,
      state: g.state,
      dueDate: g.dueDate,
      revisions: g.revisions.length,
      milestones: g.milestones,
    })),
    events: events.filter((e) => e.at.getTime() <= until).sort((a, b) => a.at.getTime() - b.at.getTime()),
    withdrawnAt: records.withdrawnAt,
  };
}
