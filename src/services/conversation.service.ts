import type { Platform } from '../domain/model.ts';
import {
  advanceConversation,
  type ConversationState,
  endConversation,
  forgetProcessed,
  rememberCycle,
  startConversation,
} from '../store/conversation.store.ts';
import { acceptEvent, markPrivacyNotice } from '../store/person.store.ts';
import type { Deps } from './deps.ts';

/**
 * Where each person's conversation stands, and which deliveries were processed: the state the
 * dispatcher keeps between turns, in PostgreSQL, so that any replica takes the next message.
 */

/**
 * Records a delivery as processed and finds who sent it and their conversation, in one round
 * trip; `fresh` is false for a delivery seen already (a retry, a double click).
 */
export function acceptDelivery(
  deps: Deps,
  input: { tenantId: string; key: string; platform: Platform; externalId: string },
): ReturnType<typeof acceptEvent> {
  return acceptEvent(deps.db, { ...input, now: deps.clock.now() });
}

/** Gives a delivery's key back: nothing of it was kept, so a retry must run again. */
export function forgetDelivery(deps: Deps, tenantId: string, key: string): Promise<void> {
  return forgetProcessed(deps.db, tenantId, key);
}

/** Starts a person's conversation (replacing one in progress). */
export function startFlow(
  deps: Deps,
  tenantId: string,
  personId: string,
  state: Omit<ConversationState, 'version'>,
): Promise<ConversationState> {
  return startConversation(deps.db, tenantId, personId, state, deps.clock.now());
}

/** Moves a conversation on, if nobody moved it since `expected`; undefined when someone did. */
export function advanceFlow(
  deps: Deps,
  tenantId: string,
  personId: string,
  expected: number,
  state: Omit<ConversationState, 'version'>,
): Promise<ConversationState | undefined> {
  return advanceConversation(deps.db, tenantId, personId, expected, state, deps.clock.now());
}

/** Ends a person's conversation (the one at `expected`, when given). */
export function endFlow(deps: Deps, tenantId: string, personId: string, expected?: number): Promise<boolean> {
  return endConversation(deps.db, tenantId, personId, expected);
}

/** Remembers the cycle a person chose among several running ones, until `until`. */
export function rememberCycleChoice(
  deps: Deps,
  tenantId: string,
  personId: string,
  cycleId: string,
  until: Date,
): Promise<void> {
  return rememberCycle(deps.db, tenantId, personId, cycleId, until);
}

/** Marks the privacy notice shown to a person; true only the first time, whatever the replicas. */
export function markNoticeShown(deps: Deps, tenantId: string, personId: string): Promise<boolean> {
  return markPrivacyNotice(deps.db, tenantId, personId, deps.clock.now());
}
