import { css } from 'lit';

/*
 * Inherits the page's font and text colour; everything else is a --keen-*
 * custom property with a default that meets WCAG AA contrast on white.
 * Logical properties throughout so right-to-left pages just work.
 */
export const keenLeadFormStyles = css`
  :host {
    display: block;
    font: inherit;
    color: inherit;
    --_accent: var(--keen-accent, #1d4ed8);
    --_accent-text: var(--keen-accent-text, #ffffff);
    --_radius: var(--keen-radius, 6px);
    --_spacing: var(--keen-spacing, 1rem);
    --_border: var(--keen-field-border, #6b7280);
    --_field-bg: var(--keen-field-background, transparent);
    --_error: var(--keen-error, #b91c1c);
    --_success: var(--keen-success, #166534);
    --_muted: var(--keen-muted, currentColor);
    --_focus: var(--keen-focus-ring, var(--_accent));
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  form {
    display: grid;
    gap: var(--_spacing);
    margin: 0;
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_spacing);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    flex: 1 1 100%;
    min-inline-size: 0;
  }
  .field.half {
    /* Two per row when there is room, one per row on narrow screens. */
    flex: 1 1 calc(50% - var(--_spacing));
    min-inline-size: min(12rem, 100%);
  }
  label {
    font-weight: 600;
  }
  .required-marker {
    color: var(--_error);
    margin-inline-start: 0.15em;
  }
  input,
  textarea,
  select {
    font: inherit;
    color: inherit;
    background: var(--_field-bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.75rem;
    min-block-size: 2.5rem;
    inline-size: 100%;
  }
  input[type='checkbox'] {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    min-block-size: 0;
    margin: 0;
    padding: 0;
    accent-color: var(--_accent);
    flex: none;
  }
  .checkbox-row {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .checkbox-row label {
    font-weight: normal;
  }
  textarea {
    min-block-size: 6rem;
    resize: vertical;
  }
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible,
  button:focus-visible,
  .success:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }
  .help {
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .error {
    margin: 0;
    font-size: 0.875em;
    color: var(--_error);
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  .legend {
    margin: 0;
    font-size: 0.875em;
  }
  button {
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    border-radius: var(--_radius);
    padding: 0.6rem 1.25rem;
    min-block-size: 2.75rem;
    min-inline-size: 6rem;
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    justify-self: start;
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  .alert {
    margin: 0;
    padding: 0.75rem 1rem;
    border: 2px solid var(--_error);
    border-radius: var(--_radius);
    color: var(--_error);
    font-weight: 600;
  }
  .status {
    margin: 0;
  }
  .success {
    display: grid;
    gap: var(--_spacing);
    padding: var(--_spacing);
    border: 2px solid var(--_success);
    border-radius: var(--_radius);
  }
  .config-error ul {
    margin: 0.5rem 0 0;
    padding-inline-start: 1.25rem;
  }
  .config-error {
    padding: 0.75rem 1rem;
    border: 2px dashed var(--_error);
    border-radius: var(--_radius);
    color: var(--_error);
    font-size: 0.875em;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: no-preference) {
    input,
    textarea,
    select,
    button {
      transition: border-color 120ms ease, box-shadow 120ms ease;
    }
  }
`;
