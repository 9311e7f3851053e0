import type { Identity, Tenant } from '../domain/model.ts';
import { formatter, translator } from '../i18n/index.ts';
import type { MessageRef, OutboundMessage } from '../messages/model.ts';
import type { FileKeeper } from '../services/kept-files.ts';
import { ChatDeliveryError, type ChatPort, type Recipient } from './ports.ts';

/**
 * Sends in the background with bounded concurrency, so a request can be answered (Slack's 3 s,
 * Teams' 15 s) before the Web API calls to other people finish. A full queue waits for room
 * (backpressure) instead of piling up. Reminders do not go through here: the dispatcher needs
 * each send's outcome.
 */
export class BackgroundChatPort implements ChatPort {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly inner: ChatPort,
    private readonly options: {
      concurrency: number;
      maxQueued: number;
      onError: (error: unknown, to: Recipient) => void;
      onPermanent: (identity: Identity, code: string) => Promise<void>;
    },
  ) {}

  private async slot(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  private run(task: () => Promise<void>, to: Recipient): void {
    const job = (async () => {
      await this.slot();
      try {
        await task();
      } catch (error) {
        if (error instanceof ChatDeliveryError && error.kind === 'permanent')
          await this.options.onPermanent(to.identity, error.code).catch(() => {});
        this.options.onError(error, to);
      } finally {
        this.release();
      }
    })();
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  async send(to: Recipient, message: OutboundMessage): Promise<MessageRef | null> {
    while (this.waiting.length >= this.options.maxQueued) await Promise.race(this.pending);
    this.run(() => this.inner.send(to, message).then(() => undefined), to);
    return null;
  }

  async update(to: Recipient, ref: MessageRef, message: OutboundMessage): Promise<void> {
    this.run(() => this.inner.update(to, ref, message), to);
  }

  findByEmail(tenant: Tenant, email: string) {
    return this.inner.findByEmail?.(tenant, email) ?? Promise.resolve(null);
  }

  /** Waits until everything queued was sent (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }
}

/**
 * Routes each send to the port of the identity's platform; on a platform whose chats take no
 * file (Teams), a message's files become download links first (or a word on how to get them).
 */
export class PlatformRouter implements ChatPort {
  constructor(
    private readonly ports: Readonly<Record<string, ChatPort>>,
    private readonly files?: FileKeeper,
    /** Platforms whose chats take no file: files go there as signed links. */
    private readonly fileless: ReadonlySet<string> = new Set(),
  ) {}

  private async reachable(to: Recipient, message: OutboundMessage): Promise<OutboundMessage> {
    if (!this.files || !this.fileless.has(to.identity.platform)) return message;
    const { person } = to;
    return this.files.reachable(
      {
        tenantId: person.tenantId,
        personId: person.id,
        t: translator(person.locale, person.gender),
        fmt: formatter(person.locale, person.timezone),
      },
      message,
    );
  }

  private port(to: Recipient): ChatPort {
    const port = this.ports[to.identity.platform];
    if (!port) throw new ChatDeliveryError('permanent', `platform_not_configured:${to.identity.platform}`);
    return port;
  }

  async send(to: Recipient, message: OutboundMessage): Promise<MessageRef | null> {
    const port = this.port(to);
    return port.send(to, await this.reachable(to, message));
  }

  async update(to: Recipient, ref: MessageRef, message: OutboundMessage): Promise<void> {
    const port = this.port(to);
    return port.update(to, ref, await this.reachable(to, message));
  }

  findByEmail(tenant: Tenant, email: string) {
    return this.ports[tenant.platform]?.findByEmail?.(tenant, email) ?? Promise.resolve(null);
  }
}
