import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { DEFAULT_ENDPOINT, DEFAULT_TIMEOUT_MS, type KeenLead, type SubmitFailure } from '../api/submit-lead.js';
import { CATALOGUES, catalogueFor } from '../i18n/catalogues.js';
import type { Messages } from '../i18n/en.js';
import { isMessageKey, withOverrides, type MessageOverrides } from '../i18n/overrides.js';
import type { FieldDefinition } from '../schema/fields.js';
import { splitNameList } from '../schema/fields.js';
import {
  parseFieldInputs,
  parseFormConfig,
  parseFormConfigJson,
  resolveFields,
  type FieldInput,
  type FormConfig,
} from '../schema/form-config.js';
import {
  buildLeadPayload,
  createLeadFormSchema,
  validateFields,
  type FieldError,
  type FormValues,
  type LeadFormSchema,
} from '../schema/validate-lead-form.js';
import type { CourierEvent } from '../outbox/outbox-courier.js';
import type { OutboxItem } from '../outbox/outbox-store.js';
import { createSubmissionId } from '../shared/submission-id.js';
import { DraftController } from './draft-controller.js';
import {
  KeenDeliveredEvent,
  KeenErrorEvent,
  KeenInvalidEvent,
  KeenQueuedEvent,
  KeenSubmitEvent,
  KeenSuccessEvent,
} from './events.js';
import { fieldTemplate } from './field-template.js';
import { keenLeadFormStyles } from './keen-lead-form.styles.js';
import { resetCouriers } from './courier-registry.js';
import { asSubmitFailure, LeadDeliveryController, type SendOutcome } from './lead-delivery-controller.js';
import { safeRedirectUrl } from './safe-redirect-url.js';

type FieldControlElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The configuration in force, after attributes, properties and JSON were merged and checked. */
interface ResolvedSettings {
  readonly fields: readonly FieldDefinition[];
  readonly schema: LeadFormSchema | undefined;
  /** Empty when a relay adds the channel id server-side. */
  readonly channel: string;
  readonly endpoint: string;
  readonly source: string;
  readonly successMessage: string | undefined;
  readonly redirect: string | undefined;
  readonly messages: MessageOverrides | undefined;
  /** Problems a site owner must fix; shown in place of the form. */
  readonly problems: readonly string[];
}

const nameListConverter = {
  fromAttribute: (value: string | null): string[] | undefined => (value === null ? undefined : splitNameList(value)),
};

const JSON_CONFIG_SELECTOR = ':scope > script[type="application/json"]';

/**
 * A lead-capture form that sends what a visitor types straight into Keen.
 *
 * @summary Drop-in lead form for Keen, the partner/referral CRM.
 *
 * @attr channel - The Keen channel id or public uuid the lead belongs to.
 * @attr endpoint - Keen's API URL. Defaults to `https://data.keenpartner.com/functions/v1/keen-api`.
 * @attr fields - Standard fields to show, space- or comma-separated, e.g. `first_name email notes`.
 * @attr required - Fields the visitor must fill in, space- or comma-separated. Defaults to `email`.
 * @attr source - Sent as the lead's `source`. Defaults to `Website`.
 * @attr success-message - Text shown after the lead was stored.
 * @attr redirect - An http(s) URL (absolute or relative) to open after the lead was stored.
 * @attr timeout - Milliseconds to wait for Keen per attempt. Defaults to 15000.
 * @attr theme - `auto` (default: light or dark as the visitor prefers), `light`, `dark`, or `inherit` (no surface; the page's colours).
 * @attr draft - `on` (default) saves what the visitor types on this device until it is sent; `off` never does.
 * @attr submission-id-property - A property definition id of the channel: each lead carries its submission id there, so a rare duplicate (see "Reliability") can be recognised in Keen.
 * @attr relay - Set when `endpoint` is a relay that adds the channel id server-side (e.g. the WordPress plugin's), so the page need not publish it.
 *
 * @fires keen-submit - Before sending; cancelable; `detail` is the `lead_external` payload.
 * @fires keen-success - Keen stored the lead; `detail.lead` is what it stored.
 * @fires keen-error - Sending failed; `detail` is the failure: `kind`, `status`, `message`, `retryable`.
 * @fires keen-invalid - A send was refused because fields are invalid; `detail.errors` lists them.
 * @fires keen-queued - Sending failed in a way worth retrying; the lead waits in the outbox. `detail`: `submissionId`, `attempts`, `failure`.
 * @fires keen-delivered - A lead from this page's outbox reached Keen (at once, after retries, or left by an earlier visit). `detail`: `submissionId`, `attempts`, `lead`.
 *
 * @slot header - Above the fields: a heading or an introduction.
 * @slot footer - Below the button: fine print, a privacy notice.
 * @slot success - Replaces the built-in success message.
 *
 * @csspart form - The `<form>`.
 * @csspart field - The wrapper of one label, control, help and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input, textarea or select.
 * @csspart help - A field's help text.
 * @csspart error - A field's error message.
 * @csspart submit - The send button.
 * @csspart status - The live region with progress messages.
 * @csspart alert - The error summary and send failures.
 * @csspart success - The panel shown after success.
 * @csspart send-another - The button that starts a new lead after success.
 * @csspart queued - The panel shown while the lead waits in the outbox.
 *
 * @cssprop [--keen-background=#ffffff] - The form's surface (dark: #111827; `theme="inherit"`: transparent).
 * @cssprop [--keen-text=#1f2937] - Text colour (dark: #f3f4f6).
 * @cssprop [--keen-muted=#4b5563] - Help text, legend and placeholders (dark: #d1d5db).
 * @cssprop [--keen-accent=#1d4ed8] - Button and focus colour (dark: #93c5fd).
 * @cssprop [--keen-accent-text=#ffffff] - Text on the accent colour (dark: #111827).
 * @cssprop [--keen-field-border=#6b7280] - Field border colour (dark: #9ca3af).
 * @cssprop [--keen-field-background=#ffffff] - Field background (dark: #1f2937).
 * @cssprop [--keen-error=#b91c1c] - Error text and border colour (dark: #fca5a5).
 * @cssprop [--keen-success=#166534] - Border of the success panel (dark: #86efac).
 * @cssprop [--keen-focus-ring=var(--keen-accent)] - Focus outline colour.
 * @cssprop [--keen-radius=6px] - Corner radius of fields and buttons.
 * @cssprop [--keen-spacing=1rem] - Space between fields.
 * @cssprop [--keen-padding=1.25rem] - Padding of the surface (`theme="inherit"`: 0).
 * @cssprop [--keen-surface-radius=8px] - Corner radius of the surface.
 */
export class KeenLeadForm extends LitElement {
  static override styles = keenLeadFormStyles;

  /**
   * For tests: stops every outbox courier of this page and forgets it, so no
   * retry left by one test lands in the next; resolves once their attempts in
   * flight have ended. Storage is left alone (clear it yourself). Not for
   * production: a lead still waiting is then sent only by the next form or page.
   */
  static resetOutboxes(): Promise<void> {
    return resetCouriers();
  }

  static override properties = {
    channel: { type: String },
    endpoint: { type: String },
    fields: { converter: nameListConverter },
    required: { converter: nameListConverter },
    source: { type: String },
    successMessage: { type: String, attribute: 'success-message' },
    redirect: { type: String },
    timeout: { type: Number },
    relay: { type: Boolean },
    theme: { type: String, reflect: true },
    draft: { type: String },
    submissionIdProperty: { type: String, attribute: 'submission-id-property' },
    config: { attribute: false },
    messages: { attribute: false },
    values: { state: true },
    errors: { state: true },
    alertText: { state: true },
    statusText: { state: true },
    jsonConfigText: { state: true },
  };

  /** The Keen channel id or public uuid. */
  declare channel: string | undefined;
  /** Keen's API URL; the default is Keen's production endpoint. */
  declare endpoint: string | undefined;
  /** The fields, in order: standard names or full field configs. */
  declare fields: readonly FieldInput[] | undefined;
  /** Names of the fields a visitor must fill in (for custom properties: `property:<id>`). */
  declare required: readonly string[] | undefined;
  /** Sent as the lead's `source`. */
  declare source: string | undefined;
  /** Shown after a lead was stored; defaults to a localised thank-you. */
  declare successMessage: string | undefined;
  /** Where to go after a lead was stored. */
  declare redirect: string | undefined;
  /** Milliseconds to wait for Keen per attempt. */
  declare timeout: number;
  /** Colour scheme: `auto`, `light`, `dark` or `inherit`. */
  declare theme: 'auto' | 'light' | 'dark' | 'inherit' | undefined;
  /** `off` never saves what the visitor types; `on` (default) keeps a draft on this device until it is sent. */
  declare draft: 'on' | 'off';
  /** A property definition id that receives each lead's submission id. */
  declare submissionIdProperty: string | undefined;
  /** `endpoint` is a relay that adds the channel id; `channel` may then be left out. */
  declare relay: boolean;
  /** Your own wording for any built-in message, by key; wins over the JSON config's `messages`. */
  declare messages: MessageOverrides | undefined;
  /** The whole configuration as one object; attributes, when set, win. */
  declare config: FormConfig | undefined;

  declare private values: FormValues;
  declare private errors: ReadonlyMap<string, FieldError>;
  declare private alertText: string;
  declare private statusText: string;
  declare private jsonConfigText: string | undefined;

  private readonly delivery = new LeadDeliveryController(this, { courierEvent: (event, own) => this.onCourierEvent(event, own) });
  private readonly drafts = new DraftController(this);
  private readonly touched = new Set<string>();
  private settings: ResolvedSettings | undefined;
  /** The catalogue in force: the visitor's language, with the site owner's overrides. */
  private text!: Messages;
  private textKey: string | undefined;
  /** The catalogue's language, set on the shadow content so screen readers pronounce it right. */
  private textLanguage = 'en';
  private childObserver: MutationObserver | undefined;

  constructor() {
    super();
    this.timeout = DEFAULT_TIMEOUT_MS;
    this.relay = false;
    this.draft = 'on';
    this.values = {};
    this.errors = new Map();
    this.alertText = '';
    this.statusText = '';
  }

  // The language comes from the element's own `lang` (else the nearest
  // ancestor's, else the document's); watch the element's own attribute.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The JSON config may be parsed (or rendered by a framework) after the
    // element upgrades, so watch for it rather than reading it once.
    this.readJsonConfig();
    this.childObserver = new MutationObserver(() => this.readJsonConfig());
    this.childObserver.observe(this, { childList: true, subtree: true, characterData: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childObserver?.disconnect();
    this.childObserver = undefined;
  }

  private readJsonConfig(): void {
    this.jsonConfigText = this.querySelector(JSON_CONFIG_SELECTOR)?.textContent ?? undefined;
  }

  private static readonly configKeys: ReadonlySet<PropertyKey> = new Set([
    'channel', 'endpoint', 'fields', 'required', 'source', 'successMessage', 'redirect', 'relay', 'config', 'messages', 'jsonConfigText',
    'timeout', 'draft', 'submissionIdProperty',
  ]);

  /** BCP 47 tag of the language in force, as the page declares it. */
  private get pageLanguage(): string {
    return this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Most updates are keystrokes: only a change of configuration re-resolves it.
    const previous = this.settings;
    const reconfigured = previous === undefined || [...changed.keys()].some((key) => KeenLeadForm.configKeys.has(key));
    const settings = reconfigured ? this.resolveSettings() : previous;
    if (reconfigured) {
      this.settings = settings;
      const problems = settings.problems.join('\n');
      if (problems !== '' && problems !== previous?.problems.join('\n')) {
        console.error(`<keen-lead-form> is not set up correctly:\n${problems}`);
      }
    }
    const language = this.pageLanguage;
    const textKey = `${language}|${JSON.stringify(settings.messages)}`;
    if (textKey !== this.textKey) {
      this.textKey = textKey;
      const catalogue = catalogueFor(language);
      this.textLanguage = Object.keys(CATALOGUES).find((code) => CATALOGUES[code] === catalogue) ?? 'en';
      this.text = withOverrides(catalogue, settings.messages);
    }
    if (reconfigured) this.bindStorage();
  }

  /** Points the outbox and the drafts at the endpoint and form in force. */
  private bindStorage(): void {
    const settings = this.ready;
    if (settings === undefined) return;
    this.delivery.bind({ endpoint: settings.endpoint, timeoutMs: this.timeout, forRelay: settings.channel === '' });
    const location =
      this.draft === 'off' ? undefined : { channel: settings.channel, endpoint: settings.endpoint, formId: this.formId };
    const restored = this.drafts.bind(location, this.notDrafted);
    if (restored !== undefined && Object.keys(restored).length > 0 && this.delivery.phase === 'idle') {
      this.values = { ...restored, ...this.values };
      this.statusText = this.text.draftRestored;
      this.restoredDraft = true;
    }
  }

  /** Tells this form's draft from another's on the same page: its id, else its place among the forms. */
  private get formId(): string {
    return this.id || `#${[...document.querySelectorAll('keen-lead-form')].indexOf(this)}`;
  }

  /** Field ids never written to a draft: hidden and sensitive ones. */
  private get notDrafted(): ReadonlySet<string> {
    return new Set((this.settings?.fields ?? []).filter((field) => field.hidden || field.sensitive).map((field) => field.id));
  }

  private restoredDraft = false;

  /** Attributes and properties win over the `config` property, which wins over the JSON child. */
  private resolveSettings(): ResolvedSettings {
    const problems: string[] = [];
    const collect = <T>(result: { ok: true; value: T } | { ok: false; problems: readonly string[] }): T | undefined => {
      if (result.ok) return result.value;
      problems.push(...result.problems);
      return undefined;
    };
    const fromJson = this.jsonConfigText === undefined ? undefined : collect(parseFormConfigJson(this.jsonConfigText));
    const fromProperty = this.config === undefined ? undefined : collect(parseFormConfig(this.config));
    // Frameworks that set properties (React 19) hand over the attribute's string form.
    const listOf = <T>(value: readonly T[] | string | undefined) => (typeof value === 'string' ? splitNameList(value) : value);
    const fieldList = listOf<FieldInput>(this.fields as readonly FieldInput[] | string | undefined);
    const requiredList = listOf<string>(this.required as readonly string[] | string | undefined);
    const fieldInputs = fieldList === undefined ? undefined : collect(parseFieldInputs(fieldList));

    const pick = <K extends keyof FormConfig>(key: K): FormConfig[K] => fromProperty?.[key] ?? fromJson?.[key];
    const inputs = fieldInputs ?? pick('fields');
    const fields = problems.length === 0 ? (collect(resolveFields(inputs, requiredList)) ?? []) : [];
    const channel = (this.channel ?? pick('channel') ?? '').trim();
    if (channel === '' && !this.relay) problems.push('channel is missing: set the channel attribute to your Keen channel id.');
    const redirect = this.redirect ?? pick('redirect');
    if (redirect !== undefined && safeRedirectUrl(redirect, document.baseURI) === undefined) {
      problems.push(`redirect: "${redirect}" is not an http(s) URL.`);
    }
    const messages = this.messages ?? pick('messages');
    for (const key of Object.keys(messages ?? {})) {
      if (!isMessageKey(catalogueFor('en'), key)) problems.push(`messages.${key}: unknown message key`);
    }
    return {
      fields,
      messages,
      schema: problems.length === 0 ? createLeadFormSchema(fields) : undefined,
      channel,
      endpoint: this.endpoint ?? pick('endpoint') ?? DEFAULT_ENDPOINT,
      source: this.source ?? pick('source') ?? 'Website',
      successMessage: this.successMessage ?? pick('successMessage'),
      redirect,
      problems,
    };
  }

  private get ready(): ResolvedSettings | undefined {
    return this.settings?.schema === undefined ? undefined : this.settings;
  }

  /** Checks every field and shows the errors. Returns whether the form may be sent. */
  validate(): boolean {
    const settings = this.ready;
    if (settings?.schema === undefined) return false;
    const { fieldErrors } = validateFields(settings.schema, settings.fields, this.values);
    this.showErrors(fieldErrors);
    return fieldErrors.length === 0;
  }

  /** Validates and sends, exactly as pressing the button does. Resolves when done. */
  async submit(): Promise<void> {
    const settings = this.ready;
    // A form that is not on the page has no outbox to send through.
    if (settings?.schema === undefined || this.delivery.phase === 'sending' || !this.isConnected) return;

    const submissionId = createSubmissionId();
    const result = buildLeadPayload(settings.schema, settings.fields, this.values, {
      channelId: settings.channel === '' ? undefined : settings.channel,
      source: settings.source,
      extraProperties:
        this.submissionIdProperty === undefined || this.submissionIdProperty === ''
          ? undefined
          : [{ property_definitions_id: this.submissionIdProperty, value: submissionId }],
    });
    if (!result.ok) {
      if (result.problems.length > 0) {
        console.error(`<keen-lead-form> built an invalid request:\n${result.problems.join('\n')}`);
        await this.announceAlert(this.text.failureMisconfigured);
        return;
      }
      this.showErrors(result.fieldErrors);
      this.dispatchEvent(
        new KeenInvalidEvent(
          result.fieldErrors.map((error) => ({ field: error.fieldId, code: error.code, message: this.errorText(error) })),
        ),
      );
      await this.announceAlert(this.text.errorSummary(result.fieldErrors.length));
      await this.focusFirstInvalid();
      return;
    }
    this.errors = new Map();
    if (!this.dispatchEvent(new KeenSubmitEvent(result.payload))) return;

    this.alertText = '';
    this.statusText = this.text.sending;
    const outcome = await this.delivery.send(result.payload, submissionId);
    this.statusText = '';
    await this.showOutcome(outcome, settings);
  }

  private async showOutcome(outcome: SendOutcome, settings: ResolvedSettings): Promise<void> {
    switch (outcome.type) {
      case 'delivered':
        this.dispatchEvent(new KeenDeliveredEvent(outcome));
        return this.showDelivered(outcome.lead, settings);
      case 'queued':
        // The lead is safe in the outbox now: the draft has served its purpose.
        this.drafts.clear();
        this.values = {};
        this.touched.clear();
        this.statusText = navigator.onLine === false ? this.text.queuedOffline : this.text.queuedRetrying;
        this.dispatchEvent(new KeenQueuedEvent(outcome));
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[part="queued"]')?.focus();
        return;
      case 'unsaved':
        this.reportFailure(outcome.failure, this.text.outboxFull);
        this.dispatchEvent(new KeenErrorEvent(outcome.failure));
        return;
      case 'rejected':
        this.reportFailure(outcome.failure);
        this.dispatchEvent(new KeenErrorEvent(outcome.failure));
        return;
    }
  }

  private async showDelivered(lead: KeenLead | undefined, settings: ResolvedSettings): Promise<void> {
    this.drafts.clear();
    this.values = {};
    this.touched.clear();
    this.statusText = '';
    if (lead !== undefined) this.dispatchEvent(new KeenSuccessEvent(lead));
    const redirect = settings.redirect === undefined ? undefined : safeRedirectUrl(settings.redirect, document.baseURI);
    if (redirect !== undefined) {
      window.location.assign(redirect);
      return;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.success')?.focus();
  }

  /** A queued lead settled later, or an item from another form or an earlier visit did. */
  private onCourierEvent(event: CourierEvent, own: boolean): void {
    const settings = this.ready;
    if (event.type === 'delivered') {
      this.dispatchEvent(new KeenDeliveredEvent(event));
      // A queued lead went through later: say so in the live region too.
      if (own && settings !== undefined) void this.showDelivered(event.lead, settings).then(() => (this.statusText = this.text.delivered));
    } else if (event.type === 'queued') {
      this.dispatchEvent(new KeenQueuedEvent(event));
    } else if (own) {
      const failure = asSubmitFailure(event.failure);
      this.reportFailure(failure);
      this.dispatchEvent(new KeenErrorEvent(failure));
    }
  }

  /** What waits in the outbox of this form's endpoint, oldest first (shared with other forms and tabs posting there). */
  get outbox(): readonly OutboxItem[] {
    return this.delivery.outbox;
  }

  /** Tries to deliver everything in the outbox now, e.g. after your own connectivity check. */
  flushOutbox(): Promise<void> {
    return this.delivery.flush();
  }

  /** Empties the form and shows it again, ready for another lead. */
  reset(): void {
    this.values = {};
    this.errors = new Map();
    this.touched.clear();
    this.alertText = '';
    this.statusText = '';
    this.drafts.clear();
    this.delivery.clear();
  }

  private showErrors(fieldErrors: readonly FieldError[]): void {
    for (const field of this.settings?.fields ?? []) this.touched.add(field.id);
    this.errors = new Map(fieldErrors.map((error) => [error.fieldId, error]));
  }

  private reportFailure(failure: SubmitFailure, override?: string): void {
    const m = this.text;
    let text: string;
    if (override !== undefined) {
      text = override;
    } else if (failure.status === 403 || failure.status === 404) {
      console.error(
        `<keen-lead-form>: Keen refused channel "${this.settings?.channel}" (${failure.status}: ${failure.message}). ` +
          'Check the channel id and that its public API (no_auth_api) is switched on.',
      );
      text = m.failureMisconfigured;
    } else if (failure.kind === 'redirect') {
      console.error(`<keen-lead-form>: ${failure.message}.`);
      text = m.failureMisconfigured;
    } else if (failure.kind === 'http' && !failure.retryable) {
      text = m.failureRejected(failure.message);
    } else if (failure.kind === 'network' || failure.kind === 'aborted') {
      text = m.failureNetwork;
    } else if (failure.kind === 'timeout') {
      text = m.failureTimeout;
    } else {
      text = m.failureServer;
    }
    void this.announceAlert(text);
  }

  /** Sets the alert text so that assistive technology announces it, even when it repeats. */
  private async announceAlert(text: string): Promise<void> {
    if (this.alertText === text) {
      this.alertText = '';
      await this.updateComplete;
    }
    this.alertText = text;
    await this.updateComplete;
  }

  private async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  private onInput(event: Event): void {
    const control = event.target as FieldControlElement;
    const fieldId = control.dataset['fieldId'];
    if (fieldId === undefined) return;
    const value = control instanceof HTMLInputElement && control.type === 'checkbox' ? control.checked : control.value;
    this.values = { ...this.values, [fieldId]: value };
    this.drafts.save(this.values, this.notDrafted);
    if (this.restoredDraft) {
      this.restoredDraft = false;
      this.statusText = '';
    }
    // Errors clear as soon as the value is fixed; new ones wait for blur.
    if (this.errors.has(fieldId)) this.revalidateField(fieldId, false);
  }

  private onFocusOut(event: FocusEvent): void {
    const fieldId = (event.target as FieldControlElement).dataset['fieldId'];
    if (fieldId === undefined) return;
    const value = this.values[fieldId];
    // Tabbing through an untouched empty field is not a mistake yet.
    if (value !== undefined && value !== '') this.touched.add(fieldId);
    if (!this.touched.has(fieldId)) return;
    if (this.pointerIsDown) {
      // The blur comes from a press on something (often "Send"): an error
      // appearing now would move that button away before the click lands.
      this.blurredDuringPress.add(fieldId);
      return;
    }
    this.revalidateField(fieldId, true);
  }

  private readonly blurredDuringPress = new Set<string>();
  private pointerIsDown = false;

  private onPointerDown(): void {
    this.pointerIsDown = true;
    // Capture on the window: the press may end anywhere. The click (and a
    // submit) fires right after pointerup, so validate after it.
    window.addEventListener(
      'pointerup',
      () => {
        setTimeout(() => {
          this.pointerIsDown = false;
          for (const fieldId of this.blurredDuringPress) this.revalidateField(fieldId, true);
          this.blurredDuringPress.clear();
        });
      },
      { once: true, capture: true },
    );
  }

  private revalidateField(fieldId: string, showNew: boolean): void {
    const settings = this.ready;
    if (settings?.schema === undefined) return;
    const error = validateFields(settings.schema, settings.fields, this.values).fieldErrors.find((e) => e.fieldId === fieldId);
    const errors = new Map(this.errors);
    if (error === undefined) errors.delete(fieldId);
    else if (showNew || errors.has(fieldId)) errors.set(fieldId, error);
    this.errors = errors;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  private async onSendAnother(): Promise<void> {
    this.reset();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }

  private errorText(error: FieldError): string {
    const m = this.text;
    switch (error.code) {
      case 'tooShort':
      case 'tooLong':
      case 'tooSmall':
      case 'tooBig':
        return m[error.code](error.limit ?? 0);
      case 'pattern':
        return this.settings?.fields.find((field) => field.id === error.fieldId)?.patternMessage ?? m.pattern;
      default:
        return m[error.code];
    }
  }

  private labelOf(field: FieldDefinition): string {
    if (field.label !== undefined) return field.label;
    return field.target.kind === 'standard' ? this.text[field.target.name] : field.target.definitionId;
  }

  protected override render() {
    // The status region outlives every change of view, so what it says is
    // announced (a region that appears together with its text may not be).
    return html`${this.renderView()}
      <div part="status" class="status live" role="status" lang=${this.textLanguage}>${this.statusText}</div>`;
  }

  private renderView() {
    const settings = this.settings;
    if (settings === undefined || settings.problems.length > 0) {
      return html`<div class="config-error" role="alert" lang=${this.textLanguage}>
        <strong>${this.text.misconfiguredHeading}</strong>
        <ul>
          ${settings?.problems.map((problem) => html`<li>${problem}</li>`)}
        </ul>
      </div>`;
    }
    const m = this.text;
    const phase = this.delivery.phase;
    if (phase === 'queued' || phase === 'delivered') {
      const queued = phase === 'queued';
      return html`<div class="success" part=${queued ? 'queued' : 'success'} tabindex="-1" lang=${this.textLanguage}>
        ${queued ? html`<p>${this.delivery.persisted ? m.queuedNote : m.queuedNotSaved}</p>` : html`<slot name="success"><p>${settings.successMessage ?? m.success}</p></slot>`}
        <button type="button" part="send-another" @click=${this.onSendAnother}>${m.sendAnother}</button>
      </div>`;
    }
    const sending = phase === 'sending';
    const visible = settings.fields.filter((field) => !field.hidden);
    return html`<form
      lang=${this.textLanguage}
      part="form"
      novalidate
      aria-busy=${sending ? 'true' : 'false'}
      @submit=${this.onSubmit}
      @input=${this.onInput}
      @change=${this.onInput}
      @focusout=${this.onFocusOut}
      @pointerdown=${this.onPointerDown}
    >
      <slot name="header"></slot>
      ${visible.some((field) => field.required) ? html`<p class="legend">${m.requiredLegend}</p>` : nothing}
      <div class="fields">
        ${visible.map((field, index) => {
          const error = this.errors.get(field.id);
          return fieldTemplate({
            field,
            id: `field-${index}`,
            label: this.labelOf(field),
            value: this.values[field.id] ?? field.defaultValue ?? '',
            error: error === undefined ? undefined : this.errorText(error),
            chooseLabel: m.choose,
          });
        })}
      </div>
      <div class="live" role="alert">${this.alertText === '' ? nothing : html`<p class="alert" part="alert">${this.alertText}</p>`}</div>
      <button part="submit" type="submit" aria-disabled=${sending ? 'true' : 'false'}>${sending ? m.sending : m.submit}</button>
      <slot name="footer"></slot>
    </form>`;
  }
}
