// @ts-check
/*
 * What every `keen-lead-form <command>` does the same way: reading its
 * options (GNU style, `--name value` or `--name=value`, no positionals),
 * checking the common kinds of value, reading a file or standard input, and
 * answering bad usage with exit code 2 and ONE line on standard error: the
 * problem, the command's synopsis and where the full help is. Nothing here
 * imports the built package (dist/): `--help` and usage errors work in a
 * checkout that has not been built; a command loads what it needs from
 * dist/ through `loadBuilt` only once its arguments are good.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

/** Bad usage: the command prints it with its synopsis and exits 2. */
export class UsageError extends Error {}

/** dist/ is missing or incomplete (a source checkout that was not built): exit 1 with what to do. */
export class BuildMissingError extends Error {}

/**
 * Keen's production API, as src/relay/create-relay.ts's DEFAULT_KEEN_ENDPOINT
 * (test/node/bin.test.js keeps the two equal): the help text must not need
 * dist/ to show it.
 */
export const KEEN_API_URL = 'https://data.keenpartner.com/functions/v1/keen-api';

/** @typedef {{ type: 'string' | 'boolean', multiple?: boolean }} OptionSpec */

/**
 * @template T
 * @typedef {object} CommandSpec
 * @property {string} name
 * @property {string} usage
 * @property {(args: string[]) => T | Promise<T>} parse
 * @property {(options: T) => Promise<number>} execute
 */

/**
 * Runs one command: parse (a UsageError is exit 2 with one line), then execute.
 * @template T
 * @param {CommandSpec<T>} command
 * @param {string[]} args
 * @returns {Promise<number>}
 */
export async function runCommand(command, args) {
  let options;
  try {
    options = await command.parse(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(usageErrorLine(command, error.message));
    return 2;
  }
  return command.execute(options);
}

/**
 * `keen-lead-form html: <problem>. Usage: <synopsis> (keen-lead-form html --help lists every option)`:
 * one line, so it reads whole in a terminal and in a CI log, whatever the command.
 * @param {{ name: string, usage: string }} command
 * @param {string} problem
 */
export function usageErrorLine(command, problem) {
  const synopsis = command.usage.split('\n', 1)[0] ?? '';
  return `keen-lead-form ${command.name}: ${problem.replace(/\.$/, '')}. ${synopsis} (keen-lead-form ${command.name} --help lists every option)`;
}

/**
 * node:util parseArgs, strict and without positionals, with its errors made
 * into one-sentence UsageErrors (and a near miss named for a misspelt option).
 * @template {Record<string, OptionSpec>} O
 * @param {string[]} args
 * @param {O} options
 * @returns {ReturnType<typeof parseArgs<{ args: string[], strict: true, allowPositionals: false, options: O }>>['values']}
 */
export function parseOptions(args, options) {
  try {
    return parseArgs({ args, strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = /** @type {{ code?: string }} */ (error).code;
    const unknown = /^Unknown option '(-{1,2}[^']*)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== undefined) {
      const near = nearestOption(unknown, Object.keys(options));
      throw new UsageError(`Unknown option '${unknown}'${near === undefined ? '' : ` (did you mean --${near}?)`}`);
    }
    const ambiguous = /^Option '(--[^']*)' argument is ambiguous/.exec(message)?.[1];
    if (ambiguous !== undefined) {
      // `--config --relay x`: the value was forgotten (Node's three-line message says the same at length).
      throw new UsageError(`${ambiguous} needs a value (for a value that starts with a dash, write ${ambiguous}=-value)`);
    }
    // Node's other messages are one useful first sentence and then internals.
    throw new UsageError(message.split(/\.\s/, 1)[0] ?? 'bad arguments');
  }
}

/**
 * The known option closest to a misspelt one (at most two edits, or one is the other's start), if any.
 * @param {string} given  as typed, with its dashes
 * @param {string[]} known  names without dashes
 */
function nearestOption(given, known) {
  const typed = given.replace(/^-+/, '').split('=', 1)[0] ?? '';
  let best;
  let bestDistance = 3;
  for (const name of known) {
    const distance = name.startsWith(typed) && typed.length >= 3 ? 1 : editDistance(typed, name);
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return best;
}

/** Levenshtein distance; the option names are short. @param {string} a @param {string} b */
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * A required text option, trimmed.
 * @param {string | undefined} value
 * @param {string} flag  e.g. `--channel <id>`
 * @param {string} [why]  e.g. `your Keen channel id`
 */
export function requiredText(value, flag, why) {
  if (value === undefined) throw new UsageError(`${flag} is required${why === undefined ? '' : ` (${why})`}`);
  return nonEmptyText(value, flag.split(' ', 1)[0] ?? flag);
}

/**
 * A given text option, trimmed; blank is a usage error, not "unset".
 * @param {string} value
 * @param {string} flag  e.g. `--channel`
 */
export function nonEmptyText(value, flag) {
  const trimmed = value.trim();
  if (trimmed === '') throw new UsageError(`${flag} must not be empty`);
  return trimmed;
}

/**
 * An absolute http(s) URL (parsed, not just prefixed: `https://` alone is refused).
 * @param {string} value
 * @param {string} flag  e.g. `--endpoint`
 * @param {string} [what]  how the message names it
 */
export function httpUrl(value, flag, what = 'an http(s) URL') {
  let url;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || !/^https?:$/.test(url.protocol)) throw new UsageError(`${flag} must be ${what}, not "${value}"`);
  return value;
}

/**
 * A whole number written in decimal digits (`--port=` is not 0, `0x10` is not 16).
 * @param {string} value
 * @param {string} flag
 * @param {{ min: number, max?: number }} range
 */
export function wholeNumber(value, flag, { min, max = Number.MAX_SAFE_INTEGER }) {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(`${flag} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}, not "${value}"`);
  }
  return number;
}

/**
 * A positive decimal number (`1.5`, not `''`, `1e3` or `Infinity`).
 * @param {string} value
 * @param {string} flag
 * @param {string} unit  e.g. `seconds`
 */
export function positiveNumber(value, flag, unit) {
  const number = Number(value);
  if (!/^\d+(?:\.\d+)?$/.test(value) || number <= 0) throw new UsageError(`${flag} must be a positive number of ${unit}, not "${value}"`);
  return number;
}

/**
 * One of a fixed set of words.
 * @template {string} W
 * @param {string} value
 * @param {string} flag
 * @param {readonly W[]} words
 * @returns {W}
 */
export function oneOf(value, flag, words) {
  if (!words.includes(/** @type {W} */ (value))) {
    const list = words.length === 2 ? words.join(' or ') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
    throw new UsageError(`${flag} must be ${list}, not "${value}"`);
  }
  return /** @type {W} */ (value);
}

/**
 * Reads a file, or standard input for `-` (telling a person at a terminal how to end it).
 * @param {string} path
 * @returns {Promise<{ text: string, where: string }>} where: how messages name the source
 * @throws {Error} `cannot read <where>: <reason>`
 */
export async function readInput(path) {
  const where = path === '-' ? 'standard input' : path;
  try {
    if (path !== '-') return { text: await readFile(path, 'utf8'), where };
    if (process.stdin.isTTY) console.error('keen-lead-form: reading standard input; end it with Ctrl-D (Ctrl-Z then Enter on Windows)');
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return { text: Buffer.concat(chunks).toString('utf8'), where };
  } catch (error) {
    throw new Error(`cannot read ${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Imports a module of the built package, turning "dist/ is not there" into a
 * BuildMissingError that says what to do.
 * @template T
 * @param {() => Promise<T>} load  `() => import('../../dist/lib/…')`, literal so the types follow
 * @returns {Promise<T>}
 */
export async function loadBuilt(load) {
  try {
    return await load();
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'ERR_MODULE_NOT_FOUND' && /[\\/]dist[\\/]lib[\\/]/.test(message)) {
      throw new BuildMissingError('the built package (dist/lib) is missing: run `npm run build` in this checkout first, or use the installed package (npx keen-lead-form)', { cause: error });
    }
    throw error;
  }
}
