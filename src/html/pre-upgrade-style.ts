/*
 * The HTML-first form's look before the element upgrades (and for ever when
 * the script never runs): close to the element's default look so the hand
 * over does not jump. Every selector starts with
 * `keen-lead-form:not(:defined) .keen-html`, so it can never touch the
 * upgraded element (its light DOM is then not drawn) or the rest of the page.
 */

const SCOPE = 'keen-lead-form:not(:defined) .keen-html';

export const PRE_UPGRADE_CSS: string = [
  `${SCOPE}{display:flex;flex-wrap:wrap;gap:16px 12px;font:inherit;color:inherit;max-width:100%;box-sizing:border-box}`,
  `${SCOPE} *{box-sizing:border-box}`,
  `${SCOPE} .keen-html-field,${SCOPE} .keen-html-block,${SCOPE} .keen-html-step,${SCOPE} .keen-html-legend,${SCOPE} .keen-html-alert{flex:1 1 100%;margin:0;min-width:0}`,
  `${SCOPE} .keen-html-field{display:flex;flex-direction:column;gap:4px;border:0;padding:0}`,
  `${SCOPE} .keen-html-field.keen-html-half{flex:1 1 calc(50% - 6px);min-width:12em}`,
  `${SCOPE} label,${SCOPE} legend{font-weight:500;padding:0}`,
  `${SCOPE} input:not([type=checkbox]):not([type=radio]),${SCOPE} select,${SCOPE} textarea{font:inherit;width:100%;min-height:2.5em;padding:.5em .75em;border:1px solid #8a8f98;border-radius:6px;background:#fff;color:#1a1a1a}`,
  `${SCOPE} textarea{min-height:6em;resize:vertical}`,
  `${SCOPE} .keen-html-checkbox,${SCOPE} .keen-html-consent{flex-direction:row;flex-wrap:wrap;align-items:flex-start;gap:8px}`,
  `${SCOPE} .keen-html-checkbox label,${SCOPE} .keen-html-consent label,${SCOPE} fieldset label{font-weight:400}`,
  `${SCOPE} fieldset label{display:flex;gap:8px;align-items:flex-start}`,
  `${SCOPE} input[type=checkbox],${SCOPE} input[type=radio]{width:1.1em;height:1.1em;margin:.15em 0 0;flex:none}`,
  `${SCOPE} .keen-html-help{margin:0;font-size:.875em;opacity:.8;flex:1 1 100%}`,
  `${SCOPE} .keen-html-error{margin:0;font-size:.875em;color:#b3261e;flex:1 1 100%}`,
  `${SCOPE} .keen-html-alert{padding:.75em;border:1px solid #b3261e;border-radius:6px;color:#b3261e}`,
  `${SCOPE} .keen-html-legend,${SCOPE} .keen-html-noscript{margin:0;font-size:.875em}`,
  `${SCOPE} .keen-html-step{font-size:1.1em;margin:8px 0 0}`,
  `${SCOPE} .keen-html-submit{font:inherit;font-weight:600;padding:.6em 1.5em;border:0;border-radius:6px;background:#1f5eff;color:#fff;cursor:pointer}`,
].join('');
