import { DomainError } from './errors.ts';
import type { SessionState } from './model.ts';

export type SessionEvent = 'accept' | 'decline' | 'reschedule' | 'cancel' | 'held' | 'not_held';

const TRANSITIONS: Record<SessionEvent, Partial<Record<SessionState, SessionState>>> = {
  accept: { proposed: 'confirmed' },
  decline: { proposed: 'declined' },
  // A new time proposed by either side: the other side has to accept it again.
  reschedule: { proposed: 'proposed', confirmed: 'proposed' },
  cancel: { proposed: 'cancelled', confirmed: 'cancelled' },
  held: { confirmed: 'held' },
  not_held: { confirmed: 'not_held' },
};

export function nextSessionState(state: SessionState, event: SessionEvent): SessionState {
  const next = TRANSITIONS[event][state];
  if (!next) throw new DomainError('transition.not_allowed', { entity: 'session', from: state, event });
  return next;
}

export const SESSION_MIN_MINUTES = 15;
export const SESSION_MAX_MINUTES = 240;

/** A proposed time must be in the future and last a sensible time. */
export function checkSessionTime(startsAt: Date, durationMinutes: number, now: Date): void {
  if (startsAt.getTime() <= now.getTime()) throw new DomainError('session.in_past');
  if (
    !Number.isInteger(durationMinutes) ||
    durationMinutes < SESSION_MIN_MINUTES ||
    durationMinutes > SESSION_MAX_MINUTES
  ) {
    throw new DomainError('session.duration', { min: SESSION_MIN_MINUTES, max: SESSION_MAX_MINUTES });
  }
}

/** Whether it can be reported as held or not: the session must have started. */
export function canReportOutcome(state: SessionState, startsAt: Date, now: Date): boolean {
  return state === 'confirmed' && startsAt.getTime() <= now.getTime();
}
