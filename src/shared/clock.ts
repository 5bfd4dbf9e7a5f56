/*
 * Time, injectable: the outbox's retries and the drafts' autosave read the
 * time and set timers through a `Clock`, so tests can move time by hand.
 */

export interface Clock {
  now(): number;
  /** Runs `callback` after `ms`; returns a function that cancels it. */
  schedule(callback: () => void, ms: number): () => void;
}

/** The real clock. Timer handles stay inside, so no Node-vs-DOM handle type leaks into the API. */
export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(callback, ms) {
    const handle = setTimeout(callback, ms);
    return () => clearTimeout(handle);
  },
};
