// @ts-check
/*
 * `keen-lead-form fields --channel <id>`: prints a ready form configuration
 * built from the channel's property definitions (get_channels), so nobody
 * copies uuids, types and select options from Keen by hand. Standard output
 * holds the JSON and nothing else (it is meant to be redirected or piped);
 * every message goes to standard error. The key comes only from the
 * environment and is never printed.
 */
import { KEEN_API_URL, httpUrl, loadBuilt, parseOptions, positiveNumber, requiredText, runCommand } from '../command-line.js';

export const DEFAULT_TIMEOUT_SECONDS = 15;

export const usage = `Usage: keen-lead-form fields --channel <id> [--endpoint <url>] > fields.json

Prints a form configuration ({ "fields": [...] }) built from the channel's visible
property definitions, in Keen's order, with each one's id, label and control (and
a select's options), between the standard contact fields and notes. Paste it into
the form's <script type="application/json"> block or the config property.

  --channel <id>             the Keen channel id (required)
  --endpoint <url>           Keen's API URL (default ${KEEN_API_URL})
  --timeout <seconds>        how long to wait for Keen (default ${DEFAULT_TIMEOUT_SECONDS})

Environment:
  KEEN_API_KEY               your company's Keen API key (required; never printed)

Exit codes: 0 printed, 1 Keen refused or could not be reached, 2 bad usage.`;

/** @param {string[]} args */
function parse(args) {
  const parsed = parseOptions(args, { channel: { type: 'string' }, endpoint: { type: 'string' }, timeout: { type: 'string' } });
  const channelId = requiredText(parsed.channel, '--channel <id>', 'your Keen channel id');
  const endpoint = parsed.endpoint === undefined ? KEEN_API_URL : httpUrl(parsed.endpoint, '--endpoint');
  const seconds = parsed.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : positiveNumber(parsed.timeout, '--timeout', 'seconds');
  return { channelId, endpoint, timeoutMs: seconds * 1000 };
}

/**
 * @param {ReturnType<typeof parse>} options
 * @returns {Promise<number>}
 */
async function printFields(options) {
  // Not a usage error: the command line was right, the environment is not.
  const apiKey = process.env['KEEN_API_KEY'] || undefined;
  if (apiKey === undefined) {
    console.error("keen-lead-form fields: set the KEEN_API_KEY environment variable to your company's Keen API key");
    return 1;
  }
  const { formatChannelFields, loadChannelFields } = await loadBuilt(() => import('../../dist/lib/relay/index.js'));
  const result = await loadChannelFields({ ...options, apiKey });
  if (!result.ok) {
    console.error(`keen-lead-form fields: ${result.error}`);
    return 1;
  }
  process.stdout.write(`${formatChannelFields(result.config)}\n`);
  return 0;
}

/** @param {string[]} args @returns {Promise<number>} */
export function run(args) {
  return runCommand({ name: 'fields', usage, parse, execute: printFields }, args);
}
