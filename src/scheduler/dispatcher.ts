import type { Clock } from '../clock.ts';
import type { Identity, Person } from '../domain/model.ts';
import { scheduleNudge } from '../domain/nudge-timing.ts';
import { ChatDeliveryError, type ChatPort } from '../flows/ports.ts';
import type { Observer } from '../metrics.ts';
import type { SendLimit } from '../platforms.ts';
import { pauseWorkspace, resumeWorkspace } from '../services/workspace-pause.service.ts';
import type { Db } from '../store/db.ts';
import {
  claimDue,
  finishNudges,
  type Nudge,
  releaseNudges,
  requeueNudge,
  retryWaiting,
} from '../store/nudge.store.ts';
import { deactivateIdentity, recipientsOf, upsertIdentity } from '../store/person.store.ts';
import { drawTokens } from '../store/send-budget.store.ts';
import { type SessionWithPair, sessionsWithPair } from '../store/session.store.ts';
import { getTenant, pausedAmong } from '../store/tenant.store.ts';
import { renderNudge } from './nudge-messages.ts';
import { type Limit, RateLimiter } from './rate-limiter.ts';
import { SharedBudget, type SharedLimit } from './shared-budget.ts';

/** How long a message for someone unreachable waits before the platform is asked again. */
const WAITING_RETRY_MS = 6 * 3_600_000;

/**
 * Sending limits per platform, from each platform module (`PlatformModule.limits`); the console
 * chat is local and `unlimited`. A platform missing here is not configured on this server: its
 * messages wait (retried later), never sent under another platform's limits.
 */
export type SendLimits = Readonly<Record<string, SendLimit | 'unlimited'>>;

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  chat: ChatPort;
  /** Unique per process: claims carry it, so a row is finished only by its holder. */
  worker: string;
  /** Told each send's outcome (the server's /metrics). */
  observer?: Pick<Observer, 'send'> | undefined;
  /** Unset (tests): nothing is throttled and every platform is served. */
  limits?: SendLimits | undefined;
  leaseMs?: number;
  batch?: number;
  /** At most this many rows of one tenant per claim (a tenant's ceiling times about a second). */
  perTenant?: number;
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
  /** Kept for someone the bot cannot reach yet, until they first write. */
  waiting: number;
  failed: number;
  requeued: number;
  rateLimited: number;
}

const URGENT = new Set(['session_reminder']);

interface Claimed {
  nudge: Nudge;
  person: Person | undefined;
  identities: Identity[];
  sessions: Map<string, SessionWithPair>;
}

/** Round-robin over tenants, so the workers spread across tenants' buckets instead of queueing on one. */
function interleaveByTenant(rows: Nudge[]): Nudge[] {
  const queues = new Map<string, Nudge[]>();
  for (const row of rows) queues.set(row.tenantId, [...(queues.get(row.tenantId) ?? []), row]);
  const lists = [...queues.values()];
  const out: Nudge[] = [];
  for (let i = 0; out.length < rows.length; i++)
    for (const list of lists) if (i < list.length) out.push(list[i] as Nudge);
  return out;
}

/**
 * Claims due nudges (FOR UPDATE SKIP LOCKED, with a lease) and sends them through the chat port.
 * Runs in every replica; a process that dies mid-batch loses nothing, its rows are claimed again
 * when the lease ends. A 429 puts only that row back (after Retry-After); transient errors back
 * off with jitter up to a maximum of attempts; permanent errors deactivate the identity.
 */
export class Dispatcher {
  /** Per conversation, in this replica (a person's rows are in one replica's hands at a time). */
  private readonly limiter: RateLimiter;
  /** Per tenant, shared by every replica through the database. */
  private readonly budget: SharedBudget;
  private readonly o: Required<Omit<DispatcherOptions, 'onError' | 'limits' | 'observer'>> &
    Pick<DispatcherOptions, 'onError' | 'limits' | 'observer'>;
  private running = false;
  /** Set by `stop()`: rows in hand that were not started go back at once. */
  private stopping = false;
  private readonly notOnPlatform = new Map<string, number>();
  /**
   * Tenants whose platform refused the bot's token (by tenant and platform), in this replica:
   * until when (monotonic) their rows go back to the table untried, and the platform's code.
   */
  private readonly refused = new Map<string, { until: number; code: string }>();
  /** Tenants paused in the database as of a claim: the first send that goes through ends it. */
  private readonly paused = new Set<string>();
  private lastWaitingRetry = Number.NEGATIVE_INFINITY;
  private loop: Promise<void> | undefined;

  constructor(options: DispatcherOptions) {
    this.o = {
      limits: undefined,
      leaseMs: 60_000,
      batch: 1000,
      perTenant: 25,
      concurrency: 32,
      maxAttempts: 5,
      maxInlineWaitMs: 1_000,
      backoffBaseMs: 30_000,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      monotonic: () => performance.now(),
      ...options,
    };
    this.limiter = new RateLimiter(this.o.monotonic);
    // The database's clock refills the shared buckets: the replica counts in real time too.
    this.budget = new SharedBudget(
      (requests) => drawTokens(this.o.db, requests),
      () => performance.now(),
      (error) => this.o.onError?.(error, 'send budget'),
    );
  }

  /** Whether this server sends to a platform at all. */
  private serves(platform: string): boolean {
    return !this.o.limits || platform in this.o.limits;
  }

  private limitsFor(identity: Identity): { conversation: Limit; tenant: SharedLimit } | undefined {
    const l = this.o.limits?.[identity.platform];
    if (!l || l === 'unlimited') return undefined;
    return {
      conversation: { key: `c:${identity.tenantId}:${identity.id}`, rate: l.perConversation, burst: l.burst },
      tenant: {
        tenantId: identity.tenantId,
        scope: identity.platform,
        rate: l.perTenant,
        burst: Math.max(1, Math.ceil(l.perTenant / 2)),
      },
    };
  }

  /** Milliseconds until this identity's conversation and tenant can both be sent to (0: now). */
  private waitFor(identity: Identity): number {
    const { conversation, tenant } = this.waitsOf(identity);
    return Math.max(conversation, tenant);
  }

  private waitsOf(identity: Identity): { conversation: number; tenant: number } {
    const refused = this.refusedWait(identity);
    const limits = this.limitsFor(identity);
    if (!limits) return { conversation: 0, tenant: refused };
    return {
      conversation: this.limiter.waitFor([limits.conversation]),
      tenant: Math.max(refused, this.budget.wait(limits.tenant)),
    };
  }

  /** How long this identity's tenant still waits after its platform refused the bot's token (0: not). */
  private refusedWait(identity: Identity): number {
    const key = `${identity.tenantId}:${identity.platform}`;
    const refusal = this.refused.get(key);
    if (!refusal) return 0;
    const left = refusal.until - this.o.monotonic();
    if (left > 0) return left;
    // Time to try the token again: the next row is sent, and tells.
    this.refused.delete(key);
    return 0;
  }

  /** The platform's code when these identities' tenant is paused here: the row keeps it as its error. */
  private refusalOf(identities: Identity[]): string | undefined {
    for (const identity of identities) {
      const refusal = this.refused.get(`${identity.tenantId}:${identity.platform}`);
      if (refusal) return refusal.code;
    }
    return undefined;
  }

  /** Takes a token for the conversation and one for the tenant, or none and says how long to wait. */
  private reserve(identity: Identity): number {
    const limits = this.limitsFor(identity);
    if (!limits) return this.refusedWait(identity);
    const wait = this.waitFor(identity);
    if (wait > 0) return wait;
    this.limiter.reserve([limits.conversation]);
    this.budget.take(limits.tenant);
    return 0;
  }

  /** Claims rows and loads what delivering them needs: recipients, identities, sessions. */
  private async claim(limit: number, skipTenants: string[]): Promise<Claimed[]> {
    const { db, clock, worker } = this.o;
    const rows = await claimDue(db, {
      now: clock.now(),
      leaseMs: this.o.leaseMs,
      worker,
      limit,
      perTenant: this.o.perTenant,
      skipTenants,
    });
    if (rows.length === 0) return [];
    // What sending needs, read together: the recipients and their accounts, the sessions (most of
    // the volume is session reminders), and which tenants are paused.
    const [{ people, identities }, sessions, paused] = await Promise.all([
      recipientsOf(
        db,
        rows.map((r) => ({ tenantId: r.tenantId, personId: r.recipientId })),
      ),
      sessionsWithPair(
        db,
        rows
          .filter((r) => r.kind === 'session_reminder' || r.kind === 'session_outcome')
          .map((r) => ({ tenantId: r.tenantId, id: r.subjectId })),
      ),
      pausedAmong(
        db,
        rows.map((r) => r.tenantId),
      ),
    ]);
    // A pause another replica ended is over here too; one still on is ended by the first send through.
    for (const row of rows) {
      if (paused.has(row.tenantId)) this.paused.add(row.tenantId);
      else if (this.paused.delete(row.tenantId))
        for (const key of this.refused.keys())
          if (key.startsWith(`${row.tenantId}:`)) this.refused.delete(key);
    }
    return interleaveByTenant(rows).map((nudge) => {
      const key = `${nudge.tenantId}:${nudge.recipientId}`;
      return { nudge, person: people.get(key), identities: identities.get(key) ?? [], sessions };
    });
  }

  /**
   * Sends what is due until nothing due is left. Workers pull from a queue that is refilled by
   * new claims while they work (no batch barrier: a tenant held back by its rate limit does not
   * keep the others idle); outcomes are written in bulk as they accumulate.
   */
  private async pump(): Promise<DispatchStats> {
    const { db, clock, worker } = this.o;
    // Messages waiting for someone unreachable are tried again now and then: the platform may
    // let the bot in since (an admin granted the permission, the person joined the workspace).
    const now = clock.now().getTime();
    if (now - this.lastWaitingRetry > WAITING_RETRY_MS / 6) {
      this.lastWaitingRetry = now;
      await retryWaiting(db, new Date(now - WAITING_RETRY_MS), clock.now());
    }
    const stats: DispatchStats = {
      claimed: 0,
      sent: 0,
      cancelled: 0,
      waiting: 0,
      failed: 0,
      requeued: 0,
      rateLimited: 0,
    };
    const queue: Claimed[] = [];
    const gone = new Set<string>();
    let sent: Nudge[] = [];
    let cancelled: Nudge[] = [];
    let waiting: Nudge[] = [];
    let exhausted = false;
    let refilling: Promise<void> | undefined;
    let lastFlush = performance.now();
    const flush = async () => {
      lastFlush = performance.now();
      const [s, c, w] = [sent, cancelled, waiting];
      sent = [];
      cancelled = [];
      waiting = [];
      await finishNudges(db, worker, 'sent', s, clock.now());
      await finishNudges(db, worker, 'cancelled', c, clock.now());
      await finishNudges(db, worker, 'waiting', w, clock.now());
      stats.sent += s.length;
      stats.cancelled += c.length;
      stats.waiting += w.length;
    };
    // Rows held in memory per tenant: a tenant with enough is skipped by the next claim, so rows of
    // a slow tenant (a low ceiling) do not crowd out the others.
    const held = new Map<string, number>();
    const hold = (tenantId: string, delta: number) => held.set(tenantId, (held.get(tenantId) ?? 0) + delta);
    let lastEmptyClaim = Number.NEGATIVE_INFINITY;
    const refill = () => {
      refilling ??= (async () => {
        const saturated = [...held].filter(([, n]) => n >= this.o.perTenant).map(([t]) => t);
        const rows = await this.claim(this.o.batch, saturated);
        stats.claimed += rows.length;
        if (rows.length === 0) {
          lastEmptyClaim = performance.now();
          if (saturated.length === 0) exhausted = true;
        }
        for (const row of rows) hold(row.nudge.tenantId, 1);
        queue.push(...rows);
      })().finally(() => {
        refilling = undefined;
      });
      return refilling;
    };
    /**
     * The first queued row whose tenant and conversation can send now, or one to put back in the
     * table because its wait is too long to hold in memory; else the shortest wait. A tenant found
     * waiting for its budget is passed over for the rest of the scan, so rows of tenants that can
     * send are found however many rows of saturated tenants come before them.
     */
    const take = (): { item: Claimed; deferMs: number } | number | undefined => {
      let shortest = Number.POSITIVE_INFINITY;
      const saturated = new Set<string>();
      for (let i = 0; i < queue.length; i++) {
        const item = queue[i] as Claimed;
        if (saturated.has(item.nudge.tenantId)) continue;
        let wait = 0;
        for (const identity of item.identities) {
          const { conversation, tenant } = this.waitsOf(identity);
          if (tenant > 0 && tenant <= this.o.maxInlineWaitMs) saturated.add(item.nudge.tenantId);
          wait = Math.max(wait, conversation, tenant);
        }
        if (wait === 0 || wait > this.o.maxInlineWaitMs) {
          queue.splice(i, 1);
          return { item, deferMs: wait };
        }
        shortest = Math.min(shortest, wait);
      }
      return queue.length ? shortest : undefined;
    };
    const work = async () => {
      for (;;) {
        // Stopping: what is being sent finishes; nothing new starts.
        if (this.stopping) return;
        // Claim more when the queue runs short or any tenant runs low (after an empty claim, not
        // again for a moment: the tenants left are the ones whose rows are all in hand).
        const running = [...held.values()].some((n) => n < this.o.perTenant / 2);
        const quiet = performance.now() - lastEmptyClaim < 200;
        if (!exhausted && !quiet && (queue.length < this.o.batch / 2 || running)) {
          void refill().catch((e) => this.o.onError?.(e, 'claim'));
        }
        const next = take();
        if (next === undefined) {
          if (refilling) {
            await refilling;
            continue;
          }
          if (exhausted) return;
          await refill();
          continue;
        }
        if (typeof next === 'number') {
          // Everything queued is waiting on a rate limit: sleep until the first is ready.
          await this.o.sleep(Math.min(next, 50));
          continue;
        }
        const { item, deferMs } = next;
        const { nudge } = item;
        if (deferMs > 0) {
          const now = clock.now();
          await requeueNudge(
            db,
            worker,
            nudge,
            {
              dueAt: new Date(now.getTime() + deferMs),
              countAttempt: false,
              error: this.refusalOf(item.identities),
            },
            now,
          );
          stats.requeued++;
          hold(nudge.tenantId, -1);
          continue;
        }
        try {
          const targets = item.identities.filter((i) => !gone.has(i.id));
          const outcome = await this.deliver(nudge, item.person, targets, stats, gone, item.sessions);
          if (outcome === 'sent') sent.push(nudge);
          else if (outcome === 'cancelled') cancelled.push(nudge);
          else if (outcome === 'waiting') waiting.push(nudge);
        } catch (error) {
          this.o.onError?.(error, `nudge ${nudge.kind}`);
          await this.retryLater(nudge, error instanceof Error ? error.message : String(error), stats);
        } finally {
          hold(nudge.tenantId, -1);
        }
        // Marked sent in small batches: a replica killed mid-run leaves little to send twice.
        if (sent.length + cancelled.length + waiting.length >= 100 || performance.now() - lastFlush > 250)
          await flush();
      }
    };
    await Promise.all(Array.from({ length: this.o.concurrency }, work));
    await flush();
    if (this.stopping) {
      // Claimed and not started: any replica may send them now, not when the claim expires.
      await refilling?.catch(() => {});
      await releaseNudges(
        db,
        worker,
        queue.splice(0).map((item) => item.nudge),
        clock.now(),
      );
    }
    return stats;
  }

  private async linkByEmail(person: Person, now: Date): Promise<Identity | undefined> {
    const { db, chat } = this.o;
    if (!person.email || !chat.findByEmail) return undefined;
    const key = `${person.tenantId}:${person.email}`;
    if ((this.notOnPlatform.get(key) ?? 0) > now.getTime()) return undefined;
    const tenant = await getTenant(db, person.tenantId);
    if (!tenant || tenant.platform === 'console') return undefined;
    // Errors (a rate limit, an outage) propagate: the row is retried later, not cancelled.
    const found = await chat.findByEmail(tenant, person.email);
    if (!found) {
      // Not on the platform (yet): do not ask again for an hour.
      if (this.notOnPlatform.size > 100_000) this.notOnPlatform.clear();
      this.notOnPlatform.set(key, now.getTime() + 3_600_000);
      return undefined;
    }
    return upsertIdentity(db, {
      tenantId: tenant.id,
      personId: person.id,
      platform: tenant.platform,
      externalId: found.externalId,
      conversationRef: found.conversationRef ?? null,
      now,
    });
  }

  private async deliver(
    nudge: Nudge,
    person: Person | undefined,
    targets: Identity[],
    stats: DispatchStats,
    gone: Set<string>,
    sessions: Map<string, SessionWithPair>,
  ): Promise<'sent' | 'cancelled' | 'waiting' | 'settled'> {
    const { db, clock } = this.o;
    const now = clock.now();
    if (!person) return 'cancelled';
    if (targets.length === 0) {
      // A roster person who never wrote to the bot: found on the platform by email, and linked.
      // Not reachable yet (never wrote, and the platform offers no way in): the message waits
      // until they first write, unless what it asks for is already moot.
      const linked = await this.linkByEmail(person, now);
      if (!linked) return (await renderNudge(db, nudge, person, now, sessions)) ? 'waiting' : 'cancelled';
      targets.push(linked);
    }
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
    const message = await renderNudge(db, nudge, person, now, sessions);
    if (!message) return 'cancelled';
    let delivered = 0;
    let permanent = 0;
    const unserved = targets.filter((i) => !this.serves(i.platform));
    if (unserved.length === targets.length) {
      // Only platforms this server does not speak: the message waits for one that does.
      await this.retryLater(nudge, `platform_not_configured:${unserved[0]?.platform ?? ''}`, stats);
      return 'settled';
    }
    for (const identity of targets) {
      if (!this.serves(identity.platform)) continue;
      let wait = this.reserve(identity);
      while (wait > 0) {
        if (wait > this.o.maxInlineWaitMs) {
          if (delivered > 0) break;
          await requeueNudge(
            db,
            this.o.worker,
            nudge,
            {
              dueAt: new Date(clock.now().getTime() + wait),
              countAttempt: false,
              error: this.refusalOf([identity]),
            },
            clock.now(),
          );
          stats.requeued++;
          return 'settled';
        }
        await this.o.sleep(wait);
        wait = this.reserve(identity);
      }
      try {
        await this.o.chat.send({ person, identity }, message);
        delivered++;
        this.o.observer?.send(identity.platform, 'sent');
        if (this.paused.delete(identity.tenantId)) await this.resumed(identity);
      } catch (error) {
        if (!(error instanceof ChatDeliveryError)) throw error;
        this.o.observer?.send(identity.platform, error.kind);
        if (error.kind === 'permanent') {
          await deactivateIdentity(db, identity.tenantId, identity.id, error.code, clock.now());
          gone.add(identity.id);
          permanent++;
          continue;
        }
        if (delivered > 0) continue;
        if (error.kind === 'rate_limited') {
          const retry = error.retryAfterMs ?? 1_000;
          if (error.scope === 'workspace') {
            // The token is refused in the whole tenant: its rows wait untried, and the pause is kept.
            await this.refusedBy(identity, error.code, retry);
          } else {
            // Only this conversation waits; rows to other conversations go on (and meet their own 429 if the limit is wider).
            const limits = this.limitsFor(identity);
            if (limits) this.limiter.penalise([limits.conversation], retry);
          }
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

  /** The platform refused the bot's token in this identity's tenant: it waits here, and is paused for all. */
  private async refusedBy(identity: Identity, code: string, retryMs: number): Promise<void> {
    this.refused.set(`${identity.tenantId}:${identity.platform}`, {
      until: this.o.monotonic() + retryMs,
      code,
    });
    this.paused.add(identity.tenantId);
    try {
      // The operator hears once, across replicas, when the pause starts (the admins cannot be told).
      if (await pauseWorkspace(this.o, identity.tenantId, code))
        this.o.onError?.(
          new Error(
            `${identity.platform} refuses the bot's credentials in tenant ${identity.tenantId} (${code}): its messages wait until they work again`,
          ),
          'workspace paused',
        );
    } catch (error) {
      this.o.onError?.(error, 'workspace pause');
    }
  }

  /** A send went through in a paused tenant: the pause ends (once across replicas) and its admins hear. */
  private async resumed(identity: Identity): Promise<void> {
    this.refused.delete(`${identity.tenantId}:${identity.platform}`);
    try {
      await resumeWorkspace(this.o, identity.tenantId, identity.platform);
    } catch (error) {
      this.paused.add(identity.tenantId);
      this.o.onError?.(error, 'workspace resume');
    }
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

  /** Sends everything due now (tests, the console's clock, shutdown). */
  async drain(): Promise<DispatchStats> {
    return this.pump();
  }

  /** Keeps dispatching every `intervalMs` until stopped. */
  start(intervalMs = 1_000): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        try {
          const s = await this.pump();
          this.limiter.prune();
          this.budget.prune();
          if (s.claimed === 0) await this.o.sleep(intervalMs);
        } catch (error) {
          this.o.onError?.(error, 'dispatcher');
          await this.o.sleep(intervalMs);
        }
      }
    })();
  }

  /**
   * Stops sending: reminders being sent finish, the ones claimed and not started are released at
   * once (a rolling deploy delays nothing), and the loop ends.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    await this.loop;
  }
}
