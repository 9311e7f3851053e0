import { authorize } from '../domain/authz.ts';
import { DomainError } from '../domain/errors.ts';
import type { MentoringSession, Pairing } from '../domain/model.ts';
import {
  canReportOutcome,
  checkSessionTime,
  nextSessionState,
  type SessionEvent,
} from '../domain/session.ts';
import { recordAudit } from '../store/audit.store.ts';
import type { Tx } from '../store/db.ts';
import { getPairing } from '../store/program.store.ts';
import { addSessionHistory, createSession, lockSession, saveSession } from '../store/session.store.ts';
import type { Acting, Deps } from './deps.ts';
import { requirePairPhase } from './phase.ts';

export const SESSION_TEXT_MAX = 500;

function clip(text: string | null | undefined, field: string): string | null {
  const value = text?.trim() || null;
  if (value && value.length > SESSION_TEXT_MAX)
    throw new DomainError('input.too_long', { field, max: SESSION_TEXT_MAX });
  return value;
}

async function lockedSession(
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<{ session: MentoringSession; pairing: Pairing }> {
  const session = await lockSession(tx, tenantId, id);
  if (!session) throw new DomainError('record.not_found', { entity: 'session' });
  const pairing = await getPairing(tx, tenantId, session.pairingId);
  if (!pairing) throw new DomainError('record.not_found', { entity: 'pairing' });
  return { session, pairing };
}

export async function proposeSession(
  deps: Deps,
  acting: Acting,
  input: {
    pairingId: string;
    startsAt: Date;
    durationMinutes: number;
    place?: string | null;
    agenda?: string | null;
  },
): Promise<{ session: MentoringSession; pairing: Pairing }> {
  const now = deps.clock.now();
  checkSessionTime(input.startsAt, input.durationMinutes, now);
  const place = clip(input.place, 'place');
  const agenda = clip(input.agenda, 'agenda');
  return deps.db.transaction().execute(async (tx) => {
    const pairing = await getPairing(tx, acting.actor.tenantId, input.pairingId);
    if (!pairing) throw new DomainError('record.not_found', { entity: 'pairing' });
    authorize(acting.actor, 'session.propose', { kind: 'pairing', pairing });
    await requirePairPhase(tx, acting, pairing, 'session.plan', now);
    const session = await createSession(tx, {
      tenantId: pairing.tenantId,
      pairingId: pairing.id,
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes,
      place,
      agenda,
      proposedBy: acting.actor.personId,
      now,
    });
    await recordAudit(tx, {
      tenantId: pairing.tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: acting.via,
      action: 'session.propose',
      subjectType: 'session',
      subjectId: session.id,
      data: { startsAt: input.startsAt.toISOString() },
    });
    return { session, pairing };
  });
}

type Answer =
  | { event: 'accept' }
  | { event: 'decline'; reason?: string | null }
  | { event: 'cancel'; reason?: string | null }
  | { event: 'reschedule'; startsAt: Date; durationMinutes?: number }
  | { event: 'held'; notes?: string | null; agreements?: string | null }
  | { event: 'not_held'; reason?: string | null };

const PERMISSION: Record<
  SessionEvent,
  'session.respond' | 'session.cancel' | 'session.report' | 'session.propose'
> = {
  accept: 'session.respond',
  decline: 'session.respond',
  reschedule: 'session.propose',
  cancel: 'session.cancel',
  held: 'session.report',
  not_held: 'session.report',
};

/**
 * Moves a session on: the other side accepts or declines a proposal; either side proposes
 * another time or cancels; after it started, either reports whether it happened. Every change
 * is kept in the session's history; calendar-visible changes bump the iCalendar sequence.
 */
export async function answerSession(
  deps: Deps,
  acting: Acting,
  sessionId: string,
  answer: Answer,
): Promise<{ session: MentoringSession; pairing: Pairing; previous: MentoringSession }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const { session, pairing } = await lockedSession(tx, acting.actor.tenantId, sessionId);
    const permission = PERMISSION[answer.event];
    authorize(
      acting.actor,
      permission,
      permission === 'session.propose' ? { kind: 'pairing', pairing } : { kind: 'session', session, pairing },
    );
    // Agreeing on a time is planning; declining, cancelling or recording what happened is not.
    if (answer.event === 'accept' || answer.event === 'reschedule')
      await requirePairPhase(tx, acting, pairing, 'session.plan', now);
    const state = nextSessionState(session.state, answer.event);
    let changes: Parameters<typeof saveSession>[2] = { state };
    switch (answer.event) {
      case 'accept':
        changes = { state, sequence: session.sequence + 1 };
        break;
      case 'decline':
        changes = { state, reason: clip(answer.reason, 'reason') };
        break;
      case 'cancel':
        changes = { state, reason: clip(answer.reason, 'reason'), sequence: session.sequence + 1 };
        break;
      case 'reschedule': {
        const duration = answer.durationMinutes ?? session.durationMinutes;
        checkSessionTime(answer.startsAt, duration, now);
        changes = {
          state,
          startsAt: answer.startsAt,
          durationMinutes: duration,
          proposedBy: acting.actor.personId,
          sequence: session.sequence + 1,
        };
        break;
      }
      case 'held':
      case 'not_held':
        if (!canReportOutcome(session.state, session.startsAt, now)) {
          throw new DomainError('transition.not_allowed', {
            entity: 'session',
            from: 'not_started',
            event: answer.event,
          });
        }
        changes =
          answer.event === 'held'
            ? { state, notes: clip(answer.notes, 'notes'), agreements: clip(answer.agreements, 'agreements') }
            : { state, reason: clip(answer.reason, 'reason') };
        break;
    }
    const saved = await saveSession(tx, session, changes, now);
    await addSessionHistory(
      tx,
      session.tenantId,
      session.id,
      answer.event,
      saved.startsAt,
      acting.actor.personId,
      now,
    );
    const onBehalf =
      acting.actor.staffRole === 'admin' &&
      acting.actor.personId !== pairing.mentorId &&
      acting.actor.personId !== pairing.menteeId;
    await recordAudit(tx, {
      tenantId: session.tenantId,
      at: now,
      actorId: acting.actor.personId,
      via: onBehalf ? 'on_behalf' : acting.via,
      action: `session.${answer.event}`,
      subjectType: 'session',
      subjectId: session.id,
      data: { from: session.state, to: state },
    });
    return { session: saved, pairing, previous: session };
  });
}
