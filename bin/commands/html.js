// @ts-check
/*
 * `keen-lead-form html --config <file.json|-> --relay <URL>`: prints the
 * HTML-first snippet, <keen-lead-form> with its form written as ordinary
 * HTML inside (contract E), to paste into a page. Standard output holds the
 * markup and nothing else (it is meant to be redirected); every message goes
 * to standard error. The element's <script type="module"> is not printed:
 * the site adds it as usual.
 */
import { UsageError, httpUrl, loadBuilt, nonEmptyText, parseOptions, readInput, requiredText, runCommand } from '../command-line.js';

export const usage = `Usage: keen-lead-form html --config <file.json|-> (--relay <URL> | --channel <id>) [options] > form.html

Prints <keen-lead-form> with its form written as HTML inside: visible and usable
before the script loads, and, with a relay, sent as a plain form post when the
script never runs. Add the element's <script type="module"> to the page as usual.

  --config <file.json|->     the form configuration (the JSON block's content; - reads stdin)
  --relay <URL>              your relay's URL: the form posts there, with or without script
  --channel <id>             your Keen channel id (direct mode: the form needs script to send)
  --lang <code>              the form's language, e.g. da (default: en)
  --attr <name=value>        another attribute of the element, e.g. theme=rounded or
                             consent-link=https://…; repeat for several

Exactly one of --relay and --channel. Exit codes: 0 printed, 1 the configuration
has problems (each is named), 2 bad usage.`;

/** @param {string[]} args */
function parse(args) {
  const parsed = parseOptions(args, {
    config: { type: 'string' },
    relay: { type: 'string' },
    channel: { type: 'string' },
    lang: { type: 'string' },
    attr: { type: 'string', multiple: true },
  });
  const configPath = requiredText(parsed.config, '--config <file.json|->');
  if ((parsed.relay === undefined) === (parsed.channel === undefined)) throw new UsageError('give exactly one of --relay <URL> and --channel <id>');
  if (parsed.lang !== undefined && !/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(parsed.lang)) {
    throw new UsageError(`--lang must be a language code such as da or de-AT, not "${parsed.lang}"`);
  }
  /** @type {Record<string, string>} */
  const attributes =
    parsed.relay === undefined
      ? { channel: nonEmptyText(parsed.channel ?? '', '--channel') }
      : { relay: '', endpoint: httpUrl(parsed.relay, '--relay', 'an absolute http(s) URL') };
  for (const pair of parsed.attr ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--attr takes name=value, not "${pair}"`);
    const name = pair.slice(0, at).trim();
    if (['relay', 'endpoint', 'channel', 'lang'].includes(name)) throw new UsageError(`set ${name} with --${name === 'endpoint' ? 'relay' : name}, not --attr`);
    attributes[name] = pair.slice(at + 1);
  }
  return { configPath, attributes, lang: parsed.lang };
}

/**
 * @param {ReturnType<typeof parse>} options
 * @returns {Promise<number>}
 */
async function printForm(options) {
  let input;
  try {
    input = await readInput(options.configPath);
  } catch (error) {
    console.error(`keen-lead-form html: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const { text, where } = input;
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Node quotes the start of the text, line breaks and all: keep the message on one line.
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    console.error(`keen-lead-form html: ${where} is not valid JSON (${reason})`);
    return 1;
  }
  // The generator is loaded only now: help and usage errors work in a checkout without dist/.
  const [{ parseFormConfig }, { FormHtmlConfigError, renderFormHtml }] = await Promise.all([
    loadBuilt(() => import('../../dist/lib/schema/form-config.js')),
    loadBuilt(() => import('../../dist/lib/html/render-form-html.js')),
  ]);
  const config = parseFormConfig(json, 'config');
  if (!config.ok) {
    console.error(`keen-lead-form html: the configuration in ${where} is not usable:\n${config.problems.map((problem) => `  - ${problem}`).join('\n')}`);
    return 1;
  }
  let markup;
  try {
    markup = renderFormHtml({ config: config.value, attributes: options.attributes, ...(options.lang === undefined ? {} : { lang: options.lang }) });
  } catch (error) {
    if (!(error instanceof FormHtmlConfigError)) throw error;
    console.error(`keen-lead-form html: the configuration in ${where} is not usable:\n${error.problems.map((problem) => `  - ${problem}`).join('\n')}`);
    return 1;
  }
  if (options.attributes['relay'] === undefined) {
    console.error(
      'keen-lead-form html: warning: without --relay there is no delivery without script (Keen accepts only JSON); the form shows a <noscript> note instead. Use a relay to receive leads from visitors whose script does not run.',
    );
  }
  process.stdout.write(`${markup}\n`);
  return 0;
}

/** @param {string[]} args @returns {Promise<number>} */
export function run(args) {
  return runCommand({ name: 'html', usage, parse, execute: printForm }, args);
}
