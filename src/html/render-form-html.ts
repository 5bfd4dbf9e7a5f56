import { CATALOGUES, catalogueFor } from '../i18n/catalogues.js';
import type { Messages } from '../i18n/en.js';
import { NO_SCRIPT_MESSAGES } from '../i18n/no-script.js';
import { isMessageKey, withOverrides, type MessageOverrides } from '../i18n/overrides.js';
import { isChoiceGroup, splitNameList, type FieldDefinition, type ShowIfCondition } from '../schema/fields.js';
import { attributionSettingsShape } from '../schema/attribution-settings.js';
import {
  parseElementSettings,
  parseFieldInputs,
  resolveFields,
  splitChoiceList,
  type ConsentConfig,
  type FieldInput,
  type FormConfig,
  type MarketingConsentConfig,
} from '../schema/form-config.js';
import { readChoices } from '../schema/validate-lead-form.js';
import { resolveConsent } from '../schema/consent-settings.js';
import { resolveLayout, type FormBlock, type FormStep, type LayoutItem } from '../forms/form-layout.js';
import { HONEYPOT_NAME } from '../spam/honeypot.js';
import { attributes, escapeHtml, isAttributeName } from './escape-html.js';
import { PRE_UPGRADE_CSS } from './pre-upgrade-style.js';

/*
 * The HTML-first markup (contract E): `<keen-lead-form>` with an ordinary
 * `<form>` inside, written from the same configuration the element takes, so
 * the form is visible and usable at first paint, before the script, and
 * posts to the relay as a plain form when the script never runs. Pure text
 * in, text out: no DOM, no Lit, so servers (the relay, the CLI, the
 * builder, WordPress' PHP port) can call it. Fields, labels, help texts,
 * required markers, options and browser hints come from the schema's own
 * resolution and the element's catalogues, so the markup shows what the
 * upgraded element shows. Never part of the CDN file.
 */

/** What the markup is written from. */
export interface HtmlFormInput {
  /** The form configuration, as `parseFormConfig` returned it. */
  readonly config: FormConfig;
  /** The element's attributes (HTML names: `relay`, `endpoint`, `channel`, `consent-link`, …), written on the host. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** The form's language (BCP 47); default: the `lang` attribute, else English. */
  readonly lang?: string;
  /** Values to show again (after an error): field id → value, or the chosen options of a checkbox group. */
  readonly values?: Readonly<Record<string, string | readonly string[]>>;
  /** Field id → message, shown under the field and linked to it. */
  readonly errors?: Readonly<Record<string, string>>;
}

/** The configuration cannot be written as a form: `problems` says what to fix, in the element's own words. */
export class FormHtmlConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`the form is not set up correctly:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
    this.name = 'FormHtmlConfigError';
    this.problems = problems;
  }
}

/** The form post's names for the consent boxes (field ids never look like them). */
export const CONSENT_FIELD_NAME = 'keen_consent';
export const MARKETING_CONSENT_FIELD_NAME = 'keen_marketing_consent';
/** The hidden input carrying the configuration to the element and the relay. */
export const FORM_CONFIG_FIELD_NAME = 'keen_form';

/** The element's attributes that are settings (checked by `parseElementSettings`), by their HTML name. */
const SETTING_ATTRIBUTES = [
  'channel', 'endpoint', 'source', 'success-message', 'redirect', 'timeout', 'min-time', 'consent', 'consent-link', 'consent-version',
  'marketing-consent', 'theme', 'draft', 'relay', 'fields-from', 'challenge', 'challenge-script', 'submission-id-property',
  ...Object.keys(attributionSettingsShape).map((key) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)),
];

const camelCase = (name: string): string => name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** `keen-html-<field id>` with every character outside `[A-Za-z0-9_-]` replaced by `-`. */
export function htmlFieldId(fieldId: string): string {
  return `keen-html-${fieldId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

interface ResolvedForm {
  readonly language: string;
  readonly text: Messages;
  readonly fields: readonly FieldDefinition[];
  readonly steps: readonly FormStep[];
  readonly stepped: boolean;
  readonly consent: ConsentConfig | undefined;
  readonly marketingConsent: MarketingConsentConfig | undefined;
  /** The relay's URL; `undefined` in direct mode (no no-script delivery). */
  readonly action: string | undefined;
  readonly hostAttributes: Readonly<Record<string, string>>;
  /** What `keen_form` carries. */
  readonly formConfig: Readonly<Record<string, unknown>>;
}

function isHttpUrl(text: string | undefined): text is string {
  if (text === undefined || text.trim() === '') return false;
  try {
    return /^https?:$/.test(new URL(text, 'http://relative.invalid/').protocol);
  } catch {
    return false;
  }
}

/** Resolves everything the markup needs, or throws {@link FormHtmlConfigError} with every problem found. */
function resolveForm(input: HtmlFormInput): ResolvedForm {
  const config = input.config;
  const attrs = input.attributes ?? {};
  const problems: string[] = [];
  for (const name of Object.keys(attrs)) {
    if (!isAttributeName(name)) problems.push(`attributes: "${name}" is not an attribute name`);
  }
  const settings = Object.fromEntries(
    SETTING_ATTRIBUTES.filter((name) => attrs[name] !== undefined).map((name) => [camelCase(name), name === 'relay' ? true : attrs[name]]),
  );
  const own = parseElementSettings(settings);
  problems.push(...own.problems);

  let fieldInputs: readonly FieldInput[] | undefined = config.fields;
  if (attrs['fields'] !== undefined) {
    const parsed = parseFieldInputs(splitNameList(attrs['fields']));
    if (parsed.ok) fieldInputs = parsed.value;
    else problems.push(...parsed.problems);
  }
  const required = attrs['required'] === undefined ? undefined : splitNameList(attrs['required']);
  const resolved = resolveFields(fieldInputs, required);
  const fields = resolved.ok ? resolved.value : [];
  if (!resolved.ok) problems.push(...resolved.problems);
  const layout = resolved.ok ? resolveLayout(fieldInputs, fields) : undefined;
  if (layout?.ok === false) problems.push(...layout.problems);

  const messages: MessageOverrides | undefined = config.messages;
  for (const key of Object.keys(messages ?? {})) {
    if (!isMessageKey(catalogueFor('en'), key)) problems.push(`messages.${key}: unknown message key`);
  }
  const { consent, marketingConsent } = resolveConsent(own.value, config, undefined, problems);

  const relayMode = attrs['relay'] !== undefined;
  const hostAttributes: Record<string, string> = { ...attrs };
  let action: string | undefined;
  if (relayMode) {
    // `relay` is a boolean to the element, which posts to `endpoint`; a URL
    // given as `relay="…"` is taken as the endpoint too, so both spellings work.
    action = attrs['endpoint'] ?? config.endpoint ?? (isHttpUrl(attrs['relay']) ? attrs['relay'] : undefined);
    if (action === undefined) problems.push("relay: the form needs your relay's URL (the endpoint attribute) to post to");
    else if (attrs['endpoint'] === undefined && config.endpoint === undefined) hostAttributes['endpoint'] = action;
  } else if ((attrs['channel'] ?? config.channel ?? '').trim() === '') {
    problems.push('channel is missing: set the channel attribute to your Keen channel id, or use a relay.');
  }
  if (problems.length > 0 || layout === undefined || !layout.ok) throw new FormHtmlConfigError(problems);

  const catalogue = catalogueFor(input.lang ?? attrs['lang'] ?? 'en');
  const language = Object.keys(CATALOGUES).find((code) => CATALOGUES[code] === catalogue) ?? 'en';
  // The element reads its language from the nearest `lang`: written on the
  // host, the upgraded form speaks the language the markup was written in.
  if (hostAttributes['lang'] === undefined && input.lang !== undefined) hostAttributes['lang'] = input.lang;

  // The configuration as given, with what the attributes decide (fields,
  // required, consent, texts) resolved in. Where leads go (channel,
  // endpoint) stays on the host: the relay has its own, whatever is posted.
  const given = Object.entries(config).filter(([key]) => key !== 'channel' && key !== 'endpoint');
  const decided = {
    fields: fieldInputs,
    required,
    consent,
    marketingConsent,
    source: attrs['source'] ?? config.source,
    successMessage: attrs['success-message'] ?? config.successMessage,
    redirect: attrs['redirect'] ?? config.redirect,
    // What the relay needs for a post without script that only the host's attributes may say: what attribution
    // may record, and the property for the submission id (beside `required` in the envelope, not JSON config).
    ...Object.fromEntries(
      (Object.keys(attributionSettingsShape) as (keyof typeof attributionSettingsShape)[]).map((key) => [key, own.value[key] ?? config[key]]),
    ),
    submissionIdProperty: own.value.submissionIdProperty,
  };
  const formConfig = Object.fromEntries(
    [['v', 1], ['lang', language], ...given, ...Object.entries(decided)].filter(([, value]) => value !== undefined),
  ) as Record<string, unknown>;

  return {
    language,
    text: withOverrides(catalogue, messages),
    fields,
    steps: layout.value.steps,
    stepped: layout.value.stepped,
    consent,
    marketingConsent,
    action,
    hostAttributes,
    formConfig,
  };
}

/** The element's label for a field: the configured one, else the localised standard label. */
function labelOf(field: FieldDefinition, text: Messages): string {
  if (field.label !== undefined) return field.label;
  return field.target.kind === 'standard' ? text[field.target.name] : field.target.definitionId;
}

const REQUIRED_MARKER = '<span aria-hidden="true"> *</span>';

function showIfAttribute(showIf: ShowIfCondition | undefined): string {
  return showIf === undefined ? '' : attributes({ 'data-keen-show-if': JSON.stringify(showIf) });
}

/** The value a field shows: the posted one when refilling, else its configured default. */
function shownValue(field: FieldDefinition, values: HtmlFormInput['values']): string | readonly string[] | boolean {
  const posted = values === undefined || !Object.hasOwn(values, field.id) ? undefined : values[field.id];
  if (posted !== undefined) return posted;
  return field.defaultValue ?? '';
}

function asText(value: string | readonly string[] | boolean): string {
  return typeof value === 'string' ? value : typeof value === 'boolean' ? '' : (value[0] ?? '');
}

/** The options chosen in a checkbox group, however the value arrived (posted entries, `"A, B"`, a JSON array). */
function chosenOptions(value: string | readonly string[] | boolean): readonly string[] {
  if (typeof value === 'boolean') return [];
  if (typeof value !== 'string') return value;
  if (value === '') return [];
  return readChoices(value) ?? splitChoiceList(value);
}

function isTicked(value: string | readonly string[] | boolean): boolean {
  return value === true || value === 'on' || value === 'true' || value === 'yes';
}

interface FieldMarkupContext {
  readonly text: Messages;
  readonly values: HtmlFormInput['values'];
  readonly errors: HtmlFormInput['errors'];
}

function helpAndError(field: FieldDefinition, id: string, error: string | undefined): string {
  return (
    (field.help === undefined ? '' : `<p class="keen-html-help" id="${id}-help">${escapeHtml(field.help)}</p>`) +
    (error === undefined ? '' : `<p class="keen-html-error" id="${id}-error">${escapeHtml(error)}</p>`)
  );
}

function describedBy(field: FieldDefinition, id: string, error: string | undefined): string | undefined {
  const ids = [field.help === undefined ? '' : `${id}-help`, error === undefined ? '' : `${id}-error`].filter(Boolean);
  return ids.length === 0 ? undefined : ids.join(' ');
}

/** A hidden field always carries its configured value (as the element sends it), never a posted one. */
function hiddenFieldMarkup(field: FieldDefinition): string {
  const value = field.defaultValue ?? '';
  if (field.control === 'checkboxes') {
    return chosenOptions(value).map((choice) => `<input${attributes({ type: 'hidden', name: field.id, value: choice })}>`).join('');
  }
  if (field.control === 'checkbox') return isTicked(value) ? `<input${attributes({ type: 'hidden', name: field.id, value: 'on' })}>` : '';
  return `<input${attributes({ type: 'hidden', name: field.id, value: asText(value) })}>`;
}

function choiceGroupMarkup(field: FieldDefinition, label: string, context: FieldMarkupContext): string {
  const id = htmlFieldId(field.id);
  const error = context.errors?.[field.id];
  const value = shownValue(field, context.values);
  const isRadio = field.control === 'radio';
  const chosen = isRadio ? [asText(value)] : chosenOptions(value);
  const options = (field.options ?? [])
    .map(
      (option) =>
        `<label><input${attributes({
          type: isRadio ? 'radio' : 'checkbox',
          name: field.id,
          value: option.value,
          required: isRadio && field.required,
          'aria-invalid': error === undefined ? undefined : 'true',
          checked: chosen.includes(option.value),
        })}> ${escapeHtml(option.label)}</label>`,
    )
    .join('');
  const fieldsetAttributes = attributes({
    class: `keen-html-field keen-html-${field.width} keen-html-group`,
    'data-field-id': field.id,
    id,
    'aria-describedby': describedBy(field, id, error),
  });
  return `<fieldset${fieldsetAttributes}${showIfAttribute(field.showIf)}><legend>${escapeHtml(label)}${field.required ? REQUIRED_MARKER : ''}</legend>${options}${helpAndError(field, id, error)}</fieldset>`;
}

function controlMarkup(field: FieldDefinition, id: string, error: string | undefined, context: FieldMarkupContext): string {
  const value = shownValue(field, context.values);
  const common = {
    id,
    name: field.id,
    required: field.required,
    'aria-invalid': error === undefined ? undefined : 'true',
    'aria-describedby': describedBy(field, id, error),
  };
  switch (field.control) {
    case 'textarea': {
      const text = asText(value);
      const textareaAttributes = attributes({
        id,
        name: field.id,
        autocomplete: field.autocomplete,
        minlength: field.minLength,
        maxlength: field.maxLength,
        placeholder: field.placeholder,
        required: field.required,
        'aria-invalid': common['aria-invalid'],
        'aria-describedby': common['aria-describedby'],
      });
      // The parser drops one newline right after <textarea>: write one when the value starts with its own.
      return `<textarea${textareaAttributes}>${text.startsWith('\n') ? '\n' : ''}${escapeHtml(text)}</textarea>`;
    }
    case 'select': {
      const text = asText(value);
      const options = (field.options ?? [])
        .map((option) => `<option${attributes({ value: option.value, selected: option.value === text })}>${escapeHtml(option.label)}</option>`)
        .join('');
      const selectAttributes = attributes({ id, name: field.id, autocomplete: field.autocomplete, required: field.required, 'aria-invalid': common['aria-invalid'], 'aria-describedby': common['aria-describedby'] });
      return `<select${selectAttributes}><option${attributes({ value: '', selected: text === '' })}>${escapeHtml(context.text.choose)}</option>${options}</select>`;
    }
    case 'checkbox':
      return `<input${attributes({ ...common, type: 'checkbox', value: 'on', checked: isTicked(value) })}>`;
    default:
      return `<input${attributes({
        id,
        name: field.id,
        // As the element: a number and an email are typed as text (with their
        // keyboards); type="number" rejects "3,5", type="email" punycodes æøå.
        type: field.control === 'number' || field.control === 'email' ? 'text' : field.control,
        min: field.earliest,
        max: field.latest,
        inputmode: field.inputMode,
        autocomplete: field.autocomplete,
        minlength: field.minLength,
        maxlength: field.maxLength,
        placeholder: field.placeholder,
        value: asText(value) === '' ? undefined : asText(value),
        required: field.required,
        'aria-invalid': common['aria-invalid'],
        'aria-describedby': common['aria-describedby'],
      })}>`;
  }
}

function fieldMarkup(field: FieldDefinition, context: FieldMarkupContext): string {
  if (field.hidden) return hiddenFieldMarkup(field);
  const label = labelOf(field, context.text);
  if (isChoiceGroup(field.control)) return choiceGroupMarkup(field, label, context);
  const id = htmlFieldId(field.id);
  const error = context.errors?.[field.id];
  const isCheckbox = field.control === 'checkbox';
  const labelMarkup = `<label for="${id}">${escapeHtml(label)}${field.required ? REQUIRED_MARKER : ''}</label>`;
  const control = controlMarkup(field, id, error, context);
  const wrapper = attributes({
    class: `keen-html-field keen-html-${field.width}${isCheckbox ? ' keen-html-checkbox' : ''}`,
    'data-field-id': field.id,
  });
  return `<div${wrapper}${showIfAttribute(field.showIf)}>${isCheckbox ? `${control} ${labelMarkup}` : `${labelMarkup}${control}`}${helpAndError(field, id, error)}</div>`;
}

function blockMarkup(block: FormBlock): string {
  const tag = block.kind === 'heading' ? 'h4' : 'p';
  return `<${tag} class="keen-html-block"${showIfAttribute(block.showIf)}>${escapeHtml(block.text)}</${tag}>`;
}

function itemMarkup(item: LayoutItem, context: FieldMarkupContext): string {
  return 'block' in item ? blockMarkup(item.block) : fieldMarkup(item.field, context);
}

/** The consent text with its link text turned into the link (as the element draws it). */
function consentWords(text: string, link: string | undefined, linkText: string): { label: string; after: string } {
  const at = link === undefined || linkText === '' ? -1 : text.indexOf(linkText);
  if (link === undefined) return { label: escapeHtml(text), after: '' };
  const anchor = `<a${attributes({ href: link, target: '_blank', rel: 'noopener' })}>${escapeHtml(linkText)}</a>`;
  if (at < 0) return { label: escapeHtml(text), after: `<p class="keen-html-help">${anchor}</p>` };
  return { label: `${escapeHtml(text.slice(0, at))}${anchor}${escapeHtml(text.slice(at + linkText.length))}`, after: '' };
}

function consentMarkup(name: string, words: { label: string; after: string }, required: boolean, context: FieldMarkupContext): string {
  const id = htmlFieldId(name);
  // The element keys consent errors as `consent` / `marketingConsent`; a relay may use the post's names.
  const error = context.errors?.[name] ?? context.errors?.[name === CONSENT_FIELD_NAME ? 'consent' : 'marketingConsent'];
  const posted = context.values?.[name];
  const input = attributes({
    type: 'checkbox',
    id,
    name,
    value: 'yes',
    required,
    checked: posted === 'yes',
    'aria-invalid': error === undefined ? undefined : 'true',
    'aria-describedby': error === undefined ? undefined : `${id}-error`,
  });
  const errorMarkup = error === undefined ? '' : `<p class="keen-html-error" id="${id}-error">${escapeHtml(error)}</p>`;
  return `<div class="keen-html-field keen-html-consent" data-field-id="${name}"><input${input}> <label for="${id}">${words.label}${required ? REQUIRED_MARKER : ''}</label>${words.after}${errorMarkup}</div>`;
}

const HONEYPOT_MARKUP =
  '<div class="keen-html-hp" aria-hidden="true" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">' +
  `<input name="${HONEYPOT_NAME}" type="text" tabindex="-1" autocomplete="off" data-1p-ignore data-lpignore="true" data-bwignore data-form-type="other">` +
  '</div>';

function formMarkup(form: ResolvedForm, input: HtmlFormInput): string {
  const context: FieldMarkupContext = { text: form.text, values: input.values, errors: input.errors };
  const m = form.text;
  const parts: string[] = [];
  parts.push(`<style>${PRE_UPGRADE_CSS}</style>`);
  parts.push(`<input type="hidden" name="${FORM_CONFIG_FIELD_NAME}" value="${escapeHtml(JSON.stringify(form.formConfig))}">`);
  parts.push(HONEYPOT_MARKUP);
  const errorCount = Object.keys(input.errors ?? {}).length;
  if (errorCount > 0) parts.push(`<p class="keen-html-alert" role="alert">${escapeHtml(m.errorSummary(errorCount))}</p>`);
  const anyRequired = form.fields.some((field) => field.required && !field.hidden) || form.consent !== undefined;
  if (anyRequired) parts.push(`<p class="keen-html-legend">${escapeHtml(m.requiredLegend)}</p>`);
  for (const step of form.steps) {
    // No script means one page: every step's fields, each step under its title.
    if (form.stepped && step.title !== undefined && step.title !== '') parts.push(`<h3 class="keen-html-step">${escapeHtml(step.title)}</h3>`);
    for (const item of step.items) parts.push(itemMarkup(item, context));
  }
  if (form.consent !== undefined) {
    const words = consentWords(form.consent.text ?? m.consentText, form.consent.link, form.consent.linkText ?? m.consentLinkText);
    parts.push(consentMarkup(CONSENT_FIELD_NAME, words, true, context));
  }
  if (form.marketingConsent !== undefined) {
    parts.push(consentMarkup(MARKETING_CONSENT_FIELD_NAME, { label: escapeHtml(form.marketingConsent.text ?? m.marketingConsentText), after: '' }, false, context));
  }
  if (form.action === undefined) {
    const noScript = NO_SCRIPT_MESSAGES[form.language] ?? NO_SCRIPT_MESSAGES['en'];
    parts.push(`<noscript><p class="keen-html-noscript">${escapeHtml(noScript?.needsScript ?? '')}</p></noscript>`);
  }
  parts.push(`<button type="submit" class="keen-html-submit">${escapeHtml(m.submit)}</button>`);
  const formAttributes = attributes({
    class: 'keen-html',
    method: form.action === undefined ? undefined : 'post',
    action: form.action,
    'accept-charset': 'UTF-8',
    lang: form.language,
  });
  return `<form${formAttributes}>\n${parts.join('\n')}\n</form>`;
}

/**
 * Only the `<form>…</form>`: for a relay's error page, which shows the form
 * again with the visitor's `values` and the `errors`. Throws
 * {@link FormHtmlConfigError} when the configuration has problems.
 */
export function renderFormBody(input: HtmlFormInput): string {
  return formMarkup(resolveForm(input), input);
}

/**
 * The whole `<keen-lead-form …><form>…</form></keen-lead-form>`, to paste
 * into a page (the site adds the element's `<script type="module">` as
 * usual). Throws {@link FormHtmlConfigError} when the configuration has problems.
 */
export function renderFormHtml(input: HtmlFormInput): string {
  const form = resolveForm(input);
  const host = Object.entries(form.hostAttributes)
    .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
    .join('');
  return `<keen-lead-form${host}>\n${formMarkup(form, input)}\n</keen-lead-form>`;
}
