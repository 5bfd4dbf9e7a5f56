import type { FieldDefinition, ShowIfCondition } from '../schema/fields.js';
import { parseDecimal, readChoices, type FormValues } from '../schema/validate-lead-form.js';

/*
 * Show-if rules as plain data: checked once against the form's fields (so a
 * rule naming a missing field, itself, or an operator that does not exist is
 * a configuration problem naming its path), then evaluated on every input
 * against the visitor's values. No DOM: the element only asks "is this shown?".
 */

const COMPARISONS = ['equals', 'notEquals', 'oneOf', 'filled', 'greaterThan', 'lessThan'] as const;
type Comparison = (typeof COMPARISONS)[number];

/** Finds a field by the id a rule uses: a standard name or a property uuid. */
export type FieldLookup = (id: string) => FieldDefinition | undefined;

export function fieldLookup(fields: readonly FieldDefinition[]): FieldLookup {
  const byId = new Map(fields.map((field) => [field.id, field]));
  return (id) => byId.get(id) ?? byId.get(`property:${id}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isScalar = (value: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof value);

/**
 * What is wrong with a rule, each problem starting with its path
 * (`fields[4].showIf.any[1].field: …`). `ownId` is the field the rule is on
 * (a block has none): a field cannot depend on itself.
 */
export function showIfProblems(condition: unknown, path: string, lookup: FieldLookup, ownId: string | undefined): string[] {
  if (!isRecord(condition)) return [`${path}: expected a condition such as { "field": "email", "filled": true }`];
  const keys = Object.keys(condition);
  for (const group of ['all', 'any'] as const) {
    if (!(group in condition)) continue;
    const list = condition[group];
    if (keys.length !== 1) return [`${path}: "${group}" stands alone; put other conditions inside its list`];
    if (!Array.isArray(list) || list.length === 0) return [`${path}.${group}: expected a non-empty list of conditions`];
    return list.flatMap((inner, index) => showIfProblems(inner, `${path}.${group}[${index}]`, lookup, ownId));
  }
  const { field: fieldId } = condition;
  if (typeof fieldId !== 'string') return [`${path}: expected "field" (a field's name or property id), or "all"/"any"`];
  const operators = keys.filter((key) => key !== 'field');
  const unknown = operators.filter((key) => !(COMPARISONS as readonly string[]).includes(key));
  if (unknown.length > 0) return [`${path}: unknown operator "${unknown[0]}"; use one of ${COMPARISONS.join(', ')}`];
  if (operators.length !== 1) return [`${path}: expected exactly one of ${COMPARISONS.join(', ')}`];
  const target = lookup(fieldId);
  if (target === undefined) return [`${path}.field: no field "${fieldId}" in this form`];
  if (target.id === ownId) return [`${path}.field: a field cannot be shown depending on itself`];
  const operator = operators[0] as Comparison;
  const operand = condition[operator];
  switch (operator) {
    case 'greaterThan':
    case 'lessThan':
      if (target.control !== 'number') return [`${path}.${operator}: "${fieldId}" is not a number field`];
      return typeof operand === 'number' && Number.isFinite(operand) ? [] : [`${path}.${operator}: expected a number`];
    case 'filled':
      return typeof operand === 'boolean' ? [] : [`${path}.filled: expected true or false`];
    case 'oneOf':
      return Array.isArray(operand) && operand.length > 0 && operand.every(isScalar) ? [] : [`${path}.oneOf: expected a non-empty list of values`];
    default:
      return isScalar(operand) ? [] : [`${path}.${operator}: expected a text, number or true/false`];
  }
}

/** The fields a rule depends on (for cycle checks). */
export function fieldsNamedBy(condition: ShowIfCondition): string[] {
  if ('all' in condition) return condition.all.flatMap(fieldsNamedBy);
  if ('any' in condition) return condition.any.flatMap(fieldsNamedBy);
  return [condition.field];
}

/** Whether the value matches an operand: as text, as a number for number fields, by membership for a checkbox group. */
function matches(field: FieldDefinition, value: string | boolean | undefined, operand: string | number | boolean): boolean {
  if (field.control === 'checkboxes') return (readChoices(value) ?? []).includes(String(operand));
  if (typeof value === 'boolean' || value === undefined) return (value ?? false) === operand || String(value ?? '') === String(operand);
  if (typeof operand === 'number') return parseDecimal(value) === operand;
  return value.trim() === String(operand);
}

function isFilled(value: string | boolean | undefined): boolean {
  if (typeof value === 'string') return value.trim() !== '' && value !== '[]';
  return value === true;
}

/**
 * Whether the condition holds. `valueOf` gives a field's value as the rule
 * sees it: `undefined` for a field that is itself hidden by a rule, so a
 * chain of rules hides what depends on a hidden field.
 */
export function conditionHolds(condition: ShowIfCondition, lookup: FieldLookup, valueOf: (field: FieldDefinition) => string | boolean | undefined): boolean {
  if ('all' in condition) return condition.all.every((inner) => conditionHolds(inner, lookup, valueOf));
  if ('any' in condition) return condition.any.some((inner) => conditionHolds(inner, lookup, valueOf));
  const field = lookup(condition.field);
  if (field === undefined) return false;
  const value = valueOf(field);
  if ('filled' in condition) return isFilled(value) === condition.filled;
  if ('equals' in condition) return matches(field, value, condition.equals);
  if ('notEquals' in condition) return !matches(field, value, condition.notEquals);
  if ('oneOf' in condition) return condition.oneOf.some((operand) => matches(field, value, operand));
  const number = typeof value === 'string' ? parseDecimal(value) : undefined;
  if (number === undefined) return false;
  return 'greaterThan' in condition ? number > condition.greaterThan : number < condition.lessThan;
}

/**
 * The ids of the fields a rule hides now. A field on which a hidden field
 * depends counts as empty; rules were checked for cycles, and a depth guard
 * keeps a cycle that slipped through from recursing forever.
 */
export function fieldsHiddenByRules(fields: readonly FieldDefinition[], values: FormValues, lookup: FieldLookup = fieldLookup(fields)): Set<string> {
  const shown = new Map<string, boolean>();
  const isShown = (field: FieldDefinition, depth: number): boolean => {
    const known = shown.get(field.id);
    if (known !== undefined) return known;
    if (field.showIf === undefined) return true;
    const result =
      depth < fields.length &&
      conditionHolds(field.showIf, lookup, (other) => (isShown(other, depth + 1) ? (values[other.id] ?? other.defaultValue) : undefined));
    shown.set(field.id, result);
    return result;
  };
  return new Set(fields.filter((field) => !isShown(field, 0)).map((field) => field.id));
}

/** Whether a block's (or any) rule holds, given the fields hidden by rules. */
export function isShownGiven(condition: ShowIfCondition | undefined, lookup: FieldLookup, values: FormValues, hidden: ReadonlySet<string>): boolean {
  return condition === undefined || conditionHolds(condition, lookup, (field) => (hidden.has(field.id) ? undefined : (values[field.id] ?? field.defaultValue)));
}
