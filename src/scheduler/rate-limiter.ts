/** A token bucket: `rate` tokens a second, holding at most `burst`. */
interface Bucket {
  tokens: number;
  updated: number;
}

export interface Limit {
  key: string;
  rate: number;
  burst: number;
}

/**
 * Per-key token buckets (one per conversation, one per tenant) so the platform rarely answers
 * 429. `reserve` takes a token from every bucket at once, or none and says how long to wait.
 * Time is monotonic milliseconds, injectable for tests.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  private refill(limit: Limit, at: number): Bucket {
    const bucket = this.buckets.get(limit.key) ?? { tokens: limit.burst, updated: at };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((at - bucket.updated) / 1000) * limit.rate);
    bucket.updated = at;
    this.buckets.set(limit.key, bucket);
    return bucket;
  }

  /** Milliseconds until every bucket has a token (0: ready now), without taking any. */
  waitFor(limits: Limit[]): number {
    const at = this.now();
    let wait = 0;
    for (const limit of limits) {
      const bucket = this.refill(limit, at);
      if (bucket.tokens < 1) wait = Math.max(wait, Math.ceil(((1 - bucket.tokens) / limit.rate) * 1000));
    }
    return wait;
  }

  /** 0 when a token was taken from every bucket; otherwise the milliseconds until one could be. */
  reserve(limits: Limit[]): number {
    const at = this.now();
    let wait = 0;
    for (const limit of limits) {
      const bucket = this.refill(limit, at);
      if (bucket.tokens < 1) wait = Math.max(wait, Math.ceil(((1 - bucket.tokens) / limit.rate) * 1000));
    }
    if (wait > 0) return wait;
    for (const limit of limits) (this.buckets.get(limit.key) as Bucket).tokens -= 1;
    return 0;
  }

  /** After a 429: empty the buckets so nothing else goes to that key before `ms`. */
  penalise(limits: Limit[], ms: number): void {
    const at = this.now();
    for (const limit of limits) {
      const bucket = this.refill(limit, at);
      bucket.tokens = Math.min(bucket.tokens, -(ms / 1000) * limit.rate);
    }
  }

  /** Forgets buckets idle for a while (refilled by then), so memory does not grow with every conversation. */
  prune(idleMs = 60_000): void {
    const at = this.now();
    for (const [key, bucket] of this.buckets) if (at - bucket.updated > idleMs) this.buckets.delete(key);
  }
}
