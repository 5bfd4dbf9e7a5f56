// @ts-check
/*
 * `keen-lead-form html --config <file.json|-> --relay <URL>`: prints the
 * HTML-first snippet, <keen-lead-form> with its form written as ordinary
 * HTML inside (contract E), to paste into a page. Standard output holds the
 * markup and nothing else (it is meant to be redirected); every message goes
 * to standard error. The element's <script type="module"> is not printed:
 * the site adds it as usual.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseFormConfig } from '../../dist/lib/schema/form-config.js';
import { FormHtmlConfigError, renderFormHtml } from '../../dist/lib/html/render-form-html.js';

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

class UsageError extends Error {}

/** @param {string} text */
function isHttpUrl(text) {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** @param {string[]} args */
function parse(args) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        relay: { type: 'string' },
        channel: { type: 'string' },
        lang: { type: 'string' },
        attr: { type: 'string', multiple: true },
      },
    }).values;
  } catch (error) {
    throw new UsageError(String(error instanceof Error ? error.message : error).split('. ')[0] ?? 'bad arguments');
  }
  if (parsed.config === undefined || parsed.config === '') throw new UsageError('--config <file.json|-> is required');
  if ((parsed.relay === undefined) === (parsed.channel === undefined)) throw new UsageError('give exactly one of --relay <URL> and --channel <id>');
  if (parsed.relay !== undefined && !isHttpUrl(parsed.relay)) throw new UsageError(`--relay must be an absolute http(s) URL, not "${parsed.relay}"`);
  if (parsed.channel !== undefined && parsed.channel.trim() === '') throw new UsageError('--channel must not be empty');
  if (parsed.lang !== undefined && !/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(parsed.lang)) {
    throw new UsageError(`--lang must be a language code such as da or de-AT, not "${parsed.lang}"`);
  }
  /** @type {Record<string, string>} */
  const attributes = parsed.relay === undefined ? { channel: parsed.channel?.trim() ?? '' } : { relay: '', endpoint: parsed.relay };
  for (const pair of parsed.attr ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--attr takes name=value, not "${pair}"`);
    const name = pair.slice(0, at).trim();
    if (['relay', 'endpoint', 'channel', 'lang'].includes(name)) throw new UsageError(`set ${name} with --${name === 'endpoint' ? 'relay' : name}, not --attr`);
    attributes[name] = pair.slice(at + 1);
  }
  return { configPath: parsed.config, attributes, lang: parsed.lang };
}

/** @returns {Promise<string>} */
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * @param {string[]} args
 * @returns {Promise<number>}
 */
export async function run(args) {
  let options;
  try {
    options = parse(args);
  } catch (error) {
    console.error(`keen-lead-form html: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  const where = options.configPath === '-' ? 'standard input' : options.configPath;
  let text;
  try {
    text = options.configPath === '-' ? await readStdin() : await readFile(options.configPath, 'utf8');
  } catch (error) {
    console.error(`keen-lead-form html: cannot read ${where}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    console.error(`keen-lead-form html: ${where} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    return 1;
  }
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
