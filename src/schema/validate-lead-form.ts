import * as z from 'zod/mini';
import type { FieldDefinition } from './fields.js';
import { isIsoDay } from './form-config.js';
import { parseLeadPayload, type LeadProperty, type LeadPropertyValue, type ValidatedLeadPayload } from './lead-payload.js';

/*
 * Turns what a visitor typed into a `lead_external` payload, or into one
 * error per field. Messages are codes, never text: the element looks them up
 * in a catalogue, so this module has no language and no DOM.
 */

export type FieldErrorCode =
  | 'required'
  | 'mustAccept'
  | 'invalidEmail'
  | 'invalidPhone'
  | 'tooShort'
  | 'tooLong'
  | 'invalidNumber'
  | 'tooSmall'
  | 'tooBig'
  | 'pattern'
  | 'invalidOption'
  | 'invalidDate'
  | 'tooEarly'
  | 'tooLate'
  | 'invalidUrl';

export interface FieldError {
  readonly fieldId: string;
  readonly code: FieldErrorCode;
  /** The limit a `tooShort`/`tooLong`/`tooSmall`/`tooBig` error refers to. */
  readonly limit?: number;
  /** The day (`YYYY-MM-DD`) a `tooEarly`/`tooLate` error refers to. */
  readonly day?: string;
}

/** Raw values as the form holds them, keyed by field id. */
export type FormValues = Readonly<Record<string, string | boolean | undefined>>;

export interface LeadContext {
  /** `undefined` only when sending through a relay that adds the channel id. */
  readonly channelId: string | undefined;
  /** Sent as `source` unless a field supplies one. */
  readonly source?: string | undefined;
  /** Sent as properties after the fields' (e.g. the submission id). */
  readonly extraProperties?: readonly LeadProperty[] | undefined;
  /** Appended to `notes` after a blank line (e.g. where the visitor came from). */
  readonly notesBlock?: string | undefined;
}

export type LeadFormResult =
  | { readonly ok: true; readonly payload: ValidatedLeadPayload }
  | { readonly ok: false; readonly fieldErrors: readonly FieldError[]; readonly problems: readonly string[] };

/*
 * International phone numbers: an optional leading +, then digits with the
 * usual separators. 5–20 digits covers short national numbers and the
 * longest E.164 number with an extension-free format.
 */
const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+$/;
const MIN_PHONE_DIGITS = 5;
const MAX_PHONE_DIGITS = 20;

/*
 * A sane email rule (zod's own shape, through z.regex so the bundle needs no
 * separate email schema), widened to internationalised addresses: letters,
 * marks and digits of any script in the local part and the domain
 * (`æøå@firma.dk`, `anna@exämple.dk`), as RFC 6531 mail servers accept them.
 * Still refused: no @, leading, trailing or double dots, spaces, a domain
 * without a dot, a top level with digits (except punycode `xn--…`).
 * What is sent is what was typed: no punycode, no normalisation.
 */
const EMAIL =
  /^(?:[\p{L}\p{M}\p{N}_'+-]+\.)*[\p{L}\p{M}\p{N}_'+-]*[\p{L}\p{M}\p{N}_+-]@(?:[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}-]*\.)+(?:\p{L}[\p{L}\p{M}]+|xn--[a-z\d-]+)$/iu;

/** Accepts `42`, `-3.5` and `3,5` (the decimal comma most of Europe types). */
const DECIMAL = /^-?\d+(?:[.,]\d+)?$/;

export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/** Empty means "not given": trimmed to nothing, unticked, no choice ticked, or absent. */
function normalise(value: string | boolean | undefined): string | boolean | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' || trimmed === '[]' ? undefined : trimmed;
  }
  return value === false ? undefined : value;
}

/** A checkbox group's value as the form holds it (a JSON array of option values), or `undefined` if it is not one. */
export function readChoices(value: string | boolean | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const choices: unknown = JSON.parse(value);
    return Array.isArray(choices) && choices.every((choice) => typeof choice === 'string') ? choices : undefined;
  } catch {
    return undefined;
  }
}

/** An absolute http(s) address with a host name that has a dot (or is localhost): what a visitor means by "a website". */
function isWebAddress(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return /^https?:$/.test(url.protocol) && /\.[^.]|^localhost$/.test(url.hostname);
  } catch {
    return false;
  }
}

/** A checkbox group: the ticked options (in the options' order), sent as a list or a JSON array. */
function choicesRules(field: FieldDefinition): z.ZodMiniType<string, string> {
  const options = (field.options ?? []).map((option) => option.value);
  return z.pipe(
    z.string(),
    z.transform((text: string, context) => {
      const chosen = readChoices(text);
      if (chosen === undefined || chosen.some((choice) => !options.includes(choice))) {
        context.issues.push({ code: 'custom', message: 'invalidOption', input: text });
        return z.NEVER;
      }
      const ordered = options.filter((option) => chosen.includes(option));
      return field.choicesFormat === 'json' ? JSON.stringify(ordered) : ordered.join(', ');
    }),
  ) as unknown as z.ZodMiniType<string, string>;
}

function stringRules(field: FieldDefinition): z.ZodMiniType<string> {
  const checks: z.core.$ZodCheck<string>[] = [];
  if (field.minLength !== undefined) checks.push(z.minLength(field.minLength, 'tooShort'));
  if (field.maxLength !== undefined) checks.push(z.maxLength(field.maxLength, 'tooLong'));
  if (field.control === 'tel') {
    checks.push(
      z.refine((text: string) => {
        const digits = text.replace(/\D/g, '').length;
        return PHONE_CHARACTERS.test(text) && digits >= MIN_PHONE_DIGITS && digits <= MAX_PHONE_DIGITS;
      }, 'invalidPhone'),
    );
  }
  if (field.pattern !== undefined) {
    // Anchored like the HTML `pattern` attribute, so both agree.
    checks.push(z.regex(new RegExp(`^(?:${field.pattern})$`, 'u'), 'pattern'));
  }
  if (field.options !== undefined) {
    const allowed = new Set(field.options.map((option) => option.value));
    checks.push(z.refine((text: string) => allowed.has(text), 'invalidOption'));
  }
  if (field.control === 'email') checks.unshift(z.regex(EMAIL, 'invalidEmail'));
  if (field.control === 'url') checks.unshift(z.refine(isWebAddress, 'invalidUrl'));
  if (field.control === 'date') {
    // Days as YYYY-MM-DD compare correctly as text.
    const { earliest, latest } = field;
    checks.unshift(z.refine(isIsoDay, { message: 'invalidDate', abort: true }));
    if (earliest !== undefined) checks.push(z.refine((day: string) => day >= earliest, 'tooEarly'));
    if (latest !== undefined) checks.push(z.refine((day: string) => day <= latest, 'tooLate'));
  }
  return z.string().check(...checks);
}

function numberRules(field: FieldDefinition): z.ZodMiniType<number, string> {
  const checks: z.core.$ZodCheck<number>[] = [];
  if (field.min !== undefined) checks.push(z.gte(field.min, 'tooSmall'));
  if (field.max !== undefined) checks.push(z.lte(field.max, 'tooBig'));
  return z.pipe(
    z.string(),
    z.transform((text: string, context) => {
      const value = parseDecimal(text);
      if (value === undefined) {
        context.issues.push({ code: 'custom', message: 'invalidNumber', input: text });
        return z.NEVER;
      }
      return value;
    }),
  ).check(...(checks as z.core.$ZodCheck<unknown>[])) as unknown as z.ZodMiniType<number, string>;
}

function fieldSchema(field: FieldDefinition): z.ZodMiniType {
  if (field.control === 'checkbox') {
    // An unticked box is "absent"; only a required box can fail.
    return field.required ? z.literal(true, 'mustAccept') : z.optional(z.literal(true));
  }
  const rules = field.control === 'number' ? numberRules(field) : field.control === 'checkboxes' ? choicesRules(field) : stringRules(field);
  return field.required ? rules : z.optional(rules);
}

/**
 * Builds each field's schema once per field configuration; reuse it for
 * every check. One schema per field, not one object: fields hidden by a
 * show-if rule or on another step are checked apart or not at all.
 */
export function createLeadFormSchema(fields: readonly FieldDefinition[]): LeadFormSchema {
  return new Map(fields.map((field) => [field.id, fieldSchema(field)]));
}

export type LeadFormSchema = ReadonlyMap<string, z.ZodMiniType>;

const KNOWN_CODES: ReadonlySet<string> = new Set<FieldErrorCode>([
  'required', 'mustAccept', 'invalidEmail', 'invalidPhone', 'tooShort', 'tooLong', 'invalidNumber', 'tooSmall', 'tooBig', 'pattern', 'invalidOption',
  'invalidDate', 'tooEarly', 'tooLate', 'invalidUrl',
]);

function toFieldError(issue: z.core.$ZodIssue, field: FieldDefinition): FieldError {
  const fieldId = field.id;
  // Absent values reach zod as `undefined`: a type error, to a visitor "required".
  if (issue.code === 'invalid_type') return { fieldId, code: 'required' };
  const code = (KNOWN_CODES.has(issue.message) ? issue.message : 'pattern') as FieldErrorCode;
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    return { fieldId, code, limit: Number(limit) };
  }
  if (code === 'tooEarly' || code === 'tooLate') return { fieldId, code, day: (code === 'tooEarly' ? field.earliest : field.latest) ?? '' };
  return { fieldId, code };
}

/** Checks values against the fields' rules (only these fields), keeping the first error per field, in form order. */
export function validateFields(
  schema: LeadFormSchema,
  fields: readonly FieldDefinition[],
  values: FormValues,
): { readonly data: Readonly<Record<string, unknown>>; readonly fieldErrors: readonly FieldError[] } {
  const data: Record<string, unknown> = {};
  const fieldErrors: FieldError[] = [];
  for (const field of fields) {
    const rules = schema.get(field.id);
    if (rules === undefined) continue;
    const result = z.safeParse(rules, normalise(values[field.id] ?? field.defaultValue));
    const [issue] = result.error?.issues ?? [];
    if (issue !== undefined) fieldErrors.push(toFieldError(issue, field));
    else if (result.data !== undefined) data[field.id] = result.data;
  }
  return fieldErrors.length === 0 ? { data, fieldErrors } : { data: {}, fieldErrors };
}

/** Validates the visitor's values and, if they pass, builds the payload Keen gets. */
export function buildLeadPayload(
  schema: LeadFormSchema,
  fields: readonly FieldDefinition[],
  values: FormValues,
  context: LeadContext,
): LeadFormResult {
  const { data, fieldErrors } = validateFields(schema, fields, values);
  if (fieldErrors.length > 0) return { ok: false, fieldErrors, problems: [] };

  const payload: Record<string, unknown> = { action: 'lead_external' };
  if (context.channelId !== undefined) payload['channel_id'] = context.channelId;
  if (context.source !== undefined && context.source !== '') payload['source'] = context.source;
  const properties: LeadProperty[] = [];
  for (const field of fields) {
    const value = data[field.id];
    if (value === undefined) continue;
    if (field.target.kind === 'standard') {
      payload[field.target.name] = String(value);
    } else {
      properties.push({ property_definitions_id: field.target.definitionId, value: value as LeadPropertyValue });
    }
  }
  const { notesBlock } = context;
  if (notesBlock !== undefined) payload['notes'] = payload['notes'] === undefined ? notesBlock : `${String(payload['notes'])}\n\n${notesBlock}`;
  properties.push(...(context.extraProperties ?? []));
  if (properties.length > 0) payload['properties'] = properties;

  const parsed = parseLeadPayload(payload, { forRelay: context.channelId === undefined });
  return parsed.ok ? parsed : { ok: false, fieldErrors: [], problems: parsed.problems };
}

/**
 * Hidden fields' own values checked against their own rules when the form is
 * configured: a hidden value that breaks its pattern or length would make
 * every send fail, with nothing the visitor could fix.
 */
export function hiddenValueProblems(schema: LeadFormSchema, fields: readonly FieldDefinition[]): string[] {
  const hidden = new Map(fields.filter((field) => field.hidden).map((field) => [field.id, field]));
  if (hidden.size === 0) return [];
  return validateFields(schema, fields, {}).fieldErrors.flatMap((error) => {
    const field = hidden.get(error.fieldId);
    if (field === undefined) return [];
    const name = field.target.kind === 'standard' ? field.target.name : `property ${field.target.definitionId}`;
    const rule = error.limit === undefined ? error.code : `${error.code} ${error.limit}`;
    return [`fields: the hidden field ${name} has the value ${JSON.stringify(field.defaultValue)}, which breaks its own rule (${rule})`];
  });
}

/**
 * Runs both validators once on nothing, for their first-run cost (zod
 * compiles an object schema on its first parse): paid after the first paint
 * instead of between the visitor's click and the request.
 */
export function warmUpValidation(schema: LeadFormSchema, fields: readonly FieldDefinition[], forRelay: boolean): void {
  validateFields(schema, fields, {});
  parseLeadPayload({ action: 'lead_external' }, { forRelay });
}
