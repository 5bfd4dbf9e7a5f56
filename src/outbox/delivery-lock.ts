import { browserLocalStorage, type StorageLike } from '../shared/storage.js';
import { createSubmissionId } from '../shared/submission-id.js';

/*
 * A lock shared by every tab of the origin, so two tabs never deliver the
 * same outbox item. The Web Locks API does exactly this; where it is missing
 * (Safari before 15.4, Firefox before 96) or refused (opaque origins), a
 * lease in localStorage stands in for it.
 *
 * What it guards lives in localStorage, where a write of one tab reaches the
 * others a little later (each tab reads its own copy). So a holder only
 * starts its task {@link STORAGE_SETTLE_MS} after being granted the lock:
 * long enough for the previous holder's last writes to arrive, so the task
 * does not decide from, and write back, a stale copy.
 *
 * That pause is only needed when another tab is there to have written: with
 * Web Locks, every tab of the widget holds a shared presence lock for its
 * life, taken before it ever asks for a delivery lock, and a holder asks the
 * lock manager (`locks.query()`, one place for every tab) whether any other
 * tab holds one. Alone, it starts at once: the common case (one tab, one
 * form) sends within a frame of the click. The one case left is a tab that
 * wrote, released and closed before this one was granted; its writes went
 * out before its release, and the outbox's claims, receipts and each tab's
 * own copies cover what might still lag.
 */

export type LockResult<T> = { readonly acquired: true; readonly value: T } | { readonly acquired: false };

export interface DeliveryLock {
  /**
   * Runs `task` while holding the lock `name`. With `wait: false` it gives up
   * at once when another holder has it; with `wait: true` it queues.
   */
  run<T>(name: string, task: () => Promise<T>, options: { readonly wait: boolean }): Promise<LockResult<T>>;
}

/**
 * Lease timing. Long enough that the renewal (every {@link LEASE_RENEW_MS})
 * survives the once-a-second timers of a background tab, short enough that a
 * crashed tab blocks the others for at most half a minute.
 */
export const LEASE_MS = 30_000;
export const LEASE_RENEW_MS = 10_000;
/**
 * How long a write to localStorage is given to reach the other tabs: usually
 * well under a millisecond, so this is generous. The lease uses it too: with
 * no compare-and-set, a contender writes its lease, waits this long for racing
 * writes to land, and only holds the lease if it still reads its own.
 */
export const STORAGE_SETTLE_MS = 50;
/** How often a waiting contender looks again (plus up to as much jitter). */
export const LEASE_POLL_MS = 250;

/** The shared lock every tab of the widget holds while it lives; its holders are the tabs present. */
export const PRESENCE_LOCK_NAME = 'keen-lead-form:tab';

/** A lock manager; without `query` other tabs are assumed present (and the pause always paid). */
export type LockManagerLike = Pick<LockManager, 'request'> & Partial<Pick<LockManager, 'query'>>;

export interface DeliveryLockOptions {
  /** `navigator.locks` by default; `null` forces the lease. */
  readonly locks?: LockManagerLike | null;
  /** `localStorage` by default; `null` means this tab alone is coordinated. */
  readonly storage?: StorageLike | null;
  readonly now?: () => number;
  /** Identifies this lock's leases; random by default. */
  readonly ownerId?: string;
  readonly leaseMs?: number;
  readonly renewMs?: number;
  /** See {@link STORAGE_SETTLE_MS}. */
  readonly settleMs?: number;
  readonly pollMs?: number;
}

export function createDeliveryLock(options: DeliveryLockOptions = {}): DeliveryLock {
  const locks = options.locks === undefined ? globalThis.navigator?.locks : options.locks;
  const storage = options.storage === undefined ? browserLocalStorage() : options.storage;
  const leaseLock = createLeaseLock(storage ?? null, options);
  return locks ? createWebLock(locks, leaseLock, options.settleMs ?? STORAGE_SETTLE_MS) : leaseLock;
}

/** The name of the lease's storage key for a lock name. */
export function leaseStorageKey(name: string): string {
  return `${name}:lease`;
}

/** This page's presence, per lock manager, however many couriers the page has; `true` once held (or refused). */
const presences = new WeakMap<LockManagerLike, Promise<void> | true>();

/** Takes this page's presence lock (once); `true`, or a promise that settles, when it is held or refused. */
function announcePresence(locks: LockManagerLike): Promise<void> | true {
  let presence = presences.get(locks);
  if (presence === undefined) {
    const announced = new Promise<void>((resolve) => {
      const held = () => {
        presences.set(locks, true);
        resolve();
      };
      locks
        .request(PRESENCE_LOCK_NAME, { mode: 'shared' }, () => {
          held();
          // Held until the page goes away.
          return new Promise<void>(() => {});
        })
        .catch(held);
    });
    presence = presences.get(locks) ?? announced;
    presences.set(locks, presence);
  }
  return presence;
}

/** Whether a tab other than this one holds a presence lock; `true` when that cannot be known. */
async function otherTabsPresent(locks: LockManagerLike): Promise<boolean> {
  if (locks.query === undefined) return true;
  try {
    const { held = [] } = await locks.query();
    return held.filter((lock) => lock.name === PRESENCE_LOCK_NAME).length > 1;
  } catch {
    return true;
  }
}

function createWebLock(locks: LockManagerLike, fallback: DeliveryLock, settleMs: number): DeliveryLock {
  // Before any delivery lock, so a tab that writes under one is always seen by the next holder.
  announcePresence(locks);
  return {
    async run<T>(name: string, task: () => Promise<T>, { wait }: { readonly wait: boolean }): Promise<LockResult<T>> {
      let granted = false;
      try {
        // Once present, the request goes out in the same task as the click that asked for it.
        const presence = announcePresence(locks);
        if (presence !== true) await presence;
        return await locks.request(name, { ifAvailable: !wait }, async (lock): Promise<LockResult<T>> => {
          granted = true;
          if (lock === null) return { acquired: false };
          if (await otherTabsPresent(locks)) await sleep(settleMs);
          return { acquired: true, value: await task() };
        });
      } catch (error) {
        // The task's own error is the caller's; a refused request (SecurityError) falls back.
        if (granted) throw error;
        return fallback.run(name, task, { wait });
      }
    },
  };
}

interface Lease {
  readonly owner: string;
  readonly expiresAt: number;
}

function createLeaseLock(storage: StorageLike | null, options: DeliveryLockOptions): DeliveryLock {
  const {
    now = Date.now,
    ownerId = createSubmissionId(),
    leaseMs = LEASE_MS,
    renewMs = LEASE_RENEW_MS,
    settleMs = STORAGE_SETTLE_MS,
    pollMs = LEASE_POLL_MS,
  } = options;
  // Runs of this lock in this tab exclude each other here, so the lease only has to settle tabs.
  const tabMutex = new TabMutex();

  const read = (key: string): Lease | undefined => {
    try {
      const lease: unknown = JSON.parse(storage?.getItem(key) ?? 'null');
      if (typeof lease === 'object' && lease !== null && 'owner' in lease && 'expiresAt' in lease) {
        const { owner, expiresAt } = lease;
        if (typeof owner === 'string' && typeof expiresAt === 'number') return { owner, expiresAt };
      }
    } catch {
      // Unreadable leases are treated as free; a live holder rewrites its lease at the next renewal.
    }
    return undefined;
  };
  const write = (key: string): boolean => {
    try {
      storage?.setItem(key, JSON.stringify({ owner: ownerId, expiresAt: now() + leaseMs } satisfies Lease));
      return true;
    } catch {
      return false;
    }
  };
  const holds = (key: string): boolean => read(key)?.owner === ownerId;

  const acquireLease = async (key: string, wait: boolean): Promise<boolean> => {
    for (;;) {
      const lease = read(key);
      if (lease === undefined || lease.expiresAt <= now()) {
        // Storage that refuses writes cannot coordinate tabs; deliver rather than never deliver.
        if (!write(key)) return true;
        // Also lets the previous holder's last writes arrive: they came before its release.
        await sleep(settleMs);
        if (holds(key)) return true;
      }
      if (!wait) return false;
      await sleep(pollMs + Math.random() * pollMs);
    }
  };

  return {
    async run<T>(name: string, task: () => Promise<T>, { wait }: { readonly wait: boolean }): Promise<LockResult<T>> {
      const releaseTab = await tabMutex.acquire(name, wait);
      if (releaseTab === undefined) return { acquired: false };
      try {
        if (storage === null) return { acquired: true, value: await task() };
        const key = leaseStorageKey(name);
        if (!(await acquireLease(key, wait))) return { acquired: false };
        const renewal = setInterval(() => {
          // A lease lost while this tab was frozen is not taken back; the holder owns it now.
          if (holds(key)) write(key);
        }, renewMs);
        try {
          return { acquired: true, value: await task() };
        } finally {
          clearInterval(renewal);
          try {
            if (holds(key)) storage.removeItem(key);
          } catch {
            // Left to expire.
          }
        }
      } finally {
        releaseTab();
      }
    },
  };
}

/** A mutex per name within this tab. */
class TabMutex {
  private readonly held = new Map<string, Promise<void>>();

  /** Resolves with a release function, or `undefined` when busy and not waiting. */
  async acquire(name: string, wait: boolean): Promise<(() => void) | undefined> {
    for (let current = this.held.get(name); current !== undefined; current = this.held.get(name)) {
      if (!wait) return undefined;
      await current;
    }
    let release = () => {};
    this.held.set(name, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.held.delete(name);
      release();
    };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
