import { hasSignal, sameSignal, type Touch } from './touch.js';

/*
 * First touch and last touch, and how a new page view changes them. Pure:
 * the store reads and writes records, this decides what they become.
 */

/** How long a stored record lives after its last change. */
export const ATTRIBUTION_MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;

export interface AttributionRecord {
  /**
   * The first visit that came from a campaign, a referral code or another
   * site; until there is one, the landing page of the direct visit.
   */
  readonly first: Touch;
  /** The most recent such visit (the same as `first` until a second one). */
  readonly last: Touch;
  /** Epoch ms after which the record is dropped. */
  readonly expires: number;
}

/**
 * The record after a page view, or `undefined` when the view changes
 * nothing (a direct or internal view, a reload, an SPA route with the same
 * referrer). A new campaign updates the last touch and keeps the first.
 */
export function recordTouch(record: AttributionRecord | undefined, touch: Touch, now: number): AttributionRecord | undefined {
  const expires = now + ATTRIBUTION_MAX_AGE_MS;
  if (record === undefined || record.expires <= now) return { first: touch, last: touch, expires };
  if (!hasSignal(touch) || sameSignal(touch, record.last)) return undefined;
  return { first: hasSignal(record.first) ? record.first : touch, last: touch, expires };
}
