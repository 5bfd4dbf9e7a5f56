/*
 * The minimum time between the moment a person could start filling the
 * form and the first request. A faster send is not dropped (autofill makes
 * people fast): its lead is queued at once and leaves when the minimum has
 * passed. That moment is the form's first render, or, for a form that was
 * on the page as HTML before the script (HTML-first), the start of the
 * page: the visitor may have typed long before the element took over.
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

/**
 * When the page's navigation started (epoch ms): an HTML-first form is
 * usable from its first paint, which comes after. The browser records it
 * before any of the page's scripts run, so a bot cannot move it; a "first
 * input" time could be faked with one synthetic event, and could not even
 * be seen without a script in the page before ours. (The first paint itself,
 * `first-contentful-paint`, is not recorded in a hidden tab, and reading it
 * costs more bytes for the little time between the two.)
 */
export function pageStartedAt(): number {
  return performance.timeOrigin;
}
