import type { z } from 'zod';
import { type Config, type ConfigResult, loadConfigOrExit, parseConfig } from '../src/config.ts';
import type { PlatformModule } from '../src/platforms.ts';
import { slackPlatform } from './slack/platform.ts';
import { teamsPlatform } from './teams/platform.ts';

/** Every chat platform the server speaks: one line each. The console chat is built in. */
export const PLATFORMS = [slackPlatform, teamsPlatform] as const satisfies readonly PlatformModule[];

type Each = (typeof PLATFORMS)[number];
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The configuration with every platform's variables. */
export type ServerConfig = Config & Intersection<z.infer<Each['configSchema']>>;

/** Parses the environment with every platform's variables. */
export function parseServerConfig(env: Record<string, string | undefined>): ConfigResult<ServerConfig> {
  return parseConfig(env, PLATFORMS) as ConfigResult<ServerConfig>;
}

/** Parses the environment with every platform's variables, or stops the process with its problems. */
export function loadServerConfigOrExit(env: Record<string, string | undefined> = process.env): ServerConfig {
  return loadConfigOrExit(env, PLATFORMS) as ServerConfig;
}

/** The platforms the configuration turns on. */
export function enabledPlatforms(config: Config): PlatformModule[] {
  return PLATFORMS.filter((p) => p.enabled(config));
}
