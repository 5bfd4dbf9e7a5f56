import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  attributionNotes,
  attributionProperties,
  DEFAULT_SOURCE_TEMPLATE,
  leadAttribution,
  sourceFromTemplate,
  type LeadAttribution,
} from '../attribution/attribution-mapping.js';
import { clearAttribution, recordPageView } from '../attribution/capture-attribution.js';
import { onConsentChange } from '../attribution/consent.js';
import { hasSignal, pageAddress } from '../attribution/touch.js';
import type { AttributionConfig } from '../schema/attribution-settings.js';
import type { LeadProperty } from '../schema/lead-payload.js';

/*
 * Where the visitor came from, for the form: records this page view when the
 * form appears (and again the moment consent arrives), forgets everything
 * when consent is withdrawn, and at send time says what the lead carries.
 */

/** What attribution adds to one lead. */
export interface LeadAttributionParts {
  /** `undefined` when attribution is off, waits for consent, or storage holds nothing. */
  readonly attribution: LeadAttribution | undefined;
  /** The lead's `source`: from the template, or the configured one. */
  readonly source: string;
  /** The block for the end of `notes`, when switched on. */
  readonly notesBlock: string | undefined;
  readonly properties: readonly LeadProperty[];
}

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
    const record = this.capture();
    const page = pageAddress(location.href);
    if (record === undefined || page === undefined) return { attribution: undefined, source, notesBlock: undefined, properties: [] };
    const attribution = leadAttribution(record, page);
    const { sourceTemplate = DEFAULT_SOURCE_TEMPLATE, attributionNotes: notes, attributionProperties: map = {} } = this.config ?? {};
    return {
      attribution,
      source: sourceTemplate === 'off' ? source : sourceFromTemplate(sourceTemplate, source, attribution),
      // Only a lead from a campaign, referral or other site gets the block: a
      // direct visitor's lead stays as they wrote it.
      notesBlock: notes === 'off' || !hasSignal(attribution.first) ? undefined : attributionNotes(attribution),
      properties: attributionProperties(map, attribution),
    };
  }
}
