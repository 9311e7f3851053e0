import type { Actor } from '../domain/authz.ts';
import { authorize } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import type { Cycle } from '../domain/model.ts';
import { attendanceOpen, type Plenary } from '../domain/plenary.ts';
import { recordAudit } from '../store/audit.store.ts';
import { insertNudges } from '../store/nudge.store.ts';
import {
  attendanceByPerson,
  attendanceOf,
  createPlenary,
  getPlenary,
  isParticipant,
  markAttendance,
} from '../store/plenary.store.ts';
import type { AdminRun } from './admin.service.ts';
import type { Deps } from './context.ts';

export const PLENARY_TITLE_MAX = 150;

/**
 * Schedules a plenary for a cycle: every participant is told now, and gets the attendance button
 * when it starts (both as queued reminders, sent in their language and zone by the dispatcher).
 */
export async function schedulePlenary(
  deps: Deps,
  run: AdminRun,
  cycle: Cycle,
  input: { title: string; startsAt: Date; durationMinutes: number },
): Promise<Plenary> {
  const title = input.title.trim();
  if (!title) throw new DomainError('input.empty', { field: 'title' });
  if (title.length > PLENARY_TITLE_MAX)
    throw new DomainError('input.too_long', { field: 'title', max: PLENARY_TITLE_MAX });
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 15 || input.durationMinutes > 480)
    throw new DomainError('plenary.duration');
  const now = deps.clock.now();
  if (input.startsAt.getTime() <= now.getTime()) throw new DomainError('plenary.past');
  return deps.db.transaction().execute(async (tx) => {
    const plenary = await createPlenary(tx, {
      tenantId: run.tenantId,
      cycleId: cycle.id,
      title,
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes,
    });
    const people = await attendanceByPerson(tx, run.tenantId, cycle.id);
    await insertNudges(
      tx,
      people.flatMap((p) => [
        {
          tenantId: run.tenantId,
          kind: 'plenary' as const,
          subjectId: plenary.id,
          slot: 'announce',
          recipientId: p.personId,
          dueAt: now,
        },
        {
          tenantId: run.tenantId,
          kind: 'plenary' as const,
          subjectId: plenary.id,
          slot: 'start',
          recipientId: p.personId,
          dueAt: plenary.startsAt,
        },
      ]),
      now,
    );
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: now,
      actorId: run.actorId,
      via: run.via,
      action: 'plenary.create',
      subjectType: 'plenary',
      subjectId: plenary.id,
      data: { title, startsAt: plenary.startsAt.toISOString(), durationMinutes: plenary.durationMinutes },
    });
    return plenary;
  });
}

export type AttendanceOutcome = 'marked' | 'already';

/**
 * A participant marks themselves present during the plenary's window; an admin marks anyone
 * present or absent once it has started (the paper attendance list), and that is audited.
 */
export async function recordAttendance(
  deps: Deps,
  actor: Actor,
  via: 'chat' | 'cli',
  plenaryId: string,
  personId: string,
  present: boolean,
): Promise<{ plenary: Plenary; outcome: AttendanceOutcome }> {
  const now = deps.clock.now();
  const plenary = await getPlenary(deps.db, actor.tenantId, plenaryId);
  if (!plenary) throw new DomainError('record.not_found', { entity: 'plenary' });
  const self = personId === actor.personId;
  if (!self) authorize(actor, 'admin.manage', { kind: 'tenant', tenantId: actor.tenantId });
  if (!(await isParticipant(deps.db, actor.tenantId, plenary.cycleId, personId)))
    throw new DomainError(self ? 'plenary.not_participant' : 'plenary.not_participant_other');
  if (self) {
    if (!present) throw new DomainError('auth.forbidden', { action: 'plenary.absent' });
    if (!attendanceOpen(plenary, now)) throw new DomainError('plenary.closed');
  } else if (now.getTime() < plenary.startsAt.getTime()) {
    throw new DomainError('plenary.not_started');
  }
  const before = await attendanceOf(deps.db, actor.tenantId, plenary.id, personId);
  if (before && before.present === present) return { plenary, outcome: 'already' };
  await markAttendance(deps.db, {
    tenantId: actor.tenantId,
    plenaryId: plenary.id,
    personId,
    present,
    markedBy: actor.personId,
    via: self ? via : 'on_behalf',
    at: now,
  });
  if (!self) {
    await recordAudit(deps.db, {
      tenantId: actor.tenantId,
      at: now,
      actorId: actor.personId,
      via: 'on_behalf',
      onBehalfOf: personId,
      action: 'plenary.attendance',
      subjectType: 'plenary',
      subjectId: plenary.id,
      data: { present },
    });
  }
  return { plenary, outcome: 'marked' };
}
