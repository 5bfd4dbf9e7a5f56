import { recordTouch, type AttributionRecord } from './attribution-record.js';
import { browserStorages, forgetAttribution, loadAttribution, saveAttribution } from './attribution-store.js';
import { consentGiven } from './consent.js';
import { readTouch } from './touch.js';
import type { AttributionConfig } from '../schema/attribution-settings.js';

/*
 * Capture as the page sees it: the current URL and referrer, the site's
 * settings and the visitor's consent, into the store. The form calls it, and
 * so do the page-wide capture (page-attribution.ts) and `captureAttribution()`.
 */

/** What capture needs of the settings, named as in the JSON config. */
export type AttributionSettings = Pick<AttributionConfig, 'attribution' | 'attributionConsent' | 'referralParam'>;

/** Whether these settings let attribution be captured, kept and sent right now. */
export function attributionAllowed(settings: AttributionSettings): boolean {
  return settings.attribution !== 'off' && (settings.attributionConsent !== 'required' || consentGiven());
}

/**
 * Records this page view (first touch, last touch) and returns the record in
 * force; `undefined` when attribution is off or waits for consent, in which
 * case nothing is read or written.
 */
export function recordPageView(settings: AttributionSettings): AttributionRecord | undefined {
  const mode = settings.attribution ?? 'session';
  if (mode === 'off' || !attributionAllowed(settings)) return undefined;
  const storages = browserStorages();
  const now = Date.now();
  const stored = loadAttribution(storages, mode, now);
  const record = recordTouch(stored, readTouch(location.href, document.referrer, settings.referralParam), now) ?? stored;
  if (record !== undefined) saveAttribution(storages, mode, record);
  return record;
}

/** Forgets all attribution kept on this device (both storages), e.g. when consent is withdrawn. */
export function clearAttribution(): void {
  forgetAttribution(browserStorages());
}
