import { cleanAttributionValue } from './attribution-value.js';

/*
 * One "touch": what a single page view says about where the visitor came
 * from. Plain data (name -> text) so it can be stored, compared, mapped and
 * reported without knowing which names exist.
 */

/** The URL parameters captured on every page view, besides the site's referral parameter. */
export const CAMPAIGN_PARAMS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'gclid',
  'gbraid',
  'wbraid',
  'fbclid',
  'msclkid',
  'li_fat_id',
] as const;

/** The partner or referral code parameter read when the site names none. */
export const DEFAULT_REFERRAL_PARAM = 'ref';

/**
 * Captured values by name: the campaign parameters present, the site's
 * referral parameter, `referrer` (only from another site) and `landing_page`.
 */
export type Touch = Readonly<Record<string, string>>;

/**
 * A page's address without query or fragment: those may carry a visitor's
 * own data (`?email=…` from a mailing, reset tokens), and the campaign
 * parameters are captured separately anyway.
 */
export function pageAddress(url: string): string | undefined {
  try {
    const { protocol, origin, pathname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? cleanAttributionValue(origin + pathname) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a page view. The referrer is kept only when it is another host: a
 * link from the site's own pages says nothing about where the visitor came
 * from (and the browser usually sends only the other site's origin anyway).
 */
export function readTouch(pageUrl: string, referrer: string, referralParam: string = DEFAULT_REFERRAL_PARAM): Touch {
  const url = new URL(pageUrl);
  const touch: Record<string, string> = {};
  for (const name of [...CAMPAIGN_PARAMS, referralParam]) {
    const value = cleanAttributionValue(url.searchParams.get(name) ?? '');
    if (value !== '') touch[name] = value;
  }
  const from = pageAddress(referrer);
  if (from !== undefined && new URL(from).host !== url.host) touch['referrer'] = from;
  touch['landing_page'] = pageAddress(pageUrl) ?? '';
  return touch;
}

/** What a touch says about the visitor's origin: everything but the page it happened on. */
function signalOf(touch: Touch): string {
  return JSON.stringify(Object.entries(touch).filter(([name]) => name !== 'landing_page'));
}

/** Whether the page view came from a campaign, a referral code or another site. */
export function hasSignal(touch: Touch): boolean {
  return signalOf(touch) !== '[]';
}

/** Same campaign, code and referrer: a reload or an SPA route change, not a new visit. */
export function sameSignal(a: Touch, b: Touch): boolean {
  return signalOf(a) === signalOf(b);
}
