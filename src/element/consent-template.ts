import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

/*
 * A consent box: a checkbox with the site owner's text, part of which links
 * to their policy, drawn and linked for assistive technology like any other
 * field (label, error by `aria-describedby`, `aria-invalid`).
 */

export interface ConsentView {
  /** Unique within the shadow root. */
  readonly id: string;
  /** The key of its value in the form's values: `consent` or `marketingConsent`. */
  readonly fieldId: string;
  /** What the visitor agrees to, exactly as recorded with the lead. */
  readonly text: string;
  readonly link: string | undefined;
  /** The part of `text` that links to `link`. */
  readonly linkText: string;
  readonly checked: boolean;
  readonly required: boolean;
  readonly error: string | undefined;
}

/**
 * A new tab, so the policy never replaces a form with the visitor's input.
 * The link's text is part of the label when `text` contains it; otherwise
 * the link follows the label, so the label's text stays exactly `text`.
 */
function linkTemplate(link: string, text: string): TemplateResult {
  return html`<a href=${link} target="_blank" rel="noopener">${text}</a>`;
}

export function consentTemplate(view: ConsentView): TemplateResult {
  const { id, text, link, linkText, error } = view;
  const at = link === undefined || linkText === '' ? -1 : text.indexOf(linkText);
  const words =
    link !== undefined && at >= 0 ? html`${text.slice(0, at)}${linkTemplate(link, linkText)}${text.slice(at + linkText.length)}` : text;
  const marker = view.required ? html`<span class="required-marker" aria-hidden="true">*</span>` : nothing;
  return html`<div part="field consent" class="field full checkbox">
    <div class="checkbox-row">
      <input
        id=${id}
        part="input"
        name=${view.fieldId}
        data-field-id=${view.fieldId}
        type="checkbox"
        ?required=${view.required}
        aria-invalid=${error === undefined ? 'false' : 'true'}
        aria-describedby=${error === undefined ? nothing : `${id}-error`}
        .checked=${live(view.checked)}
      />
      <label part="label" for=${id}>${words}${marker}</label>
    </div>
    ${link !== undefined && at < 0 ? html`<p class="help">${linkTemplate(link, linkText)}</p>` : nothing}
    <p part="error" class="error" id="${id}-error">${error ?? ''}</p>
  </div>`;
}
