import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { DEFAULT_ENDPOINT, DEFAULT_TIMEOUT_MS, type SubmitFailure } from '../api/submit-lead.js';
import { en, type Messages } from '../i18n/en.js';
import {
  DEFAULT_FIELD_NAMES,
  DEFAULT_REQUIRED_NAMES,
  STANDARD_FIELDS,
  isStandardFieldName,
  splitNameList,
  standardField,
  type FieldDefinition,
} from '../schema/fields.js';
import {
  buildLeadPayload,
  createLeadFormSchema,
  validateFields,
  type FieldError,
  type FormValues,
  type LeadFormSchema,
} from '../schema/validate-lead-form.js';
import { KeenErrorEvent, KeenSubmitEvent, KeenSuccessEvent } from './events.js';
import { keenLeadFormStyles } from './keen-lead-form.styles.js';
import { LeadSubmissionController } from './lead-submission-controller.js';

type FieldControlElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

interface ResolvedConfig {
  readonly fields: readonly FieldDefinition[];
  readonly schema: LeadFormSchema | undefined;
  /** Problems a site owner must fix; shown in place of the form. */
  readonly problems: readonly string[];
}

const nameListConverter = {
  fromAttribute: (value: string | null): string[] | undefined => (value === null ? undefined : splitNameList(value)),
  toAttribute: (value: readonly string[] | undefined): string | null => (value === undefined ? null : value.join(' ')),
};

/**
 * A lead-capture form that sends what a visitor types straight into Keen.
 *
 * @summary Drop-in lead form for Keen, the partner/referral CRM.
 *
 * @attr channel - The Keen channel id or public uuid the lead belongs to.
 * @attr endpoint - Keen's API URL. Defaults to `https://data.keenpartner.com/functions/v1/keen-api`.
 * @attr fields - Standard fields to show, space- or comma-separated.
 * @attr required - Which of the fields must be filled in.
 * @attr source - Sent as the lead's `source`. Defaults to `Website`.
 * @attr success-message - Text shown after a lead was stored.
 * @attr timeout - Milliseconds to wait for Keen before giving up on one attempt.
 *
 * @fires keen-submit - Before sending; cancelable; `detail` is the payload.
 * @fires keen-success - Keen stored the lead; `detail.lead` is what it stored.
 * @fires keen-error - Sending failed; `detail` is the failure (`kind`, `status`, `message`, `retryable`).
 *
 * @slot header - Above the fields: a heading or an introduction.
 * @slot footer - Below the button: fine print, privacy notice.
 * @slot success - Replaces the built-in success message.
 *
 * @csspart form - The `<form>`.
 * @csspart field - The wrapper of one label, control, help and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input, textarea or select.
 * @csspart help - A field's help text.
 * @csspart error - A field's error message.
 * @csspart submit - The send button.
 * @csspart status - The live region with sending/success/failure messages.
 *
 * @cssprop [--keen-accent=#1d4ed8] - Button and focus colour.
 * @cssprop [--keen-accent-text=#ffffff] - Text on the accent colour.
 * @cssprop [--keen-radius=6px] - Corner radius of fields and button.
 * @cssprop [--keen-spacing=1rem] - Space between fields.
 * @cssprop [--keen-field-border=#6b7280] - Field border colour.
 * @cssprop [--keen-field-background=transparent] - Field background.
 * @cssprop [--keen-error=#b91c1c] - Error text and border colour.
 * @cssprop [--keen-success=#166534] - Border of the success message.
 * @cssprop [--keen-focus-ring=var(--keen-accent)] - Focus outline colour.
 */
export class KeenLeadForm extends LitElement {
  static override styles = keenLeadFormStyles;

  static override properties = {
    channel: { type: String },
    endpoint: { type: String },
    fields: { converter: nameListConverter },
    required: { converter: nameListConverter },
    source: { type: String },
    successMessage: { type: String, attribute: 'success-message' },
    timeout: { type: Number },
    values: { state: true },
    errors: { state: true },
    alertText: { state: true },
    statusText: { state: true },
  };

  /** The Keen channel id or public uuid. */
  declare channel: string;
  /** Keen's API URL. */
  declare endpoint: string;
  /** Standard field names to show, in order. */
  declare fields: readonly string[] | undefined;
  /** Names of the fields a visitor must fill in. */
  declare required: readonly string[] | undefined;
  /** Sent as the lead's `source`. */
  declare source: string;
  /** Shown after a lead was stored; defaults to a localised thank-you. */
  declare successMessage: string | undefined;
  /** Milliseconds to wait for Keen per attempt. */
  declare timeout: number;

  declare private values: FormValues;
  declare private errors: ReadonlyMap<string, FieldError>;
  declare private alertText: string;
  declare private statusText: string;

  private readonly submission = new LeadSubmissionController(this);
  private readonly touched = new Set<string>();
  private config: ResolvedConfig = { fields: [], schema: undefined, problems: [] };
  private readonly messages: Messages = en;

  constructor() {
    super();
    this.channel = '';
    this.endpoint = DEFAULT_ENDPOINT;
    this.fields = undefined;
    this.required = undefined;
    this.source = 'Website';
    this.successMessage = undefined;
    this.timeout = DEFAULT_TIMEOUT_MS;
    this.values = {};
    this.errors = new Map();
    this.alertText = '';
    this.statusText = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('fields') || changed.has('required') || changed.has('channel') || !this.hasUpdated) {
      this.config = this.resolveConfig();
      for (const problem of this.config.problems) console.error(`<keen-lead-form>: ${problem}`);
    }
  }

  private resolveConfig(): ResolvedConfig {
    const problems: string[] = [];
    const names = this.fields ?? DEFAULT_FIELD_NAMES;
    const requiredNames = new Set(this.required ?? DEFAULT_REQUIRED_NAMES);
    const known = Object.keys(STANDARD_FIELDS).join(', ');
    for (const name of [...names, ...requiredNames]) {
      if (!isStandardFieldName(name)) problems.push(`unknown field "${name}". Known fields: ${known}.`);
    }
    for (const name of requiredNames) {
      if (isStandardFieldName(name) && !names.includes(name)) {
        problems.push(`"${name}" is required but not in fields.`);
      }
    }
    if (this.channel.trim() === '') problems.push('the channel attribute is missing: set it to your Keen channel id.');
    if (problems.length > 0) return { fields: [], schema: undefined, problems };

    const fields = names.filter(isStandardFieldName).map((name) => standardField(name, requiredNames.has(name)));
    return { fields, schema: createLeadFormSchema(fields), problems };
  }

  /** Checks every field, shows the errors, and says whether the form may be sent. */
  validate(): boolean {
    const { schema, fields } = this.config;
    if (schema === undefined) return false;
    const { fieldErrors } = validateFields(schema, fields, this.values);
    for (const field of fields) this.touched.add(field.id);
    this.errors = new Map(fieldErrors.map((error) => [error.fieldId, error]));
    return fieldErrors.length === 0;
  }

  /** Validates and sends, exactly as pressing the button does. */
  async submit(): Promise<void> {
    const { schema, fields } = this.config;
    if (schema === undefined || this.submission.isSending) return;

    const result = buildLeadPayload(schema, fields, this.values, {
      channelId: this.channel.trim(),
      source: this.source,
    });
    if (!result.ok) {
      for (const field of fields) this.touched.add(field.id);
      this.errors = new Map(result.fieldErrors.map((error) => [error.fieldId, error]));
      for (const problem of result.problems) console.error(`<keen-lead-form>: ${problem}`);
      await this.announceAlert(this.messages.errorSummary(result.fieldErrors.length));
      await this.focusFirstInvalid();
      return;
    }
    this.errors = new Map();
    if (!this.dispatchEvent(new KeenSubmitEvent(result.payload))) return;

    this.alertText = '';
    this.statusText = this.messages.sending;
    const outcome = await this.submission.send(result.payload, { endpoint: this.endpoint, timeoutMs: this.timeout });
    this.statusText = '';
    if (outcome.ok) {
      this.values = {};
      this.touched.clear();
      this.dispatchEvent(new KeenSuccessEvent(outcome.lead));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.success')?.focus();
    } else {
      this.reportFailure(outcome);
      this.dispatchEvent(new KeenErrorEvent(outcome));
    }
  }

  /** Empties the form and shows it again, ready for another lead. */
  reset(): void {
    this.values = {};
    this.errors = new Map();
    this.touched.clear();
    this.alertText = '';
    this.statusText = '';
    this.submission.clear();
  }

  private reportFailure(failure: SubmitFailure): void {
    const m = this.messages;
    let text: string;
    if (failure.status === 403 || failure.status === 404) {
      console.error(
        `<keen-lead-form>: Keen refused channel "${this.channel}" (${failure.status}: ${failure.message}). ` +
          'Check the channel id and that its public API (no_auth_api) is switched on.',
      );
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

  /** Sets the alert text so that assistive technology announces it even when it repeats. */
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

  private readValue(control: FieldControlElement): string | boolean {
    return control instanceof HTMLInputElement && control.type === 'checkbox' ? control.checked : control.value;
  }

  private onInput(event: Event): void {
    const control = event.target as FieldControlElement;
    const fieldId = control.dataset['fieldId'];
    if (fieldId === undefined) return;
    this.values = { ...this.values, [fieldId]: this.readValue(control) };
    // Errors clear as soon as the value is fixed, but new ones wait for blur.
    if (this.errors.has(fieldId)) this.revalidateField(fieldId, { showNew: false });
  }

  private onFocusOut(event: FocusEvent): void {
    const control = event.target as FieldControlElement;
    const fieldId = control.dataset['fieldId'];
    if (fieldId === undefined) return;
    const value = this.values[fieldId];
    // Tabbing through an untouched empty field is not a mistake yet.
    if (value !== undefined && value !== '') this.touched.add(fieldId);
    if (this.touched.has(fieldId)) this.revalidateField(fieldId, { showNew: true });
  }

  private revalidateField(fieldId: string, { showNew }: { showNew: boolean }): void {
    const { schema, fields } = this.config;
    if (schema === undefined) return;
    const error = validateFields(schema, fields, this.values).fieldErrors.find((e) => e.fieldId === fieldId);
    const errors = new Map(this.errors);
    if (error === undefined) errors.delete(fieldId);
    else if (showNew || errors.has(fieldId)) errors.set(fieldId, error);
    this.errors = errors;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  private onSendAnother(): void {
    this.reset();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('input, textarea, select')?.focus());
  }

  private errorText(field: FieldDefinition, error: FieldError): string {
    const m = this.messages;
    switch (error.code) {
      case 'tooShort':
      case 'tooLong':
      case 'tooSmall':
      case 'tooBig':
        return m[error.code](error.limit ?? 0);
      case 'pattern':
        return field.patternMessage ?? m.pattern;
      default:
        return m[error.code];
    }
  }

  private labelOf(field: FieldDefinition): string {
    if (field.label !== undefined) return field.label;
    return field.target.kind === 'standard' ? this.messages[field.target.name] : field.id;
  }

  private renderControl(field: FieldDefinition, id: string, describedBy: string, error: FieldError | undefined) {
    const value = this.values[field.id] ?? field.defaultValue ?? '';
    const common = {
      invalid: error === undefined ? 'false' : 'true',
      describedBy: describedBy === '' ? nothing : describedBy,
    };
    if (field.control === 'textarea') {
      return html`<textarea
        id=${id}
        part="input"
        name=${field.id}
        data-field-id=${field.id}
        autocomplete=${field.autocomplete}
        maxlength=${field.maxLength ?? nothing}
        placeholder=${field.placeholder ?? nothing}
        ?required=${field.required}
        aria-invalid=${common.invalid}
        aria-describedby=${common.describedBy}
        .value=${live(String(value))}
      ></textarea>`;
    }
    return html`<input
      id=${id}
      part="input"
      name=${field.id}
      data-field-id=${field.id}
      type=${field.control}
      inputmode=${field.inputMode ?? nothing}
      autocomplete=${field.autocomplete}
      maxlength=${field.maxLength ?? nothing}
      placeholder=${field.placeholder ?? nothing}
      ?required=${field.required}
      aria-invalid=${common.invalid}
      aria-describedby=${common.describedBy}
      .value=${live(String(value))}
    />`;
  }

  private renderField(field: FieldDefinition, index: number): TemplateResult | typeof nothing {
    if (field.hidden) return nothing;
    const id = `field-${index}`;
    const error = this.errors.get(field.id);
    const describedBy = [field.help === undefined ? '' : `${id}-help`, error === undefined ? '' : `${id}-error`]
      .filter(Boolean)
      .join(' ');
    return html`<div part="field" class="field ${field.width}">
      <label part="label" for=${id}
        >${this.labelOf(field)}${field.required
          ? html`<span class="required-marker" aria-hidden="true">*</span>`
          : nothing}</label
      >
      ${this.renderControl(field, id, describedBy, error)}
      ${field.help === undefined ? nothing : html`<p part="help" class="help" id="${id}-help">${field.help}</p>`}
      <p part="error" class="error" id="${id}-error">${error === undefined ? '' : this.errorText(field, error)}</p>
    </div>`;
  }

  protected override render() {
    const { fields, problems } = this.config;
    if (problems.length > 0) {
      return html`<div class="config-error" role="alert">
        keen-lead-form is not set up correctly: ${problems.map((problem) => html`\n• ${problem}`)}
      </div>`;
    }
    const m = this.messages;
    if (this.submission.status === 'succeeded') {
      return html`<div class="success" part="success" tabindex="-1">
        <slot name="success"><p>${this.successMessage ?? m.success}</p></slot>
        <button type="button" part="send-another" @click=${this.onSendAnother}>${m.sendAnother}</button>
      </div>`;
    }
    const sending = this.submission.status === 'sending';
    const anyRequired = fields.some((field) => field.required && !field.hidden);
    return html`<form
      part="form"
      novalidate
      aria-busy=${sending ? 'true' : 'false'}
      @submit=${this.onSubmit}
      @input=${this.onInput}
      @change=${this.onInput}
      @focusout=${this.onFocusOut}
    >
      <slot name="header"></slot>
      ${anyRequired ? html`<p class="legend">${m.requiredLegend}</p>` : nothing}
      <div class="fields">${fields.map((field, index) => this.renderField(field, index))}</div>
      <div role="alert">${this.alertText === '' ? nothing : html`<p class="alert">${this.alertText}</p>`}</div>
      <button part="submit" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
        ${sending ? m.sending : m.submit}
      </button>
      <div part="status" class="status" role="status">${this.statusText}</div>
      <slot name="footer"></slot>
    </form>`;
  }
}
