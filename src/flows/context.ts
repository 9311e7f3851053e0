import type { Clock } from '../clock.ts';
import type { Locale } from '../config.ts';
import { type Actor, authorize } from '../domain/authz.ts';
import type { Person, Tenant } from '../domain/model.ts';
import { type Formatter, formatter, type T, translator } from '../i18n/index.ts';
import type { Form, OutboundMessage } from '../messages/model.ts';
import type { FileBuilder } from '../reports/file-pool.ts';
import type { AiCoach } from '../services/ai-coach.service.ts';
import { keepUntilReachable, reachableIdentities } from '../services/delivery.service.ts';
import type { Acting } from '../services/deps.ts';
import type { LinkSigner } from '../services/links.ts';
import type { Db } from '../store/db.ts';
import { getPerson } from '../store/person.store.ts';
import type { ChatPort } from './ports.ts';

/** Everything the core needs from outside, injected by the composition root. */
export interface CoreDeps {
  db: Db;
  clock: Clock;
  chat: ChatPort;
  defaults: { locale: Locale; timezone: string };
  /** Emails that administer their tenant (ADMIN_EMAILS), lower-case. */
  adminEmails?: string[];
  /** Signed download links for report files, when the server has a public address. */
  links?: { signer: LinkSigner; baseUrl: string; ttlHours: number };
  /** Report files are built by worker threads, off the event loop, when the server has them. */
  files?: FileBuilder | undefined;
  /** The optional AI coach (LLM_BASE_URL), and how many suggestions a person may ask for a day. */
  aiCoach?: AiCoach | undefined;
  aiMaxCallsPerDay?: number;
  /**
   * Platforms whose chats take no file from a bot (Teams: only after a consent card, and only to
   * OneDrive): their files go out as signed links. From each platform module's `takesFiles`.
   */
  fileless?: ReadonlySet<string> | undefined;
  /** Reports failures that must not break a conversation (a notification that could not be sent). */
  onError?: (error: unknown, context: string) => void;
}

/** One turn of one person: who, where, in which words and zone. */
export interface Ctx {
  deps: CoreDeps;
  tenant: Tenant;
  person: Person;
  actor: Actor;
  acting: Acting;
  t: T;
  fmt: Formatter;
  now: Date;
}

/** What the core answers the person who acted. */
export interface Reply {
  messages: OutboundMessage[];
  /** The clicked message, re-rendered: a decided request shows its outcome instead of live buttons. */
  replaceOriginal?: OutboundMessage;
  /**
   * The clicked message was a question now answered: platforms that can edit it take its buttons
   * away and show the choice made (used when there is no `replaceOriginal`).
   */
  answered?: boolean;
  /** A form to open (a modal in Slack, a card in Teams, questions in the console). */
  openForm?: Form;
  /** A submitted form was refused: field id → translated problem (Slack shows them in the modal). */
  formErrors?: Record<string, string>;
  /** The event was refused (bad value, not allowed): a form submission refused consumes nothing. */
  refused?: boolean;
}

export function reply(...messages: OutboundMessage[]): Reply {
  return { messages };
}

/** The words and formats of another person, for messages the bot sends them. */
export function readerOf(person: Person): { t: T; fmt: Formatter } {
  return { t: translator(person.locale, person.gender), fmt: formatter(person.locale, person.timezone) };
}

/**
 * Sends a message to another person in their own language and zone, through every active identity.
 * A failure to deliver is reported, never undoes the state change that caused it.
 */
export async function notify(
  ctx: Ctx,
  personId: string,
  build: (reader: { t: T; fmt: Formatter; person: Person }) => OutboundMessage | Promise<OutboundMessage>,
): Promise<void> {
  const person =
    personId === ctx.person.id ? ctx.person : await getPerson(ctx.deps.db, ctx.tenant.id, personId);
  if (!person) return;
  const identities = await reachableIdentities(ctx.deps, ctx.tenant, person);
  const message = await build({ ...readerOf(person), person });
  if (identities.length === 0) {
    // Not reachable yet (never wrote to the bot): the message waits until they first write.
    await keepUntilReachable(ctx.deps, ctx.tenant.id, person.id, message);
    return;
  }
  for (const identity of identities) {
    try {
      await ctx.deps.chat.send({ person, identity }, message);
    } catch (error) {
      ctx.deps.onError?.(error, `notify ${identity.platform}`);
    }
  }
}

/** Refuses anyone but the tenant's admins (directors get the read-only answer). */
export function requireAdmin(ctx: Ctx): void {
  authorize(ctx.actor, 'admin.manage', { kind: 'tenant', tenantId: ctx.tenant.id });
}

/** The admin acting in chat, as the services record it. */
export function adminRun(ctx: Ctx): { tenantId: string; actorId: string; via: Acting['via'] } {
  return { tenantId: ctx.tenant.id, actorId: ctx.person.id, via: ctx.acting.via };
}
