#!/usr/bin/env node
// @ts-check
/**
 * Writes keen-lead-form/includes/messages.php: the strings the plugin's
 * HTML-first form and the relay's no-script pages print, in the element's
 * eight languages, taken from the widget's own catalogues (src/i18n, as built
 * into dist/lib/i18n) so the PHP form says exactly what the element says;
 * and keen-lead-form/includes/pre-upgrade-style.php, the HTML-first form's
 * look from src/html/pre-upgrade-style.ts, so the PHP markup and the
 * TypeScript generator's look the same.
 * Run after `npm run build` at the root; copy-widget.js runs it, so every
 * plugin build (tests, zip) has a fresh copy. The file is git-ignored.
 *
 * Strings with values (`tooLong(limit)`) become templates with the same
 * placeholders the element's `messages` overrides use: `{limit}`, `{count}`,
 * `{reason}`, `{date}`; days in date errors are written from `dayFormat1…12`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PAGE_STRINGS } from './page-strings.js';

export const CATALOGUES_BUILD = fileURLToPath(new URL('../../dist/lib/i18n/catalogues.js', import.meta.url));
export const MESSAGES_PHP = fileURLToPath(new URL('../keen-lead-form/includes/messages.php', import.meta.url));
export const NO_SCRIPT_BUILD = fileURLToPath(new URL('../../dist/lib/i18n/no-script.js', import.meta.url));
export const STYLE_BUILD = fileURLToPath(new URL('../../dist/lib/html/pre-upgrade-style.js', import.meta.url));
export const STYLE_PHP = fileURLToPath(new URL('../keen-lead-form/includes/pre-upgrade-style.php', import.meta.url));

/** The catalogue keys the markup and pages use, with the placeholder each function takes. */
const KEYS = {
  first_name: null, last_name: null, email: null, phone: null, company_name: null, notes: null, business_id: null, employee: null, source: null,
  submit: null, choose: null, requiredLegend: null, success: null, successHeading: null,
  required: null, mustAccept: null, invalidEmail: null, invalidPhone: null, tooShort: '{limit}', tooLong: '{limit}', invalidNumber: null,
  tooSmall: '{limit}', tooBig: '{limit}', pattern: null, invalidOption: null, requiredChoice: null, requiredChoices: null, invalidDate: null,
  tooEarly: '{date}', tooLate: '{date}', invalidUrl: null,
  errorSummary: '{count}', failureRejected: '{reason}', failureMisconfigured: null, failureNetwork: null, failureServer: null,
  queuedHeading: null, misconfiguredHeading: null, consentText: null, consentLinkText: null, marketingConsentText: null,
};

/**
 * @param {Record<string, unknown>} catalogue
 * @param {string} lang
 * @param {Record<string, { needsScript: string }>} noScript  src/i18n/no-script.ts
 */
function stringsOf(catalogue, lang, noScript) {
  /** @type {Record<string, string>} */
  const strings = { ...(PAGE_STRINGS[lang] ?? PAGE_STRINGS['en']) };
  const needsScript = noScript[lang]?.needsScript;
  if (needsScript !== undefined) strings['noscript'] = needsScript;
  for (const [key, placeholder] of Object.entries(KEYS)) {
    const entry = catalogue[key];
    if (typeof entry === 'string') strings[key] = entry;
    else if (typeof entry === 'function') strings[key] = String(entry(placeholder));
    else if (!(key in strings)) throw new Error(`src/i18n has no "${key}" for ${lang}`);
  }
  // The one count the catalogues word differently: "There is a problem with 1 field".
  if (typeof catalogue['errorSummary'] === 'function') strings['errorSummaryOne'] = String(catalogue['errorSummary'](1));
  // Languages that write limits with a decimal comma (da: "Skriv 2,5 eller mere.").
  if (typeof catalogue['tooSmall'] === 'function') strings['decimalComma'] = String(catalogue['tooSmall'](0.5)).includes('0,5') ? 'yes' : '';
  Object.assign(strings, dayTemplates(lang));
  return strings;
}

/**
 * How the language writes a day in date errors ("15 March 2026", "15. marts 2026"), as the
 * element and the relay do (Intl.DateTimeFormat, dateStyle "long", UTC): one template per
 * month, `dayFormat1` … `dayFormat12`, with `{day}` and `{year}` for PHP to fill
 * (keen_lead_form_format_day). Month names and word order come from the same ICU data as
 * the widget's, so PHP has no table of its own to drift.
 * @param {string} lang
 */
export function dayTemplates(lang) {
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  /** @type {Record<string, string>} */
  const templates = {};
  for (let month = 1; month <= 12; month += 1) {
    const parts = format.formatToParts(new Date(Date.UTC(2001, month - 1, 15)));
    if (!parts.some((part) => part.type === 'day' && part.value === '15') || !parts.some((part) => part.type === 'year' && part.value === '2001')) {
      throw new Error(`Intl wrote a ${lang} day without a plain day or year number: ${format.format(new Date(Date.UTC(2001, month - 1, 15)))}`);
    }
    templates[`dayFormat${month}`] = parts.map((part) => (part.type === 'day' ? '{day}' : part.type === 'year' ? '{year}' : part.value)).join('');
  }
  return templates;
}

const phpString = (/** @type {string} */ text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** @returns {Promise<string>} the written messages file's path */
export async function generateMessages() {
  for (const built of [CATALOGUES_BUILD, NO_SCRIPT_BUILD, STYLE_BUILD]) {
    if (!existsSync(built)) {
      throw new Error(`The widget is not built: ${relative(process.cwd(), built)} is missing. Run \`npm run build\` at the repository root first.`);
    }
  }
  const { CATALOGUES } = await import(pathToFileURL(CATALOGUES_BUILD).href);
  const { NO_SCRIPT_MESSAGES } = await import(pathToFileURL(NO_SCRIPT_BUILD).href);
  const { PRE_UPGRADE_CSS } = await import(pathToFileURL(STYLE_BUILD).href);
  const lines = [
    '<?php',
    '/**',
    ' * Generated by wordpress/scripts/generate-messages.js from the widget\'s catalogues (src/i18n): do not edit.',
    ' *',
    ' * @package KeenLeadForm',
    ' */',
    '',
    "defined( 'ABSPATH' ) || exit;",
    '',
    'return array(',
  ];
  for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
    lines.push(`\t${phpString(lang)} => array(`);
    for (const [key, text] of Object.entries(stringsOf(catalogue, lang, NO_SCRIPT_MESSAGES))) lines.push(`\t\t${phpString(key)} => ${phpString(text)},`);
    lines.push('\t),');
  }
  lines.push(');', '');
  mkdirSync(dirname(MESSAGES_PHP), { recursive: true });
  writeFileSync(MESSAGES_PHP, lines.join('\n'));
  writeFileSync(
    STYLE_PHP,
    [...lines.slice(0, 9).map((line) => line.replace("the widget's catalogues (src/i18n)", 'src/html/pre-upgrade-style.ts')), `return ${phpString(PRE_UPGRADE_CSS)};`, ''].join('\n'),
  );
  return MESSAGES_PHP;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  generateMessages().then(
    (path) => console.log(`Wrote ${relative(process.cwd(), path)}`),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
