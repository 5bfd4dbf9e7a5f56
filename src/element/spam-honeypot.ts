import { html, type TemplateResult } from 'lit';
import { HONEYPOT_NAME } from '../spam/honeypot.js';

/*
 * The honeypot's markup. Out of sight without `display: none` (which naive
 * bots check), out of reach for people: `inert` takes it out of focus,
 * clicks and the accessibility tree, `aria-hidden` does the latter for
 * engines without `inert`, `tabindex="-1"` keeps it out of the tab order.
 * Password managers are asked to skip it by their own attributes. No label:
 * nobody reads it, and autofill heuristics would only have more to match.
 */
export function honeypotTemplate(): TemplateResult {
  return html`<div class="visually-hidden" aria-hidden="true" inert>
    <input
      name=${HONEYPOT_NAME}
      type="text"
      tabindex="-1"
      autocomplete="off"
      data-1p-ignore
      data-lpignore="true"
      data-bwignore
      data-form-type="other"
    />
  </div>`;
}
