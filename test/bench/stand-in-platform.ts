import type { Identity } from '../../src/domain/model.ts';
import { ChatDeliveryError, type ChatPort, type Recipient } from '../../src/flows/ports.ts';
import type { OutboundMessage } from '../../src/messages/model.ts';
import type { SendLimit } from '../../src/platforms.ts';

/** Where a message goes: one conversation of one tenant on one platform. */
export type Conversation = Pick<Identity, 'tenantId' | 'id' | 'platform'>;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A local stand-in for Slack and Teams: it enforces a per-conversation limit and a per-tenant
 * ceiling with token buckets, answers 429 with Retry-After past them, takes `latencyMs` a call,
 * and counts what it delivered, so duplicates and losses can be checked.
 */
export class StandInPlatform implements ChatPort {
  readonly deliveries = new Map<string, number>();
  /** Deliveries per second since the first, by platform: where a run loses time. */
  readonly timeline: { slack: number; teams: number }[] = [];
  private firstAt: number | undefined;
  rateLimited = 0;
  accepted = 0;
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: { slack: SendLimit; teams: SendLimit },
    readonly latencyMs = 5,
  ) {}

  private take(key: string, rate: number, burst: number, now: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return ((1 - bucket.tokens) / rate) * 1000;
  }

  private check(identity: Conversation): number {
    const l = identity.platform === 'teams' ? this.limits.teams : this.limits.slack;
    const now = performance.now();
    const conversation = this.take(`c:${identity.tenantId}:${identity.id}`, l.perConversation, l.burst, now);
    if (conversation > 0) return conversation;
    const tenant = this.take(`t:${identity.tenantId}`, l.perTenant, l.perTenant, now);
    if (tenant > 0) {
      // The conversation's token is given back: this message was not delivered.
      (this.buckets.get(`c:${identity.tenantId}:${identity.id}`) as Bucket).tokens += 1;
    }
    return tenant;
  }

  /** One message arriving: 0 when delivered (and counted), else the Retry-After in ms (a 429). */
  receive(to: Conversation, text: string): number {
    const wait = this.check(to);
    if (wait > 0) {
      this.rateLimited++;
      return Math.ceil(wait / 1000) * 1000;
    }
    this.accepted++;
    const key = `${to.tenantId}:${to.id}|${text}`;
    this.deliveries.set(key, (this.deliveries.get(key) ?? 0) + 1);
    this.firstAt ??= performance.now();
    const second = Math.floor((performance.now() - this.firstAt) / 1000);
    while (this.timeline.length <= second) this.timeline.push({ slack: 0, teams: 0 });
    (this.timeline[second] as { slack: number; teams: number })[
      to.platform === 'teams' ? 'teams' : 'slack'
    ]++;
    return 0;
  }

  async send(to: Recipient, message: OutboundMessage): Promise<string> {
    await new Promise((r) => setTimeout(r, this.latencyMs));
    const text = message.blocks[0]?.type === 'text' ? message.blocks[0].text : message.summary;
    const retryAfter = this.receive(to.identity, text);
    if (retryAfter > 0) throw new ChatDeliveryError('rate_limited', 'ratelimited', retryAfter);
    return `${to.identity.tenantId}:${to.identity.id}|${text}`;
  }

  async update(): Promise<void> {}
}
