import type { Identity, Person, Tenant } from '../domain/model.ts';
import type { MessageRef, OutboundMessage } from '../messages/model.ts';

/** Someone the bot writes to on its own, through one of their platform identities. */
export interface Recipient {
  person: Person;
  identity: Identity;
}

/**
 * What the core asks of a chat platform. Implemented once per platform (Slack, Teams, console);
 * tests use a working in-memory version.
 */
export interface ChatPort {
  /** Sends a message to a person; returns where it lives, to update it later. */
  send(to: Recipient, message: OutboundMessage): Promise<MessageRef | null>;
  /** Replaces a message sent earlier (a decided request shows its outcome, not live buttons). */
  update(to: Recipient, ref: MessageRef, message: OutboundMessage): Promise<void>;
  /**
   * Finds a roster person on the tenant's platform by email (Slack's users.lookupByEmail), so
   * the bot can reach people who have not written to it yet. Null when not found.
   */
  findByEmail?(
    tenant: Tenant,
    email: string,
  ): Promise<{ externalId: string; conversationRef?: Record<string, unknown> } | null>;
}

/**
 * A send that failed, classified by the adapter: `rate_limited` (retry after the platform's
 * Retry-After), `transient` (network, 5xx: retry with backoff), `permanent` (the person left,
 * the bot was removed: stop writing to this identity).
 */
export class ChatDeliveryError extends Error {
  override readonly name = 'ChatDeliveryError';
  constructor(
    readonly kind: 'rate_limited' | 'transient' | 'permanent',
    readonly code: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${kind}: ${code}${retryAfterMs !== undefined ? ` (retry after ${retryAfterMs} ms)` : ''}`);
  }
}
