import type { DrawRequest, Grant } from '../store/send-budget.store.ts';

/** A tenant's ceiling on one platform, shared by every replica that sends for it. */
export interface SharedLimit {
  tenantId: string;
  scope: string;
  rate: number;
  burst: number;
}

/** Draws from the shared buckets, all at once (`drawTokens`). */
export type Draw = (requests: DrawRequest[]) => Promise<Grant[]>;

interface Held {
  limit: SharedLimit;
  tokens: number;
  /** Granted tokens not spent by then go back to the shared bucket: a replica cannot save them up. */
  expires: number;
  /** Tokens that expired here, to give back with the next draw. */
  returning: number;
  /** The shared bucket was empty: not asked again before this. */
  nextAt: number;
  /** Asked for in the next draw, or in the one under way. */
  asked: boolean;
  used: number;
}

/** Each draw asks for this much of the rate (a quarter of a second's worth). */
const DRAW_SECONDS = 0.25;
/** Tokens in hand for longer than this are given back. */
const HOLD_MS = 500;
/** What `wait` answers while a draw is on its way. */
const DRAWING_WAIT_MS = 5;

const keyOf = (limit: { tenantId: string; scope: string }) => `${limit.tenantId}\u0000${limit.scope}`;
const wantOf = (limit: SharedLimit) => Math.max(1, Math.ceil(limit.rate * DRAW_SECONDS));

/**
 * The replica's side of the shared sending budgets: it spends tokens drawn from the database's
 * buckets a few at a time, asks again before it runs out, and gives back what it did not spend
 * soon enough (for the other replicas), so the replicas together stay within each tenant's
 * ceiling and come close to it. `wait` is synchronous (the
 * dispatcher scans its queue with it); the tenants running low are drawn for together, one draw
 * under way at a time, so the database sees a statement per round, not one per tenant.
 */
export class SharedBudget {
  private readonly held = new Map<string, Held>();
  private drawing = false;

  constructor(
    private readonly draw: Draw,
    private readonly now: () => number = () => performance.now(),
    private readonly onError?: (error: unknown) => void,
  ) {}

  private stateOf(limit: SharedLimit): Held {
    const key = keyOf(limit);
    let held = this.held.get(key);
    if (!held) {
      held = { limit, tokens: 0, expires: 0, nextAt: 0, asked: false, returning: 0, used: this.now() };
      this.held.set(key, held);
    }
    return held;
  }

  /** Draws for every tenant asked for since the last draw; then again if more were asked meanwhile. */
  private drawSoon(): void {
    if (this.drawing) return;
    this.drawing = true;
    setImmediate(() => void this.drawRound());
  }

  /** Tokens held past their time are kept aside to be given back. */
  private expire(held: Held, at: number): void {
    if (held.expires > at || held.tokens <= 0) return;
    held.returning += Math.floor(held.tokens);
    held.tokens = 0;
  }

  private async drawRound(): Promise<void> {
    const at0 = this.now();
    for (const held of this.held.values()) this.expire(held, at0);
    const asked = [...this.held.values()].filter((h) => h.asked);
    // What expired here goes back with this round, asked for or not.
    const giving = [...this.held.values()].filter((h) => !h.asked && h.returning > 0);
    const requests = [...asked, ...giving].map((h) => ({
      ...h.limit,
      want: h.asked ? wantOf(h.limit) : 0,
      returned: h.returning,
    }));
    for (const held of [...asked, ...giving]) held.returning = 0;
    try {
      const grants = await this.draw(requests);
      const at = this.now();
      for (const grant of grants) {
        const held = this.held.get(keyOf(grant));
        if (!held?.asked) continue;
        this.expire(held, at);
        if (grant.granted > 0) {
          held.tokens += grant.granted;
          held.expires = at + HOLD_MS;
        } else held.nextAt = at + grant.waitMs;
      }
    } catch (error) {
      // The database did not answer: nothing is sent for these tenants for a moment.
      const at = this.now();
      for (const held of asked) held.nextAt = at + 1_000;
      this.onError?.(error);
    } finally {
      for (const held of asked) held.asked = false;
      this.drawing = false;
      // Asked for while this round was under way: the next round goes at once.
      if ([...this.held.values()].some((h) => h.asked)) this.drawSoon();
    }
  }

  /** Milliseconds until a token can be spent here (0: one is in hand); asks for more when low. */
  wait(limit: SharedLimit): number {
    const held = this.stateOf(limit);
    const at = this.now();
    held.used = at;
    if (held.expires <= at && held.tokens > 0) {
      this.expire(held, at);
      this.drawSoon();
    }
    if (!held.asked && held.nextAt <= at && held.tokens < Math.max(1, wantOf(limit) / 2)) {
      held.asked = true;
      this.drawSoon();
    }
    if (held.tokens >= 1) return 0;
    if (held.asked) return DRAWING_WAIT_MS;
    return Math.max(1, Math.ceil(held.nextAt - at));
  }

  /** Spends a token `wait` said was in hand. */
  take(limit: SharedLimit): void {
    this.stateOf(limit).tokens -= 1;
  }

  /** Forgets tenants not sent to for a while. */
  prune(idleMs = 60_000): void {
    const at = this.now();
    for (const [key, held] of this.held) if (!held.asked && at - held.used > idleMs) this.held.delete(key);
  }
}
