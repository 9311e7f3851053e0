import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, ConversationReference } from '@microsoft/agents-activity';
import {
  type AuthConfiguration,
  CloudAdapter,
  ConnectorClient,
  type HeaderPropagationCollection,
  OutboundHostValidator,
  type TurnContext,
  UserTokenClient,
} from '@microsoft/agents-hosting';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import type { Clock } from '../../src/clock.ts';
import type { Tenant } from '../../src/domain/model.ts';
import {
  ChatDeliveryError,
  type ChatPort,
  type CorePort,
  type Recipient,
  type Reply,
} from '../../src/flows/ports.ts';
import type { Logger } from '../../src/log.ts';
import type { FileReader, InboundEvent, PlatformUser } from '../../src/messages/inbound.ts';
import type { OutboundMessage } from '../../src/messages/model.ts';
import { readCapped } from '../http/read-capped.ts';
import {
  type CardElement,
  FORM_VERB_PREFIX,
  formValues,
  renderCards,
  renderFormCard,
  submittedForm,
} from './adaptive-card.render.ts';
import { anonymousTeamsAllowed, type TeamsConfig } from './platform.ts';
import {
  BotCredentialsRefused,
  BotTokenSource,
  type TeamsClaims,
  TeamsTokenVerifier,
  TokenRefused,
} from './teams-auth.ts';
import { ProactiveInstaller } from './teams-graph.ts';
import { type TeamsIdentity, teamsIdentities } from './teams-identities.ts';

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
/** Cards to post once the turn's HTTP answer is sent. */
type Later = { reference: Record<string, unknown>; cards: CardElement[] }[];
/** The longest answer shown in the banner of a clicked card; a longer one comes as a card. */
const BANNER_MAX = 300;
const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const BODY_LIMIT = 1_000_000;

function cardActivity(card: CardElement): Partial<Activity> {
  return { type: 'message', attachments: [{ contentType: CARD, content: card }] } as Partial<Activity>;
}

/** How long a tenant's messages wait, untried, after Entra refused the bot's credentials. */
const CREDENTIALS_PAUSE_MS = 15 * 60_000;

/**
 * Bot Connector errors: the person or the bot is gone (permanent), the bot's own credentials
 * refused (every conversation waits: a pause), or try again later.
 */
export function classifyTeamsError(error: unknown): ChatDeliveryError {
  if (error instanceof BotCredentialsRefused)
    return new ChatDeliveryError('rate_limited', error.code, CREDENTIALS_PAUSE_MS, 'workspace');
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

/**
 * Hosts a file shared in the personal chat may be read from: Teams hands the bot a pre-authorised
 * download URL on the uploader's OneDrive (SharePoint). Nothing else is ever fetched.
 */
const FILE_HOSTS = ['sharepoint.com', 'sharepoint.us'];

function hostIn(url: string, suffixes: string[]): boolean {
  try {
    const u = new URL(url);
    const host = u.hostname.toLowerCase();
    return u.protocol === 'https:' && suffixes.some((s) => host === s || host.endsWith(`.${s}`));
  } catch {
    return false;
  }
}

/**
 * Reads a shared file from its download URL only when the core asks (after it has checked that
 * the sender may import files): no redirects, streamed, abandoned past the cap.
 */
export function teamsFileReader(url: string | undefined): FileReader {
  return async (maxBytes) => {
    if (!url || !hostIn(url, FILE_HOSTS)) return undefined;
    try {
      const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(20_000) });
      if (response.status !== 200 || !response.body) {
        await response.body?.cancel().catch(() => {});
        return undefined;
      }
      return await readCapped(response, maxBytes);
    } catch {
      return undefined;
    }
  };
}

/** The verified claims of a request (the SDK's `JwtPayload`), or none for anonymous ones. */
type Identity = { aud?: unknown } | undefined;

/**
 * The SDK's CloudAdapter with our credentials: replies carry the bot's own token (client
 * credentials, see `BotTokenSource`) and go only to Microsoft's hosts (the SDK's outbound host
 * allow-list, on), whatever serviceUrl an activity names.
 */
class MentoriaCloudAdapter extends CloudAdapter {
  constructor(
    auth: AuthConfiguration,
    /** The bot's own token source per bot identity (app id): a turn's claims name the identity. */
    private readonly tokens: ReadonlyMap<string, BotTokenSource>,
    readonly hosts: OutboundHostValidator,
  ) {
    super(auth, undefined, undefined, { validateServiceUrl: true }, hosts);
  }

  protected override async createConnectorClientWithIdentity(
    identity: Identity,
    activity: Activity,
    headers?: HeaderPropagationCollection,
  ): Promise<ConnectorClient> {
    const serviceUrl = activity.serviceUrl ?? '';
    if (!this.hosts.isAllowed(serviceUrl)) throw new Error('serviceUrl host not allowed');
    // Anonymous (local) requests carry no audience, and get no token.
    const source = typeof identity?.aud === 'string' ? this.tokens.get(identity.aud) : undefined;
    const token = source ? await source.token() : null;
    return ConnectorClient.createClientWithToken(serviceUrl, token as string, headers);
  }

  protected override async createConnectorClient(
    serviceUrl: string,
    _scope: string,
    identity: Identity,
    headers?: HeaderPropagationCollection,
  ): Promise<ConnectorClient> {
    return this.createConnectorClientWithIdentity(identity as never, { serviceUrl } as Activity, headers);
  }

  // The bot uses no user sign-in (OAuth cards): the user token service is never called.
  protected override async createUserTokenClient(): Promise<UserTokenClient> {
    return UserTokenClient.createClientWithScope(
      'https://api.botframework.com',
      null as never,
      'https://api.botframework.com',
    );
  }
}

/** Why an activity is refused before the core sees it: the HTTP status and a log line. */
class ActivityRefused extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface TeamsAdapterOptions {
  config: TeamsConfig;
  /** The core's door: events, tenants, accounts, reads answered after the invoke. */
  core: CorePort;
  clock: Clock;
  log: Logger;
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
  readonly adapter: MentoriaCloudAdapter;
  readonly port: TeamsChatPort;
  /** Bot identities by the Entra tenant they serve ('*': any tenant); none in anonymous mode. */
  private readonly identities = new Map<string, TeamsIdentity & { verifier: TeamsTokenVerifier }>();

  constructor(private readonly o: TeamsAdapterOptions) {
    const { config } = o;
    for (const identity of teamsIdentities(config))
      this.identities.set(identity.tenant, {
        ...identity,
        verifier: new TeamsTokenVerifier(identity.settings),
      });
    const all = [...this.identities.values()];
    const first = all[0]?.settings;
    const auth = (
      first ? { clientId: first.appId, clientSecret: first.appPassword, tenantId: first.tenantId } : {}
    ) as AuthConfiguration;
    // Anonymous mode serves a local client (Agents Playground) that calls back on loopback.
    const hosts = new OutboundHostValidator({
      enabled: true,
      hosts: first ? [] : ['localhost', '127.0.0.1'],
    });
    const tokens = new Map<string, BotTokenSource>();
    for (const { settings } of all)
      if (!tokens.has(settings.appId)) tokens.set(settings.appId, new BotTokenSource(settings));
    this.adapter = new MentoriaCloudAdapter(auth, tokens, hosts);
    this.adapter.onTurnError = async (_context, error) => {
      o.log.error({ err: error }, 'teams turn failed');
    };
    // Writing first to roster people who never opened the bot: Graph's proactive installation,
    // with each tenant's own identity and catalog id.
    // The bot's token goes to the Bot Connector only: a configured region off Microsoft's hosts is refused.
    const serviceUrl = config.TEAMS_SERVICE_URL ?? 'https://smba.trafficmanager.net/teams/';
    const onMicrosoft = hosts.isAllowed(serviceUrl);
    if (all.some((i) => i.catalogId) && !onMicrosoft)
      o.log.error('TEAMS_SERVICE_URL is not a Bot Connector host: proactive installation is off');
    const installers = new Map<string, ProactiveInstaller>();
    for (const identity of all)
      if (identity.catalogId && onMicrosoft)
        installers.set(
          identity.tenant,
          new ProactiveInstaller({
            identity: identity.settings,
            catalogId: identity.catalogId,
            serviceUrl,
            log: o.log,
          }),
        );
    this.port = new TeamsChatPort(
      this.adapter,
      (tenant) => this.appIdFor(tenant),
      (tenant) => installers.get(tenant.toLowerCase()) ?? installers.get('*'),
    );
    o.core.onRead('teams', (payload, replay) => this.answerRead(payload, replay));
  }

  /** The identity that serves a tenant: its own, else a multi-tenant one. */
  private identityFor(tenant: string | undefined) {
    return (tenant ? this.identities.get(tenant.toLowerCase()) : undefined) ?? this.identities.get('*');
  }

  /** The identity whose app id a bearer token is addressed to (unverified: it only picks the keys to check with). */
  private identityNamedBy(authorization: string | undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    let aud: unknown;
    try {
      aud = token ? decodeJwt(token).aud : undefined;
    } catch {
      return undefined;
    }
    return [...this.identities.values()].find((i) => i.settings.appId === aud);
  }

  /** The app id proactive sends to a tenant go out as; any will do in anonymous (local) mode. */
  private appIdFor(tenant: string | undefined): string {
    return this.identityFor(tenant)?.settings.appId ?? 'anonymous-local-agent';
  }

  /** Answers a read from the inbox: its cards are posted to the conversation it came from. */
  private async answerRead(payload: unknown, replay: boolean): Promise<void> {
    const parsed = teamsRead.safeParse(payload);
    if (!parsed.success) {
      this.o.log.warn('teams read in the inbox is malformed: dropped');
      return;
    }
    const read = parsed.data;
    const reply = await this.o.core.handle({
      eventId: read.eventId,
      tenantId: read.tenantId,
      platform: 'teams',
      user: { ...read.user, conversationRef: read.reference },
      kind: 'action',
      actionId: read.actionId,
      value: read.value,
      replay,
    });
    await this.post(read.reference, replyCards(reply));
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
    let tenantKey: string;
    try {
      if (this.identities.size) {
        // The activity's tenant picks the bot identity whose token it must carry.
        // An activity of a tenant no identity serves is still checked, with the identity its
        // token names, so that a genuine token of another tenant is told apart (403) from a forged one.
        const identity = this.identityFor(tenantOf(body)) ?? this.identityNamedBy(req.headers.authorization);
        if (!identity) throw new TokenRefused('no bot identity for this tenant');
        request.user = await identity.verifier.verify(req.headers.authorization, body);
      } else if (!anonymousTeamsAllowed(this.o.config)) throw new TokenRefused('anonymous requests are off');
      tenantKey = this.admit(body, request.user as TeamsClaims | undefined);
    } catch (error) {
      const refusal =
        error instanceof TokenRefused
          ? new ActivityRefused(401, error.reason)
          : error instanceof ActivityRefused
            ? error
            : new ActivityRefused(400, 'invalid activity');
      this.o.log.warn({ reason: refusal.reason, status: refusal.status }, 'teams activity refused');
      res
        .writeHead(refusal.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: refusal.status === 401 ? 'unauthorized' : 'refused' }));
      return;
    }
    // Cards the turn produced are posted after the answer: the connector (and the person's click)
    // does not wait for our outbound calls.
    const later: Later = [];
    try {
      await this.adapter.process(request as never, response as never, (context) =>
        this.turn(context, tenantKey, later),
      );
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
    for (const { reference, cards } of later) {
      this.post(reference, cards).catch((error: unknown) =>
        this.o.log.warn({ err: classifyTeamsError(error).message }, 'teams reply not delivered'),
      );
    }
  }

  /** Posts cards to a conversation, with the connector's retries. */
  private async post(reference: Record<string, unknown>, cards: CardElement[]): Promise<void> {
    if (cards.length === 0) return;
    await this.adapter.continueConversation(
      this.appIdFor(referenceTenant(reference)),
      reference as unknown as ConversationReference,
      async (context) => {
        for (const card of cards) await withRetries(() => context.sendActivity(cardActivity(card) as never));
      },
    );
  }

  /**
   * What an activity must be before the SDK or the core see it: from Teams, for a service on
   * Microsoft's hosts, of one tenant (the single-tenant bot's own), with an id when it is a
   * message or an invoke (ids make retries harmless). Returns the tenant's Teams id.
   */
  private admit(body: Record<string, unknown>, claims: TeamsClaims | undefined): string {
    const activity = body as {
      type?: unknown;
      id?: unknown;
      channelId?: unknown;
      serviceUrl?: unknown;
      conversation?: { id?: unknown; tenantId?: unknown };
      channelData?: { tenant?: { id?: unknown } };
    };
    if (activity.channelId !== 'msteams') throw new ActivityRefused(403, 'not a Teams activity');
    if (typeof activity.serviceUrl !== 'string' || !this.adapter.hosts.isAllowed(activity.serviceUrl))
      throw new ActivityRefused(403, 'serviceUrl not on a Microsoft host');
    if (typeof activity.conversation?.id !== 'string' || !activity.conversation.id)
      throw new ActivityRefused(400, 'no conversation');
    if (
      (activity.type === 'message' || activity.type === 'invoke') &&
      (typeof activity.id !== 'string' || !activity.id)
    )
      throw new ActivityRefused(400, 'activity without an id');
    // Bot Connector tokens name no tenant: the activity's channel data does.
    const fromChannel = activity.channelData?.tenant?.id;
    const fromConversation = activity.conversation.tenantId;
    const tenant = tenantOf(body);
    if (
      typeof fromChannel === 'string' &&
      typeof fromConversation === 'string' &&
      fromChannel !== fromConversation
    )
      throw new ActivityRefused(403, 'two tenants in one activity');
    if (typeof tenant !== 'string' || !tenant) {
      if (claims) throw new ActivityRefused(403, 'no tenant');
      return 'teams-local';
    }
    // A single-tenant identity serves its own tenant only.
    const own = this.identityFor(tenant);
    if (claims && (!own || (own.tenant !== '*' && own.tenant !== tenant.toLowerCase())))
      throw new ActivityRefused(403, 'activity of another tenant');
    return tenant;
  }

  private async turn(context: TurnContext, tenantKey: string, later: Later): Promise<void> {
    const activity = context.activity;
    // A tenant, once known, stays the same row: the core looks it up once per process.
    const tenant = await this.o.core.tenant('teams', tenantKey);
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
    // On first contact, the member's email (or UPN) links them to the roster. Members already
    // linked skip the lookup; an account whose lookup failed before is looked up until it works.
    const known = await this.o.core.isSettled(tenant.id, 'teams', from.id);
    if (activity.conversation?.id && !known) {
      try {
        const connector = context.turnState.get<ConnectorClient>(this.adapter.ConnectorClientKey);
        const member = (await connector?.getConversationMember(from.id, activity.conversation.id)) as
          | { email?: string; userPrincipalName?: string }
          | undefined;
        user.email = member?.email ?? member?.userPrincipalName;
      } catch {
        // Without the member's email the account stays pending: looked up again next time, and
        // linked to the roster person with that email when the lookup works.
        user.profilePending = true;
      }
    }
    const base = {
      // Teams activity ids are unique within a conversation only.
      eventId: `${activity.conversation?.id ?? ''}:${activity.id ?? ''}`,
      tenantId: tenant.id,
      platform: 'teams' as const,
      user,
    };

    if (activity.type === 'installationUpdate') {
      const action = (activity as { action?: string }).action ?? '';
      if (action.startsWith('remove'))
        await this.o.core.identityRemoved(tenant.id, 'teams', from.id, 'app_removed');
      if (action.startsWith('add')) await this.o.core.identityAdded(tenant.id, 'teams', from.id, reference);
      return;
    }

    if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
      const action = (
        activity.value as { action?: { verb?: string; data?: Record<string, unknown> } } | undefined
      )?.action;
      const event = this.fromCard(base, action?.verb ?? '', action?.data ?? {});
      // A known person's read is answered after the invoke, from the inbox.
      if (known && event.kind === 'action' && this.o.core.isReadOnly(event)) {
        const read = teamsRead.safeParse({
          ...event,
          user: { ...user, conversationRef: undefined },
          reference,
        });
        if (read.success) {
          // The person's own language, as everything the bot says to them (not the client's).
          const locale = await this.o.core.languageOf(tenant.id, 'teams', from.id, activity.locale);
          const { text } = await this.o.core.acceptRead(
            'teams',
            read.data.eventId,
            read.data,
            locale,
            tenantKey,
          );
          await context.sendActivity({
            type: 'invokeResponse',
            value: { status: 200, body: { statusCode: 200, type: MESSAGE, value: text } },
          } as never);
          return;
        }
      }
      const reply = await this.o.core.handle(event);
      const answer = invokeAnswer(event, reply, action?.data ?? {});
      await context.sendActivity({
        type: 'invokeResponse',
        value: { status: 200, body: answer.body },
      } as never);
      later.push({ reference, cards: answer.after });
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
          : (this.sharedFile(base, activity.attachments) ?? {
              ...base,
              kind: 'message',
              text: (activity.text ?? '').replace(/<at>.*?<\/at>/g, '').trim(),
            });
      const reply = await this.o.core.handle(event);
      later.push({ reference, cards: replyCards(reply) });
    }
  }

  /**
   * A file shared in the personal chat arrives as a download-info attachment with a short-lived,
   * pre-authorised URL on SharePoint; the core reads it only if the sender may import files.
   */
  private sharedFile(
    base: Omit<InboundEvent, 'kind'>,
    attachments: { contentType?: string; name?: string; content?: unknown }[] | undefined,
  ): InboundEvent | undefined {
    const file = attachments?.find((a) => a.contentType === FILE_DOWNLOAD_INFO);
    if (!file) return undefined;
    const url = (file.content as { downloadUrl?: unknown } | undefined)?.downloadUrl;
    return {
      ...base,
      kind: 'file',
      name: (file.name ?? 'archivo').slice(0, 200),
      size: 0,
      read: teamsFileReader(typeof url === 'string' ? url : undefined),
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
        submissionId: typeof data.submission === 'string' ? data.submission : undefined,
      } as InboundEvent;
    return { ...base, kind: 'action', actionId: verb, value } as InboundEvent;
  }
}

/** The Entra tenant an activity names: its channel data's, else its conversation's. */
function tenantOf(body: Record<string, unknown>): string | undefined {
  const activity = body as {
    conversation?: { tenantId?: unknown };
    channelData?: { tenant?: { id?: unknown } };
  };
  const fromChannel = activity.channelData?.tenant?.id;
  const fromConversation = activity.conversation?.tenantId;
  if (typeof fromChannel === 'string' && fromChannel) return fromChannel;
  return typeof fromConversation === 'string' && fromConversation ? fromConversation : undefined;
}

/** The tenant of a stored conversation reference. */
function referenceTenant(reference: Record<string, unknown>): string | undefined {
  const tenant = (reference as { conversation?: { tenantId?: unknown } }).conversation?.tenantId;
  return typeof tenant === 'string' ? tenant : undefined;
}

/** Every card of a reply, in order: the refreshed original, the messages, the form. */
function replyCards(reply: Reply): CardElement[] {
  const messages = [...(reply.replaceOriginal ? [reply.replaceOriginal] : []), ...reply.messages];
  const cards = messages.flatMap((m) => renderCards(m));
  if (reply.openForm) cards.push(renderFormCard(reply.openForm));
  return cards;
}

/** A message that is only words: it fits in a clicked card's banner. */
function bannerText(message: OutboundMessage | undefined): string | undefined {
  if (!message?.blocks.every((b) => b.type === 'text' || b.type === 'context')) return undefined;
  const text = message.blocks
    .map((b) => (b.type === 'text' || b.type === 'context' ? b.text : ''))
    .join('\n');
  return text.length <= BANNER_MAX ? text : undefined;
}

/** What was typed in a form, as the card shows it (a multi-choice comma-joined). */
function typedValues(fields: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
}

const banner = (value: string) => ({ statusCode: 200, type: MESSAGE, value });
const cardBody = (value: CardElement) => ({ statusCode: 200, type: CARD, value });

/**
 * One answer per click. The invoke's answer refreshes the clicked card where the reply says what
 * became of it (a decision, the outcome of a form, the form again with its problems), or shows a
 * short answer in its banner; anything else comes as new cards, posted after, never both.
 */
export function invokeAnswer(
  event: InboundEvent,
  reply: Reply,
  data: Record<string, unknown>,
): { body: Record<string, unknown>; after: CardElement[] } {
  if (reply.openForm)
    return {
      body: cardBody(renderFormCard(reply.openForm)),
      after: reply.messages.flatMap((m) => renderCards(m)),
    };
  if (event.kind === 'form') {
    const errors = reply.formErrors ?? {};
    if (Object.keys(errors).length) {
      // The same form, with what was typed and each problem under its field; nothing else.
      const form = submittedForm(data);
      if (form)
        return {
          body: cardBody(renderFormCard(form, { values: typedValues(event.fields), errors })),
          after: [],
        };
    }
    if (!reply.refused && !Object.keys(errors).length && reply.messages.length) {
      // Sent: the form card becomes its outcome, so no later click finds a live form.
      const [outcome, ...rest] = renderCards({
        summary: reply.messages[0]?.summary ?? '',
        blocks: reply.messages.flatMap((m) => m.blocks),
      });
      return { body: cardBody(outcome as CardElement), after: rest };
    }
  }
  if (reply.replaceOriginal) {
    const [refreshed, ...rest] = renderCards(reply.replaceOriginal);
    return {
      body: cardBody(refreshed as CardElement),
      after: [...rest, ...reply.messages.flatMap((m) => renderCards(m))],
    };
  }
  const [first, ...others] = reply.messages;
  const short = others.length === 0 ? bannerText(first) : undefined;
  if (short !== undefined || !first) return { body: banner(short ?? '✓'), after: [] };
  return { body: banner('✓'), after: reply.messages.flatMap((m) => renderCards(m)) };
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
    /** The app id that writes to a tenant (its own bot identity). */
    private readonly appIdFor: (tenant: string | undefined) => string,
    /** The proactive installer of a tenant, when it has a catalog id. */
    private readonly installerFor: (tenant: string) => ProactiveInstaller | undefined = () => undefined,
  ) {}

  /**
   * A roster person who never wrote to the bot, reached through Graph's proactive installation;
   * null without it (no catalog id, no admin consent, not in the directory): their messages wait.
   */
  async findByEmail(
    tenant: Tenant,
    email: string,
  ): Promise<{ externalId: string; conversationRef: Record<string, unknown> } | null> {
    const installer = this.installerFor(tenant.externalId);
    return installer ? installer.reach(tenant.externalId, email) : null;
  }

  async send(to: Recipient, message: OutboundMessage): Promise<string | null> {
    const reference = to.identity.conversationRef as unknown as ConversationReference | null;
    if (!reference?.serviceUrl) throw new ChatDeliveryError('permanent', 'no_conversation_reference');
    let id: string | null = null;
    // The SDK hands a failure inside the turn to onTurnError and returns normally: kept here,
    // so that a message that did not leave is never counted as sent.
    let failure: unknown;
    try {
      await this.adapter.continueConversation(
        this.appIdFor(reference.conversation?.tenantId),
        reference,
        async (context) => {
          try {
            for (const card of renderCards(message)) {
              const sent = await withRetries(() => context.sendActivity(cardActivity(card) as never));
              id = sent?.id ?? id;
            }
          } catch (error) {
            failure = error;
          }
        },
      );
    } catch (error) {
      failure ??= error;
    }
    if (failure !== undefined)
      throw failure instanceof ChatDeliveryError ? failure : classifyTeamsError(failure);
    return id ? `${reference.conversation?.id ?? ''}|${id}` : null;
  }

  async update(to: Recipient, ref: string, message: OutboundMessage): Promise<void> {
    const reference = to.identity.conversationRef as unknown as ConversationReference | null;
    const [, activityId] = ref.split('|');
    if (!reference?.serviceUrl || !activityId) return;
    try {
      await this.adapter.continueConversation(
        this.appIdFor(reference.conversation?.tenantId),
        reference,
        async (context) => {
          const [card] = renderCards(message);
          await withRetries(() =>
            context.updateActivity({ ...cardActivity(card as CardElement), id: activityId } as never),
          );
        },
      );
    } catch (error) {
      throw classifyTeamsError(error);
    }
  }
}
