import type { Locale } from '../../src/config.ts';
import { Bot } from '../../src/flows/bot.ts';
import type { CoreDeps, Reply } from '../../src/flows/context.ts';
import { Core } from '../../src/flows/core.ts';
import type { Installations } from '../../src/flows/ports.ts';
import type { InboundEvent } from '../../src/messages/inbound.ts';
import type { Inbox } from '../../src/services/inbox.ts';
import { installations } from '../../src/services/platform.service.ts';
import type { OpenDatabase } from '../../src/store/db.ts';
import type { SecretBox } from '../../src/store/secret-box.ts';

/** The core as adapters see it, around a bot: what main.ts builds. */
export function coreOf(bot: Bot, options: { inbox?: Inbox; box?: SecretBox } = {}): Core {
  return new Core({ bot, ...options });
}

/**
 * A real core (tenants, accounts, installations, reads) whose `handle` records each event and
 * answers with the reply queued for it: what an adapter hands the core, checked as it is.
 */
export class RecordingCore extends Core {
  readonly events: InboundEvent[] = [];
  readonly replies: Reply[] = [];

  constructor(deps: CoreDeps, options: { inbox?: Inbox } = {}) {
    super({ bot: new Bot(deps), ...options });
  }

  override async handle(event: InboundEvent): Promise<Reply> {
    this.events.push(event);
    return this.replies.shift() ?? { messages: [] };
  }
}

/** The core's Slack installations on a database, at a fixed time, sealed with `box` when given. */
export function installationsOf(
  db: OpenDatabase,
  defaults: { locale: Locale; timezone: string },
  at: Date,
  box?: SecretBox,
): Installations {
  return installations({ db: db.db, clock: { now: () => at }, defaults }, 'slack', box);
}
