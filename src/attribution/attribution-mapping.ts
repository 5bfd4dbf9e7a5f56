import type { LeadProperty } from '../schema/lead-payload.js';
import type { AttributionRecord } from './attribution-record.js';
import type { Touch } from './touch.js';

/*
 * What a lead carries of its attribution: a `source` from a template, a
 * readable block at the end of `notes`, and values in custom properties.
 * Pure: the element decides which of these are switched on.
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
