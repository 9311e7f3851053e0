import { PLATFORMS, parseServerConfig } from '../../adapters/platforms.ts';
import type { SendLimit } from '../../src/platforms.ts';

/** Each platform's default limits, as its module gives them to the server's dispatcher. */
const defaults = parseServerConfig({});
if (!defaults.ok) throw new Error(defaults.problems.join('\n'));
const config = defaults.config;
const limitsOf = (name: string): SendLimit => {
  const platform = PLATFORMS.find((p) => p.name === name);
  if (!platform) throw new Error(`no platform ${name}`);
  return platform.limits(config);
};
export const LIMITS = { slack: limitsOf('slack'), teams: limitsOf('teams') };
