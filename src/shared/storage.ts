/*
 * The slice of Web Storage the outbox, its receipts, the delivery lock and
 * the drafts use, and where to get one: `localStorage` when the page may use
 * it, an in-memory stand-in otherwise (and in tests).
 */

/** The parts of `Storage` used here; `localStorage` or a stand-in. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * An in-memory `StorageLike`: for pages where localStorage is unavailable
 * (what it holds then lasts as long as the page), and for tests.
 */
export function createMemoryStorage(): StorageLike {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, String(value)),
    removeItem: (key) => void values.delete(key),
  };
}

/** `localStorage`, or `undefined` where merely reading it throws (sandboxed iframes, blocked storage). */
export function browserLocalStorage(): StorageLike | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** `sessionStorage`, or `undefined` where merely reading it throws. */
export function browserSessionStorage(): StorageLike | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}
