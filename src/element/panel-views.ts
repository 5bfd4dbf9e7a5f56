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
export function queuedView(view: { readonly language: string; readonly reason: string; readonly note: string }): TemplateResult {
  return html`<div class="queued" part="queued" tabindex="-1" lang=${view.language}>
    <p>${view.reason}</p>
    <p>${view.note}</p>
  </div>`;
}

export function successView(view: {
  readonly language: string;
  readonly message: string;
  readonly sendAnother: string;
  readonly onSendAnother: () => void;
}): TemplateResult {
  return html`<div class="success" part="success" tabindex="-1" lang=${view.language}>
    <slot name="success"><p>${view.message}</p></slot>
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
}

export function formView(view: {
  readonly language: string;
  readonly sending: boolean;
  /** "Fields marked * are required", when some are. */
  readonly legend: string | undefined;
  readonly fields: readonly TemplateResult[];
  readonly alert: string;
  readonly submitLabel: string;
  readonly handlers: FormViewHandlers;
}): TemplateResult {
  const { handlers } = view;
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
    ${view.legend === undefined ? nothing : html`<p class="legend">${view.legend}</p>`}
    <div class="fields">${view.fields}</div>
    <div class="live" role="alert">${view.alert === '' ? nothing : html`<p class="alert" part="alert">${view.alert}</p>`}</div>
    <slot name="challenge"></slot>
    <button part="submit" type="submit" aria-disabled=${view.sending ? 'true' : 'false'}>${view.submitLabel}</button>
    <slot name="footer"></slot>
  </form>`;
}
