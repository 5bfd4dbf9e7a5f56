import * as z from 'zod/mini';
import {
  DEFAULT_FIELD_NAMES,
  DEFAULT_REQUIRED_NAMES,
  STANDARD_FIELDS,
  standardField,
  type FieldControl,
  type FieldDefinition,
  type FieldOption,
  type StandardFieldName,
} from './fields.js';
import {
  attributionPropertiesSchema,
  attributionSettingsShape,
  paramNameSchema,
  type AttributionConfig,
} from './attribution-settings.js';
import { LEAD_TEXT_FIELDS } from './lead-payload.js';
import { findNestedQuantifier } from './pattern-safety.js';

/*
 * The site owner's form configuration, however it arrived (attributes, a JSON
 * `<script>` child, or the `config`/`fields` properties), checked by one
 * schema and resolved into FieldDefinitions. Every setting has one rule here,
 * shared by every way of setting it, and a bad value becomes a problem that
 * names the setting, the value and what is allowed: never a silent default.
 */

export const PROPERTY_TYPES = ['text', 'number', 'select', 'checkbox', 'textarea'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

/** Options shared by standard fields and custom properties. */
export interface FieldSettings {
  /** Visible label; standard fields have a localised default. */
  label?: string;
  placeholder?: string;
  /** Help text under the field, linked with `aria-describedby`. */
  help?: string;
  required?: boolean;
  /** Prefilled value; for a hidden field, the value that is always sent. */
  value?: string | number | boolean;
  /** Sent with the lead but not shown (campaign codes, page names). */
  hidden?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  /** A regular expression the whole value must match (like HTML `pattern`). */
  pattern?: string;
  /** Shown when `pattern` does not match. */
  patternMessage?: string;
  /** An HTML autocomplete token, e.g. `organization-title`. */
  autocomplete?: string;
  /** `half` puts two fields side by side when there is room. */
  width?: 'full' | 'half';
  /** Lets a standard text field be a multi-line textarea (or back). */
  multiline?: boolean;
  /** Never saved in the visitor's draft (e.g. an id number on a shared computer). */
  sensitive?: boolean;
  /** A URL parameter whose value, when the page has it, fills the field (wins over `value`). */
  prefill?: string;
}

export interface StandardFieldConfig extends FieldSettings {
  /** One of Keen's lead fields: `first_name`, `email`, `notes`, … */
  name: StandardFieldName;
}

export interface PropertyFieldConfig extends FieldSettings {
  /** The channel's property definition id (a uuid from Keen). */
  property: string;
  type: PropertyType;
  /** For `select`: the choices, as values or `{ value, label }`. */
  options?: ReadonlyArray<string | FieldOption>;
}

export type FieldConfig = StandardFieldConfig | PropertyFieldConfig;

/** A field as the `fields` property takes it: a standard name or a full config. */
export type FieldInput = StandardFieldName | FieldConfig;

/** Everything that can be set from JSON; attributes, when present, win. */
export interface FormConfig extends AttributionConfig {
  fields?: readonly FieldInput[];
  channel?: string;
  endpoint?: string;
  source?: string;
  successMessage?: string;
  redirect?: string;
  /** Your own wording for any built-in message, by key (see the README's "Languages"). */
  messages?: Readonly<Record<string, string>>;
}

/** Milliseconds per attempt: long enough for a slow mobile network, short enough that nobody waits minutes for an answer. */
export const TIMEOUT_RANGE = { min: 1000, max: 120_000 } as const;
export const THEMES = ['auto', 'light', 'dark', 'inherit'] as const;
export type Theme = (typeof THEMES)[number];
export const DRAFT_MODES = ['on', 'off'] as const;
export type DraftMode = (typeof DRAFT_MODES)[number];

/** The settings only attributes and properties carry, besides those the JSON config shares. */
export interface ElementSettings extends Omit<FormConfig, 'fields' | 'messages' | 'attributionProperties'> {
  /** Already a number: `"15000"` from an attribute arrives as 15000. */
  timeout?: number;
  theme?: Theme;
  draft?: DraftMode;
  relay?: boolean;
  submissionIdProperty?: string;
  /** `altcha`, `none`, or `<provider>:<sitekey>` (see {@link parseChallengeSetting}). */
  challenge?: string;
  /** Replaces the captcha provider's script URL (self-hosted copies, tests). */
  challengeScript?: string;
}

export const CAPTCHA_PROVIDERS = ['turnstile', 'hcaptcha', 'friendlycaptcha'] as const;
export type CaptchaProvider = (typeof CAPTCHA_PROVIDERS)[number];

/** The spam check a form runs before sending through a relay. */
export type ChallengeSetting =
  | { readonly kind: 'none' }
  /** Proof of work solved in the page; the relay issues and checks it. */
  | { readonly kind: 'altcha' }
  | { readonly kind: 'captcha'; readonly provider: CaptchaProvider; readonly sitekey: string };

/** Reads the `challenge` attribute; `undefined` for a value that is none of the forms. */
export function parseChallengeSetting(text: string): ChallengeSetting | undefined {
  const value = text.trim();
  if (value === 'none' || value === 'altcha') return { kind: value };
  const colon = value.indexOf(':');
  const provider = value.slice(0, colon) as CaptchaProvider;
  const sitekey = value.slice(colon + 1).trim();
  return colon > 0 && CAPTCHA_PROVIDERS.includes(provider) && sitekey !== '' ? { kind: 'captcha', provider, sitekey } : undefined;
}

/** A setting's attribute name, for messages: `successMessage` is written `success-message` in HTML. */
function attributeName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** An http(s) URL, absolute or relative to the page (`/api/lead` for a relay on the same site). */
function isHttpUrl(text: string): boolean {
  if (text.trim() === '') return false;
  try {
    return /^https?:$/.test(new URL(text, 'http://relative.invalid/').protocol);
  } catch {
    return false;
  }
}

function isTimeout(value: unknown): boolean {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= TIMEOUT_RANGE.min && number <= TIMEOUT_RANGE.max;
}

const httpUrl = z.string().check(z.refine(isHttpUrl, 'expected an http(s) URL'));

const nonNegativeInteger = z.number().check(z.refine(Number.isInteger, 'expected a whole number'), z.gte(0));

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((text) => typeof text === 'string');
}

const fieldSettingsShape = {
  label: z.optional(z.string()),
  placeholder: z.optional(z.string()),
  help: z.optional(z.string()),
  required: z.optional(z.boolean()),
  value: z.optional(z.union([z.string(), z.number(), z.boolean()])),
  hidden: z.optional(z.boolean()),
  minLength: z.optional(nonNegativeInteger),
  maxLength: z.optional(nonNegativeInteger),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  pattern: z.optional(
    z.string().check(
      z.refine((source: string) => {
        try {
          new RegExp(source, 'u');
          return true;
        } catch {
          return false;
        }
      }, 'is not a valid regular expression'),
      z.refine((source: string) => findNestedQuantifier(source) === undefined, {
        error: (issue) =>
          `"${findNestedQuantifier(String(issue.input))}" repeats a group that can match the same text in more than one way, which can freeze the visitor's browser; write the rule without a repeated group around another repetition or overlapping alternatives`,
      }),
    ),
  ),
  patternMessage: z.optional(z.string()),
  autocomplete: z.optional(z.string()),
  width: z.optional(z.enum(['full', 'half'])),
  multiline: z.optional(z.boolean()),
  sensitive: z.optional(z.boolean()),
  prefill: z.optional(paramNameSchema),
};

const standardNameSchema = z.enum(LEAD_TEXT_FIELDS);

const standardFieldSchema = z.strictObject({ name: standardNameSchema, ...fieldSettingsShape });

const propertyFieldSchema = z.strictObject({
  property: z.string().check(z.minLength(1)),
  type: z.enum(PROPERTY_TYPES),
  options: z.optional(
    z.array(z.union([z.string(), z.strictObject({ value: z.string(), label: z.string() })])).check(z.minLength(1)),
  ),
  ...fieldSettingsShape,
});

const fieldInputSchema = z.union([standardNameSchema, standardFieldSchema, propertyFieldSchema], {
  error: (issue) => (typeof issue.input === 'string' ? `unknown field "${issue.input}"; known fields: ${LEAD_TEXT_FIELDS.join(', ')}` : undefined),
});

/** The settings JSON, the `config` property and attributes share. */
const sharedSettingsShape = {
  channel: z.optional(z.string()),
  endpoint: z.optional(httpUrl),
  source: z.optional(z.string()),
  successMessage: z.optional(z.string()),
  redirect: z.optional(httpUrl),
  ...attributionSettingsShape,
};

const formConfigSchema = z.strictObject({
  fields: z.optional(z.array(fieldInputSchema)),
  ...sharedSettingsShape,
  // A predicate, not z.record: the same rule without another schema type in the bundle.
  messages: z.optional(z.custom<Record<string, string>>(isStringRecord, 'expected an object whose values are strings')),
  attributionProperties: attributionPropertiesSchema,
});

const elementSettingsSchema = z.strictObject({
  ...sharedSettingsShape,
  timeout: z.optional(
    z.pipe(
      z.custom<number | string>(isTimeout, `expected a whole number of milliseconds from ${TIMEOUT_RANGE.min} to ${TIMEOUT_RANGE.max}`),
      z.transform(Number),
    ),
  ),
  theme: z.optional(z.enum(THEMES)),
  draft: z.optional(z.enum(DRAFT_MODES)),
  relay: z.optional(z.boolean()),
  challenge: z.optional(
    z.string().check(
      z.refine(
        (text: string) => parseChallengeSetting(text) !== undefined,
        `expected altcha, none, or a captcha provider and its site key: ${CAPTCHA_PROVIDERS.map((provider) => `${provider}:<sitekey>`).join(', ')}`,
      ),
    ),
  ),
  challengeScript: z.optional(httpUrl),
  submissionIdProperty: z.optional(
    z.string().check(z.refine((id: string) => id.trim() !== '', "expected a property definition id from the channel's settings in Keen")),
  ),
});

function pathText(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`), root);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined), input);
}

/** Says what is wrong in words a site owner can act on: the path to the key, what is allowed, and the value given. */
function describeIssue(issue: z.core.$ZodIssue, root: string, input: unknown): string {
  const text = explainIssue(issue, root);
  const value = valueAt(input, issue.path);
  const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  // An unknown field name is quoted by its own message already.
  return shown === undefined || issue.code === 'invalid_union' ? text : `${text}, got ${shown}`;
}

function explainIssue(issue: z.core.$ZodIssue, root: string): string {
  const path = root === '' ? attributeName(String(issue.path[0] ?? 'settings')) : pathText(root, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return `${path}: expected ${issue.expected}`;
    case 'invalid_value':
      return `${path}: expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'unrecognized_keys':
      return `${path}: unknown key ${issue.keys.map((key) => `"${root === '' ? attributeName(key) : key}"`).join(', ')}`;
    case 'invalid_union': {
      if (issue.message.startsWith('unknown field')) return `${path}: ${issue.message}`;
      // Explain the branch the site owner most likely meant: the one with
      // the fewest problems, ignoring branches of a different type entirely.
      const [closest] = issue.errors
        .filter((branch) => !branch.some((inner) => inner.path.length === 0 && (inner.code === 'invalid_type' || inner.code === 'invalid_value')))
        .sort((a, b) => a.length - b.length);
      if (closest?.[0] !== undefined) return explainIssue(closest[0], path);
      return `${path}: expected a standard field name (${LEAD_TEXT_FIELDS.join(', ')}), { "name": … } or { "property": …, "type": … }`;
    }
    case 'too_small':
      return `${path}: must be at least ${String(issue.minimum)}${issue.origin === 'array' ? ' item(s)' : ''}`;
    default:
      return `${path}: ${issue.message}`;
  }
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

/** Checks a configuration object (from JSON or JavaScript). `root` names it in messages. */
export function parseFormConfig(input: unknown, root = 'config'): ParseResult<FormConfig> {
  return parseWith<FormConfig>(formConfigSchema, input, root);
}

function parseWith<T>(schema: z.ZodMiniType, input: unknown, root: string): ParseResult<T> {
  const result = z.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.data as T };
  return { ok: false, problems: result.error.issues.map((issue) => describeIssue(issue, root, input)) };
}

/**
 * Checks the settings set as attributes or properties (attribute strings or
 * typed values), by the same rules as the JSON config. Messages name the
 * attribute: `timeout: expected a whole number …, got "15s"`. The settings
 * that passed are returned even when others did not, so one bad value is
 * reported alone, not together with the problems its absence would cause.
 */
export function parseElementSettings(input: Readonly<Record<string, unknown>>): { readonly value: ElementSettings; readonly problems: readonly string[] } {
  // Unset attributes are null or undefined: leave them to the next source.
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined));
  const result = z.safeParse(elementSettingsSchema, given);
  if (result.success) return { value: result.data as ElementSettings, problems: [] };
  const { issues } = result.error;
  const bad = new Set(issues.map((issue) => issue.path[0]));
  const rest = z.safeParse(elementSettingsSchema, Object.fromEntries(Object.entries(given).filter(([key]) => !bad.has(key))));
  return { value: rest.success ? (rest.data as ElementSettings) : {}, problems: issues.map((issue) => describeIssue(issue, '', given)) };
}

const pageSettingsSchema = z.strictObject(attributionSettingsShape);

/**
 * Checks the page-wide `<meta name="keen-attribution">` settings (by
 * camelCase key, as read from the tag); messages name them as attributes.
 */
export function parsePageSettings(input: Readonly<Record<string, string>>): ParseResult<AttributionConfig> {
  const result = parseWith<AttributionConfig>(pageSettingsSchema, input, '');
  return result.ok ? result : { ok: false, problems: result.problems.map((problem) => `<meta name="keen-attribution"> ${problem}`) };
}

/** Checks a `fields` list set as a property. */
export function parseFieldInputs(input: unknown, root = 'fields'): ParseResult<readonly FieldInput[]> {
  return parseWith<readonly FieldInput[]>(z.array(fieldInputSchema), input, root);
}

/** Reads the text of a JSON `<script>` child; a syntax error is a problem, not a throw. */
export function parseFormConfigJson(text: string): ParseResult<FormConfig> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`the JSON config is not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  return parseFormConfig(json, 'JSON config');
}

function normaliseOptions(options: ReadonlyArray<string | FieldOption> | undefined): FieldOption[] | undefined {
  return options?.map((option) => (typeof option === 'string' ? { value: option, label: option } : option));
}

const PROPERTY_CONTROLS: Readonly<Record<PropertyType, FieldControl>> = {
  text: 'text',
  number: 'number',
  select: 'select',
  checkbox: 'checkbox',
  textarea: 'textarea',
};

/** Default maximum lengths of free-text custom properties. */
const PROPERTY_MAX_LENGTH: Partial<Record<PropertyType, number>> = { text: 1000, textarea: 5000 };

function defaultValueOf(config: FieldConfig, control: FieldControl): string | boolean | undefined {
  if (config.value === undefined) return undefined;
  if (control === 'checkbox') return config.value === true || config.value === 'true';
  return String(config.value);
}

function resolveOne(input: FieldInput, requiredNames: ReadonlySet<string>): FieldDefinition {
  const config: FieldConfig = typeof input === 'string' ? { name: input } : input;
  const isStandard = 'name' in config;
  const id = isStandard ? config.name : `property:${config.property}`;
  const base = isStandard
    ? standardField(config.name, false)
    : {
        id,
        target: { kind: 'property', definitionId: config.property } as const,
        control: PROPERTY_CONTROLS[config.type],
        autocomplete: 'off',
        inputMode: config.type === 'number' ? ('decimal' as const) : undefined,
        maxLength: PROPERTY_MAX_LENGTH[config.type],
        width: 'full' as const,
        required: false,
        hidden: false,
        sensitive: false,
      };
  let control = base.control;
  if (isStandard && config.multiline !== undefined && (control === 'text' || control === 'textarea')) {
    control = config.multiline ? 'textarea' : 'text';
  }
  return {
    ...base,
    control,
    label: config.label,
    placeholder: config.placeholder,
    help: config.help,
    required: config.required ?? (requiredNames.has(id) || (isStandard && requiredNames.has(config.name))),
    hidden: config.hidden ?? false,
    sensitive: config.sensitive ?? false,
    defaultValue: defaultValueOf(config, control),
    minLength: config.minLength,
    maxLength: config.maxLength ?? base.maxLength,
    min: config.min,
    max: config.max,
    pattern: config.pattern,
    patternMessage: config.patternMessage,
    autocomplete: config.autocomplete ?? base.autocomplete,
    width: config.width ?? base.width,
    options: isStandard ? undefined : normaliseOptions(config.options),
    prefill: config.prefill,
  };
}

/**
 * Resolves field inputs into definitions and reports what a site owner must
 * fix: duplicates, a `required` name that is not a field, a select without
 * options, a hidden required field without a value.
 */
export function resolveFields(
  inputs: readonly FieldInput[] | undefined,
  requiredNames: readonly string[] | undefined,
): ParseResult<readonly FieldDefinition[]> {
  // The default ("email") applies only where there is an email field; names
  // the site owner listed must all exist.
  const required = new Set(requiredNames ?? DEFAULT_REQUIRED_NAMES);
  const fields = (inputs ?? DEFAULT_FIELD_NAMES).map((input) => resolveOne(input, required));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const field of fields) {
    const name = field.target.kind === 'standard' ? field.target.name : `property ${field.target.definitionId}`;
    if (seen.has(field.id)) problems.push(`fields: ${name} appears twice`);
    seen.add(field.id);
    if (field.control === 'select' && (field.options === undefined || field.options.length === 0)) {
      problems.push(`fields: ${name} is a select but has no options`);
    }
    if (field.hidden && field.required && (field.defaultValue === undefined || field.defaultValue === '')) {
      problems.push(`fields: ${name} is hidden and required but has no value`);
    }
    if (field.target.kind === 'property' && !field.hidden && (field.label ?? '').trim() === '') {
      problems.push(`fields: ${name} needs a "label": visitors would otherwise see its id`);
    }
  }
  for (const name of requiredNames ?? []) {
    if (!seen.has(name) && !seen.has(`property:${name}`)) {
      problems.push(
        Object.hasOwn(STANDARD_FIELDS, name)
          ? `required: "${name}" is not one of the fields`
          : `required: unknown field "${name}"; known fields: ${LEAD_TEXT_FIELDS.join(', ')}`,
      );
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: fields };
}
