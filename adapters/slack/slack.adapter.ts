import type { IncomingMessage, RequestListener } from 'node:http';
import {
  App,
  AuthorizationError,
  type AuthorizeResult,
  HTTPReceiver,
  isValidSlackRequest,
  LogLevel,
} from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Clock } from '../../src/clock.ts';
import type { Tenant } from '../../src/domain/model.ts';
import {
  ChatDeliveryError,
  type ChatPort,
  type CorePort,
  type Installations,
  type Recipient,
  type Reply,
} from '../../src/flows/ports.ts';
import type { Logger } from '../../src/log.ts';
import type { FileReader, InboundEvent, PlatformUser } from '../../src/messages/inbound.ts';
import type { OutboundMessage } from '../../src/messages/model.ts';
import { readCapped } from '../http/read-capped.ts';
import {
  answeredBlocks,
  baseActionId,
  FORM_CALLBACK_ID,
  filesOf,
  fromSlackText,
  modalValues,
  renderMessages,
  renderModal,
  renderSurface,
  type SlackBlock,
} from './block-kit.render.ts';
import { CoreInstallationStore, slackTenantKey } from './installation.store.ts';
import type { SlackConfig } from './platform.ts';

/** What the adapter registers with Slack; the manifest test checks them against manifest.yml. */
export const SLACK_REGISTRATIONS = {
  commands: ['/mentoria'],
  events: ['app_home_opened', 'message.im', 'app_uninstalled', 'tokens_revoked'],
  viewCallbacks: [FORM_CALLBACK_ID],
  scopes: [
    'chat:write',
    'commands',
    'im:history',
    'im:read',
    'im:write',
    'users:read',
    'users:read.email',
    'files:write',
    'files:read',
  ],
} as const;

/** Slack Web API errors that mean the person or the bot is gone: stop writing to that identity. */
const PERMANENT = new Set([
  'user_not_found',
  'users_not_found',
  'account_inactive',
  'cannot_dm_bot',
  'user_disabled',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
]);

/**
 * Errors about the whole workspace (the token revoked, a scope missing, the app not installed):
 * nobody left, the bot can no longer write there. Reminders wait and identities stay until the
 * app is reinstalled, instead of every recipient being deactivated one by one.
 */
export const WORKSPACE_ERRORS = new Set([
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'account_inactive_workspace',
  'team_access_not_granted',
  'missing_scope',
  'no_installation',
  'not_authed',
]);
/** How long a workspace's reminders wait before they are tried again with a fresh token. */
export const WORKSPACE_PAUSE_MS = 15 * 60_000;

/** Turns a Web API failure into the core's delivery error. */
export function classifySlackError(error: unknown): ChatDeliveryError {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };
  if (e?.code === 'slack_webapi_rate_limited_error')
    return new ChatDeliveryError('rate_limited', 'ratelimited', (e.retryAfter ?? 1) * 1000);
  if (e?.code === 'slack_webapi_platform_error') {
    const code = e.data?.error ?? 'platform_error';
    if (code === 'ratelimited') return new ChatDeliveryError('rate_limited', code, 1000);
    // A missing permission stops some calls only; the others refuse the token itself, everywhere.
    if (WORKSPACE_ERRORS.has(code))
      return new ChatDeliveryError(
        'rate_limited',
        code,
        WORKSPACE_PAUSE_MS,
        code === 'missing_scope' ? undefined : 'workspace',
      );
    return new ChatDeliveryError(PERMANENT.has(code) ? 'permanent' : 'transient', code);
  }
  return new ChatDeliveryError('transient', e?.code ?? (error instanceof Error ? error.message : 'unknown'));
}

export interface SlackAdapterOptions {
  config: SlackConfig;
  /** The core's door: events, tenants, accounts, installations, reads answered later. */
  core: CorePort;
  clock: Clock;
  log: Logger;
}

/**
 * A read (help, pending, lists) as the inbox keeps it until answered: what answering needs, in
 * any process, after Bolt's request is gone. The answer goes to the DM, or to response_url.
 */
const slackRead = z.object({
  kind: z.enum(['command', 'action']),
  team: z.object({
    teamId: z.string().max(64).optional(),
    enterpriseId: z.string().max(64).optional(),
    isEnterpriseInstall: z.boolean().optional(),
  }),
  userId: z.string().max(64),
  eventId: z.string().max(300),
  channel: z.string().max(64).optional(),
  ts: z.string().max(64).optional(),
  ephemeral: z.boolean().optional(),
  text: z.string().max(10_000).optional(),
  actionId: z.string().max(255).optional(),
  value: z.string().max(2_000).optional(),
  responseUrl: z
    .url({ protocol: /^https?$/ })
    .max(2_000)
    .optional(),
});
type SlackRead = z.infer<typeof slackRead>;

interface TeamRef {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/**
 * Slack for the core: direct messages, `/mentoria`, buttons, modals and App Home in; Block Kit,
 * modals and files out. Each workspace (or Enterprise Grid organisation) is a tenant.
 */
export class SlackAdapter {
  readonly app: App;
  readonly receiver: HTTPReceiver | undefined;
  readonly port: SlackChatPort;
  /** Where OAuth installs are kept (several workspaces); undefined with a single bot token. */
  readonly installationStore: CoreInstallationStore | undefined;
  private readonly profiles = new Map<string, { user: PlatformUser; at: number }>();
  private readonly homeRefreshed = new Map<string, number>();
  private readonly clientOptions: ConstructorParameters<typeof WebClient>[1];

  constructor(private readonly o: SlackAdapterOptions) {
    const { config } = o;
    const clientOptions = {
      slackApiUrl: config.SLACK_API_URL ?? 'https://slack.com/api/',
      // A 429 is reported to the caller (and re-queued) instead of pausing every call.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
    };
    this.clientOptions = clientOptions;
    const oauth = Boolean(config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET);
    const installations = o.core.installations('slack');
    this.installationStore = oauth
      ? new CoreInstallationStore(installations, (tenantId, userId, token, first) => {
          // A new token: the next call builds its client afresh.
          this.port?.forget(tenantId);
          return this.installedBy(tenantId, userId, token, first, clientOptions);
        })
      : undefined;
    const logLevel =
      config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? LogLevel.DEBUG : LogLevel.ERROR;
    if (config.SLACK_APP_TOKEN) {
      this.receiver = undefined;
      this.app = new App({
        token: config.SLACK_BOT_TOKEN,
        appToken: config.SLACK_APP_TOKEN,
        socketMode: true,
        clientOptions,
        logLevel,
        // Conversations live in PostgreSQL (the core's store), not in Bolt's per-process memory.
        convoStore: false,
      });
    } else {
      this.receiver = new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET ?? '',
        endpoints: '/slack/events',
        logLevel,
        unhandledRequestTimeoutMillis: 2_500,
        // A signed request Bolt cannot process (a malformed payload) is the sender's fault: 400,
        // nothing stored. Our listeners answer their own failures with "try again".
        processEventErrorHandler: async ({ error, response }) => {
          if (response.headersSent) return false;
          if (error instanceof AuthorizationError) {
            response.writeHead(401).end();
            return true;
          }
          this.o.log.warn({ code: classifySlackError(error).code }, 'slack request not processed');
          response.writeHead(400).end();
          return true;
        },
        ...(oauth && this.installationStore
          ? {
              clientId: config.SLACK_CLIENT_ID,
              clientSecret: config.SLACK_CLIENT_SECRET,
              stateSecret: config.SLACK_STATE_SECRET,
              scopes: [...SLACK_REGISTRATIONS.scopes],
              installationStore: this.installationStore,
              installerOptions: {
                installPath: '/slack/install',
                redirectUriPath: '/slack/oauth_redirect',
                directInstall: true,
                // The code exchange (oauth.v2.access) goes to SLACK_API_URL too (GovSlack, tests).
                clientOptions,
              },
            }
          : {}),
      });
      this.app = new App({
        receiver: this.receiver,
        // One workspace: the token is checked (auth.test) by us, not by Bolt's constructor, whose
        // rejected check crashed the process when Slack was unreachable or refused the token.
        ...(oauth ? {} : { authorize: () => this.singleWorkspace() }),
        clientOptions,
        logLevel,
        convoStore: false,
      });
    }
    this.port = new SlackChatPort(
      installations,
      config.SLACK_BOT_TOKEN,
      clientOptions,
      (tenantId, code, needed) => this.workspacePaused(tenantId, code, needed),
    );
    o.core.onRead('slack', (payload, replay) => this.answerRead(payload, replay));
    this.register();
  }

  /**
   * A workspace-level error paused a workspace (its reminders wait): the operator reads one error
   * line, and when the token can still write (a missing permission) the workspace's admins are
   * told in Slack what to do, once a day across replicas. When the token itself is refused
   * nobody there can be told: the dispatcher keeps the pause (`mentoria_workspaces_paused`), and
   * the admins hear what waited once a message goes through again or the app is reinstalled.
   */
  private async workspacePaused(tenantId: string, code: string, needed: string | undefined): Promise<void> {
    const oauth = this.installationStore && this.o.config.PUBLIC_URL;
    const notices = await this.o.core.workspacePaused({
      tenantId,
      platform: 'slack',
      code,
      tell:
        code === 'missing_scope'
          ? {
              key: 'workspace.missing_scope',
              vars: (t) => ({
                scope: needed ?? '?',
                where: oauth ? `${this.o.config.PUBLIC_URL}/slack/install` : t('workspace.app_settings'),
              }),
            }
          : undefined,
    });
    if (!notices) return;
    this.o.log.error(
      { tenantId, code, ...(needed ? { needed } : {}) },
      'Slack workspace paused: its reminders wait until the app is reinstalled or given the permission',
    );
    for (const notice of notices) await this.port.send(notice.to, notice.message).catch(() => {});
  }

  /**
   * The person who first installs the app administers their workspace's tenant. A re-install
   * (members may re-install to grant a scope) makes an admin only of a workspace admin or owner,
   * as `users.info` says; anyone else is linked and nothing more.
   */
  private async installedBy(
    tenantId: string,
    userId: string | undefined,
    token: string | undefined,
    first: boolean,
    clientOptions: ConstructorParameters<typeof WebClient>[1],
  ): Promise<void> {
    if (!userId || !token) return;
    const client = new WebClient(token, clientOptions);
    let workspaceAdmin = false;
    if (!first) {
      const info = await client.users.info({ user: userId }).catch(() => undefined);
      const u = info?.user as
        | { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean }
        | undefined;
      workspaceAdmin = Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
    }
    const user = await this.profile(client, tenantId, userId);
    await this.o.core.installationAdded({ tenantId, platform: 'slack', user, first, workspaceAdmin });
  }

  private async tenantFor(team: TeamRef): Promise<string> {
    return (await this.o.core.tenant('slack', slackTenantKey(team))).id;
  }

  /** The person's name, email, zone and language from users.info, cached for an hour. */
  private async profile(client: WebClient, teamId: string, userId: string): Promise<PlatformUser> {
    const key = `${teamId}:${userId}`;
    const cached = this.profiles.get(key);
    if (cached && Date.now() - cached.at < 3_600_000) return cached.user;
    try {
      const info = await client.users.info({ user: userId, include_locale: true });
      const u = info.user;
      const user: PlatformUser = {
        externalId: userId,
        name: u?.real_name || u?.profile?.real_name || u?.name || userId,
        email: u?.profile?.email || undefined,
        locale: u?.locale || undefined,
        timezone: u?.tz || undefined,
      };
      this.profiles.set(key, { user, at: Date.now() });
      return user;
    } catch {
      // Not cached: the core marks the account pending and it is looked up again next time.
      return { externalId: userId, profilePending: true };
    }
  }

  private async event(
    client: WebClient,
    team: TeamRef,
    userId: string,
    eventId: string,
    body: Pick<InboundEvent, 'kind'> & Record<string, unknown>,
    channel?: string,
  ): Promise<{ tenantId: string; event: InboundEvent }> {
    const tenantId = await this.tenantFor(team);
    const user = await this.profile(client, team.teamId ?? team.enterpriseId ?? '', userId);
    if (channel?.startsWith('D')) user.conversationRef = { channel };
    return { tenantId, event: { ...body, eventId, tenantId, platform: 'slack', user } as InboundEvent };
  }

  /** Delivers a reply: replaced message, new messages (in the DM, or ephemeral where typed), a modal. */
  private async deliver(
    client: WebClient,
    reply: Reply,
    where: {
      channel?: string | undefined;
      ts?: string | undefined;
      userId: string;
      triggerId?: string | undefined;
      respond?: ((m: object) => Promise<unknown>) | undefined;
      locale: string;
    },
  ): Promise<void> {
    const say = (key: string, vars?: Record<string, unknown>) => this.o.core.say(where.locale, key, vars);
    try {
      if (reply.replaceOriginal && where.channel && where.ts) {
        const [first] = renderMessages(reply.replaceOriginal);
        await afterRateLimit(() =>
          client.chat.update({
            channel: where.channel as string,
            ts: where.ts as string,
            text: first?.text ?? ' ',
            blocks: first?.blocks ?? [],
          }),
        );
      }
      if (reply.openForm) {
        if (where.triggerId) {
          await client.views.open({
            trigger_id: where.triggerId,
            view: renderModal(
              reply.openForm,
              { c: where.channel, ts: where.ts },
              reply.openForm.cancelLabel ?? say('common.cancel'),
            ) as never,
          });
        } else {
          // A form needs a trigger_id (a click or a command); from a typed message, offer the
          // click that shows this same form again.
          const { reopen } = reply.openForm;
          reply.messages.push({
            summary: reply.openForm.title,
            blocks: [
              { type: 'text', text: reply.openForm.title },
              ...(reopen ? [{ type: 'buttons' as const, buttons: [reopen] }] : []),
            ],
          });
        }
      }
      const target = where.channel?.startsWith('D') ? where.channel : undefined;
      for (const message of reply.messages) {
        for (const part of renderMessages(message)) {
          if (!target && where.respond)
            await where.respond({ response_type: 'ephemeral', text: part.text, blocks: part.blocks });
          else
            await afterRateLimit(() =>
              client.chat.postMessage({
                channel: target ?? where.userId,
                text: part.text,
                blocks: part.blocks,
              }),
            );
        }
        for (const file of filesOf(message)) {
          const dm = target ?? (await afterRateLimit(() => openDm(client, where.userId)));
          await afterRateLimit(() => uploadFile(client, dm, file));
        }
      }
    } catch (error) {
      const failure = classifySlackError(error);
      this.o.log.warn({ code: failure.code }, 'slack reply failed');
      if (failure.kind === 'rate_limited' && where.respond) {
        await where
          .respond({
            response_type: 'ephemeral',
            text: say('errors.slack_rate_limited', {
              seconds: Math.ceil((failure.retryAfterMs ?? 1000) / 1000),
            }),
          })
          .catch(() => {});
      }
    }
  }

  /**
   * Republishes a person's App Home after they act, at most every 15 s per person: building it
   * costs dozens of queries, and a burst of clicks needs only the last state.
   */
  private refreshHome(
    client: WebClient,
    team: TeamRef,
    userId: string,
    tenantId: string,
    force = false,
  ): void {
    const key = `${tenantId}:${userId}`;
    const last = this.homeRefreshed.get(key) ?? 0;
    if (!force && Date.now() - last < 15_000) return;
    this.homeRefreshed.set(key, Date.now());
    if (this.homeRefreshed.size > 10_000) this.homeRefreshed.clear();
    void (async () => {
      const user = await this.profile(client, team.teamId ?? team.enterpriseId ?? '', userId);
      const messages = await this.o.core.home({ tenantId, platform: 'slack', user });
      await client.views.publish({
        user_id: userId,
        view: { type: 'home', blocks: renderSurface(messages) },
      });
    })().catch((error) =>
      this.o.log.warn({ code: classifySlackError(error).code }, 'app home not published'),
    );
  }

  /**
   * Reads (help, pending, lists) are stored in the inbox and acknowledged at once, whatever the
   * load; the answer follows from this process or, if it dies, another one.
   */
  private async queueRead(
    read: SlackRead,
    ack: () => Promise<void>,
    respond: (m: object) => Promise<unknown>,
  ): Promise<void> {
    const accepted = await this.o.core.acceptRead(
      'slack',
      read.eventId,
      read,
      undefined,
      slackTenantKey(read.team),
    );
    if (accepted.stored) await ack();
    else await this.failed(new Error('read not stored'), ack, respond);
  }

  /** Answers a read from the inbox. */
  private async answerRead(payload: unknown, replay: boolean): Promise<void> {
    const parsed = slackRead.safeParse(payload);
    if (!parsed.success) {
      this.o.log.warn('slack read in the inbox is malformed: dropped');
      return;
    }
    const read = parsed.data;
    // Clicks on the App Home come without a response_url: their answer goes to the DM.
    const respond = read.responseUrl ? responder(read.responseUrl) : undefined;
    let client: WebClient | undefined;
    try {
      const tenantId = await this.tenantFor(read.team);
      client = await this.port.clientFor(tenantId);
      const { event: inbound } = await this.event(
        client,
        read.team,
        read.userId,
        read.eventId,
        read.kind === 'command'
          ? { kind: 'command', text: read.text ?? '' }
          : { kind: 'action', actionId: read.actionId ?? '', value: read.value ?? '' },
        read.channel,
      );
      const reply = await this.o.core.handle({ ...inbound, replay });
      await this.deliver(client, reply, {
        channel: read.ephemeral ? undefined : read.channel,
        ts: read.ephemeral ? undefined : read.ts,
        userId: read.userId,
        respond,
        locale: inbound.user.locale ?? this.o.config.DEFAULT_LOCALE,
      });
      if (reply.replaceOriginal && read.ephemeral && respond)
        await respond({ replace_original: true, ...renderMessages(reply.replaceOriginal)[0] });
      // A read changed nothing: the App Home stays as it is.
    } catch (error) {
      const dm = client;
      await this.failed(
        error,
        undefined,
        respond ??
          (async (m: object) => dm?.chat.postMessage({ ...(m as { text: string }), channel: read.userId })),
      );
    }
  }

  /**
   * Something outside the core failed (the database unreachable while finding the workspace, a
   * Web API error): the person hears "try again" instead of silence, and nothing was kept.
   */
  private async failed(
    error: unknown,
    ack: (() => Promise<void>) | undefined,
    respond: (m: object) => Promise<unknown>,
  ): Promise<void> {
    this.o.log.warn({ code: classifySlackError(error).code }, 'slack request failed');
    if (ack) await ack().catch(() => {});
    await respond({ response_type: 'ephemeral', text: this.o.core.tryAgain() }).catch(() => {});
  }

  /**
   * Bolt's listener for /slack/*, behind a shape check of /slack/events bodies: Bolt crashes the
   * process on some malformed signed bodies (`payload=null`), so those get a 400 here.
   */
  get requestListener(): RequestListener | undefined {
    const listener = this.receiver?.requestListener;
    if (!listener) return undefined;
    // Bolt throws, outside any promise, for a path or method it does not serve (GET
    // /slack/events, /slack/install without OAuth): that killed the process. It is a 404.
    const bolt: RequestListener = (req, res) => {
      try {
        listener(req, res);
      } catch {
        req.resume();
        if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    };
    return (req, res) => {
      if ((req.url ?? '').split('?')[0] !== '/slack/events' || req.method !== 'POST') return bolt(req, res);
      readSlackBody(req, this.o.config.SLACK_SIGNING_SECRET ?? '')
        .then((body) => {
          if (body === 'too_large') return void res.writeHead(413).end();
          if (body === 'unsigned') return void res.writeHead(401).end();
          if (!body)
            return void res.writeHead(400, { 'content-type': 'text/plain' }).end('malformed request');
          // Bolt reads the buffered body from `rawBody` instead of the (consumed) stream.
          Object.assign(req, { rawBody: body });
          bolt(req, res);
        })
        .catch(() => {
          if (!res.headersSent) res.writeHead(400).end();
        });
    };
  }

  private register(): void {
    const { app, o } = this;

    app.event('message', async ({ event, body, client }) => {
      const m = event as {
        channel_type?: string;
        subtype?: string;
        bot_id?: string;
        user?: string;
        text?: string;
        channel: string;
        files?: { name?: string; size?: number; url_private_download?: string }[];
      };
      if (m.channel_type !== 'im' || (m.subtype && m.subtype !== 'file_share') || m.bot_id || !m.user) return;
      const file = m.subtype === 'file_share' ? m.files?.[0] : undefined;
      const b = body as {
        event_id?: string;
        team_id?: string;
        enterprise_id?: string;
        authorizations?: { is_enterprise_install?: boolean }[];
      };
      const team = {
        teamId: b.team_id,
        enterpriseId: b.enterprise_id,
        isEnterpriseInstall: b.authorizations?.[0]?.is_enterprise_install,
      };
      try {
        const { tenantId, event: inbound } = await this.event(
          client,
          team,
          m.user,
          b.event_id ?? `${m.channel}:${(event as { ts: string }).ts}`,
          file
            ? {
                kind: 'file',
                name: (file.name ?? 'archivo').slice(0, 200),
                size: file.size ?? 0,
                read: slackFileReader(client.token, file),
              }
            : { kind: 'message', text: fromSlackText(m.text ?? '') },
          m.channel,
        );
        const reply = await o.core.handle(inbound);
        await this.deliver(client, reply, {
          channel: m.channel,
          userId: m.user,
          locale: inbound.user.locale ?? o.config.DEFAULT_LOCALE,
        });
        this.refreshHome(client, team, m.user, tenantId);
      } catch (error) {
        // Events are acknowledged by Bolt before this runs: say "try again" in the DM.
        this.o.log.warn({ code: classifySlackError(error).code }, 'slack message failed');
        await client.chat.postMessage({ channel: m.channel, text: o.core.tryAgain() }).catch(() => {});
      }
    });

    app.command('/mentoria', async ({ command, ack, client, respond }) => {
      const team = {
        teamId: command.team_id,
        enterpriseId: command.enterprise_id,
        isEnterpriseInstall: command.is_enterprise_install === 'true',
      };
      if (o.core.isReadOnly({ kind: 'text', text: fromSlackText(command.text ?? '') })) {
        const read = slackRead.safeParse({
          kind: 'command',
          team,
          userId: command.user_id,
          eventId: `cmd:${command.trigger_id}`,
          channel: command.channel_id,
          text: fromSlackText(command.text ?? ''),
          responseUrl: command.response_url,
        });
        if (read.success) return this.queueRead(read.data, ack, respond);
      }
      let acked = false;
      try {
        const { tenantId, event: inbound } = await this.event(
          client,
          team,
          command.user_id,
          `cmd:${command.trigger_id}`,
          { kind: 'command', text: fromSlackText(command.text ?? '') },
          command.channel_id,
        );
        // A change is committed before the ack; Web API calls come after it (Slack's 3 s).
        const reply = await o.core.handle(inbound);
        if (!acked) {
          acked = true;
          await ack();
        }
        await this.deliver(client, reply, {
          channel: command.channel_id,
          userId: command.user_id,
          triggerId: command.trigger_id,
          respond,
          locale: inbound.user.locale ?? o.config.DEFAULT_LOCALE,
        });
        this.refreshHome(client, team, command.user_id, tenantId);
      } catch (error) {
        await this.failed(error, acked ? undefined : ack, respond);
      }
    });

    app.action(/.*/, async ({ action, body, ack, client, respond }) => {
      const a = action as { action_id: string; value?: string; action_ts?: string };
      const b = body as {
        user: { id: string; team_id?: string };
        team?: { id?: string; enterprise_id?: string } | null;
        enterprise?: { id?: string } | null;
        is_enterprise_install?: boolean;
        trigger_id?: string;
        response_url?: string;
        container?: { channel_id?: string; message_ts?: string; is_ephemeral?: boolean; type?: string };
        channel?: { id?: string };
        message?: { ts?: string; text?: string; blocks?: SlackBlock[] };
      };
      const team = {
        teamId: b.team?.id ?? b.user.team_id,
        enterpriseId: b.enterprise?.id,
        isEnterpriseInstall: b.is_enterprise_install,
      };
      const channel = b.container?.channel_id ?? b.channel?.id;
      const ts = b.container?.message_ts ?? b.message?.ts;
      const eventId = `act:${b.user.id}:${a.action_ts ?? ''}:${a.action_id}`;
      const actionId = baseActionId(a.action_id);
      if (o.core.isReadOnly({ kind: 'action', actionId, value: a.value ?? '' })) {
        const read = slackRead.safeParse({
          kind: 'action',
          team,
          userId: b.user.id,
          eventId,
          channel,
          ts,
          ephemeral: b.container?.is_ephemeral ?? false,
          actionId,
          value: a.value ?? '',
          responseUrl: b.response_url,
        });
        if (read.success) return this.queueRead(read.data, ack, respond);
      }
      let acked = false;
      try {
        const { tenantId, event: inbound } = await this.event(
          client,
          team,
          b.user.id,
          eventId,
          { kind: 'action', actionId, value: a.value ?? '' },
          channel,
        );
        const reply = await o.core.handle(inbound);
        if (!acked) {
          acked = true;
          await ack();
        }
        await this.deliver(client, reply, {
          channel: b.container?.is_ephemeral ? undefined : channel,
          ts: b.container?.is_ephemeral ? undefined : ts,
          userId: b.user.id,
          triggerId: b.trigger_id,
          respond,
          locale: inbound.user.locale ?? o.config.DEFAULT_LOCALE,
        });
        if (reply.replaceOriginal && b.container?.is_ephemeral)
          await respond({ replace_original: true, ...renderMessages(reply.replaceOriginal)[0] });
        if (reply.answered && !reply.replaceOriginal && b.message?.blocks) {
          // The question was answered: its buttons go, the choice made stays visible.
          const blocks = answeredBlocks(
            b.message.blocks,
            (action as { text?: { text?: string } }).text?.text,
          );
          const text = b.message.text ?? ' ';
          if (b.container?.is_ephemeral)
            await respond({ replace_original: true, text, blocks: blocks as never });
          else if (channel && ts)
            await afterRateLimit(() => client.chat.update({ channel, ts, text, blocks: blocks as never }));
        }
        this.refreshHome(client, team, b.user.id, tenantId);
      } catch (error) {
        await this.failed(error, acked ? undefined : ack, respond);
      }
    });

    app.view(FORM_CALLBACK_ID, async ({ view, body, ack, client }) => {
      const meta = parseMetadata(view.private_metadata);
      const team = {
        teamId: body.team?.id ?? body.user.team_id,
        enterpriseId: body.enterprise?.id,
        isEnterpriseInstall: body.is_enterprise_install,
      };
      const { tenantId, event: inbound } = await this.event(
        client,
        team,
        body.user.id,
        `view:${view.id}:${view.hash}`,
        {
          kind: 'form',
          actionId: meta.a,
          value: meta.v,
          fields: modalValues(view.state.values),
          submissionId: meta.s,
        },
        meta.c,
      );
      const reply = await o.core.handle(inbound);
      if (reply.formErrors && Object.keys(reply.formErrors).length) {
        // Validation errors stay inside the modal, in the person's language.
        await ack({ response_action: 'errors', errors: reply.formErrors });
        return;
      }
      await ack();
      await this.deliver(client, reply, {
        channel: meta.c,
        ts: meta.ts,
        userId: body.user.id,
        locale: inbound.user.locale ?? o.config.DEFAULT_LOCALE,
      });
      this.refreshHome(client, team, body.user.id, tenantId);
    });

    // Views this bot does not handle (a callback of an older version, a closed modal): acked at
    // once, nothing done, instead of a 404 after Bolt's 2.5 s timeout and an error line.
    app.view(new RegExp(`^(?!${FORM_CALLBACK_ID}$)`), async ({ ack }) => {
      await ack();
    });
    app.view({ type: 'view_closed', callback_id: /.*/ }, async ({ ack }) => {
      await ack();
    });

    app.event('app_home_opened', async ({ event, body, client }) => {
      const e = event as { user: string; tab?: string };
      if (e.tab && e.tab !== 'home') return;
      const b = body as {
        team_id?: string;
        enterprise_id?: string;
        authorizations?: { is_enterprise_install?: boolean }[];
      };
      const team = {
        teamId: b.team_id,
        enterpriseId: b.enterprise_id,
        isEnterpriseInstall: b.authorizations?.[0]?.is_enterprise_install,
      };
      const tenantId = await this.tenantFor(team);
      this.refreshHome(client, team, e.user, tenantId, true);
    });

    const uninstall = async (body: {
      event_id?: string;
      team_id?: string;
      enterprise_id?: string;
      authorizations?: { is_enterprise_install?: boolean }[];
    }) => {
      const team = {
        teamId: body.team_id,
        enterpriseId: body.enterprise_id,
        isEnterpriseInstall: body.authorizations?.[0]?.is_enterprise_install,
      };
      const key = slackTenantKey(team);
      // Retries of this event change nothing the second time.
      const removed = await o.core.installationRemoved({
        platform: 'slack',
        key,
        eventId: body.event_id ?? key,
        reason: 'app_uninstalled',
      });
      if (!removed) return;
      this.port.forget(removed.tenantId);
      o.log.info({ tenant: removed.tenantId, identities: removed.identities }, 'slack app uninstalled');
    };
    app.event('app_uninstalled', async ({ body }) => uninstall(body as never));
    // `tokens_revoked` lists user tokens (`oauth`) and bot tokens (`bot`): only a revoked bot
    // token means the bot is gone; revoked user tokens change nothing here.
    app.event('tokens_revoked', async ({ body, event }) => {
      const revoked = (event as { tokens?: { bot?: unknown[] } }).tokens?.bot;
      if (Array.isArray(revoked) && revoked.length > 0) await uninstall(body as never);
    });

    app.error(async (error) => {
      o.log.error({ err: error }, 'slack handler failed');
    });
  }

  private workspace: Promise<AuthorizeResult> | undefined;

  /** The single workspace's bot, from auth.test once; a failed check is tried again next time. */
  private async singleWorkspace(): Promise<AuthorizeResult> {
    const token = this.o.config.SLACK_BOT_TOKEN ?? '';
    this.workspace ??= new WebClient(token, this.clientOptions).auth.test().then((r) => ({
      botToken: token,
      botId: r.bot_id,
      botUserId: r.user_id,
      teamId: r.team_id,
      enterpriseId: r.enterprise_id,
    }));
    try {
      return await this.workspace;
    } catch (error) {
      this.workspace = undefined;
      throw error;
    }
  }

  /**
   * Checks the bot token at start without stopping anything else: a refused token is one log line
   * naming the variable (Slack stays off until it is fixed; Teams and /healthz go on); an
   * unreachable Slack is tried again in the background.
   */
  private checkToken(delayMs = 30_000): void {
    this.singleWorkspace()
      .then(() => this.o.log.info('slack token verified'))
      .catch((error: unknown) => {
        const failure = classifySlackError(error);
        if (WORKSPACE_ERRORS.has(failure.code) || failure.kind === 'permanent') {
          this.o.log.error(
            { variable: 'SLACK_BOT_TOKEN', code: failure.code },
            'Slack refused SLACK_BOT_TOKEN: Slack stays off until the token is fixed',
          );
          return;
        }
        this.o.log.warn({ code: failure.code }, 'Slack is unreachable: trying again in the background');
        setTimeout(() => this.checkToken(Math.min(delayMs * 2, 600_000)), delayMs).unref();
      });
  }

  async start(): Promise<void> {
    if (!this.receiver) {
      try {
        await this.app.start();
      } catch (error) {
        this.o.log.error({ code: classifySlackError(error).code }, 'Slack Socket Mode did not start');
      }
      return;
    }
    if (!this.installationStore) {
      this.checkToken();
      return;
    }
    // Installations written before a key was configured, or under a key being retired.
    const sealed = await this.installationStore.sealExisting();
    if (sealed) this.o.log.info({ sealed }, 'Slack installations encrypted under the current key');
  }

  async stop(): Promise<void> {
    if (!this.receiver) await this.app.stop();
  }
}

function parseMetadata(raw: string): { a: string; v: string; s?: string; c?: string; ts?: string } {
  try {
    const parsed = JSON.parse(raw) as { a?: unknown; v?: unknown; s?: unknown; c?: unknown; ts?: unknown };
    return {
      a: typeof parsed.a === 'string' ? parsed.a : '',
      v: typeof parsed.v === 'string' ? parsed.v : '{}',
      ...(typeof parsed.s === 'string' ? { s: parsed.s } : {}),
      ...(typeof parsed.c === 'string' ? { c: parsed.c } : {}),
      ...(typeof parsed.ts === 'string' ? { ts: parsed.ts } : {}),
    };
  } catch {
    return { a: '', v: '{}' };
  }
}

/** Attempts, and the longest wait, for an answer Slack rate-limits (its own Retry-After). */
const ANSWER_ATTEMPTS = 3;
const ANSWER_MAX_WAIT_MS = 30_000;

/**
 * A Web API call of an answer, tried again after Slack's Retry-After when it is rate-limited
 * (answers are sent after the ack, so waiting costs the person only the delay); reminders are
 * re-queued by the dispatcher instead.
 */
export async function afterRateLimit<T>(call: () => Promise<T>, attempts = ANSWER_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind !== 'rate_limited' || WORKSPACE_ERRORS.has(failure.code) || attempt >= attempts)
        throw error;
      await new Promise((r) => setTimeout(r, Math.min(failure.retryAfterMs ?? 1_000, ANSWER_MAX_WAIT_MS)));
    }
  }
}

/** Posts to a response_url, as Bolt's `respond` does, for an answer given after the request. */
function responder(url: string): (message: object) => Promise<unknown> {
  return async (message) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`response_url answered ${res.status}`);
  };
}

async function openDm(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  return opened.channel?.id ?? userId;
}

async function uploadFile(
  client: WebClient,
  channel: string,
  file: { name: string; content: Buffer; alt?: string | undefined },
): Promise<void> {
  await client.filesUploadV2({
    channel_id: channel,
    filename: file.name,
    file: file.content,
    // An image's figures in words, for screen readers (Slack keeps up to 1,000 characters).
    ...(file.alt ? { alt_text: file.alt.slice(0, 1000) } : {}),
  });
}

/** The core's outbound port for Slack: the right workspace's token for each identity. */
export class SlackChatPort implements ChatPort {
  private readonly clients = new Map<string, WebClient>();

  constructor(
    /** Where OAuth installations (their tokens) are kept; none in single-workspace mode. */
    private readonly installations: Installations | undefined,
    private readonly singleToken: string | undefined,
    private readonly clientOptions: ConstructorParameters<typeof WebClient>[1],
    /** A workspace-level error: the permission Slack says is missing, when it is one. */
    private readonly onWorkspaceError?: (
      tenantId: string,
      code: string,
      needed: string | undefined,
    ) => Promise<void>,
  ) {}

  /** Forgets a tenant's client: after a (re)install, an uninstall or a workspace-level error. */
  forget(tenantId: string): void {
    this.clients.delete(tenantId);
  }

  /** The Web API client with the tenant's bot token. */
  async clientFor(tenantId: string): Promise<WebClient> {
    const cached = this.clients.get(tenantId);
    if (cached) return cached;
    let token = this.singleToken;
    const installation = (await this.installations?.forTenant(tenantId)) as
      | { bot?: { token?: string } }
      | undefined;
    if (installation?.bot?.token) token = installation.bot.token;
    if (!token) throw new ChatDeliveryError('permanent', 'no_installation');
    const client = new WebClient(token, this.clientOptions);
    this.clients.set(tenantId, client);
    return client;
  }

  async send(to: Recipient, message: OutboundMessage): Promise<string> {
    try {
      const client = await this.clientFor(to.identity.tenantId);
      const ref = to.identity.conversationRef as { channel?: string } | null;
      const channel = ref?.channel ?? to.identity.externalId;
      let last = '';
      for (const part of renderMessages(message)) {
        const posted = await client.chat.postMessage({ channel, text: part.text, blocks: part.blocks });
        last = `${posted.channel ?? channel}:${posted.ts ?? ''}`;
      }
      const files = filesOf(message);
      if (files.length) {
        const dm = channel.startsWith('D') ? channel : await openDm(client, to.identity.externalId);
        for (const file of files) await uploadFile(client, dm, file);
      }
      return last;
    } catch (error) {
      throw this.failure(to.identity.tenantId, error);
    }
  }

  /** The delivery error for a failed call; a workspace-level one drops the cached client. */
  private failure(tenantId: string, error: unknown): ChatDeliveryError {
    const failure = error instanceof ChatDeliveryError ? error : classifySlackError(error);
    if (WORKSPACE_ERRORS.has(failure.code)) {
      this.forget(tenantId);
      const needed = (error as { data?: { needed?: unknown } }).data?.needed;
      this.onWorkspaceError?.(tenantId, failure.code, typeof needed === 'string' ? needed : undefined).catch(
        () => {},
      );
    }
    return failure;
  }

  async findByEmail(tenant: Tenant, email: string): Promise<{ externalId: string } | null> {
    try {
      const client = await this.clientFor(tenant.id);
      const found = await client.users.lookupByEmail({ email });
      return found.user?.id ? { externalId: found.user.id } : null;
    } catch (error) {
      // Not on this workspace: nobody to reach. A limit or an outage: try again later.
      if ((error as { data?: { error?: string } }).data?.error === 'users_not_found') return null;
      throw classifySlackError(error);
    }
  }

  async update(to: Recipient, ref: string, message: OutboundMessage): Promise<void> {
    const [channel, ts] = ref.split(':');
    if (!channel || !ts) return;
    try {
      const client = await this.clientFor(to.identity.tenantId);
      const [first] = renderMessages(message);
      await client.chat.update({ channel, ts, text: first?.text ?? ' ', blocks: first?.blocks ?? [] });
    } catch (error) {
      throw this.failure(to.identity.tenantId, error);
    }
  }
}

/**
 * A file an admin shared in the bot's DM (a CSV roster), read with the bot token when the core
 * asks (after authorization). Only Slack's own file host, no redirects, at most `max` bytes.
 */
function slackFileReader(
  token: string | undefined,
  file: { size?: number; url_private_download?: string },
): FileReader {
  return async (max) => {
    const url = file.url_private_download;
    if (!token || !url?.startsWith('https://files.slack.com/')) return undefined;
    if ((file.size ?? 0) > max) return 'too_large';
    try {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, redirect: 'error' });
      if (!response.ok) return undefined;
      return await readCapped(response, max);
    } catch {
      return undefined;
    }
  };
}

/** Slack's limit for a request body; Bolt's too. */
const SLACK_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * The body of a Slack request, checked for shape before Bolt sees it: a form whose `payload` (if
 * any) is a JSON object, or a JSON object. Bolt crashes the process on some malformed bodies
 * (`payload=null`), so those get a 400 here. Undefined when malformed.
 */
/**
 * The body of a request to /slack/events, read up to the limit, its signature verified before
 * anything parses it (an unsigned or stale body is `unsigned`), then checked to be an object.
 */
async function readSlackBody(
  req: IncomingMessage,
  signingSecret: string,
): Promise<Buffer | 'too_large' | 'unsigned' | undefined> {
  const body = await new Promise<Buffer | 'too_large'>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > SLACK_BODY_LIMIT) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too_large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
  if (body === 'too_large') return body;
  const text = body.toString('utf8');
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : '';
  };
  const signed = isValidSlackRequest({
    signingSecret,
    body: text,
    headers: {
      'x-slack-signature': header('x-slack-signature'),
      'x-slack-request-timestamp': Number(header('x-slack-request-timestamp')),
    },
  });
  if (!signed) return 'unsigned';
  const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  try {
    if ((req.headers['content-type'] ?? '').includes('application/json'))
      return isObject(JSON.parse(text)) ? body : undefined;
    const payload = new URLSearchParams(text).get('payload');
    return payload === null || isObject(JSON.parse(payload)) ? body : undefined;
  } catch {
    return undefined;
  }
}
