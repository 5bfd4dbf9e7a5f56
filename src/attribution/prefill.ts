import type { FieldDefinition } from '../schema/fields.js';
import { cleanAttributionValue } from './attribution-value.js';

/*
 * Field values from the page's URL, for fields that name a parameter
 * (`"prefill": "email"`). The value becomes the field's default: a visible
 * field shows it and stays editable, a hidden one sends it. Values are
 * cleaned and cut like every value from a URL.
 */

/** What a checkbox's parameter must say to tick it. */
const TICKED = /^(?:1|true|on|yes)$/i;

/**
 * The fields with their URL values as defaults. A value the field's own
 * rules refuse (`accepts`: a select option it does not have, a pattern it
 * breaks) is ignored, so a stray link can never make the form unsendable.
 */
export function prefillFields(
  fields: readonly FieldDefinition[],
  pageUrl: string,
  accepts: (field: FieldDefinition, value: string | boolean) => boolean,
): readonly FieldDefinition[] {
  const search = new URL(pageUrl).searchParams;
  return fields.map((field) => {
    const text = field.prefill === undefined ? '' : cleanAttributionValue(search.get(field.prefill) ?? '');
    if (text === '') return field;
    const value = field.control === 'checkbox' ? TICKED.test(text) : text;
    return accepts(field, value) ? { ...field, defaultValue: value } : field;
  });
}
