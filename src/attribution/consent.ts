/*
 * The site's consent signal, for sites that set `attribution-consent="required"`.
 * The `window.keenConsent` flag is the state (a consent manager that ran
 * before this script can simply set it); the `keen-consent` event says it
 * changed, so attribution is captured the moment the visitor agrees:
 *
 *   window.keenConsent = true; window.dispatchEvent(new Event('keen-consent'));
 *   // withdrawn: new CustomEvent('keen-consent', { detail: false })
 */

export const CONSENT_EVENT = 'keen-consent';

interface ConsentFlag {
  keenConsent?: unknown;
}

/** Whether the site has said the visitor consents. */
export function consentGiven(): boolean {
  return (globalThis as ConsentFlag).keenConsent === true;
}

/**
 * Calls `onChange` on every consent event (dispatched on `window` or
 * `document`), after setting the flag from it: granted unless the event's
 * `detail` is `false`. Returns a function that stops listening.
 */
export function onConsentChange(onChange: (granted: boolean) => void): () => void {
  const listener = (event: Event): void => {
    const granted = (event as CustomEvent<unknown>).detail !== false;
    (globalThis as ConsentFlag).keenConsent = granted;
    onChange(granted);
  };
  // Capturing on window also hears events dispatched on document.
  addEventListener(CONSENT_EVENT, listener, true);
  return () => removeEventListener(CONSENT_EVENT, listener, true);
}
