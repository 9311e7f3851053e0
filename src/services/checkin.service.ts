import { DateTime } from 'luxon';
import { authorize } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import { checkMilestoneUpdate, needsMentorAttention } from '../domain/milestone.ts';
import type { MilestoneStatus, Pairing } from '../domain/model.ts';
import { localDate } from '../domain/time.ts';
import { recordAudit } from '../store/audit.store.ts';
import {
  answerProgress,
  ensureCheckin,
  getProgress,
  insertProgress,
  type ProgressUpdate,
  setMilestone,
} from '../store/checkin.store.ts';
import { getGoal, listMilestones } from '../store/goal.store.ts';
import { getPairing } from '../store/program.store.ts';
import type { Acting, Deps } from './deps.ts';
import { requirePairPhase } from './phase.ts';

export const NOTE_MAX = 1000;

export interface GoalReport {
  goalId: string;
  progress: number | null;
  note?: string | null;
  milestones: {
    milestoneId: string;
    status: Exclude<MilestoneStatus, never>;
    note?: string | null;
    newDueDate?: string | null;
  }[];
}

/** Monday of the reporter's current week, in their zone: one check-in per pairing and week. */
export function weekStart(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).startOf('week').toISODate() as string;
}

/**
 * The mentee's weekly report: progress per approved goal and each milestone's status. A
 * restriction reschedules the milestone (the old date stays in the history). Returns the
 * alerts and restrictions the mentor must hear about at once.
 */
export async function submitCheckin(
  deps: Deps,
  acting: Acting,
  input: { pairingId: string; zone: string; goals: GoalReport[] },
): Promise<{ pairing: Pairing; attention: ProgressUpdate[] }> {
  const now = deps.clock.now();
  const today = localDate(now, input.zone);
  if (input.goals.length === 0) throw new DomainError('checkin.nothing_to_report');
  return deps.db.transaction().execute(async (tx) => {
    const pairing = await getPairing(tx, acting.actor.tenantId, input.pairingId);
    if (!pairing) throw new DomainError('record.not_found', { entity: 'pairing' });
    authorize(acting.actor, 'checkin.submit', { kind: 'pairing', pairing });
    await requirePairPhase(tx, acting, pairing, 'checkin.report', now);
    const checkinId = await ensureCheckin(tx, {
      tenantId: pairing.tenantId,
      pairingId: pairing.id,
      weekStart: weekStart(now, input.zone),
      createdBy: acting.actor.personId,
      via: acting.via,
      now,
    });
    const attention: ProgressUpdate[] = [];
    for (const report of input.goals) {
      const goal = await getGoal(tx, pairing.tenantId, report.goalId);
      if (!goal || goal.pairingId !== pairing.id)
        throw new DomainError('record.not_found', { entity: 'goal' });
      if (goal.state !== 'approved') {
        throw new DomainError('transition.not_allowed', {
          entity: 'goal',
          from: goal.state,
          event: 'checkin',
        });
      }
      if (
        report.progress !== null &&
        (!Number.isInteger(report.progress) || report.progress < 0 || report.progress > 100)
      ) {
        throw new DomainError('survey.range', { field: 'progress', min: 0, max: 100 });
      }
      await insertProgress(tx, pairing.tenantId, {
        checkinId,
        goalId: goal.id,
        milestoneId: null,
        progress: report.progress,
        status: null,
        note: clipNote(report.note),
        newDueDate: null,
        previousDueDate: null,
        createdAt: now,
      });
      const milestones = await listMilestones(tx, pairing.tenantId, goal.id);
      for (const m of report.milestones) {
        const milestone = milestones.find((x) => x.id === m.milestoneId);
        if (!milestone) throw new DomainError('record.not_found', { entity: 'milestone' });
        checkMilestoneUpdate(m.status, m.newDueDate ?? null, today, goal.dueDate);
        const update = await insertProgress(tx, pairing.tenantId, {
          checkinId,
          goalId: goal.id,
          milestoneId: milestone.id,
          progress: null,
          status: m.status,
          note: clipNote(m.note),
          newDueDate: m.status === 'restriction' ? (m.newDueDate ?? null) : null,
          previousDueDate: m.status === 'restriction' ? milestone.dueDate : null,
          createdAt: now,
        });
        await setMilestone(tx, pairing.tenantId, milestone.id, {
          status: m.status,
          ...(m.status === 'restriction' && m.newDueDate ? { dueDate: m.newDueDate } : {}),
        });
        if (needsMentorAttention(m.status)) attention.push(update);
      }
    }
    await recordAudit(tx, {
      tenantId: pairing.tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: acting.via,
      action: 'checkin.submit',
      subjectType: 'checkin',
      subjectId: checkinId,
      data: { goals: input.goals.length, attention: attention.length },
    });
    return { pairing, attention };
  });
}

function clipNote(note: string | null | undefined): string | null {
  const value = note?.trim() || null;
  if (value && value.length > NOTE_MAX)
    throw new DomainError('input.too_long', { field: 'note', max: NOTE_MAX });
  return value;
}

/** The mentor answers an alert or restriction, and may mark it resolved. */
export async function respondToIssue(
  deps: Deps,
  acting: Acting,
  updateId: string,
  input: { reply?: string | null; resolve: boolean },
): Promise<{ update: ProgressUpdate; pairing: Pairing }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const update = await getProgress(tx, acting.actor.tenantId, updateId);
    if (!update) throw new DomainError('record.not_found', { entity: 'progress' });
    const pairing = await getPairing(tx, acting.actor.tenantId, update.pairingId);
    if (!pairing) throw new DomainError('record.not_found', { entity: 'pairing' });
    authorize(acting.actor, 'checkin.respond', { kind: 'pairing', pairing });
    if (update.resolvedAt)
      throw new DomainError('transition.not_allowed', {
        entity: 'issue',
        from: 'resolved',
        event: 'respond',
      });
    const text = clipNote(input.reply);
    await answerProgress(tx, pairing.tenantId, update.id, text, input.resolve ? now : null);
    await recordAudit(tx, {
      tenantId: pairing.tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: acting.via,
      action: input.resolve ? 'checkin.resolve' : 'checkin.reply',
      subjectType: 'progress',
      subjectId: update.id,
    });
    return {
      update: { ...update, mentorReply: text ?? update.mentorReply, resolvedAt: input.resolve ? now : null },
      pairing,
    };
  });
}
