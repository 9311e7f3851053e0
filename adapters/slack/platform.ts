import { z } from 'zod';
import { type Config, encryptionKeys, isProduction, perSecond } from '../../src/config.ts';
import type { PlatformModule } from '../../src/platforms.ts';

/** Slack's variables: one workspace with a bot token, or many through OAuth. */
const configSchema = z.object({
  // Slack: one workspace with a bot token, or many through OAuth (client id, secret, state secret).
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xox[bp]-/, 'must be a bot token starting with xoxb-')
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(16, "must be the app's signing secret").optional(),
  // Socket Mode (development, no public URL) instead of HTTP.
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
    .optional(),
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_STATE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  // Where the Slack Web API lives (tests and local stand-ins point it elsewhere).
  SLACK_API_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL')
    .transform((url) => (url.endsWith('/') ? url : `${url}/`))
    .optional(),
  // Messages a second the dispatcher sends to one DM, so Slack rarely answers 429.
  NUDGE_SLACK_PER_CHANNEL: perSecond(1),
});

export type SlackConfig = Config & z.infer<typeof configSchema>;

const examples = {
  SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdef',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
  SLACK_APP_TOKEN: 'xapp-1-A111-222-abcdef',
  SLACK_CLIENT_ID: '1234567890.1234567890',
  SLACK_CLIENT_SECRET: 'abcdef0123456789abcdef0123456789',
  SLACK_STATE_SECRET: 'a-long-random-string',
  SLACK_API_URL: 'https://slack.com/api/',
  NUDGE_SLACK_PER_CHANNEL: '1',
};

/** The configuration as Slack reads it (parsed with Slack's schema: the cast names what was checked). */
const slackConfig = (c: Config) => c as SlackConfig;

/** Whether the workspaces install the app through OAuth (several workspaces). */
function oauth(c: SlackConfig): boolean {
  return Boolean(c.SLACK_CLIENT_ID && c.SLACK_CLIENT_SECRET && c.SLACK_STATE_SECRET);
}

/** Slack: DMs, `/mentoria`, buttons, modals and App Home; each workspace or Grid organisation is a tenant. */
export const slackPlatform = {
  name: 'slack',
  configSchema,
  examples,
  configChecks(config) {
    const c = slackConfig(config);
    const problems: string[] = [];
    const trio = [c.SLACK_CLIENT_ID, c.SLACK_CLIENT_SECRET, c.SLACK_STATE_SECRET];
    if (trio.some(Boolean) && !trio.every(Boolean))
      problems.push(
        'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET: set all three to install in several workspaces, or none',
      );
    if ((c.SLACK_BOT_TOKEN || oauth(c)) && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN)
      problems.push(
        `SLACK_SIGNING_SECRET: required to verify Slack's requests over HTTP (example: SLACK_SIGNING_SECRET=${examples.SLACK_SIGNING_SECRET})`,
      );
    if (c.SLACK_APP_TOKEN && !c.SLACK_BOT_TOKEN)
      problems.push(
        `SLACK_BOT_TOKEN: Socket Mode needs the bot token too (example: SLACK_BOT_TOKEN=${examples.SLACK_BOT_TOKEN})`,
      );
    if (oauth(c) && !encryptionKeys(c) && isProduction(c))
      problems.push(
        "ENCRYPTION_KEY: required in production with SLACK_CLIENT_ID, so that the workspaces' tokens are encrypted in the database (generate one with: openssl rand -base64 32)",
      );
    return problems;
  },
  enabled: (config) => {
    const c = slackConfig(config);
    return Boolean(c.SLACK_BOT_TOKEN || oauth(c));
  },
  // About one message a second per channel, small bursts; no per-workspace ceiling of its own.
  limits: (config) => ({
    perConversation: slackConfig(config).NUDGE_SLACK_PER_CHANNEL,
    burst: 3,
    perTenant: 50,
  }),
  takesFiles: true,
  routes: [
    // The install pages a browser opens: a handful per client.
    { path: '/slack/install', publicLimit: { group: 'install', rate: 0.2, burst: 10 } },
    { path: '/slack/oauth_redirect', publicLimit: { group: 'install', rate: 0.2, burst: 10 } },
    { path: '/slack/', prefix: true },
  ],
  tenantKey: (kind, id) => (kind === 'slack' ? `T:${id}` : kind === 'slack-org' ? `E:${id}` : undefined),
  tenantSpecs: ['slack:T0123 (a workspace)', 'slack-org:E0123 (an Enterprise Grid organisation)'],
  async create({ config, core, clock, log }) {
    // Bolt loads only when Slack is on.
    const { SlackAdapter } = await import('./slack.adapter.ts');
    const slack = new SlackAdapter({ config: slackConfig(config), core, clock, log });
    return {
      port: slack.port,
      listener: slack.requestListener,
      mode: slack.receiver ? 'http' : 'socket mode',
      start: () => slack.start(),
      stop: () => slack.stop(),
    };
  },
} as const satisfies PlatformModule;
