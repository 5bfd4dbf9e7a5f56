/*
 * Remembers which proof-of-work solutions were already used, so one solved
 * challenge buys one lead. Each entry lives only until its challenge expires
 * (after that the signature check refuses it anyway), which keeps the store
 * small. The interface is one method so a shared store (Redis) fits.
 */

export interface ReplayStore {
  /** Marks `key` used for `ttlMs`; resolves `true` the first time, `false` when it was already used. */
  markUsed(key: string, ttlMs: number): Promise<boolean>;
}

export interface MemoryReplayStoreOptions {
  /** Most keys held at once (default 100 000); past it, expired keys go first, then the oldest. */
  readonly maxKeys?: number;
  /** For tests: the clock. */
  readonly now?: () => number;
}

/** Used solutions in this process's memory: bounded and expiring, not shared between instances. */
export class MemoryReplayStore implements ReplayStore {
  private readonly expiries = new Map<string, number>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor({ maxKeys = 100_000, now = Date.now }: MemoryReplayStoreOptions = {}) {
    if (!(Number.isInteger(maxKeys) && maxKeys > 0)) throw new RangeError('maxKeys must be a positive integer');
    this.maxKeys = maxKeys;
    this.now = now;
  }

  /** How many keys are held (for tests and monitoring). */
  get size(): number {
    return this.expiries.size;
  }

  async markUsed(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const expiresAt = this.expiries.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.expiries.delete(key);
    this.makeRoom(now);
    this.expiries.set(key, now + ttlMs);
    return true;
  }

  private makeRoom(now: number): void {
    if (this.expiries.size < this.maxKeys) return;
    for (const [key, expiresAt] of this.expiries) if (expiresAt <= now) this.expiries.delete(key);
    // Still full: a flood of solved challenges. Forgetting the oldest lets at
    // worst one of them be used twice, each of which still cost its solver the work.
    for (const key of this.expiries.keys()) {
      if (this.expiries.size < this.maxKeys) break;
      this.expiries.delete(key);
    }
  }
}
