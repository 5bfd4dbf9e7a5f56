/*
 * Copy-ready snippets made from the builder's model: the element's HTML
 * (which is also what the preview renders, so preview and snippets cannot
 * drift apart), the CDN tag with its Subresource Integrity hash, the npm
 * code, and the WordPress shortcode. Pure string work, no DOM. In relay
 * mode the CDN and npm snippets write the form as HTML inside the element
 * too (HTML-first, contract E), with the project's own generator bundled
 * for this page (scripts/build-builder-generator.js).
 */
import { FormHtmlConfigError, renderFormHtml } from '../../dist/builder/render-form-html.js';
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

/** The snippets carry the HTML-first form: only through a relay, which receives it without script. */
export function writesHtmlFirst(/** @type {import('./form-model.js').FormState} */ state) {
  return state.relay && state.htmlFirst;
}

/**
 * The element with its form written as HTML inside: visible and usable
 * before the script, posted to the relay when the script never runs. While
 * the configuration is not complete (no relay URL yet, a property without
 * its label), the problems instead, in the element's own words.
 * @param {import('./form-model.js').FormState} state
 * @returns {{ html: string } | { problems: readonly string[] }}
 */
export function htmlFirstElement(state) {
  const attributes = Object.fromEntries([...elementAttributes(state), ...styleAttribute(state)].map(([name, value]) => [name, value === true ? '' : value]));
  try {
    return { html: renderFormHtml({ config: toConfig(state), attributes }) };
  } catch (error) {
    if (error instanceof FormHtmlConfigError) return { problems: error.problems };
    throw error;
  }
}

/**
 * The element for a snippet: the HTML-first form when the state asks for it
 * and can have it, else the element with its JSON child (with a comment
 * saying why the form is not written, when it was asked for).
 * @param {import('./form-model.js').FormState} state
 */
function snippetElement(state) {
  if (!writesHtmlFirst(state)) return elementHtml(state);
  const result = htmlFirstElement(state);
  if ('html' in result) return result.html;
  return `<!-- The form is not written as HTML yet: ${result.problems.join('; ').replace(/--/g, '- -')} -->\n${elementHtml(state)}`;
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
    snippetElement(state)
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
  if (writesHtmlFirst(state)) return npmHtmlFirstSnippet(state);
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

/**
 * The HTML-first form from npm: the element and its form go in the page's
 * HTML (so they show before the app's code runs), and the app only
 * registers the element, which then takes the form over.
 * @param {import('./form-model.js').FormState} state
 */
function npmHtmlFirstSnippet(state) {
  return [
    "<!-- In the page's HTML, where the form goes (usable before and without the script): -->",
    snippetElement(state),
    '',
    "// In your app's entry module (after npm install keen-lead-form):",
    "import 'keen-lead-form/define'; // registers <keen-lead-form>: it takes over the form above, keeping what was typed",
  ].join('\n');
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
