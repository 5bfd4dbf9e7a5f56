/*
 * How long to wait before retrying a lead that failed with a retryable error.
 * "Full jitter" (a random wait between zero and an exponentially growing
 * window) spreads the retries of many visitors hit by the same outage, so
 * Keen is not flooded the moment it recovers.
 */

/** The first retry window. */
export const RETRY_BASE_MS = 1000;
/** The largest window our own backoff grows to. */
export const RETRY_CAP_MS = 300_000;
/**
 * The longest `Retry-After` we obey. A server's explicit wish outranks our
 * cap (it is what keeps a 429 from turning into more 429s), but a buggy or
 * far-future header must not strand a visitor's lead for days.
 */
export const RETRY_AFTER_CEILING_MS = 3_600_000;

export interface RetryDelayOptions {
  readonly baseMs?: number;
  readonly capMs?: number;
  /** A number in [0, 1); injectable so tests are deterministic. */
  readonly random?: () => number;
  /** The server's `Retry-After`, in milliseconds, if it sent one. */
  readonly retryAfterMs?: number | undefined;
}

/**
 * The wait before retry number `attempt` (0 for the first retry):
 * `random() * min(cap, base * 2 ** attempt)`, but never sooner than the
 * server's `Retry-After`. Retry-After is honoured above the cap, up to
 * {@link RETRY_AFTER_CEILING_MS}: the cap bounds our guesses, not the server's
 * instructions.
 */
export function retryDelayMs(
  attempt: number,
  { baseMs = RETRY_BASE_MS, capMs = RETRY_CAP_MS, random = Math.random, retryAfterMs }: RetryDelayOptions = {},
): number {
  // 2 ** 1100 is Infinity, which min() turns into the cap: no overflow to guard.
  const exponent = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0;
  const jittered = Math.floor(random() * Math.min(capMs, baseMs * 2 ** exponent));
  if (retryAfterMs === undefined || !(retryAfterMs > 0)) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, RETRY_AFTER_CEILING_MS));
}
