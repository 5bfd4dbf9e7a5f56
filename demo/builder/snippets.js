/*
 * Copy-ready snippets made from the builder's model: the element's HTML
 * (which is also what the preview renders, so preview and snippets cannot
 * drift apart), the CDN tag with its Subresource Integrity hash, the npm
 * code, and the WordPress shortcode. Pure string work, no DOM.
 */
import { colourDeclarations, elementAttributes, toConfig } from './form-model.js';

/** The build's CDN report (dist/cdn/report.json, written by scripts/cdn-report.js). */
/** @typedef {{ version: string, integrity: string }} CdnReport */

/** @param {string} text */
function escapeAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<` written as
 * `\u003c`, so no text a user types (`</script>`, `<!--`) can end the block early.
 * @param {unknown} value
 * @param {number} [indent]
 */
export function scriptSafeJson(value, indent = 2) {
  return JSON.stringify(value, null, indent).replace(/</g, '\\u003c');
}

/** @param {import('./form-model.js').FormState} state */
function styleAttribute(state) {
  const declarations = colourDeclarations(state);
  return declarations.length === 0 ? [] : /** @type {[string, string][]} */ ([['style', declarations.map(([name, value]) => `${name}: ${value}`).join('; ')]]);
}

/**
 * The `<keen-lead-form>` element with its JSON configuration child: the form
 * the preview shows and the CDN snippet contains.
 * @param {import('./form-model.js').FormState} state
 */
export function elementHtml(state) {
  const attributes = [...elementAttributes(state), ...styleAttribute(state)]
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`))
    .join('');
  const json = scriptSafeJson(toConfig(state))
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return `<keen-lead-form${attributes}>\n  <script type="application/json">\n${json}\n  </script>\n</keen-lead-form>`;
}

/** The CDN file's public URL for a version (the one the README's snippet uses). */
export function cdnUrl(/** @type {string} */ version) {
  return `https://cdn.jsdelivr.net/npm/keen-lead-form@${version}/dist/cdn/keen-lead-form.js`;
}

/**
 * The script tag, pinned to the built version with its SRI hash, then the element.
 * @param {import('./form-model.js').FormState} state
 * @param {CdnReport} report
 * @param {string} [src] where the file is loaded from (the tests load the local build)
 */
export function cdnSnippet(state, report, src = cdnUrl(report.version)) {
  return (
    `<script type="module" src="${escapeAttribute(src)}"\n        integrity="${escapeAttribute(report.integrity)}" crossorigin="anonymous"></script>\n\n` +
    elementHtml(state)
  );
}

/** A property name the element has for each attribute the builder writes. */
const PROPERTY_FOR_ATTRIBUTE = /** @type {Record<string, string>} */ ({ channel: 'channel', endpoint: 'endpoint', theme: 'theme', relay: 'relay' });

/**
 * The same form from npm: the element created in code, its settings as
 * properties and the configuration as the typed `config` property.
 * @param {import('./form-model.js').FormState} state
 */
export function npmSnippet(state) {
  const lines = [
    "import 'keen-lead-form/define'; // registers <keen-lead-form>",
    "import type { KeenLeadForm } from 'keen-lead-form';",
    '',
    "const form: KeenLeadForm = document.createElement('keen-lead-form');",
  ];
  for (const [name, value] of elementAttributes(state)) {
    const property = PROPERTY_FOR_ATTRIBUTE[name];
    if (value === true) lines.push(`form.${property} = true;`);
    else if (property !== undefined) lines.push(`form.${property} = ${JSON.stringify(value)}${name === 'theme' ? ' as KeenLeadForm[\'theme\']' : ''};`);
    else lines.push(`form.setAttribute(${JSON.stringify(name)}, ${JSON.stringify(value)});`);
  }
  for (const [name, value] of colourDeclarations(state)) lines.push(`form.style.setProperty(${JSON.stringify(name)}, ${JSON.stringify(value)});`);
  lines.push(`form.config = ${JSON.stringify(toConfig(state), null, 2)};`);
  lines.push("document.querySelector('#contact')?.append(form);");
  return lines.join('\n');
}

/** @param {string} text a shortcode attribute value: no quotes or brackets, which would end it */
function shortcodeValue(text) {
  return text.replace(/["'[\]<>]/g, '');
}

/**
 * The WordPress shortcode: where the lead goes, theme and language as
 * attributes, the configuration as the enclosed JSON (one line, so the
 * editor's automatic paragraphs cannot break it). Colours go in the site's
 * CSS, which the shortcode cannot carry.
 * @param {import('./form-model.js').FormState} state
 */
export function shortcodeSnippet(state) {
  const attributes = elementAttributes(state)
    // In relay mode the plugin sends through the site itself (its settings), so neither relay nor endpoint belong here.
    .filter(([name]) => !(state.relay && (name === 'relay' || name === 'endpoint')))
    .map(([name, value]) => ` ${name}="${shortcodeValue(String(value))}"`)
    .join('');
  // "[/" can only occur inside a JSON string; written "[\/" (the same JSON) it cannot close the shortcode early.
  const json = scriptSafeJson(toConfig(state), 0).replace(/\[\//g, '[\\/');
  const shortcode = `[keen_lead_form${attributes}]${json}[/keen_lead_form]`;
  const declarations = colourDeclarations(state);
  if (declarations.length === 0) return shortcode;
  return `${shortcode}\n\n/* Appearance → Customize → Additional CSS */\nkeen-lead-form {\n${declarations.map(([name, value]) => `  ${name}: ${value};`).join('\n')}\n}`;
}
