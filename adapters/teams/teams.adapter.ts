import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, ConversationReference } from '@microsoft/agents-activity';
import {
  type AuthConfiguration,
  authorizeJWT,
  CloudAdapter,
  type ConnectorClient,
  type TurnContext,
} from '@microsoft/agents-hosting';
import { z } from 'zod';
import type { Clock } from '../../src/clock.ts';
import type { Config } from '../../src/config.ts';
import type { Tenant } from '../../src/domain/model.ts';
import type { Bot } from '../../src/flows/bot.ts';
import { isReadOnlyRequest } from '../../src/flows/commands.ts';
import type { Reply } from '../../src/flows/context.ts';
import { ChatDeliveryError, type ChatPort, type Recipient } from '../../src/flows/ports.ts';
import { translator } from '../../src/i18n/index.ts';
import type { Logger } from '../../src/log.ts';
import { type InboundEvent, MAX_UPLOAD_BYTES, type PlatformUser } from '../../src/messages/inbound.ts';
import type { OutboundMessage } from '../../src/messages/model.ts';
import type { Inbox } from '../../src/services/inbox.ts';
import type { Db } from '../../src/store/db.ts';
import { deactivateIdentity, findIdentity, upsertIdentity } from '../../src/store/person.store.ts';
import { ensureTenant } from '../../src/store/tenant.store.ts';
import {
  type CardElement,
  FORM_VERB_PREFIX,
  formValues,
  renderCards,
  renderFormCard,
} from './adaptive-card.render.ts';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
/** Replies to post once the turn's HTTP answer is sent. */
type Later = { reference: Record<string, unknown>; reply: Reply }[];
const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const BODY_LIMIT = 1_000_000;

function cardActivity(card: CardElement): Partial<Activity> {
  return { type: 'message', attachments: [{ contentType: CARD, content: card }] } as Partial<Activity>;
}

/** Bot Connector errors: the person or the bot is gone (permanent), or try again later. */
export function classifyTeamsError(error: unknown): ChatDeliveryError {
  const e = error as {
    statusCode?: number;
    status?: number;
    response?: { status?: number; headers?: Record<string, string>; data?: { error?: { code?: string } } };
    code?: string;
    message?: string;
  };
  const status = e?.statusCode ?? e?.status ?? e?.response?.status;
  const code =
    e?.response?.data?.error?.code ?? e?.code ?? (error instanceof Error ? error.message : 'unknown');
  if (
    status === 403 ||
    status === 404 ||
    /BotNotInConversationRoster|MessageWritesBlocked|ConversationNotFound/.test(String(code))
  ) {
    return new ChatDeliveryError('permanent', String(code));
  }
  if (status === 429) {
    const retryAfter = Number(e?.response?.headers?.['retry-after'] ?? 1);
    return new ChatDeliveryError(
      'rate_limited',
      'throttled',
      (Number.isFinite(retryAfter) ? retryAfter : 1) * 1000,
    );
  }
  return new ChatDeliveryError('transient', `http_${status ?? 'error'}:${String(code)}`);
}

const RETRIED = new Set([429, 412, 502, 504]);

/** Retries 429, 412, 502 and 504 with backoff and jitter (Retry-After honoured up to 2 s), then gives up. */
async function withRetries<T>(task: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      const e = error as {
        statusCode?: number;
        status?: number;
        response?: { status?: number; headers?: Record<string, string> };
      };
      const status = e?.statusCode ?? e?.status ?? e?.response?.status;
      if (attempt >= attempts || !status || !RETRIED.has(status)) throw error;
      const retryAfter = Number(e.response?.headers?.['retry-after']);
      const base = Number.isFinite(retryAfter)
        ? Math.min(retryAfter * 1000, 2_000)
        : 200 * 2 ** (attempt - 1);
      await new Promise((r) => setTimeout(r, base + Math.random() * base * 0.3));
    }
  }
}

export interface TeamsAdapterOptions {
  config: Config;
  bot: Bot;
  db: Db;
  clock: Clock;
  log: Logger;
  /** Where reads wait between their invoke answer and their cards. */
  inbox: Inbox;
}

/**
 * A read (help, pending, lists) clicked on a card, as the inbox keeps it until answered: the
 * person and the conversation to post the answer to, from any process.
 */
const teamsRead = z.object({
  tenantId: z.string().max(64),
  eventId: z.string().max(300),
  user: z.object({
    externalId: z.string().max(300),
    name: z.string().max(300).optional(),
    locale: z.string().max(20).optional(),
    timezone: z.string().max(64).optional(),
  }),
  reference: z.record(z.string(), z.unknown()),
  actionId: z.string().max(255),
  value: z.string().max(2_000),
});

/**
 * Microsoft Teams for the core, on the M365 Agents SDK: personal chat in, Adaptive Cards out;
 * Action.Execute invokes answered with the refreshed card; proactive messages through the
 * conversation reference stored on every inbound activity. Each Teams tenant is a tenant.
 */
export class TeamsAdapter {
  readonly adapter: CloudAdapter;
  readonly port: TeamsChatPort;
  private readonly auth: AuthConfiguration;
  private readonly authenticated: boolean;
  private readonly tenants = new Map<string, Tenant>();
  private readonly knownMembers = new Set<string>();

  constructor(private readonly o: TeamsAdapterOptions) {
    const { config } = o;
    this.authenticated = Boolean(config.MICROSOFT_APP_ID && config.MICROSOFT_APP_PASSWORD);
    this.auth = (
      this.authenticated
        ? {
            clientId: config.MICROSOFT_APP_ID,
            clientSecret: config.MICROSOFT_APP_PASSWORD,
            tenantId: config.MICROSOFT_APP_TENANT_ID,
          }
        : {}
    ) as AuthConfiguration;
    this.adapter = new CloudAdapter(this.auth);
    this.adapter.onTurnError = async (_context, error) => {
      o.log.error({ err: error }, 'teams turn failed');
    };
    // Proactive sends need the bot's app id; anonymous (local) mode has none, any audience will do.
    this.port = new TeamsChatPort(this.adapter, config.MICROSOFT_APP_ID ?? 'anonymous-local-agent');
    o.inbox.register('teams', (payload, replay) => this.answerRead(payload, replay));
  }

  /** Answers a read from the inbox: its cards are posted to the conversation it came from. */
  private async answerRead(payload: unknown, replay: boolean): Promise<void> {
    const parsed = teamsRead.safeParse(payload);
    if (!parsed.success) {
      this.o.log.warn('teams read in the inbox is malformed: dropped');
      return;
    }
    const read = parsed.data;
    const reply = await this.o.bot.handle({
      eventId: read.eventId,
      tenantId: read.tenantId,
      platform: 'teams',
      user: { ...read.user, conversationRef: read.reference },
      kind: 'action',
      actionId: read.actionId,
      value: read.value,
      replay,
    });
    await this.post(read.reference, reply);
  }

  /** POST /api/messages. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      if (!body || typeof body !== 'object' || typeof body.type !== 'string')
        throw new Error('not an activity');
    } catch {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'invalid activity' }));
      return;
    }
    const request = {
      body,
      headers: req.headers as Record<string, string | string[] | undefined>,
      method: req.method,
      user: undefined as unknown,
    };
    const response = shimResponse(res);
    if (this.authenticated) {
      let passed = false;
      await authorizeJWT(this.auth)(request as never, response as never, () => {
        passed = true;
      });
      if (!passed) {
        if (!res.writableEnded) res.writeHead(401).end();
        return;
      }
    }
    // Cards the turn produced are posted after the answer: the connector (and the person's click)
    // does not wait for our outbound calls.
    const later: Later = [];
    try {
      await this.adapter.process(request as never, response as never, (context) => this.turn(context, later));
    } catch (error) {
      // The SDK refused the activity (no type, no conversation…): the sender's fault, nothing stored.
      this.o.log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'teams activity refused',
      );
      if (!res.headersSent)
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid activity' }));
      return;
    }
    if (!res.writableEnded) res.end();
    for (const { reference, reply } of later) {
      this.post(reference, reply).catch((error: unknown) =>
        this.o.log.warn({ err: classifyTeamsError(error).message }, 'teams reply not delivered'),
      );
    }
  }

  /** Posts a reply's cards to a conversation, with the connector's retries. */
  private async post(reference: Record<string, unknown>, reply: Reply): Promise<void> {
    const messages = [...(reply.replaceOriginal ? [reply.replaceOriginal] : []), ...reply.messages];
    const cards = messages.flatMap((m) => renderCards(m));
    if (reply.openForm) cards.push(renderFormCard(reply.openForm));
    if (cards.length === 0) return;
    await this.adapter.continueConversation(
      this.o.config.MICROSOFT_APP_ID ?? 'anonymous-local-agent',
      reference as unknown as ConversationReference,
      async (context) => {
        for (const card of cards) await withRetries(() => context.sendActivity(cardActivity(card) as never));
      },
    );
  }

  private async turn(context: TurnContext, later: Later): Promise<void> {
    const activity = context.activity;
    const tenantKey =
      activity.conversation?.tenantId ??
      (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ??
      'teams-local';
    // A tenant, once known, stays the same row: looked up once per process.
    let tenant = this.tenants.get(tenantKey);
    if (!tenant) {
      tenant = await ensureTenant(this.o.db, {
        platform: 'teams',
        externalId: tenantKey,
        name: tenantKey,
        defaultLocale: this.o.config.DEFAULT_LOCALE,
        defaultTimezone: this.o.config.DEFAULT_TIMEZONE,
      });
      this.tenants.set(tenantKey, tenant);
    }
    const from = activity.from;
    if (!from?.id) return;
    const reference = activity.getConversationReference() as unknown as Record<string, unknown>;
    const user: PlatformUser = {
      externalId: from.id,
      name: from.name,
      locale: activity.locale,
      timezone: activity.localTimezone,
      conversationRef: reference,
    };
    // On first contact, the member's email (or UPN) links them to the roster.
    const memberKey = `${tenant.id}:${from.id}`;
    // Members already linked are remembered, so later turns skip the lookup.
    const known =
      this.knownMembers.has(memberKey) || Boolean(await findIdentity(this.o.db, tenant.id, 'teams', from.id));
    if (known) {
      if (this.knownMembers.size > 100_000) this.knownMembers.clear();
      this.knownMembers.add(memberKey);
    }
    if (activity.conversation?.id && !known) {
      try {
        const connector = context.turnState.get<ConnectorClient>(this.adapter.ConnectorClientKey);
        const member = (await connector?.getConversationMember(from.id, activity.conversation.id)) as
          | { email?: string; userPrincipalName?: string }
          | undefined;
        user.email = member?.email ?? member?.userPrincipalName;
      } catch {
        // Without the member's email the person is created on their own and linked later.
      }
    }
    const base = {
      eventId: activity.id ?? `${from.id}:${Date.now()}`,
      tenantId: tenant.id,
      platform: 'teams' as const,
      user,
    };

    if (activity.type === 'installationUpdate') {
      const identity = await findIdentity(this.o.db, tenant.id, 'teams', from.id);
      const action = (activity as { action?: string }).action ?? '';
      if (identity && action.startsWith('remove'))
        await deactivateIdentity(this.o.db, tenant.id, identity.id, 'app_removed', this.o.clock.now());
      if (identity && action.startsWith('add')) {
        await upsertIdentity(this.o.db, {
          tenantId: tenant.id,
          personId: identity.personId,
          platform: 'teams',
          externalId: from.id,
          conversationRef: reference,
          now: this.o.clock.now(),
        });
      }
      return;
    }

    if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
      const action = (
        activity.value as { action?: { verb?: string; data?: Record<string, unknown> } } | undefined
      )?.action;
      const event = this.fromCard(base, action?.verb ?? '', action?.data ?? {});
      // A known person's read is answered after the invoke, from the inbox.
      if (known && event.kind === 'action' && isReadOnlyRequest(event)) {
        const read = teamsRead.safeParse({
          ...event,
          user: { ...user, conversationRef: undefined },
          reference,
        });
        if (read.success) {
          const t = translator(
            activity.locale?.toLowerCase().startsWith('en') ? 'en' : this.o.config.DEFAULT_LOCALE,
          );
          let text: string;
          try {
            await this.o.inbox.accept(`teams:${read.data.eventId}`, 'teams', read.data);
            text = t('common.on_its_way');
          } catch (error) {
            this.o.log.warn(
              { err: error instanceof Error ? error.message : String(error) },
              'teams read not stored',
            );
            text = t('errors.unexpected');
          }
          await context.sendActivity({
            type: 'invokeResponse',
            value: { status: 200, body: { statusCode: 200, type: MESSAGE, value: text } },
          } as never);
          return;
        }
      }
      const reply = await this.o.bot.handle(event);
      await context.sendActivity({
        type: 'invokeResponse',
        value: { status: 200, body: this.invokeBody(reply) },
      } as never);
      later.push({ reference, reply: { ...reply, replaceOriginal: undefined, openForm: undefined } });
      return;
    }

    if (activity.type === 'message') {
      // Older clients send Action.Submit as a message with a value instead of an invoke.
      const value = activity.value as
        | { verb?: string; value?: string; action?: { verb?: string; data?: Record<string, unknown> } }
        | undefined;
      const event: InboundEvent =
        value && (value.verb || value.action?.verb)
          ? this.fromCard(
              base,
              value.verb ?? value.action?.verb ?? '',
              value.action?.data ?? (value as Record<string, unknown>),
            )
          : ((await this.sharedFile(base, activity.attachments)) ?? {
              ...base,
              kind: 'message',
              text: (activity.text ?? '').replace(/<at>.*?<\/at>/g, '').trim(),
            });
      const reply = await this.o.bot.handle(event);
      later.push({ reference, reply });
    }
  }

  /**
   * A file shared in the personal chat arrives as a download-info attachment with a short-lived,
   * pre-authorised URL on SharePoint; it is read at once, up to the size the core accepts.
   */
  private async sharedFile(
    base: Omit<InboundEvent, 'kind'>,
    attachments: { contentType?: string; name?: string; content?: unknown }[] | undefined,
  ): Promise<InboundEvent | undefined> {
    const file = attachments?.find((a) => a.contentType === FILE_DOWNLOAD_INFO);
    if (!file) return undefined;
    const url = (file.content as { downloadUrl?: string } | undefined)?.downloadUrl;
    let content = '';
    let size = 0;
    if (url?.startsWith('https://')) {
      try {
        const response = await fetch(url, { redirect: 'follow' });
        const declared = Number(response.headers.get('content-length') ?? 0);
        if (response.ok && declared <= MAX_UPLOAD_BYTES) {
          const bytes = Buffer.from(await response.arrayBuffer());
          size = bytes.length;
          if (bytes.length <= MAX_UPLOAD_BYTES) content = bytes.toString('utf8');
        } else size = declared;
      } catch {
        // Unreadable: the core answers that it could not read the file.
      }
    }
    return {
      ...base,
      kind: 'file',
      name: (file.name ?? 'archivo').slice(0, 200),
      size,
      content,
    } as InboundEvent;
  }

  private fromCard(
    base: Omit<InboundEvent, 'kind'>,
    verb: string,
    data: Record<string, unknown>,
  ): InboundEvent {
    const value = typeof data.value === 'string' ? data.value : '{}';
    if (verb.startsWith(FORM_VERB_PREFIX))
      return {
        ...base,
        kind: 'form',
        actionId: verb.slice(FORM_VERB_PREFIX.length),
        value,
        fields: formValues(data),
      } as InboundEvent;
    return { ...base, kind: 'action', actionId: verb, value } as InboundEvent;
  }

  /** The invoke answer: the refreshed card (an outcome, or the form to fill in), else a short message. */
  private invokeBody(reply: Reply): Record<string, unknown> {
    if (reply.openForm) return { statusCode: 200, type: CARD, value: renderFormCard(reply.openForm) };
    if (reply.replaceOriginal)
      return { statusCode: 200, type: CARD, value: renderCards(reply.replaceOriginal)[0] };
    const text = reply.messages[0]?.summary ?? '✓';
    return { statusCode: 200, type: MESSAGE, value: text };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The Express-like response the SDK writes to, over Node's ServerResponse. */
function shimResponse(res: ServerResponse) {
  let status = 200;
  const shim = {
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
    status(code: number) {
      status = code;
      return shim;
    },
    setHeader(name: string, value: string) {
      res.setHeader(name, value);
      return shim;
    },
    send(body?: unknown) {
      if (res.writableEnded) return shim;
      if (body === undefined) res.writeHead(status).end();
      else if (typeof body === 'string' || Buffer.isBuffer(body)) res.writeHead(status).end(body);
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return shim;
    },
    end() {
      if (!res.writableEnded) res.writeHead(status).end();
      return shim;
    },
  };
  return shim;
}

/** The core's outbound port for Teams: proactive messages through the stored conversation reference. */
export class TeamsChatPort implements ChatPort {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async send(to: Recipient, message: OutboundMessage): Promise<string | null> {
    const reference = to.identity.conversationRef as unknown as ConversationReference | null;
    if (!reference?.serviceUrl) throw new ChatDeliveryError('permanent', 'no_conversation_reference');
    let id: string | null = null;
    try {
      await this.adapter.continueConversation(this.appId, reference, async (context) => {
        for (const card of renderCards(message)) {
          const sent = await withRetries(() => context.sendActivity(cardActivity(card) as never));
          id = sent?.id ?? id;
        }
      });
    } catch (error) {
      throw error instanceof ChatDeliveryError ? error : classifyTeamsError(error);
    }
    return id ? `${reference.conversation?.id ?? ''}|${id}` : null;
  }

  async update(to: Recipient, ref: string, message: OutboundMessage): Promise<void> {
    const reference = to.identity.conversationRef as unknown as ConversationReference | null;
    const [, activityId] = ref.split('|');
    if (!reference?.serviceUrl || !activityId) return;
    try {
      await this.adapter.continueConversation(this.appId, reference, async (context) => {
        const [card] = renderCards(message);
        await withRetries(() =>
          context.updateActivity({ ...cardActivity(card as CardElement), id: activityId } as never),
        );
      });
    } catch (error) {
      throw classifyTeamsError(error);
    }
  }
}
