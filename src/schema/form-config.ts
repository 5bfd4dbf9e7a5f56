import * as z from 'zod/mini';
import {
  DEFAULT_FIELD_NAMES,
  DEFAULT_REQUIRED_NAMES,
  STANDARD_FIELDS,
  isChoiceGroup,
  standardField,
  type ChoicesFormat,
  type FieldControl,
  type FieldDefinition,
  type FieldOption,
  type ShowIfCondition,
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

export const PROPERTY_TYPES = ['text', 'number', 'select', 'checkbox', 'textarea', 'radio', 'checkboxes', 'date', 'url'] as const;
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
  /** Numbers for a number field; `"YYYY-MM-DD"` days for a date field. */
  min?: number | string;
  max?: number | string;
  /** Show (validate, send) the field only while this holds, e.g. `{ "field": "email", "filled": true }`. */
  showIf?: ShowIfCondition;
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
  /** For `select`, `radio` and `checkboxes`: the choices, as values or `{ value, label }`. */
  options?: ReadonlyArray<string | FieldOption>;
  /** For `checkboxes`: `list` sends `"A, B"` (the default), `json` sends `["A","B"]`. */
  valueFormat?: ChoicesFormat;
}

export type FieldConfig = StandardFieldConfig | PropertyFieldConfig;

/** Static text between fields: a heading or a paragraph. */
export interface BlockConfig {
  block: 'heading' | 'text';
  text: string;
  /** Names the block (for your own reference; rules look at fields only). */
  id?: string;
  showIf?: ShowIfCondition;
}

/** Starts a new step of a multi-step form, with its title. */
export interface StepMarker {
  step: string;
}

/** An entry of `fields`: a standard name, a field config, a static block or a step marker. */
export type FieldInput = StandardFieldName | FieldConfig | BlockConfig | StepMarker;

/** The entries of `fields` that are fields (not blocks or step markers). */
export function isFieldEntry(input: FieldInput): input is StandardFieldName | FieldConfig {
  return typeof input === 'string' || 'name' in input || 'property' in input;
}

/** A required consent box (contract B); every key optional: the text defaults to a localised sentence. */
export interface ConsentConfig {
  /** What the visitor agrees to, exactly as shown. */
  text?: string;
  /** The privacy policy, http(s). */
  link?: string;
  /** The part of `text` that becomes the link (default: the localised "privacy policy" where the default text is used). */
  linkText?: string;
  /** Recorded with the consent, e.g. `2026-01`. */
  version?: string;
  /** A property definition id that receives the consent record instead of `notes`. */
  property?: string;
}

/** An optional marketing consent box, recorded only when ticked. */
export interface MarketingConsentConfig {
  text?: string;
  property?: string;
}

/** Everything that can be set from JSON; attributes, when present, win. */
export interface FormConfig extends AttributionConfig {
  consent?: ConsentConfig;
  marketingConsent?: MarketingConsentConfig;
  fields?: readonly FieldInput[];
  channel?: string;
  endpoint?: string;
  source?: string;
  successMessage?: string;
  redirect?: string;
  /** Your own wording for any built-in message, by key (see the README's "Languages"). */
  messages?: Readonly<Record<string, string>>;
}

/** The lead's `source` when the form sets none (the widget's and the relay's form posts'). */
export const DEFAULT_SOURCE = 'Website';

/** Milliseconds per attempt: long enough for a slow mobile network, short enough that nobody waits minutes for an answer. */
export const TIMEOUT_RANGE = { min: 1000, max: 120_000 } as const;
/** The minimum time before a lead leaves (src/spam/min-time.ts): above a minute people would wait visibly; it is a speed bump, not a lock. */
export const MIN_TIME_RANGE = { min: 0, max: 60_000 } as const;
/** How the form picks light or dark colours (or the page's own, `inherit`). */
export const COLOR_SCHEMES = ['auto', 'light', 'dark', 'inherit'] as const;
export type ColorScheme = (typeof COLOR_SCHEMES)[number];
/** Named looks: each is a set of --keen-* values, combinable with a colour scheme. */
export const THEME_PRESETS = ['minimal', 'rounded', 'contrast'] as const;
export type ThemePreset = (typeof THEME_PRESETS)[number];
/** `dark`, `rounded`, or a preset then a scheme: `rounded dark`. */
export type Theme = ColorScheme | ThemePreset | `${ThemePreset} ${ColorScheme}`;
export const DRAFT_MODES = ['on', 'off'] as const;
export type DraftMode = (typeof DRAFT_MODES)[number];

/** The settings only attributes and properties carry, besides those the JSON config shares. */
export interface ElementSettings extends Omit<FormConfig, 'fields' | 'messages' | 'attributionProperties' | 'consent' | 'marketingConsent'> {
  /** Already a number: `"15000"` from an attribute arrives as 15000. */
  timeout?: number;
  /** Milliseconds from the form's first render before a lead may leave; 0 turns the wait off. */
  minTime?: number;
  /** The consent text; empty means the localised default. */
  consent?: string;
  consentLink?: string;
  consentVersion?: string;
  /** The marketing consent text; empty means the localised default. */
  marketingConsent?: string;
  theme?: Theme;
  draft?: DraftMode;
  relay?: boolean;
  /** `relay`: take the fields from the relay's `?action=fields` at load (the page's own fields are the fallback). */
  fieldsFrom?: 'relay';
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

function quotedList(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

/** One scheme, one preset, or a preset then a scheme, separated by one space (lower case, as the CSS matches them). */
function isTheme(value: unknown): value is Theme {
  if (typeof value !== 'string') return false;
  const words = value.split(' ');
  const [first = '', second] = words;
  const isScheme = (word: string): boolean => (COLOR_SCHEMES as readonly string[]).includes(word);
  const isPreset = (word: string): boolean => (THEME_PRESETS as readonly string[]).includes(word);
  if (words.length === 1) return isScheme(first) || isPreset(first);
  return words.length === 2 && isPreset(first) && isScheme(second ?? '');
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

/** A whole number of milliseconds in range; an attribute's digits count as the number. */
function isWholeMs(value: unknown, min: number, max: number): boolean {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max;
}

function wholeMs(min: number, max: number) {
  return z.pipe(
    z.custom<number | string>((value) => isWholeMs(value, min, max), `expected a whole number of milliseconds from ${min} to ${max}`),
    z.transform(Number),
  );
}

const httpUrl = z.string().check(z.refine(isHttpUrl, 'expected an http(s) URL'));

function nonBlank(message: string) {
  return z.string().check(z.refine((text: string) => text.trim() !== '', message));
}

const propertyId = nonBlank("expected a property definition id from the channel's settings in Keen");

const nonNegativeInteger = z.number().check(z.refine(Number.isInteger, 'expected a whole number'), z.gte(0));

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((text) => typeof text === 'string');
}

/** A calendar day as `YYYY-MM-DD` that exists (no 31 February). */
export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}

const numberOrDay = z.union([z.number(), z.string().check(z.refine(isIsoDay, 'expected a number, or a day as "YYYY-MM-DD"'))]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Only the outer shape here: src/forms/show-if.ts checks the operators and
// the fields a rule names, where the other fields are known.
const showIfSchema = z.custom<ShowIfCondition>(isRecord, 'expected a condition such as { "field": "email", "filled": true }');

const fieldSettingsShape = {
  label: z.optional(z.string()),
  placeholder: z.optional(z.string()),
  help: z.optional(z.string()),
  required: z.optional(z.boolean()),
  value: z.optional(z.union([z.string(), z.number(), z.boolean()])),
  hidden: z.optional(z.boolean()),
  minLength: z.optional(nonNegativeInteger),
  maxLength: z.optional(nonNegativeInteger),
  min: z.optional(numberOrDay),
  max: z.optional(numberOrDay),
  showIf: z.optional(showIfSchema),
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
  valueFormat: z.optional(z.enum(['list', 'json'])),
  options: z.optional(
    z.array(z.union([z.string(), z.strictObject({ value: z.string(), label: z.string() })])).check(z.minLength(1)),
  ),
  ...fieldSettingsShape,
});

const blockSchema = z.strictObject({
  block: z.enum(['heading', 'text']),
  text: z.string(),
  id: z.optional(z.string().check(z.minLength(1))),
  showIf: z.optional(showIfSchema),
});

const stepSchema = z.strictObject({ step: z.string() });

const fieldInputSchema = z.union([standardNameSchema, standardFieldSchema, propertyFieldSchema, blockSchema, stepSchema], {
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
  consent: z.optional(
    z.strictObject({
      text: z.optional(nonBlank('expected the text the visitor agrees to')),
      link: z.optional(httpUrl),
      linkText: z.optional(nonBlank('expected the part of the text that links to the policy')),
      version: z.optional(nonBlank('expected a version label, e.g. 2026-01')),
      property: z.optional(propertyId),
    }),
  ),
  marketingConsent: z.optional(
    z.strictObject({ text: z.optional(nonBlank('expected the text the visitor agrees to')), property: z.optional(propertyId) }),
  ),
  ...sharedSettingsShape,
  // A predicate, not z.record: the same rule without another schema type in the bundle.
  messages: z.optional(z.custom<Record<string, string>>(isStringRecord, 'expected an object whose values are strings')),
  attributionProperties: attributionPropertiesSchema,
});

const elementSettingsSchema = z.strictObject({
  ...sharedSettingsShape,
  timeout: z.optional(wholeMs(TIMEOUT_RANGE.min, TIMEOUT_RANGE.max)),
  minTime: z.optional(wholeMs(MIN_TIME_RANGE.min, MIN_TIME_RANGE.max)),
  consent: z.optional(z.string()),
  consentLink: z.optional(httpUrl),
  consentVersion: z.optional(nonBlank('expected a version label, e.g. 2026-01')),
  marketingConsent: z.optional(z.string()),
  theme: z.optional(
    z.custom<Theme>(
      isTheme,
      `expected a colour scheme (${quotedList(COLOR_SCHEMES)}), a preset (${quotedList(THEME_PRESETS)}) or a preset and a scheme ("rounded dark")`,
    ),
  ),
  draft: z.optional(z.enum(DRAFT_MODES)),
  relay: z.optional(z.boolean()),
  fieldsFrom: z.optional(z.enum(['relay'])),
  challenge: z.optional(
    z.string().check(
      z.refine(
        (text: string) => parseChallengeSetting(text) !== undefined,
        `expected altcha, none, or a captcha provider and its site key: ${CAPTCHA_PROVIDERS.map((provider) => `${provider}:<sitekey>`).join(', ')}`,
      ),
    ),
  ),
  challengeScript: z.optional(httpUrl),
  submissionIdProperty: z.optional(propertyId),
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
      return `${path}: expected a standard field name (${LEAD_TEXT_FIELDS.join(', ')}), { "name": … }, { "property": …, "type": … }, { "block": …, "text": … } or { "step": … }`;
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
export function parseFormConfigJson(text: string, keenForm = false): ParseResult<FormConfig> {
  const root = keenForm ? 'keen_form' : 'JSON config';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`the ${root} is not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  if (keenForm && typeof json === 'object' && json !== null) {
    // The HTML-first form's hidden `keen_form` (contract E): the configuration in an envelope, `v` (its format) and `lang`
    // (the language it was written in); `required` and `submissionIdProperty` are the host's attributes too, which the
    // element reads (they ride along for the relay, which has no host).
    const { v, ...config } = json as Record<string, unknown>;
    if (v !== 1) return { ok: false, problems: [`keen_form.v: expected 1, got ${JSON.stringify(v) ?? 'nothing'}`] };
    delete config['lang'];
    delete config['required'];
    delete config['submissionIdProperty'];
    json = config;
  }
  return parseFormConfig(json, root);
}

function normaliseOptions(options: ReadonlyArray<string | FieldOption> | undefined): FieldOption[] | undefined {
  return options?.map((option) => (typeof option === 'string' ? { value: option, label: option } : option));
}

/** Default maximum lengths of free-text custom properties (a URL: what browsers and CRMs handle). */
const PROPERTY_MAX_LENGTH: Partial<Record<PropertyType, number>> = { text: 1000, textarea: 5000, url: 2000 };

/** Autocomplete tokens of custom properties; `off` for everything a browser cannot know. */
const PROPERTY_AUTOCOMPLETE: Partial<Record<PropertyType, string>> = { url: 'url' };

function defaultValueOf(config: FieldConfig, control: FieldControl): string | boolean | undefined {
  if (config.value === undefined) return undefined;
  if (control === 'checkbox') return config.value === true || config.value === 'true';
  // A checkbox group holds its choices as a JSON array; `"A, B"` ticks A and B.
  if (control === 'checkboxes') return JSON.stringify(splitChoiceList(String(config.value)));
  return String(config.value);
}

/** `"A, B"` → `["A", "B"]`. */
export function splitChoiceList(text: string): string[] {
  return text.split(',').map((choice) => choice.trim()).filter((choice) => choice !== '');
}

function resolveOne(input: StandardFieldName | FieldConfig, requiredNames: ReadonlySet<string>): FieldDefinition {
  const config: FieldConfig = typeof input === 'string' ? { name: input } : input;
  const isStandard = 'name' in config;
  const id = isStandard ? config.name : `property:${config.property}`;
  const base = isStandard
    ? standardField(config.name, false)
    : {
        id,
        target: { kind: 'property', definitionId: config.property } as const,
        // Every property type is the name of its control.
        control: config.type,
        autocomplete: PROPERTY_AUTOCOMPLETE[config.type] ?? 'off',
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
    min: typeof config.min === 'number' ? config.min : undefined,
    max: typeof config.max === 'number' ? config.max : undefined,
    earliest: typeof config.min === 'string' ? config.min : undefined,
    latest: typeof config.max === 'string' ? config.max : undefined,
    choicesFormat: control === 'checkboxes' ? (isStandard ? undefined : config.valueFormat ?? 'list') : undefined,
    showIf: config.showIf,
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
  const configs = (inputs ?? DEFAULT_FIELD_NAMES).filter(isFieldEntry);
  const fields = configs.map((input) => resolveOne(input, required));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, field] of fields.entries()) {
    const name = field.target.kind === 'standard' ? field.target.name : `property ${field.target.definitionId}`;
    if (seen.has(field.id)) problems.push(`fields: ${name} appears twice`);
    seen.add(field.id);
    if ((field.control === 'select' || isChoiceGroup(field.control)) && (field.options === undefined || field.options.length === 0)) {
      problems.push(`fields: ${name} is a ${field.control === 'select' ? 'select' : `${field.control} group`} but has no options`);
    }
    problems.push(...limitProblems(configs[index], field, name));
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

/** `min`/`max` must suit the control: numbers for a number, days for a date, nothing elsewhere; `valueFormat` only for a checkbox group. */
function limitProblems(config: StandardFieldName | FieldConfig | undefined, field: FieldDefinition, name: string): string[] {
  if (typeof config !== 'object') return [];
  const problems: string[] = [];
  const kind = field.control === 'date' ? 'string' : field.control === 'number' ? 'number' : undefined;
  for (const key of ['min', 'max'] as const) {
    const value = config[key];
    if (value === undefined || typeof value === kind) continue;
    problems.push(
      kind === undefined
        ? `fields: ${name} has "${key}", which only a number or a date field takes`
        : `fields: ${name}'s "${key}" must be ${kind === 'string' ? 'a day as "YYYY-MM-DD"' : 'a number'}, got ${JSON.stringify(value)}`,
    );
  }
  if (field.earliest !== undefined && field.latest !== undefined && field.earliest > field.latest) {
    problems.push(`fields: ${name}'s "min" (${field.earliest}) is after its "max" (${field.latest})`);
  }
  if ('valueFormat' in config && config.valueFormat !== undefined && field.control !== 'checkboxes') {
    problems.push(`fields: ${name} has "valueFormat", which only a checkboxes field takes`);
  }
  return problems;
}
