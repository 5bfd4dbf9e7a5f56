import { parsePageSettings } from '../schema/form-config.js';
import type { AttributionConfig } from '../schema/attribution-settings.js';
import { clearAttribution, recordPageView, type AttributionSettings } from './capture-attribution.js';
import type { AttributionRecord } from './attribution-record.js';
import { onConsentChange } from './consent.js';
import { readPageSettings } from './page-settings.js';

/*
 * Attribution for the page as a whole: the `<meta name="keen-attribution">`
 * settings, the capture the CDN file makes on pages without a form, and the
 * function SPA routers call after each route change.
 */

/**
 * The page's settings, checked. A problem is logged and means "capture
 * nothing": a typo in a consent setting must never capture without consent.
 */
function pageSettings(): AttributionConfig | undefined {
  const raw = readPageSettings();
  if (raw === undefined) return {};
  const result = parsePageSettings(raw);
  if (result.ok) return result.value;
  console.error(`<keen-lead-form> is not set up correctly:\n${result.problems.join('\n')}`);
  return undefined;
}

/**
 * Records this page view: where the visitor came from, as first or last
 * touch. Call it after each route change of a single-page app (the form
 * calls it itself). Without `settings`, the page's `<meta name="keen-attribution">`
 * (or the defaults) apply. Returns what is kept, or `undefined` when
 * attribution is off or waits for consent (then nothing is read or written).
 */
export function captureAttribution(settings?: AttributionSettings): AttributionRecord | undefined {
  const inForce = settings ?? pageSettings();
  return inForce === undefined ? undefined : recordPageView(inForce);
}

/** For the CDN file: capture on a page without a form (a form captures under its own settings), and again on consent. */
export function capturePageWithoutForm(): void {
  if (document.querySelector('keen-lead-form') !== null) return;
  const settings = pageSettings();
  if (settings === undefined) return;
  recordPageView(settings);
  onConsentChange((granted) => (granted ? recordPageView(settings) : clearAttribution()));
}

export { clearAttribution };
