import type { Clock } from '../clock.ts';
import type { Identity, Person } from '../domain/model.ts';
import { scheduleNudge } from '../domain/nudge-timing.ts';
import { ChatDeliveryError, type ChatPort } from '../flows/ports.ts';
import type { Db } from '../store/db.ts';
import { claimDue, finishNudges, type Nudge, requeueNudge } from '../store/nudge.store.ts';
import { activeIdentitiesOf, deactivateIdentity, getPeople } from '../store/person.store.ts';
import { renderNudge } from './nudge-messages.ts';
import { type Limit, RateLimiter } from './rate-limiter.ts';

/** Sending limits per platform; defaults follow Slack's and Teams' published guidance. */
export interface SendLimits {
  slack: { perConversation: number; burst: number; perTenant: number };
  teams: { perConversation: number; burst: number; perTenant: number };
}

export const DEFAULT_LIMITS: SendLimits = {
  // Slack: about one message a second per channel, small bursts; no per-workspace ceiling of its own.
  slack: { perConversation: 1, burst: 3, perTenant: 50 },
  // Teams: 7 a second per conversation, and about 30 a second per tenant across the bot.
  teams: { perConversation: 7, burst: 7, perTenant: 30 },
};

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  chat: ChatPort;
  /** Unique per process: claims carry it, so a row is finished only by its holder. */
  worker: string;
  limits?: SendLimits;
  leaseMs?: number;
  batch?: number;
  concurrency?: number;
  maxAttempts?: number;
  /** Waits up to this long for a rate limit inline; longer waits put the row back for later. */
  maxInlineWaitMs?: number;
  backoffBaseMs?: number;
  onError?: (error: unknown, context: string) => void;
  sleep?: (ms: number) => Promise<void>;
  monotonic?: () => number;
}

export interface DispatchStats {
  claimed: number;
  sent: number;
  cancelled: number;
  failed: number;
  requeued: number;
  rateLimited: number;
}

const URGENT = new Set(['session_reminder']);

/**
 * Claims due nudges (FOR UPDATE SKIP LOCKED, with a lease) and sends them through the chat port.
 * Runs in every replica; a process that dies mid-batch loses nothing, its rows are claimed again
 * when the lease ends. A 429 puts only that row back (after Retry-After); transient errors back
 * off with jitter up to a maximum of attempts; permanent errors deactivate the identity.
 */
export class Dispatcher {
  private readonly limiter: RateLimiter;
  private readonly o: Required<Omit<DispatcherOptions, 'onError'>> & Pick<DispatcherOptions, 'onError'>;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(options: DispatcherOptions) {
    this.o = {
      limits: DEFAULT_LIMITS,
      leaseMs: 60_000,
      batch: 200,
      concurrency: 32,
      maxAttempts: 5,
      maxInlineWaitMs: 1_000,
      backoffBaseMs: 30_000,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      monotonic: () => performance.now(),
      ...options,
    };
    this.limiter = new RateLimiter(this.o.monotonic);
  }

  private limitsFor(identity: Identity): Limit[] {
    if (identity.platform === 'console') return [];
    const l = identity.platform === 'teams' ? this.o.limits.teams : this.o.limits.slack;
    return [
      { key: `c:${identity.tenantId}:${identity.id}`, rate: l.perConversation, burst: l.burst },
      { key: `t:${identity.tenantId}`, rate: l.perTenant, burst: Math.max(1, Math.ceil(l.perTenant / 2)) },
    ];
  }

  /** Claims one batch and settles every row of it. */
  async runOnce(): Promise<DispatchStats> {
    const { db, clock, worker } = this.o;
    const now = clock.now();
    const rows = await claimDue(db, { now, leaseMs: this.o.leaseMs, worker, limit: this.o.batch });
    const stats: DispatchStats = {
      claimed: rows.length,
      sent: 0,
      cancelled: 0,
      failed: 0,
      requeued: 0,
      rateLimited: 0,
    };
    if (rows.length === 0) return stats;
    const byTenant = new Map<string, Nudge[]>();
    for (const row of rows) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row]);
    const people = new Map<string, Person>();
    const identities = new Map<string, Identity[]>();
    for (const [tenantId, list] of byTenant) {
      const ids = list.map((n) => n.recipientId);
      for (const [id, p] of await getPeople(db, tenantId, ids)) people.set(`${tenantId}:${id}`, p);
      for (const [id, i] of await activeIdentitiesOf(db, tenantId, ids))
        identities.set(`${tenantId}:${id}`, i);
    }
    const sent: Nudge[] = [];
    const cancelled: Nudge[] = [];
    const gone = new Set<string>();
    let next = 0;
    const work = async () => {
      while (next < rows.length) {
        const nudge = rows[next++] as Nudge;
        const key = `${nudge.tenantId}:${nudge.recipientId}`;
        try {
          const targets = (identities.get(key) ?? []).filter((i) => !gone.has(i.id));
          const outcome = await this.deliver(nudge, people.get(key), targets, stats, gone);
          if (outcome === 'sent') sent.push(nudge);
          else if (outcome === 'cancelled') cancelled.push(nudge);
        } catch (error) {
          this.o.onError?.(error, `nudge ${nudge.kind}`);
          await this.retryLater(nudge, error instanceof Error ? error.message : String(error), stats);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, rows.length) }, work));
    await finishNudges(db, worker, 'sent', sent, clock.now());
    await finishNudges(db, worker, 'cancelled', cancelled, clock.now());
    stats.sent += sent.length;
    stats.cancelled += cancelled.length;
    return stats;
  }

  private async deliver(
    nudge: Nudge,
    person: Person | undefined,
    targets: Identity[],
    stats: DispatchStats,
    gone: Set<string>,
  ): Promise<'sent' | 'cancelled' | 'settled'> {
    const { db, clock } = this.o;
    const now = clock.now();
    if (!person || targets.length === 0) return 'cancelled';
    if (!URGENT.has(nudge.kind) && person.snoozedUntil && person.snoozedUntil > now) {
      const dueAt = scheduleNudge({
        due: now,
        zone: person.timezone,
        quiet: { start: '20:00', end: '08:00' },
        urgent: false,
        snoozedUntil: person.snoozedUntil,
      });
      await requeueNudge(db, this.o.worker, nudge, { dueAt, countAttempt: false }, now);
      stats.requeued++;
      return 'settled';
    }
    const message = await renderNudge(db, nudge, person, now);
    if (!message) return 'cancelled';
    let delivered = 0;
    let permanent = 0;
    for (const identity of targets) {
      const limits = this.limitsFor(identity);
      let wait = this.limiter.reserve(limits);
      while (wait > 0) {
        if (wait > this.o.maxInlineWaitMs) {
          if (delivered > 0) break;
          await requeueNudge(
            db,
            this.o.worker,
            nudge,
            { dueAt: new Date(clock.now().getTime() + wait), countAttempt: false },
            clock.now(),
          );
          stats.requeued++;
          return 'settled';
        }
        await this.o.sleep(wait);
        wait = this.limiter.reserve(limits);
      }
      try {
        await this.o.chat.send({ person, identity }, message);
        delivered++;
      } catch (error) {
        if (!(error instanceof ChatDeliveryError)) throw error;
        if (error.kind === 'permanent') {
          await deactivateIdentity(db, identity.tenantId, identity.id, error.code, clock.now());
          gone.add(identity.id);
          permanent++;
          continue;
        }
        if (delivered > 0) continue;
        if (error.kind === 'rate_limited') {
          const retry = error.retryAfterMs ?? 1_000;
          // Only this conversation waits; rows to other conversations go on (and meet their own 429 if the limit is wider).
          this.limiter.penalise(limits.slice(0, 1), retry);
          stats.rateLimited++;
          await requeueNudge(
            db,
            this.o.worker,
            nudge,
            { dueAt: new Date(clock.now().getTime() + retry), countAttempt: false, error: error.code },
            clock.now(),
          );
          stats.requeued++;
          return 'settled';
        }
        await this.retryLater(nudge, error.code, stats);
        return 'settled';
      }
    }
    if (delivered > 0) return 'sent';
    if (permanent === targets.length) {
      await finishNudges(
        db,
        this.o.worker,
        'failed',
        [{ ...nudge, error: 'no reachable identity' }],
        clock.now(),
      );
      stats.failed++;
      return 'settled';
    }
    return 'cancelled';
  }

  /** Transient failure: exponential backoff with jitter, until the maximum of attempts. */
  private async retryLater(nudge: Nudge, error: string, stats: DispatchStats): Promise<void> {
    const { db, clock } = this.o;
    const attempts = nudge.attempts + 1;
    if (attempts >= this.o.maxAttempts) {
      await finishNudges(db, this.o.worker, 'failed', [{ ...nudge, error }], clock.now());
      stats.failed++;
      return;
    }
    const backoff = this.o.backoffBaseMs * 2 ** (attempts - 1);
    const jitter = Math.random() * backoff * 0.3;
    await requeueNudge(
      db,
      this.o.worker,
      nudge,
      { dueAt: new Date(clock.now().getTime() + backoff + jitter), countAttempt: true, error },
      clock.now(),
    );
    stats.requeued++;
  }

  /** Sends everything due now, batch after batch (tests, the console's clock, shutdown). */
  async drain(maxBatches = 1_000): Promise<DispatchStats> {
    const total: DispatchStats = {
      claimed: 0,
      sent: 0,
      cancelled: 0,
      failed: 0,
      requeued: 0,
      rateLimited: 0,
    };
    for (let i = 0; i < maxBatches; i++) {
      const s = await this.runOnce();
      for (const k of Object.keys(total) as (keyof DispatchStats)[]) total[k] += s[k];
      if (s.claimed === 0) break;
    }
    return total;
  }

  /** Keeps dispatching every `intervalMs` until stopped. */
  start(intervalMs = 1_000): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          const s = await this.runOnce();
          this.limiter.prune();
          if (s.claimed === 0) await this.o.sleep(intervalMs);
        } catch (error) {
          this.o.onError?.(error, 'dispatcher');
          await this.o.sleep(intervalMs);
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
