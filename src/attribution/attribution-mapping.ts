import type { AttributionConfig } from '../schema/attribution-settings.js';
import type { LeadProperty } from '../schema/lead-payload.js';
import type { AttributionRecord } from './attribution-record.js';
import { hasSignal, type Touch } from './touch.js';

/*
 * What a lead carries of its attribution: a `source` from a template, a
 * readable block at the end of `notes`, and values in custom properties.
 * Pure: the element (from the visitor's storage) and the relay (from the
 * page a form was posted from, without script) hand it a record and the
 * form's settings, and both send the same.
 */

/** Attribution as a lead is sent with it: both touches and the page it was sent from. */
export interface LeadAttribution {
  readonly first: Touch;
  readonly last: Touch;
  /** The page the form was sent from (no query or fragment). */
  readonly page: string;
}

export function leadAttribution(record: AttributionRecord, page: string): LeadAttribution {
  return { first: record.first, last: record.last, page };
}

/**
 * `{source} / {utm_source} / {utm_campaign}`: the configured source, then
 * the first touch's campaign, each part only when present.
 */
export const DEFAULT_SOURCE_TEMPLATE = '{source} / {utm_source} / {utm_campaign}';

/** Keen's `source` field holds this much in the form's own rules. */
const SOURCE_MAX_LENGTH = 200;

/**
 * A captured value by name: the first touch's (`utm_source`), the last
 * touch's (`last_utm_source`), or `page`, the page the form was sent from.
 */
export function attributionValue(attribution: LeadAttribution, name: string): string | undefined {
  if (name === 'page') return attribution.page;
  return name.startsWith('last_') ? attribution.last[name.slice(5)] : attribution.first[name];
}

/**
 * Fills a source template. Parts are separated by ` / `; a part with a
 * placeholder that has no value is left out. When no attribution
 * placeholder has a value (a visit from no campaign), the configured source
 * is returned unchanged.
 */
export function sourceFromTemplate(template: string, source: string, attribution: LeadAttribution): string {
  let attributed = false;
  const parts = template.split(' / ').flatMap((part) => {
    let complete = true;
    const text = part.replace(/\{(\w+)\}/g, (_placeholder, name: string) => {
      const value = name === 'source' ? source : attributionValue(attribution, name);
      if (value === undefined || value === '') complete = false;
      else if (name !== 'source') attributed = true;
      return value ?? '';
    });
    return complete ? [text] : [];
  });
  return attributed ? parts.join(' / ').slice(0, SOURCE_MAX_LENGTH) : source;
}

function touchLine(label: string, touch: Touch): string {
  return `${label}: ${Object.entries(touch)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ')}`;
}

/**
 * The block appended to `notes`, for whoever reads the lead in Keen:
 *
 *   Attribution
 *   First touch: utm_source=newsletter, utm_campaign=spring, landing_page=https://example.com/
 *   Last touch: …            (only when it differs from the first)
 *   Sent from: https://example.com/contact
 */
export function attributionNotes(attribution: LeadAttribution): string {
  const lines = ['Attribution', touchLine('First touch', attribution.first)];
  if (JSON.stringify(attribution.last) !== JSON.stringify(attribution.first)) lines.push(touchLine('Last touch', attribution.last));
  lines.push(`Sent from: ${attribution.page}`);
  return lines.join('\n');
}

/**
 * Custom properties from a map of captured name (as in
 * {@link attributionValue}) to property definition id; values that were not
 * captured are not sent.
 */
export function attributionProperties(map: Readonly<Record<string, string>>, attribution: LeadAttribution): LeadProperty[] {
  return Object.entries(map).flatMap(([name, definitionId]) => {
    const value = attributionValue(attribution, name);
    return value === undefined || value === '' ? [] : [{ property_definitions_id: definitionId, value }];
  });
}

/** What attribution adds to one lead. */
export interface LeadAttributionParts {
  /** `undefined` when attribution is off, waits for consent, or nothing is known. */
  readonly attribution: LeadAttribution | undefined;
  /** The lead's `source`: from the template, or the configured one. */
  readonly source: string;
  /** The block for the end of `notes`, when switched on. */
  readonly notesBlock: string | undefined;
  readonly properties: readonly LeadProperty[];
}

/** The settings that shape what a lead carries, named as in the JSON config. */
export type LeadAttributionSettings = Pick<AttributionConfig, 'sourceTemplate' | 'attributionNotes' | 'attributionProperties'>;

/**
 * What a lead sent from `page` carries of `record` under the form's
 * settings, with `source` as configured. Without a record or a page it
 * carries nothing and keeps `source`.
 */
export function attributionForLead(
  record: AttributionRecord | undefined,
  page: string | undefined,
  settings: LeadAttributionSettings,
  source: string,
): LeadAttributionParts {
  if (record === undefined || page === undefined) return { attribution: undefined, source, notesBlock: undefined, properties: [] };
  const attribution = leadAttribution(record, page);
  const { sourceTemplate = DEFAULT_SOURCE_TEMPLATE, attributionNotes: notes, attributionProperties: map = {} } = settings;
  return {
    attribution,
    source: sourceTemplate === 'off' ? source : sourceFromTemplate(sourceTemplate, source, attribution),
    // Only a lead from a campaign, referral or other site gets the block: a
    // direct visitor's lead stays as they wrote it.
    notesBlock: notes === 'off' || !hasSignal(attribution.first) ? undefined : attributionNotes(attribution),
    properties: attributionProperties(map, attribution),
  };
}
