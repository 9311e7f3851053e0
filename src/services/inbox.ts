import type { Clock } from '../clock.ts';
import type { Db } from '../store/db.ts';
import {
  claimInbox,
  completeInbox,
  type InboxEntry,
  insertInbox,
  releaseInbox,
} from '../store/inbox.store.ts';

/**
 * Answers one stored request. It tells the person itself when it fails ("try again"). `replay`:
 * a process that had it died, so it may have been answered already.
 */
export type InboxHandler = (payload: unknown, replay: boolean) => Promise<void>;

export interface InboxOptions {
  db: Db;
  clock: Clock;
  /** This process, as the claims name it. */
  worker: string;
  /** How long a claim lasts: a process that dies leaves its requests to the others after it. */
  leaseMs: number;
  /** Requests answered at once at most, and at least, whatever the acknowledgements need. */
  maxConcurrency?: number;
  minConcurrency?: number;
  /** How often requests nobody answers (left by a dead process, or over this one's room) are looked for. */
  pollMs?: number;
  onError: (error: unknown, context: string) => void;
}

/** A request that crashed its process this many times is dropped (and logged), not retried. */
const MAX_ATTEMPTS = 3;
/** Requests claimed and waiting in memory, at most; beyond, they wait in the table. */
const LOCAL_QUEUE = 256;
/** Acknowledgements slower than this (the store's round trip) shrink the answering concurrency. */
const SLOW_ACCEPT_MS = 10;
/** How long after a slow acknowledgement the process counts as saturated. */
const SLOW_WINDOW_MS = 250;
/** Saturated and down to one answer at a time: the pause after each answer. */
const SATURATED_PAUSE_MS = 50;
/**
 * Insert statements in flight at once: a request arriving while one is stored goes in the next,
 * on another connection, instead of waiting for it.
 */
const MAX_INSERTS = 2;

interface PendingInsert {
  key: string;
  platform: string;
  tenantId?: string | undefined;
  payload: unknown;
  claimed: boolean;
  resolve(fresh: boolean): void;
  reject(error: unknown): void;
}

/**
 * Chat requests that are acknowledged first and answered after, kept in PostgreSQL until
 * answered. The platform's deadline (Slack's 3 s) is met by one insert, whatever the load, and
 * nothing is lost when the process dies: another claims the request after the lease.
 *
 * - Requests arriving together are stored in one statement (group commit).
 * - This process answers what it stored while it has room; the rest waits in the table, and any
 *   process with room claims it (oldest first, `skip locked`).
 * - The answering concurrency adapts to the acknowledgements: when storing slows down (the
 *   process or the database is saturated), fewer requests are answered at once, down to one
 *   with a pause after each (at most 20 answers a second), so the backlog waits in the
 *   table instead of delaying every acknowledgement; once storing has been fast for a moment,
 *   the concurrency grows back (additive increase, multiplicative decrease).
 */
export class Inbox {
  private readonly handlers = new Map<string, InboxHandler>();
  private inserts: PendingInsert[] = [];
  /** Insert statements in flight (at most MAX_INSERTS). */
  private inserting = 0;
  private readonly queue: InboxEntry[] = [];
  private running = 0;
  private done: string[] = [];
  private completing: Promise<void> | undefined;
  private limit: number;
  private adaptedAt = 0;
  private slowAt = Number.NEGATIVE_INFINITY;
  private readonly max: number;
  private readonly min: number;
  /** Rows stored unclaimed since the last claim: look for them as soon as there is room. */
  private backlog = false;
  private claiming: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly o: InboxOptions) {
    this.max = o.maxConcurrency ?? 32;
    this.min = Math.min(o.minConcurrency ?? 1, this.max);
    this.limit = this.max;
  }

  register(platform: string, handler: InboxHandler): void {
    this.handlers.set(platform, handler);
  }

  /**
   * Stores a request; resolves once it is stored (the caller may then acknowledge it) with
   * whether it is new: a replayed delivery is stored once and answered once.
   */
  accept(key: string, platform: string, payload: unknown, tenantId?: string): Promise<boolean> {
    if (!this.handlers.has(platform)) return Promise.reject(new Error(`no inbox handler for ${platform}`));
    const claimed = !this.stopped && this.queue.length + this.inserts.length < LOCAL_QUEUE;
    return new Promise<boolean>((resolve, reject) => {
      this.inserts.push({ key, platform, tenantId, payload, claimed, resolve, reject });
      if (this.inserting < MAX_INSERTS) queueMicrotask(() => void this.insert());
    });
  }

  private lease(): { by: string; until: Date } {
    return { by: this.o.worker, until: new Date(this.o.clock.now().getTime() + this.o.leaseMs) };
  }

  /** One statement for every request waiting to be stored; the next batch forms meanwhile. */
  private async insert(): Promise<void> {
    if (this.inserting >= MAX_INSERTS || !this.inserts.length) return;
    this.inserting++;
    const batch = this.inserts.splice(0, 500);
    const started = performance.now();
    try {
      const fresh = await insertInbox(this.o.db, batch, this.lease(), this.o.clock.now());
      this.observe(performance.now() - started);
      // The same delivery twice in one batch: the first copy is the new one.
      const seen = new Set<string>();
      for (const item of batch) {
        const isNew = fresh.has(item.key) && !seen.has(item.key);
        seen.add(item.key);
        if (isNew && item.claimed)
          this.queue.push({ key: item.key, platform: item.platform, payload: item.payload, attempts: 1 });
        if (isNew && !item.claimed) this.backlog = true;
        item.resolve(isNew);
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
    } finally {
      this.inserting--;
    }
    this.pump();
    if (this.inserts.length) void this.insert();
  }

  /**
   * Multiplicative decrease on a slow acknowledgement (the store's round trip): half as many
   * answered at once, at most every 100 ms, so one burst does not collapse it.
   */
  private observe(acceptMs: number): void {
    if (acceptMs <= SLOW_ACCEPT_MS) return;
    const now = performance.now();
    this.slowAt = now;
    if (now - this.adaptedAt < 100) return;
    this.limit = Math.max(this.min, Math.floor(this.limit / 2));
    this.adaptedAt = now;
  }

  /** Additive increase: one more at once per quarter second without a slow acknowledgement. */
  private grow(): void {
    const now = performance.now();
    if (this.limit >= this.max || now - this.slowAt < SLOW_WINDOW_MS || now - this.adaptedAt < 250) return;
    this.limit++;
    this.adaptedAt = now;
  }

  /** Acknowledgements are slow and answering is already at its least. */
  private get saturated(): boolean {
    return this.limit === this.min && performance.now() - this.slowAt < SLOW_WINDOW_MS;
  }

  /** Starts what there is room for; claims from the table when the room outgrows the queue. */
  private pump(): void {
    this.grow();
    while (this.running < this.limit && this.queue.length) {
      const entry = this.queue.shift() as InboxEntry;
      this.running++;
      void this.run(entry);
    }
    if (this.backlog && !this.stopped && this.queue.length < this.limit) void this.claim();
    this.checkIdle();
  }

  private async run(entry: InboxEntry): Promise<void> {
    try {
      const handler = this.handlers.get(entry.platform);
      if (!handler) throw new Error(`no inbox handler for ${entry.platform}`);
      await handler(entry.payload, entry.attempts > 1);
    } catch (error) {
      this.o.onError(error, `inbox ${entry.platform}`);
    } finally {
      this.complete(entry.key);
      const next = () => {
        this.running--;
        this.pump();
      };
      // The slot stays taken through the pause, so the next answer waits for it.
      if (this.saturated && !this.stopped) setTimeout(next, SATURATED_PAUSE_MS);
      else next();
    }
  }

  /** Answered requests are deleted in batches. */
  private complete(key: string): void {
    this.done.push(key);
    if (this.completing) return;
    this.completing = (async () => {
      while (this.done.length) {
        const keys = this.done.splice(0, 500);
        await completeInbox(this.o.db, keys, this.o.worker).catch((error: unknown) => {
          // Left in the table: after the lease another process answers them again (a repeated
          // answer, the price of never losing one).
          this.o.onError(error, 'inbox complete');
        });
      }
    })().finally(() => {
      this.completing = undefined;
      this.checkIdle();
    });
  }

  /** Claims requests nobody answers: over this process's room, or left by a process that died. */
  private claim(): Promise<void> {
    // `finally` runs after this assignment even when the claim returns at once (no room).
    this.claiming ??= this.claimOnce().finally(() => {
      this.claiming = undefined;
      this.pump();
    });
    return this.claiming;
  }

  private async claimOnce(): Promise<void> {
    const room = Math.min(LOCAL_QUEUE, this.limit * 2) - this.queue.length;
    const platforms = [...this.handlers.keys()];
    if (room <= 0 || !platforms.length || this.stopped) return;
    this.backlog = false;
    try {
      const entries = await claimInbox(this.o.db, platforms, this.lease(), this.o.clock.now(), room);
      for (const entry of entries) {
        if (entry.attempts > MAX_ATTEMPTS) {
          this.o.onError(
            new Error(`dropped after ${entry.attempts - 1} attempts`),
            `inbox ${entry.platform}`,
          );
          this.complete(entry.key);
        } else this.queue.push(entry);
      }
      // A full claim: more may wait.
      if (entries.length === room) this.backlog = true;
    } catch (error) {
      // The next poll tries again (not at once: the database may be down).
      this.o.onError(error, 'inbox claim');
    }
  }

  /** Looks for requests nobody answers every `pollMs`. */
  start(): void {
    this.timer = setInterval(() => void this.claim(), this.o.pollMs ?? 1_000);
    this.timer.unref();
  }

  /** Resolves when nothing is stored, waiting, running or left to delete (tests, shutdown). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return (
      !this.inserts.length &&
      !this.inserting &&
      !this.queue.length &&
      !this.running &&
      !this.completing &&
      !this.claiming &&
      !this.done.length
    );
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /**
   * Stops claiming; waits up to `graceMs` for the requests being answered, and hands the ones
   * not started back to the other processes at once.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const waiting = this.queue.splice(0).map((e) => e.key);
    await releaseInbox(this.o.db, waiting, this.o.worker).catch((error: unknown) =>
      this.o.onError(error, 'inbox release'),
    );
    await Promise.race([this.idle(), new Promise((r) => setTimeout(r, graceMs).unref())]);
  }
}
