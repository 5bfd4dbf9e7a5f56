/*
 * Fixed-window counters for the relay's rate limit. The store interface is
 * one method so that any shared store (Redis, a KV, a database) fits; the
 * in-memory store is the default for a relay that runs as one process.
 */

/** One hit counted: how many hits the key has in its current window, and when that window ends. */
export interface RateLimitHit {
  readonly count: number;
  /** Milliseconds until the window ends and the count starts again. */
  readonly resetInMs: number;
}

export interface RateLimitStore {
  /** Counts one hit for `key` in a window of `windowMs` that starts at the key's first hit. */
  hit(key: string, windowMs: number): Promise<RateLimitHit>;
}

export interface MemoryRateLimitStoreOptions {
  /** Most keys held at once (default 10 000); past it, expired keys go first, then the oldest. */
  readonly maxKeys?: number;
  /** For tests: the clock. */
  readonly now?: () => number;
}

/** Counters in this process's memory: bounded and expiring, lost on restart, not shared between instances. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor({ maxKeys = 10_000, now = Date.now }: MemoryRateLimitStoreOptions = {}) {
    if (!(Number.isInteger(maxKeys) && maxKeys > 0)) throw new RangeError('maxKeys must be a positive integer');
    this.maxKeys = maxKeys;
    this.now = now;
  }

  /** How many keys are held (for tests and monitoring). */
  get size(): number {
    return this.windows.size;
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const now = this.now();
    let window = this.windows.get(key);
    if (window === undefined || window.endsAt <= now) {
      this.windows.delete(key);
      this.makeRoom(now);
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetInMs: window.endsAt - now };
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxKeys) return;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    // Still full: a flood of distinct addresses. Forget the oldest windows
    // (Map keeps insertion order), which at worst lets those clients start over.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
