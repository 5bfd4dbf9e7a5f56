import type { LeadTextField } from './lead-payload.js';

/*
 * The form's field model as plain data: what each field is, how a browser
 * should offer it (input type, autocomplete token, keyboard) and which rules
 * apply. The element renders it; the validator checks values against it.
 */

export type StandardFieldName = LeadTextField;

/** How a field is offered to the visitor. */
export type FieldControl =
  | 'text'
  | 'email'
  | 'tel'
  | 'textarea'
  | 'number'
  | 'select'
  | 'checkbox'
  | 'radio'
  | 'checkboxes'
  | 'date'
  | 'url';

/** The controls drawn as a group of choices in a `<fieldset>`. */
export type ChoiceGroupControl = 'radio' | 'checkboxes';

export function isChoiceGroup(control: FieldControl): control is ChoiceGroupControl {
  return control === 'radio' || control === 'checkboxes';
}

/**
 * A show-if rule: the field or block is shown only while it holds. `field`
 * names another field by its standard name or property id. Plain data, so
 * it can come from JSON; src/forms/show-if.ts checks and evaluates it.
 */
export type ShowIfCondition =
  | { readonly field: string; readonly equals: string | number | boolean }
  | { readonly field: string; readonly notEquals: string | number | boolean }
  | { readonly field: string; readonly oneOf: ReadonlyArray<string | number | boolean> }
  | { readonly field: string; readonly filled: boolean }
  | { readonly field: string; readonly greaterThan: number }
  | { readonly field: string; readonly lessThan: number }
  | { readonly all: readonly ShowIfCondition[] }
  | { readonly any: readonly ShowIfCondition[] };

/** How a checkbox group's choices are sent: `"A, B"` (list) or `["A","B"]` (json). */
export type ChoicesFormat = 'list' | 'json';

export type FieldTarget =
  | { readonly kind: 'standard'; readonly name: StandardFieldName }
  | { readonly kind: 'property'; readonly definitionId: string };

export interface FieldOption {
  readonly value: string;
  readonly label: string;
}

/** One field, fully resolved: every default applied. */
export interface FieldDefinition {
  /** Unique within a form: the standard name, or `property:<definition id>`. */
  readonly id: string;
  readonly target: FieldTarget;
  readonly control: FieldControl;
  /** Visible label; `undefined` means "use the built-in, localised label". */
  readonly label?: string | undefined;
  readonly placeholder?: string | undefined;
  readonly help?: string | undefined;
  readonly required: boolean;
  /** Sent with the lead but never shown (e.g. a campaign code). */
  readonly hidden: boolean;
  /** Never written to the visitor's saved draft. */
  readonly sensitive: boolean;
  readonly defaultValue?: string | boolean | undefined;
  readonly minLength?: number | undefined;
  readonly maxLength?: number | undefined;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  /** For a date: the earliest and latest day allowed, `YYYY-MM-DD`. */
  readonly earliest?: string | undefined;
  readonly latest?: string | undefined;
  /** For a checkbox group: how its choices are sent. */
  readonly choicesFormat?: ChoicesFormat | undefined;
  /** Shown (validated, sent) only while this holds. */
  readonly showIf?: ShowIfCondition | undefined;
  readonly pattern?: string | undefined;
  readonly patternMessage?: string | undefined;
  readonly autocomplete: string;
  readonly inputMode?: 'text' | 'email' | 'tel' | 'numeric' | 'decimal' | undefined;
  readonly width: 'full' | 'half';
  readonly options?: readonly FieldOption[] | undefined;
  /** A URL parameter that fills the field when the page has it. */
  readonly prefill?: string | undefined;
}

interface StandardFieldTraits {
  readonly control: FieldControl;
  readonly autocomplete: string;
  readonly inputMode?: FieldDefinition['inputMode'];
  readonly maxLength: number;
  readonly width: 'full' | 'half';
}

/**
 * Browser hints per standard field. Maximum lengths keep a lead far below the
 * API's 100 KB body limit and match what a CRM column sensibly holds.
 */
export const STANDARD_FIELDS: Readonly<Record<StandardFieldName, StandardFieldTraits>> = {
  first_name: { control: 'text', autocomplete: 'given-name', maxLength: 100, width: 'half' },
  last_name: { control: 'text', autocomplete: 'family-name', maxLength: 100, width: 'half' },
  email: { control: 'email', autocomplete: 'email', inputMode: 'email', maxLength: 254, width: 'full' },
  phone: { control: 'tel', autocomplete: 'tel', inputMode: 'tel', maxLength: 40, width: 'full' },
  company_name: { control: 'text', autocomplete: 'organization', maxLength: 200, width: 'full' },
  notes: { control: 'textarea', autocomplete: 'off', maxLength: 5000, width: 'full' },
  business_id: { control: 'text', autocomplete: 'off', maxLength: 100, width: 'full' },
  employee: { control: 'text', autocomplete: 'off', maxLength: 200, width: 'full' },
  source: { control: 'text', autocomplete: 'off', maxLength: 200, width: 'full' },
};

export const DEFAULT_FIELD_NAMES: readonly StandardFieldName[] = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'company_name',
  'notes',
];

export const DEFAULT_REQUIRED_NAMES: readonly StandardFieldName[] = ['email'];

export function isStandardFieldName(name: string): name is StandardFieldName {
  return Object.hasOwn(STANDARD_FIELDS, name);
}

/** Splits an attribute value like `"first_name, email phone"` into names. */
export function splitNameList(value: string | null | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((name) => name !== '');
}

/** Resolves a standard field with its traits; `required` as the site owner asked. */
export function standardField(name: StandardFieldName, required: boolean): FieldDefinition {
  const traits = STANDARD_FIELDS[name];
  return {
    id: name,
    target: { kind: 'standard', name },
    control: traits.control,
    required,
    hidden: false,
    sensitive: false,
    autocomplete: traits.autocomplete,
    inputMode: traits.inputMode,
    maxLength: traits.maxLength,
    width: traits.width,
  };
}
