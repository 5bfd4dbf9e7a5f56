import { css } from 'lit';

/*
 * Every colour is a --keen-* custom property over a private --_* one. The
 * defaults meet WCAG 2.2 AA (text ≥ 4.5:1, borders and focus ring ≥ 3:1) in
 * light and in dark, which is why the form paints its own background: a
 * colour chosen for a dark page is unreadable on a light one. It adds no
 * padding of its own (it lines up with the page's content) unless a theme
 * asks for a surface (`rounded`, or --keen-padding). `theme="inherit"`
 * takes the page's colours instead.
 *
 * `theme` is a colour scheme, a preset, or a preset then a scheme
 * (`rounded dark`), so every rule matches one word of it (`~=`). A preset is
 * only private values: the site's own --keen-* values still win over it.
 * Logical properties throughout, so right-to-left pages just work.
 */

/** The default dark palette (contrast on #111827 in the README), used twice below. */
const darkDefaults = css`
  color-scheme: dark;
  --_background: var(--keen-background, #111827);
  --_text: var(--keen-text, #f3f4f6);
  --_muted: var(--keen-muted, #d1d5db);
  --_accent: var(--keen-accent, #93c5fd);
  --_accent-text: var(--keen-accent-text, #111827);
  --_border: var(--keen-field-border, #7c8594);
  --_field-background: var(--keen-field-background, #1f2937);
  --_error: var(--keen-error, #fca5a5);
  --_success: var(--keen-success, #86efac);
`;
const minimalDark = css`
  --_accent: var(--keen-accent, #f3f4f6);
  --_accent-text: var(--keen-accent-text, #111827);
`;
const roundedDark = css`
  --_background: var(--keen-background, #1e1b2e);
  --_field-background: var(--keen-field-background, #2a2740);
  --_border: var(--keen-field-border, #7c7a96);
  --_accent: var(--keen-accent, #c4b5fd);
  --_accent-text: var(--keen-accent-text, #1e1b4b);
`;
const contrastDark = css`
  --_background: var(--keen-background, #000000);
  --_text: var(--keen-text, #ffffff);
  --_muted: var(--keen-muted, #e5e5e5);
  --_accent: var(--keen-accent, #ffd60a);
  --_accent-text: var(--keen-accent-text, #000000);
  --_border: var(--keen-field-border, #ffffff);
  --_field-background: var(--keen-field-background, #000000);
  --_error: var(--keen-error, #ff9c9c);
  --_success: var(--keen-success, #7dff9b);
`;

/** The colour-independent base: type, spacing, controls, panels. */
const baseStyles = css`
  :host {
    display: block;
    position: relative;
    font: inherit;
    color-scheme: light;
    /* The narrow layout (full-width button) follows the form's own width, not
       the window's. Containment makes the host's width ignore its content, so
       a shrink-to-fit parent (a float, a flex row) still gets a usable form. */
    container-type: inline-size;
    min-inline-size: min(16rem, 100%);
    /* Light defaults (contrast on #ffffff in the README). */
    --_background: var(--keen-background, #ffffff);
    --_text: var(--keen-text, #1f2937);
    --_muted: var(--keen-muted, #4b5563);
    --_accent: var(--keen-accent, #1d4ed8);
    --_accent-text: var(--keen-accent-text, #ffffff);
    --_border: var(--keen-field-border, #878f99);
    --_field-background: var(--keen-field-background, #ffffff);
    --_error: var(--keen-error, #b91c1c);
    --_success: var(--keen-success, #166534);
    --_radius: var(--keen-radius, 8px);
    --_border-width: var(--keen-border-width, 1px);
    --_invalid-ring: inset 0 0 0 1px var(--_error);
    --_label-weight: var(--keen-label-weight, 500);
    --_spacing: var(--keen-spacing, 1.125rem);
    background: var(--_background);
    color: var(--_text);
    padding: var(--keen-padding, 0);
    border-radius: var(--keen-surface-radius, 0);
    box-shadow: var(--keen-surface-shadow, none);
    line-height: 1.5;
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
    gap: 0.375rem;
    flex: 1 1 100%;
    min-inline-size: 0;
  }
  .field.half {
    /* Two per row when there is room, one per row on narrow screens. */
    flex: 1 1 calc(50% - var(--_spacing));
    min-inline-size: min(12rem, 100%);
  }
  label,
  legend {
    font-size: 0.9375em;
    font-weight: var(--_label-weight);
  }
  h2,
  h3,
  h4,
  p {
    margin: 0;
  }
  h2,
  h3,
  h4 {
    font-size: 1.125em;
    font-weight: 600;
    line-height: 1.3;
  }
  fieldset {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 0.375rem;
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
    background-color: var(--_field-background);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5625rem 0.75rem;
    min-block-size: 2.75rem;
    inline-size: 100%;
    max-inline-size: 100%;
  }
  ::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  /* A native select without the browser's arrow: a chevron drawn in the text
     colour (two gradient triangles), so it follows every theme. */
  select {
    appearance: none;
    padding-inline-end: 2.5rem;
    background-image: linear-gradient(45deg, transparent 50%, currentColor 50%), linear-gradient(135deg, currentColor 50%, transparent 50%);
    /* Whole pixels: two 6 px squares side by side, with no seam between them. */
    background-position:
      calc(100% - 22px) 55%,
      calc(100% - 16px) 55%;
    background-size: 6px 6px;
    background-repeat: no-repeat;
  }
  select:dir(rtl) {
    background-position:
      16px 55%,
      22px 55%;
  }
  /* Native checkboxes and radios underneath (keyboard, forms, assistive
     technology), drawn here so they follow the theme. 24 px targets (2.5.8). */
  input[type='checkbox'],
  input[type='radio'] {
    appearance: none;
    display: inline-grid;
    place-content: center;
    inline-size: 1.5rem;
    block-size: 1.5rem;
    min-block-size: 0;
    margin: 0;
    padding: 0;
    flex: none;
    cursor: pointer;
    border-radius: calc(var(--_radius) / 2);
  }
  input[type='radio'] {
    border-radius: 50%;
  }
  input[type='checkbox']::before {
    content: '';
    inline-size: 0.85rem;
    block-size: 0.85rem;
    background: var(--_accent-text);
    clip-path: polygon(14% 44%, 0 65%, 50% 100%, 100% 16%, 80% 0%, 43% 62%);
    transform: scale(0);
  }
  input:is([type='checkbox'], [type='radio']):checked {
    background-color: var(--_accent);
    border-color: var(--_accent);
  }
  input[type='checkbox']:checked::before {
    transform: scale(1);
  }
  input[type='radio']:checked {
    box-shadow: inset 0 0 0 0.3rem var(--_field-background);
  }
  :disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .checkbox-row {
    display: flex;
    align-items: flex-start;
    gap: 0.625rem;
  }
  .checkbox-row label,
  fieldset label {
    font-weight: normal;
    font-size: 1em;
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
    outline: 2px solid var(--keen-focus-ring, var(--_accent));
    outline-offset: 2px;
  }
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible {
    border-color: var(--keen-focus-ring, var(--_accent));
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    box-shadow: var(--_invalid-ring);
  }
  .help,
  .legend {
    font-size: 0.875em;
    color: var(--_muted);
  }
  /* An error says so with a mark and its text, not with colour alone. */
  .error,
  .alert {
    display: flex;
    gap: 0.5em;
    align-items: baseline;
    font-size: 0.875em;
    color: var(--_error);
    font-weight: 500;
  }
  .error:empty {
    display: none;
  }
  .error::before,
  .alert::before {
    content: '!';
    content: '!' / '';
    flex: none;
    display: inline-grid;
    place-content: center;
    inline-size: 1.25em;
    block-size: 1.25em;
    border-radius: 50%;
    border: 1.5px solid;
    font-size: 0.875em;
    font-weight: 700;
    line-height: 1;
  }
  .alert {
    padding: 0.75rem 1rem;
    font-size: 1em;
    border: 1px solid var(--_error);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
  }
  button {
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    border-radius: var(--keen-button-radius, var(--_radius));
    padding: 0.625rem 1.5rem;
    min-block-size: 2.75rem;
    min-inline-size: 6rem;
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    justify-self: start;
  }
  button:hover {
    background: color-mix(in srgb, var(--_accent) 85%, var(--_text));
  }
  /* A secondary action (Back, Send another) is outlined, not filled. */
  button:is([part~='back'], [part~='send-another'], .secondary) {
    background: transparent;
    color: inherit;
  }
  button[aria-disabled='true'] {
    cursor: progress;
  }
  /* Sending: a spinner beside the words (it turns only where motion is welcome). */
  button[aria-disabled='true']::after {
    content: '';
    display: inline-block;
    inline-size: 0.9em;
    block-size: 0.9em;
    margin-inline-start: 0.6em;
    vertical-align: -0.1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
  }
  /* A narrow form (a phone, a sidebar): buttons take the whole row. */
  @container (max-width: 30rem) {
    button {
      justify-self: stretch;
      inline-size: 100%;
    }
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
    gap: 0.75rem;
    justify-items: center;
    text-align: center;
    padding: 2rem 1.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .icon {
    inline-size: 3rem;
    block-size: 3rem;
    padding: 0.625rem;
    border-radius: 50%;
    border: 2px solid var(--_success);
    color: var(--_success);
    fill: none;
    stroke: currentColor;
    stroke-width: 2.5;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  /* Waiting is not success yet: a dashed panel, a clock, start-aligned. */
  .queued {
    justify-items: start;
    text-align: start;
    border-style: dashed;
    padding: 1.25rem;
  }
  .queued .icon {
    border-color: var(--_muted);
    color: var(--_muted);
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
        outline-color 120ms ease,
        background-color 120ms ease;
    }
    input[type='checkbox']::before {
      transition: transform 120ms ease;
    }
    button[aria-disabled='true']::after {
      animation: keen-spin 0.8s linear infinite;
    }
    @keyframes keen-spin {
      to {
        transform: rotate(1turn);
      }
    }
  }
`;

/** The presets: private values only, so the site's --keen-* values still win. */
const presetStyles = css`
  /* Minimal: underlined fields, square corners, a dark neutral button. */
  :host([theme~='minimal']) {
    --_radius: var(--keen-radius, 0);
    --_invalid-ring: inset 0 -1px 0 var(--_error);
    --_accent: var(--keen-accent, #111827);
    --_accent-text: var(--keen-accent-text, #ffffff);
  }
  :host([theme~='minimal']) :is(input, textarea, select):not([type='checkbox'], [type='radio']) {
    border-width: 0 0 var(--_border-width);
    padding-inline: 0.125rem;
  }
  /* Rounded: a card surface, soft fields and a pill button. */
  :host([theme~='rounded']) {
    --_radius: var(--keen-radius, 12px);
    --_field-background: var(--keen-field-background, #f5f3ff);
    --_border: var(--keen-field-border, #8b86a8);
    --_accent: var(--keen-accent, #6d28d9);
    --_accent-text: var(--keen-accent-text, #ffffff);
    padding: var(--keen-padding, 1.5rem);
    border-radius: var(--keen-surface-radius, 20px);
    box-shadow: var(--keen-surface-shadow, 0 1px 3px rgb(0 0 0 / 0.12), 0 12px 32px rgb(0 0 0 / 0.08));
  }
  :host([theme~='rounded']) button {
    border-radius: var(--keen-button-radius, 999px);
  }
  /* Contrast: black on white (white on black in dark), 2 px borders, bold labels. */
  :host([theme~='contrast']) {
    --_text: var(--keen-text, #000000);
    --_muted: var(--keen-muted, #262626);
    --_accent: var(--keen-accent, #0030b0);
    --_border: var(--keen-field-border, #000000);
    --_error: var(--keen-error, #a00000);
    --_success: var(--keen-success, #005a1e);
    --_border-width: var(--keen-border-width, 2px);
    --_label-weight: var(--keen-label-weight, 700);
    --_radius: var(--keen-radius, 4px);
  }
  :host([theme~='contrast']) :focus-visible {
    outline-width: 3px;
  }
  /* Dark, when the visitor prefers it (unless light or the page's colours
     were asked for), or when the site asks for it. */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme~='light']):not([theme~='inherit'])) {
      ${darkDefaults}
    }
    :host([theme~='minimal']:not([theme~='light']):not([theme~='inherit'])) {
      ${minimalDark}
    }
    :host([theme~='rounded']:not([theme~='light']):not([theme~='inherit'])) {
      ${roundedDark}
    }
    :host([theme~='contrast']:not([theme~='light']):not([theme~='inherit'])) {
      ${contrastDark}
    }
  }
  :host([theme~='dark']) {
    ${darkDefaults}
  }
  :host([theme~='minimal'][theme~='dark']) {
    ${minimalDark}
  }
  :host([theme~='rounded'][theme~='dark']) {
    ${roundedDark}
  }
  :host([theme~='contrast'][theme~='dark']) {
    ${contrastDark}
  }
  /* The page's own colours (after the presets, so it wins over their colours
     but keeps their shapes): no background, text and borders from the page. */
  :host([theme~='inherit']) {
    color-scheme: inherit;
    --_background: var(--keen-background, transparent);
    --_text: var(--keen-text, inherit);
    --_muted: var(--keen-muted, currentColor);
    --_border: var(--keen-field-border, currentColor);
    --_field-background: var(--keen-field-background, transparent);
  }
`;

/* Windows high contrast and other forced colours: system colours only, every
   boundary a real border or outline, and the browser's own checkbox, radio
   and select, which it draws in those colours. */
const forcedColorStyles = css`
  @media (forced-colors: active) {
    input,
    textarea,
    select {
      border: 1px solid CanvasText;
    }
    input[type='checkbox'],
    input[type='radio'],
    select {
      appearance: auto;
      background-image: none;
    }
    input[type='checkbox']::before {
      display: none;
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
    .config-error,
    .icon {
      border-color: CanvasText;
    }
  }
`;

export const keenLeadFormStyles = [baseStyles, presetStyles, forcedColorStyles];
