import type { ConsentConfig, ElementSettings, FormConfig, MarketingConsentConfig } from './form-config.js';

/*
 * The consent boxes in force, merged from the element's attributes and the
 * configuration: one rule for the element (src/element) and the HTML-first
 * markup written on servers (src/html), so both show the same boxes.
 */

/** A text attribute set empty means "the default wording": fall back to the configured text, then the catalogue. */
function ownText(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

/**
 * The consent boxes in force: an attribute turns one on (its text, when
 * not empty, wins); the link and version attributes refine it and mean
 * nothing without it.
 */
export function resolveConsent(
  own: Pick<ElementSettings, 'consent' | 'consentLink' | 'consentVersion' | 'marketingConsent'>,
  config: FormConfig | undefined,
  json: FormConfig | undefined,
  problems: string[],
): { readonly consent: ConsentConfig | undefined; readonly marketingConsent: MarketingConsentConfig | undefined } {
  const configured = config?.consent ?? json?.consent;
  let consent: ConsentConfig | undefined;
  if (own.consent !== undefined || configured !== undefined) {
    consent = { ...configured };
    const text = ownText(own.consent) ?? configured?.text;
    if (text === undefined) delete consent.text;
    else consent.text = text;
    if (own.consentLink !== undefined) consent.link = own.consentLink;
    if (own.consentVersion !== undefined) consent.version = own.consentVersion;
  } else if (own.consentLink !== undefined || own.consentVersion !== undefined) {
    problems.push('consent-link and consent-version need the consent attribute (empty for the default wording) or a "consent" key in the configuration');
  }
  const marketingConfigured = config?.marketingConsent ?? json?.marketingConsent;
  let marketingConsent: MarketingConsentConfig | undefined;
  if (own.marketingConsent !== undefined || marketingConfigured !== undefined) {
    marketingConsent = { ...marketingConfigured };
    const text = ownText(own.marketingConsent) ?? marketingConfigured?.text;
    if (text === undefined) delete marketingConsent.text;
    else marketingConsent.text = text;
  }
  return { consent, marketingConsent };
}
