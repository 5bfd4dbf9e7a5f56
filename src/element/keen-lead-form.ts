import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { DEFAULT_TIMEOUT_MS, type KeenLead, type SubmitFailure } from '../api/submit-lead.js';
import { fieldErrorText } from '../i18n/field-error-text.js';
import type { MessageOverrides } from '../i18n/overrides.js';
import type { FieldDefinition } from '../schema/fields.js';
import { splitNameList } from '../schema/fields.js';
import type { FieldInput, FormConfig, Theme } from '../schema/form-config.js';
import { buildLeadPayload, readChoices, validateFields, warmUpValidation, type FieldError, type FormValues } from '../schema/validate-lead-form.js';
import { shownLayout, type LayoutItem, type ShownLayout } from '../forms/form-layout.js';
import type { CourierEvent } from '../outbox/outbox-courier.js';
import type { OutboxItem } from '../outbox/outbox-store.js';
import { afterFirstPaint } from '../shared/after-first-paint.js';
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
  KeenSpamEvent,
  KeenSubmitEvent,
  KeenSuccessEvent,
} from './events.js';
import { failureMessage } from './failure-message.js';
import { CaptchaController, type CaptchaToken } from './challenge-captcha.js';
import { blockTemplate, fieldTemplate } from './field-template.js';
import { keenLeadFormStyles } from './keen-lead-form.styles.js';
import { resetCouriers } from './courier-registry.js';
import { asSubmitFailure, LeadDeliveryController, type SendOutcome } from './lead-delivery-controller.js';
import { LeadAnalyticsController } from './lead-analytics-controller.js';
import { LocalizeController } from './localize-controller.js';
import { configErrorView, formView, queuedView, successView } from './panel-views.js';
import { safeRedirectUrl } from './safe-redirect-url.js';
import { RelayFieldsController } from './relay-fields-controller.js';
import { ValidationTimingController } from './validation-timing-controller.js';
import { HtmlFirstController } from './html-first-controller.js';
import { ShowIfFocusController } from './show-if-controller.js';
import { StepsController } from './steps-controller.js';

/** Where the draft keeps the step in view; no field id looks like it. */
const STEP_DRAFT_KEY = '#step';
import { SpamGuardController } from './spam-guard-controller.js';
import { honeypotTemplate } from './spam-honeypot.js';
import { consentTemplate } from './consent-template.js';
import { recordConsents, type ConsentGiven } from '../spam/consent-record.js';
import { DEFAULT_MIN_TIME_MS } from '../spam/min-time.js';

type FieldControlElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The consent boxes' keys in the form's values; no field id can take them (fields are standard names or `property:…`). */
const CONSENT_IDS = ['consent', 'marketingConsent'] as const;

const nameListConverter = {
  fromAttribute: (value: string | null): string[] | undefined => (value === null ? undefined : splitNameList(value)),
};

/** A whole number stays a number; anything else stays the text it was, so a configuration problem can quote it. */
const wholeNumberConverter = {
  fromAttribute: (value: string | null): number | string | undefined => (value === null ? undefined : /^\d+$/.test(value) ? Number(value) : value),
};

/** Properties whose change means the configuration must be resolved again. */
/** How the visitor knows each captcha provider (to allow it in a blocker). */
const CAPTCHA_NAMES = { turnstile: 'Cloudflare Turnstile', hcaptcha: 'hCaptcha', friendlycaptcha: 'Friendly Captcha' } as const;

const CONFIG_KEYS: ReadonlySet<PropertyKey> = new Set([
  'channel', 'endpoint', 'fields', 'required', 'source', 'successMessage', 'redirect', 'relay', 'fieldsFrom', 'config', 'messages',
  'timeout', 'theme', 'draft', 'submissionIdProperty', 'minTime', 'consent', 'consentLink', 'consentVersion', 'marketingConsent',
  'challenge', 'challengeScript',
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
 * @attr min-time - Milliseconds from the form's first render (an HTML-first form's: the page's start) before a lead leaves (a faster send is queued and waits; never dropped), 0 to 60000. Defaults to 2500; 0 turns it off.
 * @attr consent - Adds a required consent box with this text (empty: the default wording in the visitor's language); the text, version and time are recorded with the lead.
 * @attr consent-link - The privacy policy the consent text links to.
 * @attr consent-version - The version of the policy, recorded with the consent, e.g. `2026-01`.
 * @attr marketing-consent - Adds an optional marketing consent box with this text (empty: the default wording); recorded only when ticked.
 * @attr theme - A colour scheme: `auto` (default: light or dark as the visitor prefers), `light`, `dark`, or `inherit` (the page's colours); a preset: `minimal`, `rounded` (a card surface) or `contrast`; or a preset and a scheme: `rounded dark`.
 * @attr draft - `on` (default) saves what the visitor types on this device until it is sent; `off` never does.
 * @attr submission-id-property - A property definition id of the channel: each lead carries its submission id there, so a rare duplicate (see "Reliability") can be recognised in Keen.
 * @attr relay - Set when `endpoint` is a relay that adds the channel id server-side (e.g. the WordPress plugin's), so the page need not publish it.
 * @attr fields-from - `relay`: take the fields from the relay's `?action=fields` (the channel's properties) when the page loads; the page's own fields show meanwhile and whenever the relay cannot answer. Needs `relay`.
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
 * @fires keen-spam - A send was taken for a bot's and dropped: the sender saw the normal thank-you, nothing was sent. `detail.reason`: `honeypot`.
 *
 * @slot header - Above the fields: a heading or an introduction.
 * @slot footer - Below the button: fine print, a privacy notice.
 * @slot challenge - Above the button: the captcha provider's widget, in a container the form adds itself when `challenge` names a provider.
 * @slot success - Replaces the built-in heading and success message (the tick and **Send another** stay).
 *
 * @csspart form - The `<form>`.
 * @csspart field - The wrapper of one label, control, help and error (for a radio or checkbox group: its `<fieldset>`).
 * @csspart label - A field's label (for a group: its `<legend>`).
 * @csspart input - A field's input, textarea or select (each radio button or checkbox of a group).
 * @csspart fieldset - The `<fieldset>` of a radio or checkbox group.
 * @csspart legend - The `<legend>` naming a radio or checkbox group.
 * @csspart block - A static heading or text block between fields.
 * @csspart step-title - A multi-step form's heading: progress and the step's title; takes focus on a step change.
 * @csspart step-progress - "Step 2 of 3", inside the step title.
 * @csspart step-nav - The row with the back and next (or send) buttons of a multi-step form.
 * @csspart back-button - Goes to the previous step.
 * @csspart next-button - Checks this step's fields and goes to the next step (on the last step the button is `submit`).
 * @csspart help - A field's help text.
 * @csspart error - A field's error message.
 * @csspart submit - The send button.
 * @csspart status - The live region with progress messages.
 * @csspart alert - The error summary and send failures.
 * @csspart success - The panel shown after success.
 * @csspart send-another - The button that starts a new lead after success.
 * @csspart queued - The panel shown while the lead waits in the outbox.
 * @csspart panel-heading - The heading of the success and queued panels.
 *
 * @cssprop [--keen-background=#ffffff] - The form's background (dark: #111827; `theme="inherit"`: transparent).
 * @cssprop [--keen-text=#1f2937] - Text colour (dark: #f3f4f6).
 * @cssprop [--keen-muted=#4b5563] - Help text, legend and placeholders (dark: #d1d5db).
 * @cssprop [--keen-accent=#1d4ed8] - Button, checked and focus colour (dark: #93c5fd).
 * @cssprop [--keen-accent-text=#ffffff] - Text on the accent colour (dark: #111827).
 * @cssprop [--keen-field-border=#878f99] - Field border colour (dark: #7c8594).
 * @cssprop [--keen-field-background=#ffffff] - Field background (dark: #1f2937).
 * @cssprop [--keen-error=#b91c1c] - Error text, mark and border colour (dark: #fca5a5).
 * @cssprop [--keen-success=#166534] - The success panel's tick (dark: #86efac).
 * @cssprop [--keen-focus-ring=var(--keen-accent)] - Focus outline colour.
 * @cssprop [--keen-radius=8px] - Corner radius of fields and buttons.
 * @cssprop [--keen-button-radius=var(--keen-radius)] - Corner radius of buttons (`rounded`: 999px, a pill).
 * @cssprop [--keen-border-width=1px] - Width of field borders (`contrast`: 2px).
 * @cssprop [--keen-label-weight=500] - Font weight of labels (`contrast`: 700).
 * @cssprop [--keen-spacing=1.125rem] - Space between fields.
 * @cssprop [--keen-padding=0] - Padding around the form (`rounded`: 1.5rem, a card).
 * @cssprop [--keen-surface-radius=0] - Corner radius of the form's background (`rounded`: 20px).
 * @cssprop [--keen-surface-shadow=none] - Shadow around the form (`rounded`: a soft card shadow).
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
    timeout: { converter: wholeNumberConverter },
    minTime: { converter: wholeNumberConverter, attribute: 'min-time' },
    consent: { type: String },
    consentLink: { type: String, attribute: 'consent-link' },
    consentVersion: { type: String, attribute: 'consent-version' },
    marketingConsent: { type: String, attribute: 'marketing-consent' },
    relay: { type: Boolean },
    fieldsFrom: { type: String, attribute: 'fields-from' },
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
  /** Milliseconds from the form's first render (an HTML-first form's: the page's start) before a lead leaves (0–60000); a faster send waits, queued. 0 turns it off. */
  declare minTime: number | string;
  /** A required consent box with this text; empty for the default wording. */
  declare consent: string | undefined;
  /** The privacy policy the consent text links to. */
  declare consentLink: string | undefined;
  /** The policy's version, recorded with the consent. */
  declare consentVersion: string | undefined;
  /** An optional marketing consent box with this text; empty for the default wording. */
  declare marketingConsent: string | undefined;
  /** Colour scheme (`auto`, `light`, `dark`, `inherit`), preset (`minimal`, `rounded`, `contrast`), or both: `rounded dark`. */
  declare theme: Theme | undefined;
  /** `off` never saves what the visitor types; `on` (default) keeps a draft on this device until it is sent. */
  declare draft: 'on' | 'off';
  /** A property definition id that receives each lead's submission id. */
  declare submissionIdProperty: string | undefined;
  /** `endpoint` is a relay that adds the channel id; `channel` may then be left out. */
  declare relay: boolean;
  /** `relay`: the fields come from the relay's `?action=fields`; the page's own are the fallback. */
  declare fieldsFrom: 'relay' | undefined;
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
      minTime: this.minTime,
      consent: this.consent,
      consentLink: this.consentLink,
      consentVersion: this.consentVersion,
      marketingConsent: this.marketingConsent,
      theme: this.theme,
      draft: this.draft,
      relay: this.relay,
      fieldsFrom: this.fieldsFrom,
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
    relayFields: this.relayFields.fields,
    required: this.required,
    config: this.config,
    messages: this.messages,
    page: readPageSettings(),
    pageUrl: location.href,
  }));
  private readonly relayFields = new RelayFieldsController(this);
  private readonly localize = new LocalizeController(this);
  private readonly validation = new ValidationTimingController(this, {
    errorOf: (fieldId) => this.currentErrors().find((error) => error.fieldId === fieldId),
  });
  private readonly captcha = new CaptchaController(
    this,
    () => void this.announceAlert(this.captchaUnavailableText()),
    () => this.onCaptchaSolved(),
  );
  private readonly delivery = new LeadDeliveryController(this, { courierEvent: (event, own) => this.onCourierEvent(event, own) });
  private readonly drafts = new DraftController(this);
  private readonly attributionTracking = new AttributionController(this);
  private readonly leadAnalytics = new LeadAnalyticsController(this, (report) => this.dispatchEvent(new KeenConversionEvent(report)));
  private readonly showIfFocus = new ShowIfFocusController(this);
  private readonly steps = new StepsController(this, {
    formId: () => this.formId,
    onHistoryStep: () => {
      this.saveDraft();
      void this.focusStepTitle(true);
    },
  });
  private readonly spamGuard = new SpamGuardController(this, () => this.htmlFirst.usableSince());
  // After the configuration and draft: the typed values are read once both are in force, in the first render's task.
  private readonly htmlFirst = new HtmlFirstController(this, {
    settings: () => this.settings,
    values: () => this.values,
    steps: this.steps,
    restore: (values) => this.restoreValues(values, true),
  });
  private restoredDraft = false;
  private shownCache: { readonly values: FormValues; readonly settings: ResolvedSettings; readonly shown: ShownLayout } | undefined;

  constructor() {
    super();
    this.timeout = DEFAULT_TIMEOUT_MS;
    this.minTime = DEFAULT_MIN_TIME_MS;
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
    const relayFieldsArrived = this.relayFields.takeChange();
    let reconfigured = this.configuration.refresh(relayFieldsArrived || [...changed.keys()].some((key) => CONFIG_KEYS.has(key)));
    // A fresh copy of the relay's fields in this tab shows in this very render.
    if (reconfigured && this.relayFields.follow(this.ready?.fieldsFrom === 'relay' ? this.ready.endpoint : undefined)) {
      reconfigured = this.configuration.refresh(true);
    }
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
    afterFirstPaint(() => warmUpValidation(settings.schema, settings.fields, settings.channel === ''));
    this.attributionTracking.configure(settings.attribution);
    this.leadAnalytics.analytics = settings.attribution.analytics;
    const location =
      settings.draft === 'off' ? undefined : { channel: settings.channel, endpoint: settings.endpoint, formId: this.formId };
    const draft = this.drafts.bind(location, this.notDrafted);
    const { [STEP_DRAFT_KEY]: step, ...restored } = draft ?? {};
    if (draft !== undefined && Object.keys(draft).length > 0 && this.delivery.phase === 'idle') {
      if (typeof step === 'string' && settings.layout.stepped) this.steps.index = Math.min(Number(step) || 0, settings.layout.steps.length - 1);
      this.restoreValues(restored, false);
      this.statusText = this.text.draftRestored;
      this.restoredDraft = true;
    }
  }

  /**
   * Values from elsewhere become the form's: a saved draft (what the form
   * already holds wins over it) or what the visitor typed into the HTML-first
   * form before the upgrade (`win`: it wins over the draft, and is saved as
   * the draft from now on).
   */
  private restoreValues(values: FormValues, win: boolean): void {
    this.values = win ? { ...this.values, ...values } : { ...values, ...this.values };
    if (win) this.saveDraft();
  }

  /** Tells this form's draft from another's on the same page: its id, else its place among the forms. */
  private get formId(): string {
    return this.id || `#${[...document.querySelectorAll('keen-lead-form')].indexOf(this)}`;
  }

  /** Field ids never written to a draft: hidden and sensitive ones, and consent, which is given when sending. */
  private get notDrafted(): ReadonlySet<string> {
    const fields = (this.settings?.fields ?? []).filter((field) => field.hidden || field.sensitive).map((field) => field.id);
    return new Set([...fields, ...CONSENT_IDS]);
  }

  /** The settings, when they have no problems and the form may be used. */
  private get ready(): ReadySettings | undefined {
    const settings = this.settings;
    return settings?.schema === undefined ? undefined : (settings as ReadySettings);
  }

  /** Which steps, fields and blocks show for the values now (computed once per change of values). */
  private shown(settings: ResolvedSettings): ShownLayout {
    const cache = this.shownCache;
    if (cache?.values === this.values && cache.settings === settings) return cache.shown;
    const shown = shownLayout(settings.layout, this.values);
    this.shownCache = { values: this.values, settings, shown };
    return shown;
  }

  /** The required consent box, unticked: after the fields, as it is drawn. */
  private consentErrors(settings: ResolvedSettings): FieldError[] {
    return settings.consent !== undefined && this.values['consent'] !== true ? [{ fieldId: 'consent', code: 'mustAccept' }] : [];
  }

  /** The consents ticked, with the exact words shown. */
  private consentsGiven(settings: ResolvedSettings): ConsentGiven[] {
    const { consent, marketingConsent } = settings;
    const given: ConsentGiven[] = [];
    if (consent !== undefined && this.values['consent'] === true) {
      given.push({ kind: 'privacy', text: consent.text ?? this.text.consentText, link: consent.link, version: consent.version, property: consent.property });
    }
    if (marketingConsent !== undefined && this.values['marketingConsent'] === true) {
      given.push({ kind: 'marketing', text: marketingConsent.text ?? this.text.marketingConsentText, property: marketingConsent.property });
    }
    return given;
  }

  /** The fields that count now: every field but those a show-if rule hides (those are neither checked nor sent). */
  private activeFields(settings: ResolvedSettings): readonly FieldDefinition[] {
    const { hiddenByRules } = this.shown(settings);
    return settings.fields.filter((field) => !hiddenByRules.has(field.id));
  }

  private currentErrors(): readonly FieldError[] {
    const settings = this.ready;
    return settings === undefined ? [] : [...validateFields(settings.schema, this.activeFields(settings), this.values).fieldErrors, ...this.consentErrors(settings)];
  }

  /** Checks every field shown (on every step) and shows the errors. Returns whether the form may be sent. */
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
    // Before validation: a bot learns nothing from error messages either.
    if (this.spamGuard.honeypotFilled()) return this.dropAsSpam(settings);

    const submissionId = createSubmissionId();
    const attributed = this.attributionTracking.forLead(settings.source);
    const consents = recordConsents(this.consentsGiven(settings), new Date());
    const result = buildLeadPayload(settings.schema, this.activeFields(settings), this.values, {
      channelId: settings.channel === '' ? undefined : settings.channel,
      source: attributed.source,
      notesBlock: [consents.notes, attributed.notesBlock].filter(Boolean).join('\n\n') || undefined,
      extraProperties: [
        ...consents.properties,
        ...attributed.properties,
        ...(settings.submissionIdProperty === undefined ? [] : [{ property_definitions_id: settings.submissionIdProperty, value: submissionId }]),
      ],
    });
    const consentErrors = this.consentErrors(settings);
    if (!result.ok || consentErrors.length > 0) {
      if (!result.ok && result.problems.length > 0) {
        console.error(`<keen-lead-form> built an invalid request:\n${result.problems.join('\n')}`);
        await this.announceAlert(this.text.failureMisconfigured);
        return;
      }
      const fieldErrors = [...(result.ok ? [] : result.fieldErrors), ...consentErrors];
      // On a multi-step form the first problem may be on an earlier step: show that one.
      const errorStep = this.stepOf(settings, fieldErrors[0]?.fieldId);
      if (errorStep !== undefined && errorStep !== this.steps.index) {
        this.steps.jump(errorStep);
        this.saveDraft();
      }
      this.showErrors(fieldErrors);
      this.dispatchEvent(
        new KeenInvalidEvent(fieldErrors.map((error) => ({ field: error.fieldId, code: error.code, message: this.errorText(error) }))),
      );
      await this.announceAlert(this.text.errorSummary(fieldErrors.length));
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
    const outcome = await this.delivery.send(result.payload, submissionId, this.spamGuard.earliestSend(settings.minTimeMs), captcha);
    this.statusText = '';
    await this.showOutcome(outcome, settings);
  }

  /** A filled honeypot: the normal thank-you, nothing sent or queued, and `keen-spam` for the site's counting. */
  private async dropAsSpam(settings: ResolvedSettings): Promise<void> {
    this.delivery.settleWithoutSending();
    this.dispatchEvent(new KeenSpamEvent('honeypot'));
    await this.showDelivered(undefined, settings, true);
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

  /** The step (layout index) holding a field, on a multi-step form. */
  private stepOf(settings: ResolvedSettings, fieldId: string | undefined): number | undefined {
    if (!settings.layout.stepped || fieldId === undefined) return undefined;
    // The consent boxes are drawn on the last step shown.
    if ((CONSENT_IDS as readonly string[]).includes(fieldId)) return this.steps.shownSteps(this.shown(settings)).at(-1);
    const index = settings.layout.steps.findIndex((step) => step.items.some((item) => 'field' in item && item.field.id === fieldId));
    return index < 0 ? undefined : index;
  }

  /**
   * Next: checks only the fields this step shows; with a problem, shows it
   * and focuses the first invalid control, else moves to the next shown step
   * and focuses its title (which reads "Step 2 of 3" and the step's name).
   */
  private async nextStep(settings: ReadySettings): Promise<void> {
    const shown = this.shown(settings);
    const current = this.steps.current(shown);
    const stepFields = (shown.steps[current] ?? []).flatMap((item) => ('field' in item ? [item.field] : []));
    const { fieldErrors } = validateFields(settings.schema, stepFields, this.values);
    this.showErrors(fieldErrors, stepFields.map((field) => field.id));
    if (fieldErrors.length > 0) {
      await this.announceAlert(this.text.errorSummary(fieldErrors.length));
      await this.focusFirstInvalid();
      return;
    }
    this.alertText = '';
    const next = this.steps.shownSteps(shown).find((index) => index > current);
    if (next === undefined) return;
    this.steps.forward(next);
    this.saveDraft();
    await this.focusStepTitle(false);
  }

  private async previousStep(settings: ReadySettings): Promise<void> {
    const shown = this.shown(settings);
    const current = this.steps.current(shown);
    const previous = this.steps.shownSteps(shown).filter((index) => index < current).at(-1);
    if (previous === undefined) return;
    this.alertText = '';
    this.steps.back(previous);
    this.saveDraft();
    await this.focusStepTitle(false);
  }

  /** After a step change: the title takes focus (from the browser's back button only when focus was not elsewhere on the page). */
  private async focusStepTitle(fromHistory: boolean): Promise<void> {
    const active = document.activeElement;
    await this.updateComplete;
    if (fromHistory && active !== this && active !== document.body && active !== null) return;
    this.renderRoot.querySelector<HTMLElement>('[part="step-title"]')?.focus();
  }

  /** Saves the values (and, past a multi-step form's first step, the step in view) as the draft. */
  private saveDraft(): void {
    // Step 0 is the default: left out, so a form emptied again leaves no draft behind.
    const step = this.settings?.layout.stepped === true && this.steps.index > 0 ? String(this.steps.index) : undefined;
    this.drafts.save({ ...this.values, [STEP_DRAFT_KEY]: step }, this.notDrafted);
  }

  /**
   * Solved while this form's lead waits in the outbox (its token went with
   * the attempt that failed): the fresh token sends it now. Without this a
   * captcha lead could wait forever, since only the visitor can make a token.
   */
  private onCaptchaSolved(): void {
    if (this.delivery.phase !== 'queued') return;
    const token = this.captcha.take();
    if (token !== undefined) void this.delivery.retryWithCaptcha(token);
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

  /** Empties the form and shows it again (on its first step), ready for another lead. */
  reset(): void {
    this.values = {};
    this.steps.index = 0;
    this.validation.clear();
    this.alertText = '';
    this.statusText = '';
    this.drafts.clear();
    this.delivery.clear();
  }

  private showErrors(
    fieldErrors: readonly FieldError[],
    fieldIds: readonly string[] = [...(this.settings?.fields ?? []).map((field) => field.id), ...CONSENT_IDS],
  ): void {
    this.validation.showAll(fieldErrors, fieldIds);
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
    const choice = control.dataset['choice'];
    const value =
      choice !== undefined
        ? this.toggleChoice(fieldId, choice, (control as HTMLInputElement).checked)
        : control instanceof HTMLInputElement && control.type === 'checkbox'
          ? control.checked
          : control.value;
    this.values = { ...this.values, [fieldId]: value };
    this.showIfFocus.changedFieldId = fieldId;
    this.saveDraft();
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

  /** A checkbox group's value (a JSON array, in the options' order) with one choice ticked or unticked. */
  private toggleChoice(fieldId: string, choice: string, ticked: boolean): string {
    const field = this.settings?.fields.find((candidate) => candidate.id === fieldId);
    const chosen = new Set(readChoices(this.values[fieldId] ?? field?.defaultValue) ?? []);
    if (ticked) chosen.add(choice);
    else chosen.delete(choice);
    return JSON.stringify((field?.options ?? []).map((option) => option.value).filter((value) => chosen.has(value)));
  }

  /** Enter in a field or the button: on a step before the last, that is Next, never a premature send. */
  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const settings = this.ready;
    if (settings?.layout.stepped === true && !this.onLastStep(settings)) {
      void this.nextStep(settings);
      return;
    }
    void this.submit();
  }

  private onLastStep(settings: ResolvedSettings): boolean {
    const shown = this.shown(settings);
    return this.steps.current(shown) === this.steps.shownSteps(shown).at(-1);
  }

  private async onSendAnother(): Promise<void> {
    this.reset();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }

  private errorText(error: FieldError): string {
    return fieldErrorText(error, this.text, this.settings?.fields ?? [], this.localize.language);
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
      return queuedView({
        language,
        heading: m.queuedHeading,
        reason: m[this.queuedReason],
        note: this.delivery.persisted ? m.queuedNote : m.queuedNotSaved,
        captchaNote: settings.challenge.kind === 'captcha' ? m.captchaQueued : undefined,
      });
    }
    if (phase === 'delivered') {
      return successView({ language, heading: m.successHeading, message: settings.successMessage ?? m.success, sendAnother: m.sendAnother, onSendAnother: () => this.onSendAnother() });
    }
    const sending = phase === 'sending';
    const shown = this.shown(settings);
    const current = this.steps.current(shown);
    const items = settings.layout.stepped ? (shown.steps[current] ?? []) : shown.steps.flatMap((step) => step ?? []);
    const shownSteps = this.steps.shownSteps(shown);
    const position = shownSteps.indexOf(current);
    const last = position === shownSteps.length - 1;
    return formView({
      language,
      sending,
      legend:
        items.some((item) => 'field' in item && item.field.required) || (last && settings.consent !== undefined) ? m.requiredLegend : undefined,
      fields: [
        // Keyed, so a field a rule hides or shows never hands its DOM (and focus) to another.
        repeat(
          items,
          (item) => ('field' in item ? item.field.id : item.block.key),
          (item) => this.itemTemplate(settings, item),
        ),
        // Consent is given where the lead is sent: on the last step.
        ...(last ? this.consentViews(settings) : []),
        honeypotTemplate(),
      ],
      alert: this.alertText,
      submitLabel: sending ? m.sending : last ? m.submit : m.next,
      step: settings.layout.stepped
        ? {
            progress: m.stepProgress(position + 1, shownSteps.length),
            title: settings.layout.steps[current]?.title,
            backLabel: position > 0 ? m.back : undefined,
            last,
          }
        : undefined,
      handlers: this.formHandlers,
    });
  }

  private itemTemplate(settings: ResolvedSettings, item: LayoutItem) {
    if ('block' in item) return blockTemplate(item.block);
    const { field } = item;
    const error = this.validation.errors.get(field.id);
    return fieldTemplate({
      field,
      // By the field's place in the configuration: stable while rules and steps change what shows.
      id: `field-${settings.fields.indexOf(field)}`,
      label: this.labelOf(field),
      value: this.values[field.id] ?? field.defaultValue ?? '',
      error: error === undefined ? undefined : this.errorText(error),
      chooseLabel: this.text.choose,
    });
  }

  /** The consent boxes after the fields, when the form asks for consent. */
  private consentViews(settings: ResolvedSettings): TemplateResult[] {
    const m = this.text;
    const { consent, marketingConsent } = settings;
    const views: TemplateResult[] = [];
    if (consent !== undefined) {
      const error = this.validation.errors.get('consent');
      views.push(
        consentTemplate({
          id: 'consent',
          fieldId: 'consent',
          text: consent.text ?? m.consentText,
          link: consent.link,
          linkText: consent.linkText ?? m.consentLinkText,
          checked: this.values['consent'] === true,
          required: true,
          error: error === undefined ? undefined : this.errorText(error),
        }),
      );
    }
    if (marketingConsent !== undefined) {
      views.push(
        consentTemplate({
          id: 'marketing-consent',
          fieldId: 'marketingConsent',
          text: marketingConsent.text ?? m.marketingConsentText,
          link: undefined,
          linkText: '',
          checked: this.values['marketingConsent'] === true,
          required: false,
          error: undefined,
        }),
      );
    }
    return views;
  }

  /** Bound once, so lit does not re-attach listeners on every render. */
  private readonly formHandlers = {
    submit: (event: SubmitEvent) => this.onSubmit(event),
    input: (event: Event) => this.onInput(event),
    focusOut: (event: FocusEvent) => this.onFocusOut(event),
    // Solving starts as the visitor starts, so it is done by the time they send.
    focusIn: () => this.delivery.prepareVerification(),
    pointerDown: () => this.validation.pointerDown(),
    back: () => {
      const settings = this.ready;
      if (settings !== undefined) void this.previousStep(settings);
    },
  };
}
