import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { ChatPort, CorePort } from './flows/ports.ts';
import type { Logger } from './log.ts';

/**
 * What a chat platform is to the rest of the system. Each adapter folder exports one of these
 * (`adapters/<name>/platform.ts`) and `adapters/platforms.ts` lists them: the server, the
 * dispatcher, the HTTP routes, the configuration and the command line iterate over that list, so a
 * platform is added in its own folder and one line there.
 */
export interface PlatformModule {
  /** The name stored with tenants and identities ('slack', 'teams'). */
  readonly name: string;
  /** Its environment variables, parsed with the rest of the configuration. */
  readonly configSchema: z.ZodObject;
  /** An example of a good value for each variable, shown when one is wrong. */
  readonly examples?: Readonly<Record<string, string>>;
  /** Combinations of its variables (and the common ones) that only make sense together. */
  configChecks?(config: Config): string[];
  /** Whether the configuration turns it on. */
  enabled(config: Config): boolean;
  /** How fast the dispatcher may write to it, after the platform's published limits. */
  limits(config: Config): SendLimit;
  /** Whether its chats take a file from the bot; when not, files go out as signed links. */
  readonly takesFiles: boolean;
  /** The HTTP paths it answers. */
  readonly routes: readonly PlatformRoute[];
  /**
   * How `--tenant` names one of its tenants on the command line (`slack:T0123`): the tenant key,
   * or undefined when the spec is not this platform's.
   */
  tenantKey?(kind: string, id: string): string | undefined;
  /** The `--tenant` forms it accepts, for the command line's help. */
  readonly tenantSpecs?: readonly string[];
  /** Starts talking to the platform, with the core as its one door in. */
  create(options: { config: Config; core: CorePort; clock: Clock; log: Logger }): Promise<PlatformRuntime>;
}

/** Messages a second to one conversation (with a burst), and to one tenant. */
export interface SendLimit {
  perConversation: number;
  burst: number;
  perTenant: number;
}

/** A path a platform answers: exact, or every path under a prefix (ending in '/'). */
export interface PlatformRoute {
  path: string;
  prefix?: boolean;
  /** A page a browser opens (an install page): limited per client address. */
  publicLimit?: { group: string; rate: number; burst: number };
}

/** A running platform. */
export interface PlatformRuntime {
  /** How the core writes to people there. */
  readonly port: ChatPort;
  /** Answers the platform's HTTP routes; undefined when it listens elsewhere (Slack's Socket Mode). */
  readonly listener?: ((req: IncomingMessage, res: ServerResponse) => void | Promise<void>) | undefined;
  /** A word for the start-up line ('http', 'socket mode'). */
  readonly mode: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Whether a request path is one of a platform's routes. */
export function routeFor(routes: readonly PlatformRoute[], path: string): PlatformRoute | undefined {
  return routes.find((r) => (r.prefix ? path.startsWith(r.path) : path === r.path));
}
