import { LitElement, html, type PropertyValues } from 'lit';
import { DEFAULT_TIMEOUT_MS, type KeenLead, type SubmitFailure } from '../api/submit-lead.js';
import type { MessageOverrides } from '../i18n/overrides.js';
import type { FieldDefinition } from '../schema/fields.js';
import { splitNameList } from '../schema/fields.js';
import type { FieldInput, FormConfig } from '../schema/form-config.js';
import { buildLeadPayload, validateFields, type FieldError, type FormValues } from '../schema/validate-lead-form.js';
import type { CourierEvent } from '../outbox/outbox-courier.js';
import type { OutboxItem } from '../outbox/outbox-store.js';
import { createSubmissionId } from '../shared/submission-id.js';
import { ConfigurationController, type ReadySettings, type ResolvedSettings } from './configuration-controller.js';
import { readPageSettings } from '../attribution/page-settings.js';
import type { AttributionConfig } from '../schema/attribution-settings.js';
import { AttributionController } from './attribution-controller.js';
import { DraftController } from './draft-controller.js';
import {
  KeenConversionEvent,
  KeenDeliveredEvent,
  KeenErrorEvent,
  KeenInvalidEvent,
  KeenQueuedEvent,
  KeenSubmitEvent,
  KeenSuccessEvent,
} from './events.js';
import { failureMessage } from './failure-message.js';
import { CaptchaController, type CaptchaToken } from './challenge-captcha.js';
import { fieldTemplate } from './field-template.js';
import { keenLeadFormStyles } from './keen-lead-form.styles.js';
import { resetCouriers } from './courier-registry.js';
import { asSubmitFailure, LeadDeliveryController, type SendOutcome } from './lead-delivery-controller.js';
import { LeadAnalyticsController } from './lead-analytics-controller.js';
import { LocalizeController } from './localize-controller.js';
import { configErrorView, formView, queuedView, successView } from './panel-views.js';
import { safeRedirectUrl } from './safe-redirect-url.js';
import { ValidationTimingController } from './validation-timing-controller.js';

type FieldControlElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const nameListConverter = {
  fromAttribute: (value: string | null): string[] | undefined => (value === null ? undefined : splitNameList(value)),
};

/** A whole number stays a number; anything else stays the text it was, so a configuration problem can quote it. */
const timeoutConverter = {
  fromAttribute: (value: string | null): number | string | undefined => (value === null ? undefined : /^\d+$/.test(value) ? Number(value) : value),
};

/** Properties whose change means the configuration must be resolved again. */
/** How the visitor knows each captcha provider (to allow it in a blocker). */
const CAPTCHA_NAMES = { turnstile: 'Cloudflare Turnstile', hcaptcha: 'hCaptcha', friendlycaptcha: 'Friendly Captcha' } as const;

const CONFIG_KEYS: ReadonlySet<PropertyKey> = new Set([
  'channel', 'endpoint', 'fields', 'required', 'source', 'successMessage', 'redirect', 'relay', 'config', 'messages',
  'timeout', 'theme', 'draft', 'submissionIdProperty', 'challenge', 'challengeScript',
  'attribution', 'attributionConsent', 'referralParam', 'sourceTemplate', 'attributionNotes', 'analytics',
]);

/**
 * A lead-capture form that sends what a visitor types straight into Keen.
 *
 * @summary Drop-in lead form for Keen, the partner/referral CRM.
 *
 * @attr channel - The Keen channel id or public uuid the lead belongs to.
 * @attr endpoint - Keen's API URL (or your relay's), http(s), absolute or relative. Defaults to `https://data.keenpartner.com/functions/v1/keen-api`.
 * @attr fields - Standard fields to show, space- or comma-separated, e.g. `first_name email notes`.
 * @attr required - Fields the visitor must fill in, space- or comma-separated. Defaults to `email`.
 * @attr source - Sent as the lead's `source`. Defaults to `Website`.
 * @attr success-message - Text shown after the lead was stored.
 * @attr redirect - An http(s) URL (absolute or relative) to open after the lead was stored.
 * @attr timeout - Milliseconds to wait for Keen per attempt, a whole number from 1000 to 120000. Defaults to 15000.
 * @attr theme - `auto` (default: light or dark as the visitor prefers), `light`, `dark`, or `inherit` (no surface; the page's colours).
 * @attr draft - `on` (default) saves what the visitor types on this device until it is sent; `off` never does.
 * @attr submission-id-property - A property definition id of the channel: each lead carries its submission id there, so a rare duplicate (see "Reliability") can be recognised in Keen.
 * @attr relay - Set when `endpoint` is a relay that adds the channel id server-side (e.g. the WordPress plugin's), so the page need not publish it.
 * @attr challenge - The spam check the relay asks for: `altcha` (default with `relay`: a proof of work solved in the background, no third party), `none`, or a captcha `turnstile:<sitekey>`, `hcaptcha:<sitekey>`, `friendlycaptcha:<sitekey>`.
 * @attr challenge-script - The captcha provider's script URL, to load a self-hosted copy instead of the provider's.
 * @attr attribution - Where campaign attribution is kept: `session` (default, sessionStorage), `persist` (localStorage, 90 days) or `off` (nothing captured, kept or sent).
 * @attr attribution-consent - `required`: capture and keep nothing until the site signals consent (`window.keenConsent = true`, the `keen-consent` event).
 * @attr referral-param - The URL parameter with a partner or referral code. Defaults to `ref`.
 * @attr source-template - The lead's `source` from attribution, e.g. `{source} / {utm_source} / {utm_campaign}` (the default); `off` keeps `source` as set.
 * @attr attribution-notes - `on` (default) appends an attribution block to `notes`; `off` does not.
 * @attr analytics - `datalayer` pushes GA4's `generate_lead` to `window.dataLayer` for each delivered lead.
 *
 * @fires keen-submit - Before sending; cancelable; `detail` is the `lead_external` payload.
 * @fires keen-success - Keen stored the lead; `detail.lead` is what it stored.
 * @fires keen-error - Sending failed; `detail` is the failure: `kind`, `status`, `message`, `retryable`.
 * @fires keen-invalid - A send was refused because fields are invalid; `detail.errors` lists them.
 * @fires keen-queued - Sending failed in a way worth retrying; the lead waits in the outbox. `detail`: `submissionId`, `attempts`, `failure`, `persisted` (false when the browser refused to store it: retried only while the page stays open).
 * @fires keen-delivered - A lead from this page's outbox reached Keen (at once, after retries, or left by an earlier visit). `detail`: `submissionId`, `attempts`, `lead`.
 * @fires keen-conversion - Once per lead Keen stored (also when delivered later or by a later page view), for analytics: `formId`, `submissionId`, `attribution`; no personal data.
 *
 * @slot header - Above the fields: a heading or an introduction.
 * @slot footer - Below the button: fine print, a privacy notice.
 * @slot challenge - Above the button: the captcha provider's widget, in a container the form adds itself when `challenge` names a provider.
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
    timeout: { converter: timeoutConverter },
    relay: { type: Boolean },
    challenge: { type: String },
    challengeScript: { type: String, attribute: 'challenge-script' },
    theme: { type: String, reflect: true },
    draft: { type: String },
    submissionIdProperty: { type: String, attribute: 'submission-id-property' },
    attribution: { type: String },
    attributionConsent: { type: String, attribute: 'attribution-consent' },
    referralParam: { type: String, attribute: 'referral-param' },
    sourceTemplate: { type: String, attribute: 'source-template' },
    attributionNotes: { type: String, attribute: 'attribution-notes' },
    analytics: { type: String },
    config: { attribute: false },
    messages: { attribute: false },
    values: { state: true },
    alertText: { state: true },
    statusText: { state: true },
    queuedReason: { state: true },
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
  /** Milliseconds to wait for Keen per attempt (1000–120000); an attribute's text that is not a whole number stays text and is reported. */
  declare timeout: number | string;
  /** Colour scheme: `auto`, `light`, `dark` or `inherit`. */
  declare theme: 'auto' | 'light' | 'dark' | 'inherit' | undefined;
  /** `off` never saves what the visitor types; `on` (default) keeps a draft on this device until it is sent. */
  declare draft: 'on' | 'off';
  /** A property definition id that receives each lead's submission id. */
  declare submissionIdProperty: string | undefined;
  /** `endpoint` is a relay that adds the channel id; `channel` may then be left out. */
  declare relay: boolean;
  /** The spam check: `altcha` (proof of work, the default with `relay`), `none`, or `turnstile:<sitekey>`, `hcaptcha:<sitekey>`, `friendlycaptcha:<sitekey>`. */
  declare challenge: string | undefined;
  /** The captcha provider's script URL, to load a self-hosted copy instead. */
  declare challengeScript: string | undefined;
  /** Where attribution is kept: `session` (default), `persist` (localStorage, 90 days) or `off`. */
  declare attribution: AttributionConfig['attribution'];
  /** `required`: nothing is captured or kept before the site signals consent. */
  declare attributionConsent: AttributionConfig['attributionConsent'];
  /** The URL parameter with a partner or referral code (default `ref`). */
  declare referralParam: string | undefined;
  /** The lead's `source` from attribution; `off` keeps `source` as set. */
  declare sourceTemplate: string | undefined;
  /** `off` leaves the attribution block out of `notes`. */
  declare attributionNotes: AttributionConfig['attributionNotes'];
  /** `datalayer` pushes GA4's `generate_lead` for each delivered lead. */
  declare analytics: AttributionConfig['analytics'];
  /** Your own wording for any built-in message, by key; wins over the JSON config's `messages`. */
  declare messages: MessageOverrides | undefined;
  /** The whole configuration as one object; attributes, when set, win. */
  declare config: FormConfig | undefined;

  declare private values: FormValues;
  declare private alertText: string;
  declare private statusText: string;
  /** Why the lead waits in the outbox, shown in the queued panel. */
  declare private queuedReason: 'queuedOffline' | 'queuedRetrying';

  private readonly configuration = new ConfigurationController(this, () => ({
    settings: {
      channel: this.channel,
      endpoint: this.endpoint,
      source: this.source,
      successMessage: this.successMessage,
      redirect: this.redirect,
      timeout: this.timeout,
      theme: this.theme,
      draft: this.draft,
      relay: this.relay,
      challenge: this.challenge,
      challengeScript: this.challengeScript,
      submissionIdProperty: this.submissionIdProperty,
      attribution: this.attribution,
      attributionConsent: this.attributionConsent,
      referralParam: this.referralParam,
      sourceTemplate: this.sourceTemplate,
      attributionNotes: this.attributionNotes,
      analytics: this.analytics,
    },
    fields: this.fields,
    required: this.required,
    config: this.config,
    messages: this.messages,
    page: readPageSettings(),
    pageUrl: location.href,
  }));
  private readonly localize = new LocalizeController(this);
  private readonly validation = new ValidationTimingController(this, {
    errorOf: (fieldId) => this.currentErrors().find((error) => error.fieldId === fieldId),
  });
  private readonly captcha = new CaptchaController(this, () => void this.announceAlert(this.captchaUnavailableText()));
  private readonly delivery = new LeadDeliveryController(this, { courierEvent: (event, own) => this.onCourierEvent(event, own) });
  private readonly drafts = new DraftController(this);
  private readonly attributionTracking = new AttributionController(this);
  private readonly leadAnalytics = new LeadAnalyticsController(this, (report) => this.dispatchEvent(new KeenConversionEvent(report)));
  private restoredDraft = false;

  constructor() {
    super();
    this.timeout = DEFAULT_TIMEOUT_MS;
    this.relay = false;
    this.draft = 'on';
    this.values = {};
    this.alertText = '';
    this.statusText = '';
    this.queuedReason = 'queuedRetrying';
  }

  // A form inside another component's shadow root is out of the page-wide
  // lang observer's sight: watch its own attribute too.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** The messages in force: the visitor's language with the site owner's overrides. */
  private get text() {
    return this.localize.messages;
  }

  private get settings(): ResolvedSettings | undefined {
    return this.configuration.settings;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Most updates are keystrokes: only a change of configuration re-resolves it.
    const reconfigured = this.configuration.refresh([...changed.keys()].some((key) => CONFIG_KEYS.has(key)));
    this.localize.update(this.settings?.messages);
    if (reconfigured) this.bindStorage();
    // The provider's script loads with the first render of a form that names one, never for other forms.
    const ready = this.ready;
    if (ready !== undefined) this.captcha.use(ready.challenge, ready.challengeScript);
  }

  private captchaUnavailableText(): string {
    const challenge = this.ready?.challenge;
    return this.text.captchaUnavailable(challenge?.kind === 'captcha' ? CAPTCHA_NAMES[challenge.provider] : '');
  }

  /** Points the outbox and the drafts at the endpoint and form in force. */
  private bindStorage(): void {
    const settings = this.ready;
    if (settings === undefined) return;
    this.delivery.bind({
      endpoint: settings.endpoint,
      timeoutMs: settings.timeoutMs,
      forRelay: settings.channel === '',
      proofOfWork: settings.challenge.kind === 'altcha',
      captcha: settings.challenge.kind === 'captcha',
    });
    this.attributionTracking.configure(settings.attribution);
    this.leadAnalytics.analytics = settings.attribution.analytics;
    const location =
      settings.draft === 'off' ? undefined : { channel: settings.channel, endpoint: settings.endpoint, formId: this.formId };
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

  /** The settings, when they have no problems and the form may be used. */
  private get ready(): ReadySettings | undefined {
    const settings = this.settings;
    return settings?.schema === undefined ? undefined : (settings as ReadySettings);
  }

  private currentErrors(): readonly FieldError[] {
    const settings = this.ready;
    return settings === undefined ? [] : validateFields(settings.schema, settings.fields, this.values).fieldErrors;
  }

  /** Checks every field and shows the errors. Returns whether the form may be sent. */
  validate(): boolean {
    if (this.ready === undefined) return false;
    const fieldErrors = this.currentErrors();
    this.showErrors(fieldErrors);
    return fieldErrors.length === 0;
  }

  /** Validates and sends, exactly as pressing the button does. Resolves when done. */
  async submit(): Promise<void> {
    const settings = this.ready;
    // A form that is not on the page has no outbox to send through.
    if (settings === undefined || this.delivery.phase === 'sending' || !this.isConnected) return;

    const submissionId = createSubmissionId();
    const attributed = this.attributionTracking.forLead(settings.source);
    const result = buildLeadPayload(settings.schema, settings.fields, this.values, {
      channelId: settings.channel === '' ? undefined : settings.channel,
      source: attributed.source,
      notesBlock: attributed.notesBlock,
      extraProperties:
        settings.submissionIdProperty === undefined
          ? attributed.properties
          : [...attributed.properties, { property_definitions_id: settings.submissionIdProperty, value: submissionId }],
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
    this.validation.clear();
    let captcha: CaptchaToken | undefined;
    if (settings.challenge.kind === 'captcha') {
      // Nothing is sent unverified: the visitor solves the check first (or is told why they cannot), and keeps their input.
      if (this.captcha.state === 'failed') {
        this.captcha.retry(settings.challenge, settings.challengeScript);
        await this.announceAlert(this.captchaUnavailableText());
        return;
      }
      captcha = this.captcha.take();
      if (captcha === undefined) {
        await this.announceAlert(this.captcha.state === 'ready' ? this.text.captchaIncomplete : this.text.captchaLoading);
        return;
      }
    }
    if (!this.dispatchEvent(new KeenSubmitEvent(result.payload))) return;

    this.alertText = '';
    this.statusText = this.text.sending;
    // Before the outbox has it, so even an instant delivery finds the report.
    this.leadAnalytics.expect({ formId: this.formId, submissionId, attribution: attributed.attribution });
    const outcome = await this.delivery.send(result.payload, submissionId, captcha);
    this.statusText = '';
    await this.showOutcome(outcome, settings);
  }

  private async showOutcome(outcome: SendOutcome, settings: ResolvedSettings): Promise<void> {
    switch (outcome.type) {
      case 'delivered':
        this.dispatchEvent(new KeenDeliveredEvent(outcome));
        this.leadAnalytics.onDelivered(outcome.submissionId);
        return this.showDelivered(outcome.lead, settings, true);
      case 'queued':
        // The lead is safe in the outbox now: the draft has served its purpose.
        this.drafts.clear();
        this.values = {};
        this.validation.clear();
        this.queuedReason = navigator.onLine === false ? 'queuedOffline' : 'queuedRetrying';
        this.dispatchEvent(new KeenQueuedEvent(outcome));
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[part="queued"]')?.focus();
        return;
      case 'unsaved':
        this.leadAnalytics.onFailed(outcome.submissionId);
        this.reportFailure(outcome.failure, this.text.outboxFull);
        this.dispatchEvent(new KeenErrorEvent(outcome.failure));
        return;
      case 'rejected':
        this.leadAnalytics.onFailed(outcome.submissionId);
        this.reportFailure(outcome.failure);
        this.dispatchEvent(new KeenErrorEvent(outcome.failure));
        return;
    }
  }

  /**
   * The thank-you replaces the form or the queued panel. It takes focus when
   * the visitor is still with the form (`takeFocus`: they just pressed Send,
   * or focus is still in the queued panel), never from elsewhere on the page.
   */
  private async showDelivered(lead: KeenLead | undefined, settings: ResolvedSettings, takeFocus: boolean): Promise<void> {
    this.drafts.clear();
    this.values = {};
    this.validation.clear();
    this.statusText = '';
    if (lead !== undefined) this.dispatchEvent(new KeenSuccessEvent(lead));
    const redirect = settings.redirect === undefined ? undefined : safeRedirectUrl(settings.redirect, document.baseURI);
    if (redirect !== undefined) {
      window.location.assign(redirect);
      return;
    }
    await this.updateComplete;
    if (takeFocus) this.renderRoot.querySelector<HTMLElement>('[part="success"]')?.focus();
  }

  /** A queued lead settled later, or an item from another form or an earlier visit did. */
  private onCourierEvent(event: CourierEvent, own: boolean): void {
    const settings = this.ready;
    if (event.type === 'delivered') {
      this.dispatchEvent(new KeenDeliveredEvent(event));
      // Any form's lead, also one queued on an earlier page view: reported once.
      this.leadAnalytics.onDelivered(event.submissionId);
      // A queued lead went through later: the thank-you replaces the queued
      // panel, and the (visually hidden) live region says it was sent.
      if (own && settings !== undefined) {
        const focused = this.matches(':focus-within');
        void this.showDelivered(event.lead, settings, focused).then(() => (this.statusText = this.text.delivered));
      }
    } else if (event.type === 'queued') {
      this.dispatchEvent(new KeenQueuedEvent(event));
    } else {
      this.leadAnalytics.onFailed(event.submissionId);
      if (own) {
        const failure = asSubmitFailure(event.failure);
        this.reportFailure(failure);
        this.dispatchEvent(new KeenErrorEvent(failure));
      }
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
    this.validation.clear();
    this.alertText = '';
    this.statusText = '';
    this.drafts.clear();
    this.delivery.clear();
  }

  private showErrors(fieldErrors: readonly FieldError[]): void {
    this.validation.showAll(fieldErrors, (this.settings?.fields ?? []).map((field) => field.id));
  }

  private reportFailure(failure: SubmitFailure, override?: string): void {
    const { text, ownerNote } = failureMessage(failure, this.text, this.settings?.channel);
    if (ownerNote !== undefined) console.error(ownerNote);
    void this.announceAlert(override ?? text);
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
    this.validation.input(fieldId);
    // Autofill can fill the form without a focus.
    this.delivery.prepareVerification();
  }

  private onFocusOut(event: FocusEvent): void {
    const fieldId = (event.target as FieldControlElement).dataset['fieldId'];
    if (fieldId === undefined) return;
    const value = this.values[fieldId];
    this.validation.focusOut(fieldId, value !== undefined && value !== '');
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
    const phase = this.delivery.phase;
    // The status region outlives every change of view, so what it says is
    // announced (a region that appears together with its text may not be).
    // Beside a panel it is read but not seen: the panel says it already.
    const besidePanel = this.ready !== undefined && (phase === 'queued' || phase === 'delivered');
    return html`${this.renderView()}
      <div part="status" class="status live${besidePanel ? ' visually-hidden' : ''}" role="status" lang=${this.localize.language}>${this.statusText}</div>`;
  }

  private renderView() {
    const settings = this.ready;
    const m = this.text;
    const language = this.localize.language;
    if (settings === undefined) {
      return configErrorView({ language, heading: m.misconfiguredHeading, problems: this.settings?.problems ?? [] });
    }
    const phase = this.delivery.phase;
    if (phase === 'queued') {
      return queuedView({ language, reason: m[this.queuedReason], note: this.delivery.persisted ? m.queuedNote : m.queuedNotSaved });
    }
    if (phase === 'delivered') {
      return successView({ language, message: settings.successMessage ?? m.success, sendAnother: m.sendAnother, onSendAnother: () => this.onSendAnother() });
    }
    const sending = phase === 'sending';
    const visible = settings.fields.filter((field) => !field.hidden);
    return formView({
      language,
      sending,
      legend: visible.some((field) => field.required) ? m.requiredLegend : undefined,
      fields: visible.map((field, index) => {
        const error = this.validation.errors.get(field.id);
        return fieldTemplate({
          field,
          id: `field-${index}`,
          label: this.labelOf(field),
          value: this.values[field.id] ?? field.defaultValue ?? '',
          error: error === undefined ? undefined : this.errorText(error),
          chooseLabel: m.choose,
        });
      }),
      alert: this.alertText,
      submitLabel: sending ? m.sending : m.submit,
      handlers: this.formHandlers,
    });
  }

  /** Bound once, so lit does not re-attach listeners on every render. */
  private readonly formHandlers = {
    submit: (event: SubmitEvent) => this.onSubmit(event),
    input: (event: Event) => this.onInput(event),
    focusOut: (event: FocusEvent) => this.onFocusOut(event),
    // Solving starts as the visitor starts, so it is done by the time they send.
    focusIn: () => this.delivery.prepareVerification(),
    pointerDown: () => this.validation.pointerDown(),
  };
}
