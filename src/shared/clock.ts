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

/**
 * Resolves once `clock.now()` has reached `time`. Loops because a timer may
 * fire a millisecond before the clock says it is due.
 */
export async function sleepUntil(clock: Clock, time: number): Promise<void> {
  for (let wait = time - clock.now(); wait > 0; wait = time - clock.now()) {
    await new Promise<void>((resolve) => clock.schedule(resolve, wait));
  }
}
