import { css } from 'lit';

/*
 * Every colour is a --keen-* custom property. The defaults meet WCAG 2.2 AA
 * (text ≥ 4.5:1, borders and focus ring ≥ 3:1) in light and in dark, which is
 * why the form paints its own surface by default: a colour chosen for a dark
 * page is unreadable on a light one. `theme="inherit"` drops the surface and
 * takes the page's colours instead. Logical properties throughout, so
 * right-to-left pages just work.
 */
/** The dark palette (contrast on #111827 in the README), used twice below. */
const darkDefaults = css`
  color-scheme: dark;
  --_background: var(--keen-background, #111827);
  --_text: var(--keen-text, #f3f4f6);
  --_muted: var(--keen-muted, #d1d5db);
  --_accent: var(--keen-accent, #93c5fd);
  --_accent-text: var(--keen-accent-text, #111827);
  --_border: var(--keen-field-border, #9ca3af);
  --_field-background: var(--keen-field-background, #1f2937);
  --_error: var(--keen-error, #fca5a5);
  --_success: var(--keen-success, #86efac);
`;

export const keenLeadFormStyles = css`
  :host {
    display: block;
    position: relative;
    font: inherit;
    color-scheme: light;
    /* Light defaults (contrast on #ffffff in the README). */
    --_background: var(--keen-background, #ffffff);
    --_text: var(--keen-text, #1f2937);
    --_muted: var(--keen-muted, #4b5563);
    --_accent: var(--keen-accent, #1d4ed8);
    --_accent-text: var(--keen-accent-text, #ffffff);
    --_border: var(--keen-field-border, #6b7280);
    --_field-background: var(--keen-field-background, #ffffff);
    --_error: var(--keen-error, #b91c1c);
    --_success: var(--keen-success, #166534);
    --_focus: var(--keen-focus-ring, var(--_accent));
    --_radius: var(--keen-radius, 6px);
    --_spacing: var(--keen-spacing, 1rem);
    background: var(--_background);
    color: var(--_text);
    padding: var(--keen-padding, 1.25rem);
    border-radius: var(--keen-surface-radius, 8px);
  }
  /* Dark defaults, when the visitor prefers dark or the site asks for it. */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light']):not([theme='inherit'])) {
      ${darkDefaults}
    }
  }
  :host([theme='dark']) {
    ${darkDefaults}
  }
  /* The page's own colours: no surface, text and borders from the page. */
  :host([theme='inherit']) {
    color-scheme: inherit;
    --_background: var(--keen-background, transparent);
    --_text: var(--keen-text, inherit);
    --_muted: var(--keen-muted, currentColor);
    --_border: var(--keen-field-border, currentColor);
    --_field-background: var(--keen-field-background, transparent);
    padding: var(--keen-padding, 0);
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
    background: var(--_field-background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.75rem;
    min-block-size: 2.75rem;
    inline-size: 100%;
    max-inline-size: 100%;
  }
  ::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  input[type='checkbox'],
  input[type='radio'] {
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
  /* Radio and checkbox groups: a fieldset laid out like any field. */
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: 0.25rem;
  }
  .block,
  .step-title {
    margin: 0;
    flex: 1 1 100%;
  }
  .step-progress {
    display: block;
    font-size: 0.875em;
    font-weight: normal;
    color: var(--_muted);
  }
  .step-nav {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  /* Back is the secondary action: outlined, not filled. */
  [part='back-button'] {
    background: transparent;
    color: var(--_accent);
  }
  textarea {
    min-block-size: 6rem;
    resize: vertical;
  }
  :focus-visible {
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
    color: var(--_muted);
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
  /* Live regions stay rendered (a region that appears with its text is not
     reliably announced) but take no space while they have nothing to say,
     or while a panel already shows what they say. */
  .live:empty,
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .success,
  .queued {
    display: grid;
    gap: var(--_spacing);
    padding: var(--_spacing);
    border: 2px solid var(--_success);
    border-radius: var(--_radius);
  }
  /* Waiting is not success yet: a neutral border. */
  .queued {
    border-color: var(--_border);
  }
  .queued p {
    margin: 0;
  }
  .config-error {
    padding: 0.75rem 1rem;
    border: 2px dashed var(--_error);
    border-radius: var(--_radius);
    color: var(--_error);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .config-error ul {
    margin: 0.5rem 0 0;
    padding-inline-start: 1.25rem;
  }
  @media (prefers-reduced-motion: no-preference) {
    input,
    textarea,
    select,
    button {
      transition:
        border-color 120ms ease,
        outline-color 120ms ease;
    }
  }
  /* Windows high contrast and other forced colours: system colours only, and
     every boundary is a real border or outline so it survives. */
  @media (forced-colors: active) {
    input,
    textarea,
    select {
      border: 1px solid CanvasText;
    }
    [aria-invalid='true'] {
      border: 2px solid CanvasText;
    }
    button {
      border: 2px solid ButtonText;
    }
    :focus-visible {
      outline: 3px solid Highlight;
    }
    .alert,
    .success,
    .queued,
    .config-error {
      border-color: CanvasText;
    }
  }
`;
