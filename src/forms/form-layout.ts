import type { FieldDefinition, ShowIfCondition } from '../schema/fields.js';
import { DEFAULT_FIELD_NAMES } from '../schema/fields.js';
import { isFieldEntry, type FieldInput, type ParseResult } from '../schema/form-config.js';
import type { FormValues } from '../schema/validate-lead-form.js';
import { fieldLookup, fieldsHiddenByRules, fieldsNamedBy, isShownGiven, showIfProblems, type FieldLookup } from './show-if.js';

/*
 * The form's shape beyond its fields: static blocks between them and the
 * steps that `{ "step": "Title" }` markers start. Resolved once with the
 * configuration (rules checked, cycles refused), then asked on every render
 * which steps and items are shown for the visitor's current values.
 */

export interface FormBlock {
  readonly kind: 'heading' | 'text';
  readonly text: string;
  /** Unique within the form: the block's own id or its place in `fields`. */
  readonly key: string;
  readonly showIf?: ShowIfCondition | undefined;
}

export type LayoutItem = { readonly field: FieldDefinition } | { readonly block: FormBlock };

export interface FormStep {
  /** `undefined` for fields before the first marker. */
  readonly title: string | undefined;
  readonly items: readonly LayoutItem[];
}

export interface FormLayout {
  /** At least one; one untitled step when the form has no step markers. */
  readonly steps: readonly FormStep[];
  /** The form has step markers: draw it one step at a time. */
  readonly stepped: boolean;
  readonly lookup: FieldLookup;
}

/**
 * Builds the layout from the `fields` entries and the fields they resolved
 * to (same order), and checks every show-if rule: its path in the messages
 * is the entry's place in `fields`.
 */
export function resolveLayout(inputs: readonly FieldInput[] | undefined, fields: readonly FieldDefinition[]): ParseResult<FormLayout> {
  const entries = inputs ?? DEFAULT_FIELD_NAMES;
  const lookup = fieldLookup(fields);
  const problems: string[] = [];
  const steps: { title: string | undefined; items: LayoutItem[] }[] = [];
  let fieldIndex = 0;
  for (const [index, entry] of entries.entries()) {
    if (typeof entry === 'object' && 'step' in entry) {
      steps.push({ title: entry.step, items: [] });
      continue;
    }
    if (steps.length === 0) steps.push({ title: undefined, items: [] });
    const item: LayoutItem = isFieldEntry(entry)
      ? { field: fields[fieldIndex++] as FieldDefinition }
      : { block: { kind: entry.block, text: entry.text, key: entry.id ?? `block-${index}`, showIf: entry.showIf } };
    steps.at(-1)?.items.push(item);
    const showIf = 'field' in item ? item.field.showIf : item.block.showIf;
    if (showIf !== undefined) problems.push(...showIfProblems(showIf, `fields[${index}].showIf`, lookup, 'field' in item ? item.field.id : undefined));
  }
  if (problems.length === 0) problems.push(...cycleProblems(fields, lookup));
  const stepped = entries.some((entry) => typeof entry === 'object' && 'step' in entry);
  for (const [index, step] of steps.entries()) {
    if (stepped && step.items.length === 0) problems.push(`fields: step ${index + 1} ("${step.title ?? ''}") has no fields or blocks`);
  }
  if (steps.length === 0) steps.push({ title: undefined, items: [] });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { steps, stepped, lookup } };
}

/** A rule chain that comes back to where it started (A shown if B, B shown if A) can never be settled. */
function cycleProblems(fields: readonly FieldDefinition[], lookup: FieldLookup): string[] {
  const dependsOn = (field: FieldDefinition): FieldDefinition[] =>
    field.showIf === undefined ? [] : fieldsNamedBy(field.showIf).flatMap((id) => lookup(id) ?? []);
  for (const start of fields) {
    const seen = new Set<string>();
    const queue = dependsOn(start);
    while (queue.length > 0) {
      const next = queue.shift() as FieldDefinition;
      if (next.id === start.id) return [`fields: the show-if rules of ${start.id.replace('property:', 'property ')} depend on each other in a circle`];
      if (seen.has(next.id)) continue;
      seen.add(next.id);
      queue.push(...dependsOn(next));
    }
  }
  return [];
}

/** What the visitor sees now: per step, the items shown (hidden fields and rule-hidden items left out). */
export interface ShownLayout {
  /** The fields whose rules hide them: neither validated nor sent. */
  readonly hiddenByRules: ReadonlySet<string>;
  /** Per step of the layout, its shown items; `undefined` for a step that is skipped (nothing shown in it). */
  readonly steps: readonly (readonly LayoutItem[] | undefined)[];
}

export function shownLayout(layout: FormLayout, values: FormValues): ShownLayout {
  const allFields = layout.steps.flatMap((step) => step.items.flatMap((item) => ('field' in item ? [item.field] : [])));
  const hiddenByRules = fieldsHiddenByRules(allFields, values, layout.lookup);
  const steps = layout.steps.map((step) => {
    const items = step.items.filter((item) =>
      'field' in item ? !item.field.hidden && !hiddenByRules.has(item.field.id) : isShownGiven(item.block.showIf, layout.lookup, values, hiddenByRules),
    );
    const hasFields = step.items.some((item) => 'field' in item && !item.field.hidden);
    // A step whose fields are all hidden by rules is skipped; one of blocks only is kept while a block shows.
    const shown = hasFields ? items.some((item) => 'field' in item) : items.length > 0;
    return shown ? items : undefined;
  });
  return { hiddenByRules, steps };
}
