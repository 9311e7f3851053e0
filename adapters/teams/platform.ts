import { z } from 'zod';
import { type Config, isLoopback, isProduction, isTrustedUrl, perSecond } from '../../src/config.ts';
import type { PlatformModule } from '../../src/platforms.ts';

/** Microsoft Teams' variables: the Azure Bot's app registration, one or several identities. */
const configSchema = z.object({
  // Microsoft Teams (the Azure Bot's app registration); single- or multi-tenant.
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  // Several institutions, one bot identity each (new Azure bots are single-tenant): a JSON file of
  // tenant → app id, secret or certificate, token authority and catalog id (see README, Teams).
  TEAMS_IDENTITIES_FILE: z.string().min(1).max(1_000).optional(),
  // Proactive installation: the app's id in the tenant's app catalog (Teams admin center), so
  // the bot can install itself for a roster person through Microsoft Graph and write first.
  TEAMS_APP_CATALOG_ID: z.string().min(1).max(100).optional(),
  // The Bot Connector region for conversations the bot opens itself (personal chats found through Graph).
  TEAMS_SERVICE_URL: z
    .string()
    .refine(isTrustedUrl, 'must be an https URL (http only on 127.0.0.1 or localhost)')
    .optional(),
  // Where the Bot Connector's signing keys and Entra's token endpoint live. Only tests and local
  // stand-ins change them: https, or http on this machine only.
  TEAMS_OPENID_METADATA_URL: z
    .string()
    .refine(isTrustedUrl, 'must be an https URL (http only on 127.0.0.1 or localhost)')
    .optional(),
  MICROSOFT_LOGIN_URL: z
    .string()
    .refine(isTrustedUrl, 'must be an https URL (http only on 127.0.0.1 or localhost)')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  // Accept unauthenticated Teams requests (local clients, the Agents Playground). Never in production.
  TEAMS_ANONYMOUS: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  // Messages a second the dispatcher sends, after Teams' published limits.
  NUDGE_TEAMS_PER_CONVERSATION: perSecond(7),
  NUDGE_TEAMS_PER_TENANT: perSecond(30),
});

export type TeamsConfig = Config & z.infer<typeof configSchema>;

const examples = {
  TEAMS_OPENID_METADATA_URL: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  TEAMS_APP_CATALOG_ID: '8a7b6c5d-1111-2222-3333-444455556666',
  TEAMS_IDENTITIES_FILE: '/etc/mentoria/teams-identities.json',
  TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/teams/',
  MICROSOFT_LOGIN_URL: 'https://login.microsoftonline.com',
  NUDGE_TEAMS_PER_CONVERSATION: '7',
  NUDGE_TEAMS_PER_TENANT: '30',
};

/** The configuration as Teams reads it (parsed with Teams' schema: the cast names what was checked). */
export const teamsConfig = (c: Config) => c as TeamsConfig;

/**
 * Anonymous Teams requests name their sender, tenant and serviceUrl themselves: acceptable only
 * for a local client, on a server nobody else can reach, outside production.
 */
export function anonymousTeamsAllowed(c: Config): boolean {
  return !isProduction(c) && isLoopback(c.HOST);
}

/** Microsoft Teams: personal chat and Adaptive Cards; each Entra tenant is a tenant. */
export const teamsPlatform = {
  name: 'teams',
  configSchema,
  examples,
  configChecks(config) {
    const c = teamsConfig(config);
    const problems: string[] = [];
    if (c.TEAMS_ANONYMOUS && (c.MICROSOFT_APP_ID || c.MICROSOFT_APP_PASSWORD || c.TEAMS_IDENTITIES_FILE))
      problems.push(
        'TEAMS_ANONYMOUS: unauthenticated Teams requests cannot be mixed with MICROSOFT_APP_ID or TEAMS_IDENTITIES_FILE; remove one of them',
      );
    else if (c.TEAMS_ANONYMOUS && !anonymousTeamsAllowed(c))
      problems.push(
        'TEAMS_ANONYMOUS: unauthenticated Teams requests are only for a local client on this machine; set NODE_ENV=development (or test) and HOST=127.0.0.1, or set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD',
      );
    if (Boolean(c.MICROSOFT_APP_ID) !== Boolean(c.MICROSOFT_APP_PASSWORD))
      problems.push(
        'MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD: set both (the Azure Bot app registration), or neither',
      );
    return problems;
  },
  // Credentials, or anonymous requests for local clients.
  enabled: (config) => {
    const c = teamsConfig(config);
    return Boolean(
      (c.MICROSOFT_APP_ID && c.MICROSOFT_APP_PASSWORD) || c.TEAMS_IDENTITIES_FILE || c.TEAMS_ANONYMOUS,
    );
  },
  // 7 a second per conversation, and about 30 a second per tenant across the bot.
  limits: (config) => {
    const c = teamsConfig(config);
    return { perConversation: c.NUDGE_TEAMS_PER_CONVERSATION, burst: 7, perTenant: c.NUDGE_TEAMS_PER_TENANT };
  },
  // A Teams bot sends a file only after a consent card, and only to the person's OneDrive: links instead.
  takesFiles: false,
  routes: [{ path: '/api/messages' }],
  tenantKey: (kind, id) => (kind === 'teams' ? id : undefined),
  tenantSpecs: ['teams:<tenant id>'],
  async create({ config, core, clock, log }) {
    // The Agents SDK loads only when Teams is on.
    const { TeamsAdapter } = await import('./teams.adapter.ts');
    const c = teamsConfig(config);
    const teams = new TeamsAdapter({ config: c, core, clock, log });
    if (c.TEAMS_ANONYMOUS)
      log.warn(
        { host: c.HOST },
        'TEAMS_ANONYMOUS is on: Teams requests are NOT authenticated (a local client only; never expose this server)',
      );
    return {
      port: teams.port,
      listener: (req, res) => teams.handle(req, res),
      mode: c.TEAMS_ANONYMOUS ? 'anonymous' : 'http',
      start: async () => {},
      stop: async () => {},
    };
  },
} as const satisfies PlatformModule;
