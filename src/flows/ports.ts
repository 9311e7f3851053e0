import type { Locale } from '../config.ts';
import type { Identity, Person, Platform, Tenant } from '../domain/model.ts';
import type { InboundEvent, PlatformUser } from '../messages/inbound.ts';
import type { MessageRef, OutboundMessage } from '../messages/model.ts';
import type { Installations } from '../services/platform.service.ts';
import type { Reply } from './context.ts';

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
    /** `workspace`: the platform refuses the bot's token in the whole tenant, not one conversation. */
    readonly scope?: 'workspace',
  ) {
    super(`${kind}: ${code}${retryAfterMs !== undefined ? ` (retry after ${retryAfterMs} ms)` : ''}`);
  }
}

export type { Installations } from '../services/platform.service.ts';
export type { Reply } from './context.ts';

/** What an adapter asks before acknowledging: is this event a read (help, pending, a list)? */
export type ReadProbe = { kind: 'text'; text: string } | { kind: 'action'; actionId: string; value: string };

/** A message the core wants sent to someone through the adapter that asked. */
export interface Notice {
  to: Recipient;
  message: OutboundMessage;
}

/**
 * The core as an adapter sees it: the one door in. An adapter turns its platform's traffic into
 * `InboundEvent`s and calls these; it never reads or writes the store itself.
 */
export interface CorePort {
  /** The server's language, for words said before the person is known. */
  readonly defaultLocale: Locale;
  /** A person's event in, the reply to show them out. */
  handle(event: InboundEvent): Promise<Reply>;
  /** What a person's home surface (Slack's App Home) shows. */
  home(input: { tenantId: string; platform: Platform; user: PlatformUser }): Promise<OutboundMessage[]>;
  /** Whether an event only reads, so it can be acknowledged at once and answered from the inbox. */
  isReadOnly(probe: ReadProbe): boolean;
  /** The tenant a platform names (workspace, organisation, Entra tenant), made on first sight. */
  tenant(platform: Platform, key: string, name?: string): Promise<Tenant>;
  /** The tenant a platform names, if it exists. */
  findTenant(platform: Platform, key: string): Promise<Tenant | undefined>;
  /** Registers how this platform answers a read kept in the inbox (in any process). */
  onRead(platform: Platform, answer: (payload: unknown, replay: boolean) => Promise<void>): void;
  /**
   * Keeps a read until it is answered: stored, with "on its way" in the reader's language, or not,
   * with "try again". Nothing else happens when it is not stored.
   */
  acceptRead(
    platform: Platform,
    eventId: string,
    payload: unknown,
    locale: string | undefined,
    /** The platform's key of the tenant (workspace, organization), to count its waiting requests. */
    tenantKey?: string,
  ): Promise<{ stored: boolean; text: string }>;
  /** "Something went wrong, try again" in a language (the server's when unknown). */
  tryAgain(locale?: string): string;
  /** A catalog text in a language (the server's when unknown). */
  say(locale: string | undefined, key: string, vars?: Record<string, unknown>): string;
  /** The language of the person behind an account: theirs, else the client's, else the server's. */
  languageOf(
    tenantId: string,
    platform: Platform,
    externalId: string,
    clientLocale?: string,
  ): Promise<Locale>;
  /** Whether an account is linked to a person with nothing left to look up (no profile call needed). */
  isSettled(tenantId: string, platform: Platform, externalId: string): Promise<boolean>;
  /** The bot was added (again) to an account's chat, now at this address. */
  identityAdded(
    tenantId: string,
    platform: Platform,
    externalId: string,
    conversationRef: Record<string, unknown> | null,
  ): Promise<void>;
  /** The person removed the bot: nothing more is sent to that account. */
  identityRemoved(tenantId: string, platform: Platform, externalId: string, reason: string): Promise<void>;
  /** The platform's stored installations (OAuth tokens), sealed at rest. */
  installations(platform: Platform): Installations;
  /** Someone installed the app: the first installer, or a workspace admin, administers the tenant. */
  installationAdded(input: {
    tenantId: string;
    platform: Platform;
    user: PlatformUser;
    first: boolean;
    workspaceAdmin: boolean;
  }): Promise<void>;
  /** The app was removed from a workspace (once per delivery): what was withdrawn, if anything. */
  installationRemoved(input: {
    platform: Platform;
    key: string;
    eventId: string;
    reason: string;
  }): Promise<{ tenantId: string; identities: number } | undefined>;
  /**
   * A workspace stopped accepting the bot's writes. Undefined when already reported today;
   * else what to tell the tenant's admins on this platform (empty without `tell`).
   */
  workspacePaused(input: {
    tenantId: string;
    platform: Platform;
    code: string;
    tell?: { key: string; vars: (t: (key: string) => string) => Record<string, unknown> } | undefined;
  }): Promise<Notice[] | undefined>;
}
