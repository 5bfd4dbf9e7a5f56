/*
 * The minimum time between the form's first render and the first request.
 * A faster send is not dropped (autofill makes people fast): its lead is
 * queued at once and leaves when the minimum has passed.
 */

/** Long enough that a script posting on page load waits, short enough that a person never notices. */
export const DEFAULT_MIN_TIME_MS = 2500;

/**
 * The earliest time (same clock as `renderedAt`) a request may leave, or
 * `undefined` when it may leave now: the common case costs nothing.
 */
export function earliestSendAt(renderedAt: number | undefined, minTimeMs: number, now: number): number | undefined {
  if (renderedAt === undefined || minTimeMs <= 0) return undefined;
  const earliest = renderedAt + minTimeMs;
  return earliest > now ? earliest : undefined;
}
