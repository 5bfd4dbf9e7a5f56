/*
 * A no-script lead (contract F): the HTML-first form posted as
 * `application/x-www-form-urlencoded`. The form's own configuration travels
 * in `keen_form`; from it this resolves the fields exactly as the element
 * does, takes the posted values by field id, drops the fields whose show-if
 * rule does not hold, validates and builds the payload with the widget's own
 * functions, and records the consents in the widget's words, the submission
 * id and the attribution the page it was posted from tells (as the widget
 * would). Plain data in, plain data out: the relay decides what to answer,
 * form-pages.ts draws it.
 */
import { catalogueFor, CATALOGUES } from '../i18n/catalogues.js';
import type { Messages } from '../i18n/en.js';
import { fieldErrorText } from '../i18n/field-error-text.js';
import { withOverrides } from '../i18n/overrides.js';
import { resolveLayout, shownLayout } from '../forms/form-layout.js';
import { CONSENT_FIELD_NAME, FORM_CONFIG_FIELD_NAME, MARKETING_CONSENT_FIELD_NAME } from '../html/render-form-html.js';
import type { FieldDefinition } from '../schema/fields.js';
import { DEFAULT_SOURCE, parseElementSettings, parseFormConfig, resolveFields, type FormConfig } from '../schema/form-config.js';
import type { ValidatedLeadPayload } from '../schema/lead-payload.js';
import { buildLeadPayload, createLeadFormSchema, type FormValues } from '../schema/validate-lead-form.js';
import { HONEYPOT_NAME } from '../spam/honeypot.js';
import { recordConsents, type ConsentGiven } from '../spam/consent-record.js';
import { formPostAttribution } from './form-post-attribution.js';

/**
 * The hidden input the relay's own pages add to the form they show again: the
 * page the form was first posted from, because a post from the relay's page
 * has the relay as its `Referer` (attribution and the link back need the page).
 */
export const PAGE_FIELD_NAME = 'keen_page';

/** What a visitor posted, by name: one entry per field, several for a checkbox group. */
export type PostedValues = Readonly<Record<string, string | readonly string[]>>;

/** A form post whose `keen_form` could be read. */
export interface FormPost {
  /** The form's configuration, as `parseFormConfig` returned it (with `required` beside it, as the element takes it). */
  readonly config: FormConfig;
  readonly required: readonly string[] | undefined;
  /** The property that receives a fresh submission id (the host's `submission-id-property`, carried in `keen_form`). */
  readonly submissionIdProperty: string | undefined;
  /** The resolved language (`da`, `en`, …) and the element's words in it, with the form's own overrides. */
  readonly language: string;
  readonly text: Messages;
  readonly fields: readonly FieldDefinition[];
  /** What the visitor posted, to show again in the form after a problem. */
  readonly values: PostedValues;
  /** The honeypot input was filled: a bot. */
  readonly honeypotFilled: boolean;
  /** The page the form was first posted from, when the relay's own page carried it ({@link PAGE_FIELD_NAME}); unchecked. */
  readonly carriedPage: string | undefined;
}

/** What a post knows beyond its body. */
export interface FormPostCircumstances {
  /** The page the form was posted from, already checked against the allowed origins; `undefined` when unknown. */
  readonly page?: string | undefined;
  readonly now?: Date | undefined;
  /** Tests fix it; by default a fresh UUID v4 per post, as the widget makes one per submission. */
  readonly submissionId?: string | undefined;
}

export type FormPostReading =
  | { readonly ok: true; readonly post: FormPost }
  /** `keen_form` is missing or broken: the page that posted it is not set up correctly. */
  | { readonly ok: false; readonly problems: readonly string[]; readonly language: string; readonly text: Messages };

/** A field's problem in the visitor's words, keyed by the name it was posted under. */
export interface FormProblem {
  readonly fieldId: string;
  readonly label: string;
  readonly message: string;
}

export type FormLeadResult =
  | { readonly ok: true; readonly payload: ValidatedLeadPayload }
  | { readonly ok: false; readonly problems: readonly FormProblem[] }
  /** The payload the fields built is not one Keen takes: the configuration's fault, nothing the visitor can fix. */
  | { readonly ok: false; readonly misconfigured: readonly string[] };

/** The language a code names, as the element resolves it (`nn` → `nb`, unknown → `en`). */
export function languageOf(lang: string | null | undefined): string {
  const catalogue = catalogueFor(lang);
  return Object.keys(CATALOGUES).find((code) => CATALOGUES[code] === catalogue) ?? 'en';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The posted entries, grouped by name (a name posted once is a string). */
function groupEntries(params: URLSearchParams): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const before = values[name];
    values[name] = before === undefined ? value : [...(typeof before === 'string' ? [before] : before), value];
  }
  return values;
}

function first(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

function all(value: string | readonly string[] | undefined): readonly string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/** Reads a form-encoded body (UTF-8, as the form's `accept-charset` asks) and its `keen_form`. */
export function readFormPost(bytes: Uint8Array, acceptLanguage?: string | null): FormPostReading {
  const fallbackLanguage = languageOf(acceptLanguage?.split(/[,;]/, 1)[0]);
  const broken = (problems: readonly string[], lang = fallbackLanguage): FormPostReading => ({
    ok: false,
    problems,
    language: lang,
    text: catalogueFor(lang),
  });
  let body: string;
  try {
    body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return broken(['the form was not sent in UTF-8']);
  }
  const posted = groupEntries(new URLSearchParams(body));
  const configText = first(posted[FORM_CONFIG_FIELD_NAME]);
  if (configText === undefined) return broken([`the form has no ${FORM_CONFIG_FIELD_NAME} input`]);
  let json: unknown;
  try {
    json = JSON.parse(configText);
  } catch {
    return broken([`${FORM_CONFIG_FIELD_NAME} is not valid JSON`]);
  }
  if (!isRecord(json) || json['v'] !== 1) return broken([`${FORM_CONFIG_FIELD_NAME} is not a version 1 form configuration`]);
  const { lang, required, submissionIdProperty } = json;
  // The rest is the configuration as the element takes it; these are the host's attributes, carried for the relay.
  const envelope = new Set(['v', 'lang', 'required', 'submissionIdProperty']);
  const rest = Object.fromEntries(Object.entries(json).filter(([key]) => !envelope.has(key)));
  const language = typeof lang === 'string' ? languageOf(lang) : fallbackLanguage;
  const problems: string[] = [];
  const requiredNames = required === undefined ? undefined : Array.isArray(required) && required.every((name) => typeof name === 'string') ? (required as string[]) : null;
  if (requiredNames === null) problems.push(`${FORM_CONFIG_FIELD_NAME}.required: expected a list of field names`);
  // Checked by the attribute's own rule (a property definition id).
  const hostSettings = parseElementSettings({ submissionIdProperty });
  problems.push(...hostSettings.problems.map((problem) => `${FORM_CONFIG_FIELD_NAME}.${problem}`));
  const parsed = parseFormConfig(rest, FORM_CONFIG_FIELD_NAME);
  if (!parsed.ok) problems.push(...parsed.problems);
  const config = parsed.ok ? parsed.value : {};
  const resolved = resolveFields(config.fields, requiredNames ?? undefined);
  if (!resolved.ok) problems.push(...resolved.problems);
  if (problems.length > 0 || !resolved.ok) return broken(problems, language);

  return {
    ok: true,
    post: {
      config,
      required: requiredNames ?? undefined,
      submissionIdProperty: hostSettings.value.submissionIdProperty,
      language,
      text: withOverrides(catalogueFor(language), config.messages),
      fields: resolved.value,
      values: posted,
      honeypotFilled: (first(posted[HONEYPOT_NAME]) ?? '') !== '',
      carriedPage: first(posted[PAGE_FIELD_NAME]),
    },
  };
}

/** The posted values as the element holds them: a ticked box is `true`, a checkbox group a JSON array, text as typed. */
function formValues(fields: readonly FieldDefinition[], posted: PostedValues): FormValues {
  const values: Record<string, string | boolean | undefined> = {};
  for (const field of fields) {
    const entry = posted[field.id];
    if (entry === undefined) continue;
    if (field.control === 'checkbox') values[field.id] = all(entry).includes('on');
    else if (field.control === 'checkboxes') values[field.id] = JSON.stringify(all(entry));
    else values[field.id] = first(entry);
  }
  return values;
}

/** The label a field shows (the element's), for the problems list. */
function labelOf(field: FieldDefinition, text: Messages): string {
  if (field.label !== undefined) return field.label;
  return field.target.kind === 'standard' ? text[field.target.name] : field.target.definitionId;
}

/**
 * Validates the post and builds the lead, as the element's `submit()` does:
 * only the fields whose show-if rule holds, then the required consent box,
 * the ticked consents recorded in notes (or their property) with the exact
 * words the form showed and the time, the attribution block after them, and
 * the submission id in its property.
 */
export function leadFromFormPost(post: FormPost, context: FormPostCircumstances = {}): FormLeadResult {
  const { config, fields, text, language } = post;
  const now = context.now ?? new Date();
  const values = formValues(fields, post.values);
  const layout = resolveLayout(config.fields, fields);
  const hiddenByRules = layout.ok ? shownLayout(layout.value, values).hiddenByRules : new Set<string>();
  const activeFields = fields.filter((field) => !hiddenByRules.has(field.id));

  const consentTicked = all(post.values[CONSENT_FIELD_NAME]).includes('yes');
  const marketingTicked = all(post.values[MARKETING_CONSENT_FIELD_NAME]).includes('yes');
  const given: ConsentGiven[] = [];
  if (config.consent !== undefined && consentTicked) {
    const { text: own, link, version, property } = config.consent;
    given.push({ kind: 'privacy', text: own ?? text.consentText, link, version, property });
  }
  if (config.marketingConsent !== undefined && marketingTicked) {
    given.push({ kind: 'marketing', text: config.marketingConsent.text ?? text.marketingConsentText, property: config.marketingConsent.property });
  }
  const consents = recordConsents(given, now);
  const attributed = formPostAttribution(config, context.page, config.source ?? DEFAULT_SOURCE, now.getTime());
  // A fresh UUID v4, as the widget's createSubmissionId; every server runtime has crypto.randomUUID (its fallback is for plain-http pages).
  const submissionId = context.submissionId ?? crypto.randomUUID();
  // In the widget's order: consents, attribution, submission id.
  const result = buildLeadPayload(createLeadFormSchema(fields), activeFields, values, {
    channelId: undefined,
    source: attributed.source,
    notesBlock: [consents.notes, attributed.notesBlock].filter(Boolean).join('\n\n') || undefined,
    extraProperties: [
      ...consents.properties,
      ...attributed.properties,
      ...(post.submissionIdProperty === undefined ? [] : [{ property_definitions_id: post.submissionIdProperty, value: submissionId }]),
    ],
  });
  if (!result.ok && result.problems.length > 0) return { ok: false, misconfigured: result.problems };

  const byId = new Map(fields.map((field) => [field.id, field]));
  const problems: FormProblem[] = (result.ok ? [] : result.fieldErrors).map((error) => {
    const field = byId.get(error.fieldId);
    return { fieldId: error.fieldId, label: field === undefined ? error.fieldId : labelOf(field, text), message: fieldErrorText(error, text, fields, language) };
  });
  if (config.consent !== undefined && !consentTicked) {
    problems.push({ fieldId: CONSENT_FIELD_NAME, label: config.consent.text ?? text.consentText, message: text.mustAccept });
  }
  if (problems.length > 0 || !result.ok) return { ok: false, problems };
  return { ok: true, payload: result.payload };
}
