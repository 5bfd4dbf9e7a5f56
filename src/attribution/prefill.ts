import { cleanAttributionValue } from './attribution-value.js';

/*
 * Field values from the page's URL, for fields that name a parameter
 * (`"prefill": "email"`). A visible field stays editable; a hidden one is
 * sent as it is. Values are cleaned and cut like every value from a URL.
 */

/** Field id -> value, for each field whose parameter is present and not empty. */
export function prefillFromUrl(paramsByField: ReadonlyMap<string, string>, pageUrl: string): Record<string, string> {
  const search = new URL(pageUrl).searchParams;
  const values: Record<string, string> = {};
  for (const [fieldId, param] of paramsByField) {
    const value = cleanAttributionValue(search.get(param) ?? '');
    if (value !== '') values[fieldId] = value;
  }
  return values;
}
