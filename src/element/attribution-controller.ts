import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { attributionForLead, type LeadAttributionParts } from '../attribution/attribution-mapping.js';
import { clearAttribution, recordPageView } from '../attribution/capture-attribution.js';
import { onConsentChange } from '../attribution/consent.js';
import { pageAddress } from '../attribution/touch.js';
import type { AttributionConfig } from '../schema/attribution-settings.js';

/*
 * Where the visitor came from, for the form: records this page view when the
 * form appears (and again the moment consent arrives), forgets everything
 * when consent is withdrawn, and at send time says what the lead carries.
 */

export class AttributionController implements ReactiveController {
  /** `undefined` until the configuration is resolved: nothing is captured before the settings (consent!) are known. */
  private config: AttributionConfig | undefined;
  private stopListening: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The attribution settings in force (checked); captures this page view under them. */
  configure(config: AttributionConfig): void {
    this.config = config;
    if (this.stopListening !== undefined) this.capture();
  }

  hostConnected(): void {
    this.stopListening = onConsentChange((granted) => (granted ? this.capture() : clearAttribution()));
    this.capture();
  }

  hostDisconnected(): void {
    this.stopListening?.();
    this.stopListening = undefined;
  }

  private capture() {
    return this.config === undefined ? undefined : recordPageView(this.config);
  }

  /** Attribution for a lead sent now, from this page, with `source` as configured. */
  forLead(source: string): LeadAttributionParts {
    return attributionForLead(this.capture(), pageAddress(location.href), this.config ?? {}, source);
  }
}
