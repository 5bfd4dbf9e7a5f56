import { html, nothing, type TemplateResult } from 'lit';

/*
 * The element's panels as templates of plain values: the form, the
 * configuration problems, the queued lead and the thank-you. The element
 * decides which one shows and supplies the words; these only draw them.
 */

/** Shown instead of the form when the site owner's configuration has problems. */
export function configErrorView(view: { readonly language: string; readonly heading: string; readonly problems: readonly string[] }): TemplateResult {
  return html`<div class="config-error" role="alert" lang=${view.language}>
    <strong>${view.heading}</strong>
    <ul>
      ${view.problems.map((problem) => html`<li>${problem}</li>`)}
    </ul>
  </div>`;
}

/**
 * The lead waits in the outbox: not a success yet, so no thank-you and no
 * "Send another"; both sentences live in the panel, which takes focus so a
 * screen reader reads them.
 */
export function queuedView(view: {
  readonly language: string;
  readonly heading: string;
  readonly reason: string;
  readonly note: string;
  /** A captcha form: each attempt needs a fresh token, so the visitor is asked to solve the check again here. */
  readonly captchaNote?: string | undefined;
}): TemplateResult {
  return html`<div class="queued" part="queued" tabindex="-1" lang=${view.language}>
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" /></svg>
    <h2 part="panel-heading">${view.heading}</h2>
    <p>${view.reason}</p>
    <p>${view.note}</p>
    ${view.captchaNote === undefined ? nothing : html`<p>${view.captchaNote}</p><slot name="challenge"></slot>`}
  </div>`;
}

/** A tick, a heading and the message; the success slot replaces heading and message. */
export function successView(view: {
  readonly language: string;
  readonly heading: string;
  readonly message: string;
  readonly sendAnother: string;
  readonly onSendAnother: () => void;
}): TemplateResult {
  return html`<div class="success" part="success" tabindex="-1" lang=${view.language}>
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M5 12.5l4.5 4.5L19 7.5" /></svg>
    <slot name="success"><h2 part="panel-heading">${view.heading}</h2><p>${view.message}</p></slot>
    <button type="button" part="send-another" @click=${view.onSendAnother}>${view.sendAnother}</button>
  </div>`;
}

export interface FormViewHandlers {
  readonly submit: (event: SubmitEvent) => void;
  readonly input: (event: Event) => void;
  readonly focusOut: (event: FocusEvent) => void;
  /** The visitor starts on the form: time to prepare the spam check. */
  readonly focusIn: () => void;
  readonly pointerDown: () => void;
  /** The Back button of a multi-step form. */
  readonly back: () => void;
}

/** A multi-step form's step in view. */
export interface StepView {
  /** "Step 2 of 3". */
  readonly progress: string;
  readonly title: string | undefined;
  /** The Back button's text; `undefined` on the first step. */
  readonly backLabel: string | undefined;
  /** The last step's button sends; the others' go to the next step. */
  readonly last: boolean;
}

export function formView(view: {
  readonly language: string;
  readonly sending: boolean;
  /** "Fields marked * are required", when some are. */
  readonly legend: string | undefined;
  readonly fields: unknown;
  readonly alert: string;
  readonly submitLabel: string;
  readonly step?: StepView | undefined;
  readonly handlers: FormViewHandlers;
}): TemplateResult {
  const { handlers, step } = view;
  const button = html`<button part=${step === undefined || step.last ? 'submit' : 'next-button'} type="submit" aria-disabled=${view.sending ? 'true' : 'false'}>${view.submitLabel}</button>`;
  return html`<form
    lang=${view.language}
    part="form"
    novalidate
    aria-busy=${view.sending ? 'true' : 'false'}
    @submit=${handlers.submit}
    @input=${handlers.input}
    @change=${handlers.input}
    @focusout=${handlers.focusOut}
    @focusin=${handlers.focusIn}
    @pointerdown=${handlers.pointerDown}
  >
    <slot name="header"></slot>
    ${step === undefined
      ? nothing
      : html`<h3 part="step-title" class="step-title" tabindex="-1">
          <span part="step-progress" class="step-progress">${step.progress}</span>
          ${step.title === undefined || step.title === '' ? nothing : html`<span class="step-name">${step.title}</span>`}
        </h3>`}
    ${view.legend === undefined ? nothing : html`<p class="legend">${view.legend}</p>`}
    <div class="fields">${view.fields}</div>
    <div class="live" role="alert">${view.alert === '' ? nothing : html`<p class="alert" part="alert">${view.alert}</p>`}</div>
    ${step === undefined || step.last ? html`<slot name="challenge"></slot>` : nothing}
    ${step === undefined
      ? button
      : html`<div part="step-nav" class="step-nav">
          ${step.backLabel === undefined ? nothing : html`<button part="back-button" type="button" @click=${handlers.back}>${step.backLabel}</button>`}
          ${button}
        </div>`}
    <slot name="footer"></slot>
  </form>`;
}
