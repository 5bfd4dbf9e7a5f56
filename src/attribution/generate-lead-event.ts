import type { LeadAttribution } from './attribution-mapping.js';

/*
 * What analytics learn about a delivered lead: which form, which
 * submission, and where the visitor came from. Never what they typed.
 */

export interface LeadReport {
  /** The form's `id`, or `#<n>`, its place among the page's forms. */
  readonly formId: string;
  readonly submissionId: string;
  /** `undefined` when attribution is off or waited for consent. */
  readonly attribution: LeadAttribution | undefined;
}

/** GA4's recommended `generate_lead` event, as Google Tag Manager reads it from `dataLayer`. */
export interface GenerateLeadEvent {
  readonly event: 'generate_lead';
  readonly form_id: string;
  readonly submission_id: string;
  /** The first touch's `utm_source`, when there was one. */
  readonly lead_source?: string;
  readonly attribution?: LeadAttribution;
}

export function generateLeadEvent({ formId, submissionId, attribution }: LeadReport): GenerateLeadEvent {
  const event: GenerateLeadEvent = { event: 'generate_lead', form_id: formId, submission_id: submissionId };
  if (attribution === undefined) return event;
  const source = attribution.first['utm_source'];
  return source === undefined ? { ...event, attribution } : { ...event, lead_source: source, attribution };
}

interface DataLayerHolder {
  dataLayer?: unknown;
}

/** Pushes to `window.dataLayer`, creating it as Tag Manager does when the page has none yet. */
export function pushToDataLayer(event: GenerateLeadEvent, target: object = globalThis): void {
  const holder = target as DataLayerHolder;
  if (!Array.isArray(holder.dataLayer)) holder.dataLayer = [];
  (holder.dataLayer as unknown[]).push(event);
}
