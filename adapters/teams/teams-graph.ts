import { ConnectorClient } from '@microsoft/agents-hosting';
import { ChatDeliveryError } from '../../src/flows/ports.ts';
import type { Logger } from '../../src/log.ts';
import { BotTokenSource, type TeamsIdentitySettings } from './teams-auth.ts';

const GRAPH = 'https://graph.microsoft.com/v1.0';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** What Graph answered when it would not help: the person is not there, or the app may not install. */
class GraphRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`graph ${status} ${code}`);
  }
}

export interface ProactiveSettings {
  identity: TeamsIdentitySettings;
  /** The app's id in the tenant's app catalog. */
  catalogId: string;
  /** The Bot Connector region that serves conversations the bot opens. */
  serviceUrl: string;
  log: Logger;
}

/**
 * Reaches a roster person who never wrote to the bot: finds them in the tenant's directory by
 * email or UPN, installs the app for them (Graph, application permission
 * `TeamsAppInstallation.ReadWriteSelfForUser.All`, granted by the tenant's admin), and returns the
 * personal chat the installation opened, as a conversation reference the port can write to.
 * Null when Graph is not allowed to (403), the person is not in the directory (404), or the
 * app is not in the catalog; a throttled or failing Graph throws a transient error, tried again.
 */
export class ProactiveInstaller {
  private readonly graphTokens = new Map<string, BotTokenSource>();
  private readonly botTokens: BotTokenSource;

  constructor(private readonly o: ProactiveSettings) {
    this.botTokens = new BotTokenSource(o.identity);
  }

  async reach(
    tenantExternalId: string,
    email: string,
  ): Promise<{ externalId: string; conversationRef: Record<string, unknown> } | null> {
    try {
      const user = await this.user(tenantExternalId, email);
      if (!user) return null;
      const chatId = await this.install(tenantExternalId, user.id);
      if (!chatId) return null;
      const serviceUrl = this.o.serviceUrl;
      const connector = ConnectorClient.createClientWithToken(serviceUrl, await this.botTokens.token());
      // The chat's member, by directory id: the Teams account id ("29:…") the bot sees when they write.
      const member = (await connector.getConversationMember(user.id, chatId)) as {
        id?: string;
        name?: string;
      };
      if (!member?.id) return null;
      return {
        externalId: member.id,
        conversationRef: {
          channelId: 'msteams',
          serviceUrl,
          conversation: { id: chatId, conversationType: 'personal', tenantId: tenantExternalId },
          user: { id: member.id, name: member.name, aadObjectId: user.id },
          agent: { id: `28:${this.o.identity.appId}`, role: 'bot' },
        },
      };
    } catch (error) {
      if (error instanceof GraphRefused) {
        // Not allowed (no admin consent), or not there: said once per attempt, without secrets.
        this.o.log.warn(
          { status: error.status, code: error.code },
          error.status === 403
            ? 'teams: Graph refused the proactive installation (grant TeamsAppInstallation.ReadWriteSelfForUser.All and User.Read.All)'
            : 'teams: person or app not found for a proactive installation',
        );
        return null;
      }
      const status = (error as { statusCode?: number; status?: number }).statusCode;
      if (status === 403 || status === 404) return null;
      throw error instanceof ChatDeliveryError
        ? error
        : new ChatDeliveryError('transient', 'graph_unavailable');
    }
  }

  private tokens(tenant: string): BotTokenSource {
    let source = this.graphTokens.get(tenant);
    if (!source) {
      // Graph tokens are issued by the person's own tenant, where the admin granted the permission.
      source = new BotTokenSource({ ...this.o.identity, tenantId: tenant }, GRAPH_SCOPE);
      this.graphTokens.set(tenant, source);
    }
    return source;
  }

  private async graph(tenant: string, path: string, init: { method?: string; body?: unknown } = {}) {
    let token: string;
    try {
      token = await this.tokens(tenant).token();
    } catch {
      throw new GraphRefused(403, 'token_refused');
    }
    const res = await fetch(`${GRAPH}${path}`, {
      method: init.method ?? 'GET',
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status === 429 || res.status >= 500) {
      const retry = Number(res.headers.get('retry-after'));
      throw new ChatDeliveryError(
        res.status === 429 ? 'rate_limited' : 'transient',
        `graph_${res.status}`,
        Number.isFinite(retry) ? retry * 1000 : undefined,
      );
    }
    const code = String((body.error as { code?: unknown } | undefined)?.code ?? res.status);
    return { status: res.status, body, code };
  }

  /** The directory user with this email (their UPN, or their mail when it differs). */
  private async user(tenant: string, email: string): Promise<{ id: string } | undefined> {
    const byUpn = await this.graph(tenant, `/users/${encodeURIComponent(email)}?$select=id`);
    if (byUpn.status === 200 && typeof byUpn.body.id === 'string') return { id: byUpn.body.id };
    if (byUpn.status === 403 || byUpn.status === 401) throw new GraphRefused(403, byUpn.code);
    const quoted = email.replace(/'/g, "''");
    const byMail = await this.graph(
      tenant,
      `/users?$filter=${encodeURIComponent(`mail eq '${quoted}'`)}&$select=id`,
    );
    if (byMail.status === 403 || byMail.status === 401) throw new GraphRefused(403, byMail.code);
    const found = (byMail.body.value as { id?: unknown }[] | undefined)?.[0]?.id;
    return typeof found === 'string' ? { id: found } : undefined;
  }

  /** Installs the app for the user (already installed is fine) and returns its personal chat's id. */
  private async install(tenant: string, userId: string): Promise<string | undefined> {
    const base = `/users/${encodeURIComponent(userId)}/teamwork/installedApps`;
    const catalog = this.o.catalogId;
    const added = await this.graph(tenant, base, {
      method: 'POST',
      body: { 'teamsApp@odata.bind': `${GRAPH}/appCatalogs/teamsApps/${encodeURIComponent(catalog)}` },
    });
    if (added.status !== 201 && added.status !== 200 && added.status !== 409)
      throw new GraphRefused(added.status, added.code);
    const installed = await this.graph(
      tenant,
      `${base}?$expand=teamsApp&$filter=${encodeURIComponent(`teamsApp/id eq '${catalog.replace(/'/g, "''")}'`)}`,
    );
    const installation = (installed.body.value as { id?: unknown }[] | undefined)?.[0]?.id;
    if (installed.status !== 200 || typeof installation !== 'string')
      throw new GraphRefused(installed.status === 200 ? 404 : installed.status, installed.code);
    const chat = await this.graph(tenant, `${base}/${encodeURIComponent(installation)}/chat`);
    if (chat.status !== 200 || typeof chat.body.id !== 'string')
      throw new GraphRefused(chat.status, chat.code);
    return chat.body.id;
  }
}
