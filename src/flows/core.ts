import type { Locale } from '../config.ts';
import type { Platform, Tenant } from '../domain/model.ts';
import { translator } from '../i18n/index.ts';
import type { InboundEvent, PlatformUser } from '../messages/inbound.ts';
import type { OutboundMessage } from '../messages/model.ts';
import type { Observer } from '../metrics.ts';
import { localeOf } from '../services/identity.service.ts';
import type { Inbox } from '../services/inbox.ts';
import {
  accountAdded,
  accountRemoved,
  adminsOn,
  firstPauseToday,
  installations,
  installedBy,
  isSettled,
  knownTenant,
  languageOfAccount,
  tenantOfPlatform,
  uninstalled,
} from '../services/platform.service.ts';
import { resumeWorkspace } from '../services/workspace-pause.service.ts';
import type { SecretBox } from '../store/secret-box.ts';
import type { Bot } from './bot.ts';
import { readerOf } from './context.ts';
import type { CorePort, Installations, Notice, ReadProbe, Reply } from './ports.ts';

export interface CoreOptions {
  bot: Bot;
  /** Where reads wait between their acknowledgement and their answer (none in the console). */
  inbox?: Inbox | undefined;
  /** Seals platform installations (their tokens) at rest. */
  box?: SecretBox | undefined;
  /** Told how long each turn took (the server's /metrics). */
  observer?: Pick<Observer, 'turn'> | undefined;
}

/**
 * The one door adapters come in by: events, the App Home, their tenants and accounts, installs
 * and uninstalls, reads that are answered after the platform's acknowledgement. Everything it
 * does goes through the bot and the services; an adapter never sees the store.
 */
export class Core implements CorePort {
  // A tenant's id never changes: one lookup per platform key and process.
  private readonly tenants = new Map<string, Tenant>();
  private readonly settled = new Set<string>();
  private readonly installs = new Map<Platform, Installations>();

  constructor(private readonly o: CoreOptions) {}

  get defaultLocale(): Locale {
    return this.o.bot.deps.defaults.locale;
  }

  async handle(event: InboundEvent): Promise<Reply> {
    const started = performance.now();
    try {
      return await this.o.bot.handle(event);
    } finally {
      this.o.observer?.turn(event.platform, event.kind, (performance.now() - started) / 1000);
    }
  }

  home(input: { tenantId: string; platform: Platform; user: PlatformUser }): Promise<OutboundMessage[]> {
    return this.o.bot.home(input);
  }

  isReadOnly(probe: ReadProbe): boolean {
    return this.o.bot.registry.isReadOnly(probe);
  }

  async tenant(platform: Platform, key: string, name?: string): Promise<Tenant> {
    const cacheKey = `${platform}:${key}`;
    const known = this.tenants.get(cacheKey);
    if (known) return known;
    const tenant = await tenantOfPlatform(this.o.bot.deps, platform, key, name);
    if (this.tenants.size > 10_000) this.tenants.clear();
    this.tenants.set(cacheKey, tenant);
    return tenant;
  }

  findTenant(platform: Platform, key: string): Promise<Tenant | undefined> {
    const known = this.tenants.get(`${platform}:${key}`);
    return known ? Promise.resolve(known) : knownTenant(this.o.bot.deps, platform, key);
  }

  onRead(platform: Platform, answer: (payload: unknown, replay: boolean) => Promise<void>): void {
    this.o.inbox?.register(platform, answer);
  }

  async acceptRead(
    platform: Platform,
    eventId: string,
    payload: unknown,
    locale: string | undefined,
    tenantKey?: string,
  ): Promise<{ stored: boolean; text: string }> {
    try {
      if (!this.o.inbox) throw new Error('no inbox: reads are answered in the turn');
      // The tenant from the cache only: acknowledging never waits for a lookup.
      const tenantId = tenantKey ? this.tenants.get(`${platform}:${tenantKey}`)?.id : undefined;
      await this.o.inbox.accept(`${platform}:${eventId}`, platform, payload, tenantId);
      return { stored: true, text: this.say(locale, 'common.on_its_way') };
    } catch (error) {
      this.o.bot.deps.onError?.(error, `${platform} read not stored`);
      return { stored: false, text: this.tryAgain(locale) };
    }
  }

  tryAgain(locale?: string): string {
    return this.say(locale, 'errors.unexpected');
  }

  say(locale: string | undefined, key: string, vars?: Record<string, unknown>): string {
    return translator(localeOf(locale, this.defaultLocale))(key, vars);
  }

  languageOf(
    tenantId: string,
    platform: Platform,
    externalId: string,
    clientLocale?: string,
  ): Promise<Locale> {
    return languageOfAccount(this.o.bot.deps, tenantId, platform, externalId, clientLocale);
  }

  async isSettled(tenantId: string, platform: Platform, externalId: string): Promise<boolean> {
    const key = `${tenantId}:${platform}:${externalId}`;
    if (this.settled.has(key)) return true;
    if (!(await isSettled(this.o.bot.deps, tenantId, platform, externalId))) return false;
    if (this.settled.size > 100_000) this.settled.clear();
    this.settled.add(key);
    return true;
  }

  identityAdded(
    tenantId: string,
    platform: Platform,
    externalId: string,
    conversationRef: Record<string, unknown> | null,
  ): Promise<void> {
    return accountAdded(this.o.bot.deps, tenantId, platform, externalId, conversationRef);
  }

  identityRemoved(tenantId: string, platform: Platform, externalId: string, reason: string): Promise<void> {
    this.settled.delete(`${tenantId}:${platform}:${externalId}`);
    return accountRemoved(this.o.bot.deps, tenantId, platform, externalId, reason);
  }

  installations(platform: Platform): Installations {
    let found = this.installs.get(platform);
    if (!found) {
      found = installations(this.o.bot.deps, platform, this.o.box);
      this.installs.set(platform, found);
    }
    return found;
  }

  async installationAdded(input: {
    tenantId: string;
    platform: Platform;
    user: PlatformUser;
    first: boolean;
    workspaceAdmin: boolean;
  }): Promise<void> {
    const deps = this.o.bot.deps;
    const installer = await installedBy(deps, input);
    // A reinstall with a new token ends a pause: the admins, and whoever reinstalled, hear what waited.
    await resumeWorkspace(deps, input.tenantId, input.platform, installer);
  }

  installationRemoved(input: {
    platform: Platform;
    key: string;
    eventId: string;
    reason: string;
  }): Promise<{ tenantId: string; identities: number } | undefined> {
    return uninstalled(this.o.bot.deps, input);
  }

  async workspacePaused(input: {
    tenantId: string;
    platform: Platform;
    code: string;
    tell?: { key: string; vars: (t: (key: string) => string) => Record<string, unknown> } | undefined;
  }): Promise<Notice[] | undefined> {
    const deps = this.o.bot.deps;
    if (!(await firstPauseToday(deps, input.tenantId, input.platform, input.code))) return undefined;
    const notices: Notice[] = [];
    const tell = input.tell;
    if (!tell) return notices;
    for (const { person, identities } of await adminsOn(deps, input.tenantId, input.platform)) {
      const { t } = readerOf(person);
      const text = t(
        tell.key,
        tell.vars((key) => t(key)),
      );
      for (const identity of identities)
        notices.push({
          to: { person, identity },
          message: { summary: text, blocks: [{ type: 'text', text }] },
        });
    }
    return notices;
  }
}
