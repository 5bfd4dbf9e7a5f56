/*
 * Attribution for a lead posted without script. The widget keeps first and
 * last touch in the visitor's storage from page to page; a plain form post
 * brings only the page it was posted from (its `Referer`). So the relay
 * records what the widget records for a visitor who landed on that page and
 * sent the form there: the page's campaign parameters and referral code as
 * first and last touch, the page as landing page and as the page sent from.
 * What it cannot know: touches on earlier pages, and the referrer from
 * another site (the page's own referrer never reaches the relay). The same
 * settings decide, and the widget's functions write the source, the notes
 * block and the properties.
 */
import { attributionForLead, type LeadAttributionParts } from '../attribution/attribution-mapping.js';
import { recordTouch } from '../attribution/attribution-record.js';
import { pageAddress, readTouch } from '../attribution/touch.js';
import type { AttributionConfig } from '../schema/attribution-settings.js';

/**
 * What a lead posted from `page` carries, with `source` as configured.
 * Nothing (and `source` unchanged) when the form's settings turn attribution
 * off or make it wait for consent, which only script can signal, or when the
 * page is unknown.
 */
export function formPostAttribution(settings: AttributionConfig, page: string | undefined, source: string, now: number): LeadAttributionParts {
  const known = page !== undefined && settings.attribution !== 'off' && settings.attributionConsent !== 'required' && !isBareOrigin(page);
  const record = known ? recordTouch(undefined, readTouch(page, '', settings.referralParam), now) : undefined;
  return attributionForLead(record, known ? pageAddress(page) : undefined, settings, source);
}

/**
 * `https://shop.example/` with no query says too little to record: it is
 * what browsers send as `Referer` to a relay on another origin (the default
 * `strict-origin-when-cross-origin` policy cuts the path and the campaign
 * parameters), so it would name the home page for a form on any page.
 */
function isBareOrigin(page: string): boolean {
  try {
    const url = new URL(page);
    return url.pathname === '/' && url.search === '';
  } catch {
    return true;
  }
}
