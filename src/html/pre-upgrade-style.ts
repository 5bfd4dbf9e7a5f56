/*
 * The HTML-first form's look before the element upgrades (and for ever when
 * the script never runs): the element's theme (src/element/
 * keen-lead-form.styles.ts) restated for the light-DOM markup, so the
 * hand-over does not move anything: the same font, line height, spacing,
 * control and button sizes, label placement and surface colour
 * (test/browser/html-first.test.ts measures the element's height and every
 * control's place before and after, within 2 px, for every preset, light and
 * dark). That includes what the `theme` attribute on the host chooses: the
 * colour scheme (`light`, `dark`, `inherit`, else `prefers-color-scheme`)
 * and the presets (`minimal`, `rounded`, `contrast`), as the same private
 * values under the same rule order as the element's, so a preset then a
 * scheme (`rounded dark`) resolves alike. Not a copy of every detail:
 * hover, transitions and forced colours are the element's.
 *
 * Every selector is `keen-lead-form` (with at most `theme` attribute
 * conditions) `:not(:defined) .keen-html …`, so it can never touch the
 * upgraded element (its light DOM is then not drawn) or the rest of the
 * page. The element lays its form out as a grid whose items (legend, fields,
 * button) are 1.125rem apart, and its fields as a wrapping flex row with the
 * same gap; the light form has all of these as direct children, so one
 * wrapping flex row with that gap draws the same. A site's own `--keen-*`
 * values win here as in the element, so its palette shows before the
 * upgrade as after.
 */

/** The light form inside a host that matches `host` (`theme` attribute conditions). */
const scoped = (host = ''): string => `keen-lead-form${host}:not(:defined) .keen-html`;
const SCOPE = scoped();
/** A preset's word in `theme`. */
const preset = (name: string): string => `[theme~=${name}]`;
/** Dark by the visitor's preference unless the site chose light or the page's colours (as the element). */
const PREFERS_DARK = ':not([theme~=light],[theme~=inherit])';

// The element's private values, under shorter names (this CSS is in every page's HTML).
const LIGHT =
  '--_bg:var(--keen-background,#fff);--_text:var(--keen-text,#1f2937);--_muted:var(--keen-muted,#4b5563);--_accent:var(--keen-accent,#1d4ed8);' +
  '--_accent-text:var(--keen-accent-text,#fff);--_border:var(--keen-field-border,#878f99);--_field:var(--keen-field-background,#fff);--_error:var(--keen-error,#b91c1c);color-scheme:light;' +
  '--_radius:var(--keen-radius,8px);--_bw:var(--keen-border-width,1px);--_lw:var(--keen-label-weight,500);--_ring:inset 0 0 0 1px var(--_error)';
const DARK =
  '--_bg:var(--keen-background,#111827);--_text:var(--keen-text,#f3f4f6);--_muted:var(--keen-muted,#d1d5db);--_accent:var(--keen-accent,#93c5fd);' +
  '--_accent-text:var(--keen-accent-text,#111827);--_border:var(--keen-field-border,#7c8594);--_field:var(--keen-field-background,#1f2937);--_error:var(--keen-error,#fca5a5);color-scheme:dark';

/** Each preset: its light values (over the default ones) and its dark values (over the default dark ones). */
const PRESETS: readonly (readonly [name: string, light: string, dark: string])[] = [
  // Minimal: underlined fields (below), square corners, a dark neutral button.
  ['minimal', '--_radius:var(--keen-radius,0);--_ring:inset 0 -1px 0 var(--_error);--_accent:var(--keen-accent,#111827);--_accent-text:var(--keen-accent-text,#fff)',
    '--_accent:var(--keen-accent,#f3f4f6);--_accent-text:var(--keen-accent-text,#111827)'],
  // Rounded: a card surface, soft fields and a pill button (below).
  ['rounded',
    '--_radius:var(--keen-radius,12px);--_field:var(--keen-field-background,#f5f3ff);--_border:var(--keen-field-border,#8b86a8);--_accent:var(--keen-accent,#6d28d9);' +
      '--_accent-text:var(--keen-accent-text,#fff);padding:var(--keen-padding,1.5rem);border-radius:var(--keen-surface-radius,20px);' +
      'box-shadow:var(--keen-surface-shadow,0 1px 3px rgb(0 0 0/.12),0 12px 32px rgb(0 0 0/.08))',
    '--_bg:var(--keen-background,#1e1b2e);--_field:var(--keen-field-background,#2a2740);--_border:var(--keen-field-border,#7c7a96);--_accent:var(--keen-accent,#c4b5fd);' +
      '--_accent-text:var(--keen-accent-text,#1e1b4b)'],
  // Contrast: black on white (white on black in dark), 2 px borders, bold labels, a wider focus ring (below).
  ['contrast',
    '--_text:var(--keen-text,#000);--_muted:var(--keen-muted,#262626);--_accent:var(--keen-accent,#0030b0);--_border:var(--keen-field-border,#000);' +
      '--_error:var(--keen-error,#a00000);--_bw:var(--keen-border-width,2px);--_lw:var(--keen-label-weight,700);--_radius:var(--keen-radius,4px)',
    '--_bg:var(--keen-background,#000);--_text:var(--keen-text,#fff);--_muted:var(--keen-muted,#e5e5e5);--_accent:var(--keen-accent,#ffd60a);' +
      '--_accent-text:var(--keen-accent-text,#000);--_border:var(--keen-field-border,#fff);--_field:var(--keen-field-background,#000);--_error:var(--keen-error,#ff9c9c)'],
];

/** The dark palettes for hosts that are dark by `dark` (`when`): the default one, then each preset's over it. */
const darkRules = (when: string): string =>
  `${scoped(when)}{${DARK}}` + PRESETS.map(([name, , dark]) => `${scoped(preset(name) + when)}{${dark}}`).join('');

/**
 * The theme's values on the light form, in the element's order (equal
 * specificity, so the later rule wins): default, presets, dark by
 * preference, dark by choice, then the page's colours (`inherit` keeps a
 * preset's shapes, not its colours).
 */
const THEME_RULES =
  `${SCOPE}{${LIGHT}}` +
  PRESETS.map(([name, light]) => `${scoped(preset(name))}{${light}}`).join('') +
  `@media (prefers-color-scheme:dark){${darkRules(PREFERS_DARK)}}` +
  darkRules(preset('dark')) +
  `${scoped(preset('inherit'))}{color-scheme:inherit;--_bg:var(--keen-background,transparent);--_text:var(--keen-text,inherit);--_muted:var(--keen-muted,currentColor);` +
  '--_border:var(--keen-field-border,currentColor);--_field:var(--keen-field-background,transparent)}';

const CONTROL = `${SCOPE} :where(input:not([type=checkbox],[type=radio]),select,textarea)`;
const BOX = `${SCOPE} :is([type=checkbox],[type=radio])`;

export const PRE_UPGRADE_CSS: string = [
  `${SCOPE}{--_gap:var(--keen-spacing,1.125rem);display:flex;flex-wrap:wrap;gap:var(--_gap);margin:0;font:inherit;line-height:1.5;` +
    'background:var(--_bg);color:var(--_text);padding:var(--keen-padding,0);border-radius:var(--keen-surface-radius,0);box-shadow:var(--keen-surface-shadow,none);' +
    'container-type:inline-size;min-inline-size:min(16rem,100%)}',
  THEME_RULES,
  // The page's own rules for labels, inputs and buttons (margins above all) must not leak in: they would go on the upgrade.
  `${SCOPE} *{box-sizing:border-box;margin:0}`,
  `${SCOPE}>*{flex:1 1 100%;min-inline-size:0;margin:0}`,
  `${SCOPE} .keen-html-field{display:flex;flex-direction:column;gap:.375rem;border:0;padding:0}`,
  `${SCOPE} .keen-html-half{flex:1 1 calc(50% - var(--_gap));min-inline-size:min(12rem,100%)}`,
  `${SCOPE} :is(label,legend){font-size:.9375em;font-weight:var(--_lw);padding:0}`,
  `${SCOPE} legend{font-weight:600;margin-block-end:.25rem}`,
  `${SCOPE} [aria-hidden=true]{color:var(--_error)}`,
  `${SCOPE} :is(h3,h4){font-size:1.125em;font-weight:600;line-height:1.3}`,
  `${CONTROL}{font:inherit;color:inherit;background-color:var(--_field);border:var(--_bw) solid var(--_border);border-radius:var(--_radius);` +
    'padding:.5625rem .75rem;min-block-size:2.75rem;inline-size:100%;max-inline-size:100%;margin:0}',
  `${SCOPE} textarea{min-block-size:6rem;resize:vertical}`,
  // The element's select: no native arrow, a chevron in the text colour.
  `${SCOPE} select{appearance:none;padding-inline-end:2.5rem;background-image:linear-gradient(45deg,transparent 50%,currentColor 50%),` +
    'linear-gradient(135deg,currentColor 50%,transparent 50%);background-position:calc(100% - 22px) 55%,calc(100% - 16px) 55%;background-size:6px 6px;background-repeat:no-repeat}',
  // Checkboxes and radios drawn as the element draws them: 24 px, accent when ticked.
  `${BOX}{appearance:none;display:inline-grid;place-content:center;inline-size:1.5rem;block-size:1.5rem;margin:0;flex:none;` +
    'background:var(--_field);border:var(--_bw) solid var(--_border);border-radius:calc(var(--_radius)/2)}',
  `${SCOPE} [type=radio]{border-radius:50%}`,
  `${BOX}:checked{background-color:var(--_accent);border-color:var(--_accent)}`,
  `${SCOPE} [type=radio]:checked{box-shadow:inset 0 0 0 .3rem var(--_field)}`,
  `${SCOPE} [type=checkbox]::before{content:'';inline-size:.85rem;block-size:.85rem;background:var(--_accent-text);clip-path:polygon(14% 44%,0 65%,50% 100%,100% 16%,80% 0%,43% 62%);transform:scale(0)}`,
  `${SCOPE} [type=checkbox]:checked::before{transform:scale(1)}`,
  // A box and its words side by side: a single checkbox, a consent, each option of a group.
  `${SCOPE} :is(.keen-html-checkbox,.keen-html-consent,fieldset label){flex-direction:row;flex-wrap:wrap;align-items:flex-start;gap:.625rem}`,
  `${SCOPE} fieldset label{display:flex;flex-wrap:nowrap}`,
  `${SCOPE} :is(.keen-html-checkbox,.keen-html-consent) label{flex:1 1 0}`,
  `${SCOPE} :is(.keen-html-checkbox,.keen-html-consent,fieldset) label{font-size:1em;font-weight:400}`,
  `${SCOPE} fieldset{gap:.5rem}`,
  `${SCOPE} :is(.keen-html-help,.keen-html-legend,.keen-html-noscript){font-size:.875em;color:var(--_muted);margin:0;flex:1 1 100%}`,
  `${SCOPE} .keen-html-error{margin:0;font-size:.875em;font-weight:500;color:var(--_error);flex:1 1 100%}`,
  `${SCOPE} .keen-html-alert{padding:.75rem 1rem;border:1px solid var(--_error);border-inline-start-width:4px;border-radius:var(--_radius);color:var(--_error)}`,
  `${SCOPE} [aria-invalid=true]{border-color:var(--_error);box-shadow:var(--_ring)}`,
  `${SCOPE} .keen-html-step{font-size:1.125em;font-weight:600;line-height:1.3}`,
  `${SCOPE} :focus-visible{outline:2px solid var(--keen-focus-ring,var(--_accent));outline-offset:2px}`,
  `${SCOPE} .keen-html-submit{flex:0 0 auto;font:inherit;font-weight:600;cursor:pointer;border-radius:var(--keen-button-radius,var(--_radius));` +
    'padding:.625rem 1.5rem;min-block-size:2.75rem;min-inline-size:6rem;border:2px solid var(--_accent);background:var(--_accent);color:var(--_accent-text)}',
  // The presets' shapes beyond their values.
  `${scoped(preset('minimal'))} :where(input:not([type=checkbox],[type=radio]),select,textarea){border-width:0 0 var(--_bw);padding-inline:.125rem}`,
  `${scoped(preset('rounded'))} .keen-html-submit{border-radius:var(--keen-button-radius,999px)}`,
  `${scoped(preset('contrast'))} :focus-visible{outline-width:3px}`,
  // A narrow form: the button takes the whole row, as the element's does.
  `@container (max-width:30rem){${SCOPE} .keen-html-submit{flex:1 1 100%}}`,
].join('');
