import type { Actor } from '../domain/authz.ts';
import { authorize } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import type { Cycle, Person } from '../domain/model.ts';
import { attendanceOpen, type Plenary } from '../domain/plenary.ts';
import type { OutboundMessage } from '../messages/model.ts';
import { recordAudit } from '../store/audit.store.ts';
import { newId } from '../store/ids.ts';
import { insertNudges, queueNotices } from '../store/nudge.store.ts';
import { getPeople } from '../store/person.store.ts';
import {
  attendanceByPerson,
  attendanceOf,
  createPlenary,
  deletePlenary,
  getPlenary,
  isParticipant,
  lockPlenary,
  markAttendance,
  unannouncedTo,
  updatePlenary,
} from '../store/plenary.store.ts';
import type { AdminRun } from './admin.service.ts';
import type { Deps } from './deps.ts';

export const PLENARY_TITLE_MAX = 150;

/** A plenary's title, length and time as entered; returns the trimmed title. */
function checkPlenaryInput(input: { title: string; startsAt: Date; durationMinutes: number }, now: Date) {
  const title = input.title.trim();
  if (!title) throw new DomainError('input.empty', { field: 'title' });
  if (title.length > PLENARY_TITLE_MAX)
    throw new DomainError('input.too_long', { field: 'title', max: PLENARY_TITLE_MAX });
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 15 || input.durationMinutes > 480)
    throw new DomainError('plenary.duration');
  if (input.startsAt.getTime() <= now.getTime()) throw new DomainError('plenary.past');
  return title;
}

/** How each participant hears of a change: the message in their own language and zone. */
export type PlenaryNotice = (person: Person, plenary: Plenary, before: Plenary) => OutboundMessage;

/**
 * Changes a plenary that has not begun (title, time, length) or cancels it, and tells every
 * participant of the cycle who heard of it, through queued messages. A plenary that began (its
 * attendance may be marked) or one cancelled already is refused.
 */
export async function changePlenary(
  deps: Deps,
  run: AdminRun,
  plenaryId: string,
  change: { title: string; startsAt: Date; durationMinutes: number } | 'cancel',
  tell: PlenaryNotice,
): Promise<{ before: Plenary; after: Plenary | null }> {
  const now = deps.clock.now();
  const title = change === 'cancel' ? '' : checkPlenaryInput(change, now);
  return deps.db.transaction().execute(async (tx) => {
    const before = await lockPlenary(tx, run.tenantId, plenaryId);
    if (!before) throw new DomainError('record.not_found', { entity: 'plenary' });
    if (before.startsAt.getTime() <= now.getTime()) throw new DomainError('plenary.started');
    if (
      change !== 'cancel' &&
      title === before.title &&
      change.startsAt.getTime() === before.startsAt.getTime() &&
      change.durationMinutes === before.durationMinutes
    )
      throw new DomainError('plenary.unchanged');
    // Whoever has not had the announcement yet gets it as the plenary now is (or not at all).
    const unannounced = await unannouncedTo(tx, run.tenantId, before.id);
    let after: Plenary | null = null;
    if (change === 'cancel') {
      await deletePlenary(tx, run.tenantId, before.id);
    } else {
      after = await updatePlenary(tx, run.tenantId, before.id, { ...change, title }, now);
    }
    const participants = await attendanceByPerson(tx, run.tenantId, before.cycleId);
    const people = await getPeople(
      tx,
      run.tenantId,
      participants.map((p) => p.personId).filter((id) => !unannounced.has(id)),
    );
    await queueNotices(
      tx,
      [...people.values()].map((person) => ({
        tenantId: run.tenantId,
        recipientId: person.id,
        message: tell(person, after ?? before, before),
      })),
      now,
    );
    await recordAudit(tx, {
      tenantId: run.tenantId,
      at: now,
      actorId: run.actorId,
      via: run.via,
      action: change === 'cancel' ? 'plenary.cancel' : 'plenary.update',
      subjectType: 'plenary',
      subjectId: before.id,
      data: {
        cycleId: before.cycleId,
        title: before.title,
        startsAt: before.startsAt.toISOString(),
        durationMinutes: before.durationMinutes,
        ...(after
          ? {
              newTitle: after.title,
              newStartsAt: after.startsAt.toISOString(),
              newDurationMinutes: after.durationMinutes,
            }
          : {}),
        told: people.size,
      },
    });
    return { before, after };
  });
}

/**
 * Schedules a plenary for a cycle: every participant is told now, and gets the attendance button
 * when it starts (both as queued reminders, sent in their language and zone by the dispatcher).
 */
export async function schedulePlenary(
  deps: Deps,
  run: AdminRun,
  cycle: Cycle,
  input: { title: string; startsAt: Date; durationMinutes: number },
  /** Chosen when the admin was asked to confirm: the same confirmation twice schedules once. */
  id = newId(),
): Promise<Plenary> {
  const now = deps.clock.now();
  const title = checkPlenaryInput(input, now);
  return deps.db.transaction().execute(async (tx) => {
    const plenary = await createPlenary(tx, {
      id,
      tenantId: run.tenantId,
      cycleId: cycle.id,
      title,
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes,
    });
    if (!plenary) throw new DomainError('plenary.already_scheduled');
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
