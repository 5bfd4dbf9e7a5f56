import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_ENDPOINT, DEFAULT_TIMEOUT_MS } from '../api/submit-lead.js';
import { catalogueFor } from '../i18n/catalogues.js';
import { isMessageKey, type MessageOverrides } from '../i18n/overrides.js';
import { splitNameList, type FieldDefinition } from '../schema/fields.js';
import { prefillFields } from '../attribution/prefill.js';
import { attributionSettingsShape, type AttributionConfig } from '../schema/attribution-settings.js';
import {
  DEFAULT_SOURCE,
  parseChallengeSetting,
  parseElementSettings,
  parsePageSettings,
  parseFieldInputs,
  parseFormConfig,
  parseFormConfigJson,
  resolveFields,
  type ConsentConfig,
  type ChallengeSetting,
  type DraftMode,
  type FieldInput,
  type MarketingConsentConfig,
  type FormConfig,
  type ParseResult,
} from '../schema/form-config.js';
import { resolveLayout, type FormLayout } from '../forms/form-layout.js';
import { resolveConsent } from '../schema/consent-settings.js';
import { DEFAULT_MIN_TIME_MS } from '../spam/min-time.js';
import { createLeadFormSchema, hiddenValueProblems, validateFields, type LeadFormSchema } from '../schema/validate-lead-form.js';

/*
 * The configuration in force: attributes and properties, the `config`
 * property and the JSON `<script type="application/json">` child, merged and
 * checked on one path (src/schema/form-config.ts). It re-resolves only when
 * one of them changes, not on every keystroke, and logs each new set of
 * problems once.
 */

/** What the host holds, as set: attribute strings or property values, unchecked. */
export interface SettingsSources {
  /** channel, endpoint, source, successMessage, redirect, timeout, minTime, consent…, theme, draft, relay, fieldsFrom, submissionIdProperty. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly fields: unknown;
  /** The fields the relay served (`fields-from="relay"`), already checked; `undefined` until they arrive. */
  readonly relayFields?: readonly FieldInput[] | undefined;
  readonly required: unknown;
  readonly config: unknown;
  readonly messages: MessageOverrides | undefined;
  /** The page-wide `<meta name="keen-attribution">` settings, the last resort for attribution settings. */
  readonly page: Readonly<Record<string, string>> | undefined;
  /** The page's address, for fields prefilled from its parameters. */
  readonly pageUrl: string;
}

/** The attribution and analytics settings any source may carry (the page's meta too). */
const ATTRIBUTION_KEYS = Object.keys(attributionSettingsShape) as (keyof typeof attributionSettingsShape)[];

/** The configuration in force, after attributes, properties and JSON were merged and checked. */
export interface ResolvedSettings {
  readonly fields: readonly FieldDefinition[];
  /** Blocks, steps and show-if rules around the fields. */
  readonly layout: FormLayout;
  /** `undefined` when there are problems: the form is not shown and sends nothing. */
  readonly schema: LeadFormSchema | undefined;
  /** Empty when a relay adds the channel id server-side. */
  readonly channel: string;
  readonly endpoint: string;
  readonly source: string;
  readonly successMessage: string | undefined;
  readonly redirect: string | undefined;
  readonly timeoutMs: number;
  /** Milliseconds from the form's first render before a lead may leave (0: no wait). */
  readonly minTimeMs: number;
  /** The required consent box, when the form asks for consent; `text` undefined means the localised default. */
  readonly consent: ConsentConfig | undefined;
  /** The optional marketing consent box, when asked for. */
  readonly marketingConsent: MarketingConsentConfig | undefined;
  readonly draft: DraftMode;
  readonly submissionIdProperty: string | undefined;
  /** The spam check: proof of work by default in relay mode, none when the lead goes straight to Keen. */
  readonly challenge: ChallengeSetting;
  readonly challengeScript: string | undefined;
  readonly messages: MessageOverrides | undefined;
  readonly attribution: AttributionConfig;
  /** `relay` when the fields should come from the relay's `?action=fields`. */
  readonly fieldsFrom: 'relay' | undefined;
  /** Problems a site owner must fix; shown in place of the form. */
  readonly problems: readonly string[];
  /** Worth telling the site owner, but the form works (e.g. the relay's fields were refused and the page's are used). */
  readonly warnings: readonly string[];
}

/** Settings without problems: the form may be shown and sent. */
export type ReadySettings = ResolvedSettings & { readonly schema: LeadFormSchema };

const JSON_CONFIG_SELECTOR = ':scope > script[type="application/json"]';
/** The HTML-first form's copy of the configuration (contract E), used when there is no JSON child. */
const KEEN_FORM_SELECTOR = ':scope > form.keen-html > input[name="keen_form"]';

/** Frameworks that set properties (React 19) may hand over the attribute's string form. */
function listOf(value: unknown): unknown {
  return typeof value === 'string' ? splitNameList(value) : value;
}

/** Attributes and properties win over the `config` property, which wins over the JSON child. */
export function resolveSettings(sources: SettingsSources, jsonText: string | undefined, keenForm = false): ResolvedSettings {
  const problems: string[] = [];
  const collect = <T>(result: ParseResult<T>): T | undefined => {
    if (result.ok) return result.value;
    problems.push(...result.problems);
    return undefined;
  };
  const fromJson = jsonText === undefined ? undefined : collect(parseFormConfigJson(jsonText, keenForm));
  const fromProperty = sources.config === undefined ? undefined : collect(parseFormConfig(sources.config));
  const { value: own, problems: ownProblems } = parseElementSettings(sources.settings);
  problems.push(...ownProblems);
  const fieldList = listOf(sources.fields);
  const fieldInputs = fieldList === undefined ? undefined : collect(parseFieldInputs(fieldList));
  const requiredList = listOf(sources.required) as readonly string[] | undefined;

  const pick = <K extends 'channel' | 'endpoint' | 'source' | 'successMessage' | 'redirect'>(key: K): FormConfig[K] =>
    own[key] ?? fromProperty?.[key] ?? fromJson?.[key];
  const inputs: readonly FieldInput[] | undefined = fieldInputs ?? fromProperty?.fields ?? fromJson?.fields;
  if (own.fieldsFrom !== undefined && own.relay !== true) {
    problems.push('fields-from: needs the relay attribute (the fields come from your relay)');
  }
  const warnings: string[] = [];
  // The relay's fields, once they arrived and resolve; otherwise the page's own are the fallback.
  const relayInputs = problems.length === 0 && own.fieldsFrom === 'relay' ? sources.relayFields : undefined;
  const fromRelay = relayInputs === undefined ? undefined : resolveFields(relayInputs, requiredList);
  if (fromRelay?.ok === false) warnings.push(`showing the page's fields; the relay's: ${fromRelay.problems.join('; ')}`);
  const layoutInputs = fromRelay?.ok ? relayInputs : inputs;
  const fields = problems.length === 0 ? (fromRelay?.ok ? fromRelay.value : (collect(resolveFields(inputs, requiredList)) ?? [])) : [];
  const noLayout: FormLayout = { steps: [{ title: undefined, items: fields.map((field) => ({ field })) }], stepped: false, lookup: () => undefined };
  const layout = problems.length === 0 ? (collect(resolveLayout(layoutInputs, fields)) ?? noLayout) : noLayout;
  const channel = (pick('channel') ?? '').trim();
  if (channel === '' && own.relay !== true) problems.push('channel is missing: set the channel attribute to your Keen channel id.');
  const challenge: ChallengeSetting =
    own.challenge === undefined ? { kind: own.relay === true ? 'altcha' : 'none' } : (parseChallengeSetting(own.challenge) ?? { kind: 'none' });
  if (challenge.kind !== 'none' && own.relay !== true) {
    // Keen itself checks no challenge: only a relay can refuse a bot's lead.
    problems.push(`challenge: "${own.challenge ?? ''}" needs a relay that checks it (set the relay attribute and your relay's endpoint), or use challenge="none".`);
  }
  const messages = sources.messages ?? fromProperty?.messages ?? fromJson?.messages;
  for (const key of Object.keys(messages ?? {})) {
    if (!isMessageKey(catalogueFor('en'), key)) problems.push(`messages.${key}: unknown message key`);
  }
  const fromPage = sources.page === undefined ? undefined : collect(parsePageSettings(sources.page));
  const attribution: Record<string, unknown> = {
    attributionProperties: fromProperty?.attributionProperties ?? fromJson?.attributionProperties,
  };
  // The form's own settings win, then `config`, the JSON, and last the page's meta.
  for (const key of ATTRIBUTION_KEYS) attribution[key] = own[key] ?? fromProperty?.[key] ?? fromJson?.[key] ?? fromPage?.[key];
  const consents = resolveConsent(own, fromProperty, fromJson, problems);
  let schema = problems.length === 0 ? createLeadFormSchema(fields) : undefined;
  if (schema !== undefined) {
    problems.push(...hiddenValueProblems(schema, fields));
    if (problems.length > 0) schema = undefined;
  }
  const checked = schema;
  const prefilled =
    checked === undefined
      ? fields
      : prefillFields(fields, sources.pageUrl, (field, value) => validateFields(checked, [field], { [field.id]: value }).fieldErrors.length === 0);
  return {
    // After the hidden-value check: that is about the configuration, while a
    // URL value the field refuses is simply not used.
    fields: prefilled,
    // The layout holds the same (prefilled) definitions, so both agree on defaults.
    layout: prefilled === fields ? layout : withFields(layout, prefilled),
    attribution: attribution as AttributionConfig,
    messages,
    schema,
    channel,
    endpoint: pick('endpoint') ?? DEFAULT_ENDPOINT,
    source: pick('source') ?? DEFAULT_SOURCE,
    successMessage: pick('successMessage'),
    redirect: pick('redirect'),
    timeoutMs: own.timeout ?? DEFAULT_TIMEOUT_MS,
    minTimeMs: own.minTime ?? DEFAULT_MIN_TIME_MS,
    ...consents,
    draft: own.draft ?? 'on',
    submissionIdProperty: own.submissionIdProperty,
    // Keen's own endpoint serves no fields: wait until the relay's is set (a page's script may set it after the upgrade).
    fieldsFrom: pick('endpoint') === undefined ? undefined : own.fieldsFrom,
    challenge,
    challengeScript: own.challengeScript,
    problems,
    warnings,
  };
}

function withFields(layout: FormLayout, fields: readonly FieldDefinition[]): FormLayout {
  const byId = new Map(fields.map((field) => [field.id, field]));
  return {
    ...layout,
    steps: layout.steps.map((step) => ({
      ...step,
      items: step.items.map((item) => ('field' in item ? { field: byId.get(item.field.id) ?? item.field } : item)),
    })),
  };
}

export class ConfigurationController implements ReactiveController {
  /** The configuration in force; `undefined` before the first update. */
  settings: ResolvedSettings | undefined;
  private jsonText: string | undefined;
  private jsonChanged = false;
  /** Whether `jsonText` is the HTML-first form's `keen_form` rather than a JSON child. */
  private keenForm = false;
  private childObserver: MutationObserver | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly sources: () => SettingsSources,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // The JSON config may be parsed (or rendered by a framework) after the
    // element upgrades, so watch for it rather than reading it once.
    this.readJson();
    this.childObserver = new MutationObserver(() => this.readJson());
    this.childObserver.observe(this.host, { childList: true, subtree: true, characterData: true });
  }

  hostDisconnected(): void {
    this.childObserver?.disconnect();
    this.childObserver = undefined;
  }

  /**
   * Re-resolves when a configuration source changed (`sourceChanged`, or the
   * JSON child). Returns whether it did.
   */
  refresh(sourceChanged: boolean): boolean {
    const previous = this.settings;
    if (previous !== undefined && !sourceChanged && !this.jsonChanged) return false;
    this.jsonChanged = false;
    const sources = this.sources();
    // `keen_form` stands in for the JSON child only: a `config` property replaces it.
    const settings = this.keenForm && sources.config !== undefined ? resolveSettings(sources, undefined) : resolveSettings(sources, this.jsonText, this.keenForm);
    this.settings = settings;
    const problems = settings.problems.join('\n');
    if (problems !== '' && problems !== previous?.problems.join('\n')) {
      console.error(`<keen-lead-form> is not set up correctly:\n${problems}`);
    }
    const warnings = settings.warnings.join('\n');
    if (warnings !== '' && warnings !== previous?.warnings.join('\n')) console.warn(`<keen-lead-form>: ${warnings}`);
    return true;
  }

  private readJson(): void {
    const script = this.host.querySelector(JSON_CONFIG_SELECTOR);
    const text = script === null ? this.host.querySelector<HTMLInputElement>(KEEN_FORM_SELECTOR)?.value : script.textContent;
    if (text === this.jsonText && (script === null) === this.keenForm) return;
    this.jsonText = text;
    this.keenForm = script === null;
    this.jsonChanged = true;
    this.host.requestUpdate();
  }
}
