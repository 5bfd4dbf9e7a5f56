#!/usr/bin/env node
// @ts-check
/*
 * The checks WordPress.org's plugin review would make that can run offline,
 * on the plugin as it ships (a release zip, unpacked) or on a plugin folder:
 *   - readme.txt header: Stable tag is the plugin's Version (and the expected
 *     release version), Requires at least / Requires PHP agree with the
 *     plugin header, Tested up to is a WordPress major.minor, License set;
 *   - text domain: the header's Text Domain is the plugin's slug, and every
 *     translation call and block.json use it;
 *   - escaping: echo / print / printf / <?= output only literals or values
 *     passed through an escaping function (a crude line-level cousin of
 *     WordPress Coding Standards' EscapeOutput sniff);
 *   - `php -l` on the oldest PHP the plugin claims and the newest it is
 *     tested on (php-lint.js, Playground's PHP builds).
 *
 *   node wordpress/scripts/plugin-check.js [path/to/plugin.zip | plugin-dir] [--version X]
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LINT_PHP_VERSIONS, lintPhpFiles, listPhpFiles } from './php-lint.js';
import { readZip } from './zip-archive.js';

export const SLUG = 'keen-lead-form';
const DEFAULT_PLUGIN_DIR = fileURLToPath(new URL(`../${SLUG}/`, import.meta.url));

/** WordPress's translation functions whose last string argument is the text domain. */
const TRANSLATION_CALL = /\b(?:__|_e|_x|_ex|_n|_nx|esc_html__|esc_html_e|esc_html_x|esc_attr__|esc_attr_e|esc_attr_x)\s*\(/g;

/** Calls whose result is safe to print in HTML. */
const ESCAPING_FUNCTIONS = [
  'esc_html', 'esc_attr', 'esc_url', 'esc_js', 'esc_textarea', 'esc_xml',
  'esc_html__', 'esc_attr__', 'esc_html_x', 'esc_attr_x',
  'wp_kses', 'wp_kses_post', 'wp_kses_data', 'absint', 'intval', 'floatval',
  'checked', 'selected', 'disabled', 'wp_readonly', 'number_format_i18n', 'wp_json_encode',
];

/**
 * @param {string} text
 * @param {RegExp} pattern  a "Name: value" line
 */
function headerField(text, pattern) {
  return pattern.exec(text)?.[1]?.trim();
}

/** @param {string} source @param {string} name */
function pluginHeader(source, name) {
  return headerField(source, new RegExp(`^\\s*\\*\\s*${name}:\\s*(.+)$`, 'm'));
}

/** @param {string} source @param {string} name */
function readmeHeader(source, name) {
  return headerField(source, new RegExp(`^${name}:\\s*(.+)$`, 'm'));
}

/**
 * Splits an expression at top-level separators (outside strings and brackets).
 * @param {string} expression
 * @param {string} [separators]
 * @returns {string[]}
 */
function topLevelParts(expression, separators = '.,') {
  const parts = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i];
    if (quote !== '') {
      if (char === '\\') i++;
      else if (char === quote) quote = '';
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (depth === 0 && separators.includes(/** @type {string} */ (char)) && !/\d/.test(expression[i + 1] ?? '')) {
      parts.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(expression.slice(start).trim());
  return parts.filter((part) => part !== '');
}

/**
 * The text between a call's parentheses.
 * @param {string} source
 * @param {number} open  index of the opening parenthesis
 */
function callArguments(source, open) {
  let depth = 0;
  const close = scanCode(source, open, (char) => (char === '(' ? (depth++, false) : char === ')' && --depth === 0));
  return source.slice(open + 1, close);
}

/**
 * Walks PHP source from `from`, skipping quoted strings (with their escapes),
 * and returns the index of the first character outside strings for which
 * `stop` says true (or the source's length).
 * @param {string} source
 * @param {number} from
 * @param {(char: string, index: number) => boolean} stop
 */
function scanCode(source, from, stop) {
  let quote = '';
  for (let i = from; i < source.length; i++) {
    const char = /** @type {string} */ (source[i]);
    if (quote !== '') {
      if (char === '\\') i++;
      else if (char === quote) quote = '';
    } else if (char === "'" || char === '"') quote = char;
    else if (stop(char, i)) return i;
  }
  return source.length;
}

/** @param {string} part  one printed value */
function isSafeOutput(part) {
  if (/^'(?:[^'\\]|\\.)*'$/.test(part)) return true; // single-quoted: no interpolation
  if (/^"(?:[^"\\$]|\\.)*"$/.test(part)) return true; // double-quoted without variables
  if (/^-?\d+(\.\d+)?$/.test(part)) return true;
  if (/^\((?:int|float|bool)\)/.test(part)) return true;
  const call = /^([A-Za-z_]\w*)\s*\(/.exec(part);
  return call !== null && ESCAPING_FUNCTIONS.includes(/** @type {string} */ (call[1])) && part.endsWith(')');
}

/**
 * The source with comments blanked out (line breaks kept, so line numbers
 * hold); strings are left alone, so a URL's "//" is not a comment.
 * @param {string} source
 */
function withoutComments(source) {
  let result = '';
  let quote = '';
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    const next = source[i + 1];
    if (quote !== '') {
      result += char;
      if (char === '\\') result += source[++i] ?? '';
      else if (char === quote) quote = '';
    } else if (char === "'" || char === '"') {
      quote = char;
      result += char;
    } else if (char === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const comment = source.slice(i, end < 0 ? source.length : end + 2);
      result += comment.replace(/[^\n]/g, ' ');
      i += comment.length - 1;
    } else if ((char === '/' && next === '/') || char === '#') {
      // A line comment ends at the line break or at a closing PHP tag.
      let end = i;
      while (end < source.length && source[end] !== '\n' && source.slice(end, end + 2) !== '?>') end++;
      result += ' '.repeat(end - i);
      i = end - 1;
    } else {
      result += char;
    }
  }
  return result;
}

/**
 * The output statements of one PHP file whose printed values are not all
 * literals or escaped.
 * @param {string} phpSource
 * @returns {{ line: number, statement: string }[]}
 */
export function findUnescapedOutput(phpSource) {
  const source = withoutComments(phpSource);
  const findings = [];
  const keywordPattern = /\becho\b|\bprint\b|\bprintf\s*\(|<\?=/g;
  for (const match of source.matchAll(keywordPattern)) {
    const start = /** @type {number} */ (match.index);
    const keyword = match[0].startsWith('printf') ? 'printf' : 'echo';
    // printf's own opening parenthesis is part of the statement's first level.
    const bodyStart = keyword === 'printf' ? start + match[0].length - 1 : start + match[0].length;
    const end = statementEnd(source, bodyStart);
    let expression = source.slice(keyword === 'printf' ? bodyStart + 1 : bodyStart, end).trim();
    let parts;
    if (keyword === 'printf') {
      // printf( 'format', arg, ... ): the format must be a literal, every argument escaped.
      expression = expression.replace(/\)\s*$/, '');
      parts = topLevelParts(expression);
    } else {
      parts = topLevelParts(expression.replace(/^\(([\s\S]*)\)$/, '$1'));
    }
    if (!parts.every(isSafeOutput)) {
      findings.push({ line: source.slice(0, start).split('\n').length, statement: source.slice(start, end + (source[end] === '?' ? 2 : 1)).replace(/\s+/g, ' ').trim() });
    }
  }
  return findings;
}

/**
 * Where the statement that starts at `from` ends: its `;` or `?>`, outside
 * strings and brackets (a `;` inside a translated sentence is not the end).
 * @param {string} source
 * @param {number} from
 */
function statementEnd(source, from) {
  let depth = 0;
  return scanCode(source, from, (char, i) => {
    if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else return depth <= 0 && (char === ';' || (char === '?' && source[i + 1] === '>'));
    return false;
  });
}

/**
 * Every check but `php -l`.
 * @param {string} dir  the plugin folder (the one holding keen-lead-form.php)
 * @param {{ version?: string }} [expected]  the release version, when known
 * @returns {string[]} problems, one sentence each
 */
export function checkPluginFiles(dir, expected = {}) {
  const problems = [];
  const main = readFileSync(join(dir, `${SLUG}.php`), 'utf8');
  const readme = readFileSync(join(dir, 'readme.txt'), 'utf8');

  const version = pluginHeader(main, 'Version');
  for (const field of ['Plugin Name', 'Version', 'Requires at least', 'Requires PHP', 'License', 'Text Domain']) {
    if (pluginHeader(main, field) === undefined) problems.push(`${SLUG}.php: header has no "${field}:"`);
  }
  for (const field of ['Requires at least', 'Tested up to', 'Requires PHP', 'Stable tag', 'License']) {
    if (readmeHeader(readme, field) === undefined) problems.push(`readme.txt: header has no "${field}:"`);
  }
  if (!readme.startsWith(`=== `)) problems.push('readme.txt: does not start with "=== Plugin Name ==="');
  const stableTag = readmeHeader(readme, 'Stable tag');
  if (stableTag !== undefined && stableTag !== version) problems.push(`readme.txt: Stable tag ${stableTag} is not the plugin's Version ${version}`);
  if (expected.version !== undefined && version !== expected.version) {
    problems.push(`${SLUG}.php: Version ${version} is not the release version ${expected.version} (package.json)`);
  }
  for (const field of ['Requires at least', 'Requires PHP', 'License']) {
    const inReadme = readmeHeader(readme, field);
    const inHeader = pluginHeader(main, field);
    if (inReadme !== undefined && inHeader !== undefined && inReadme !== inHeader) {
      problems.push(`readme.txt says "${field}: ${inReadme}" but ${SLUG}.php says "${inHeader}"`);
    }
  }
  const testedUpTo = readmeHeader(readme, 'Tested up to');
  if (testedUpTo !== undefined && !/^\d+\.\d+$/.test(testedUpTo)) {
    problems.push(`readme.txt: "Tested up to: ${testedUpTo}" must be a WordPress major version such as 6.5`);
  }
  const requiresPhp = readmeHeader(readme, 'Requires PHP');
  if (requiresPhp !== undefined && !LINT_PHP_VERSIONS.includes(/** @type {'7.4'} */ (requiresPhp))) {
    problems.push(`readme.txt claims PHP ${requiresPhp}, but php-lint.js lints on ${LINT_PHP_VERSIONS.join(', ')} only`);
  }

  const textDomain = pluginHeader(main, 'Text Domain');
  if (textDomain !== undefined && textDomain !== SLUG) problems.push(`${SLUG}.php: Text Domain ${textDomain} is not the slug ${SLUG}`);
  for (const file of listPhpFiles(dir)) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const call of source.matchAll(TRANSLATION_CALL)) {
      // The domain is the call's last argument, a literal.
      const args = topLevelParts(callArguments(source, /** @type {number} */ (call.index) + call[0].length - 1), ',');
      const domain = /^['"]([^'"]*)['"]$/.exec(args.at(-1) ?? '')?.[1];
      if (domain !== SLUG) {
        const line = source.slice(0, call.index).split('\n').length;
        problems.push(`${file}:${line}: ${call[0].trim()} uses text domain ${JSON.stringify(domain ?? '(none)')}, not "${SLUG}"`);
      }
    }
    for (const { line, statement } of findUnescapedOutput(source)) {
      problems.push(`${file}:${line}: output not escaped: ${statement}`);
    }
  }
  const blockJson = JSON.parse(readFileSync(join(dir, 'block/block.json'), 'utf8'));
  if (blockJson.textdomain !== SLUG) problems.push(`block/block.json: textdomain ${blockJson.textdomain} is not "${SLUG}"`);
  if (blockJson.version !== version) problems.push(`block/block.json: version ${blockJson.version} is not the plugin's Version ${version}`);
  return problems;
}

/**
 * Unpacks a release zip (one top folder, the slug) into a temporary folder.
 * @param {string} zipPath
 * @returns {{ dir: string, cleanUp: () => void }}
 */
export function unpackPluginZip(zipPath) {
  const scratch = mkdtempSync(join(tmpdir(), 'keen-plugin-check-'));
  for (const entry of readZip(readFileSync(zipPath))) {
    const path = resolve(scratch, entry.name);
    if (!path.startsWith(scratch + '/')) throw new Error(`unsafe path in zip: ${entry.name}`);
    if (entry.isDirectory) mkdirSync(path, { recursive: true });
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, entry.data);
    }
  }
  const top = readdirSync(scratch);
  if (top.length !== 1 || top[0] !== SLUG) throw new Error(`${zipPath} must hold exactly one folder, ${SLUG}/ (found ${top.join(', ')})`);
  return { dir: join(scratch, SLUG), cleanUp: () => rmSync(scratch, { recursive: true, force: true }) };
}

/**
 * All checks, `php -l` included.
 * @param {string} target  a plugin zip or folder
 * @param {{ version?: string }} [expected]
 * @returns {Promise<{ problems: string[], phpLintRuns: number }>}
 */
export async function checkPlugin(target, expected = {}) {
  const unpacked = target.endsWith('.zip') ? unpackPluginZip(target) : { dir: target, cleanUp: () => {} };
  try {
    const problems = checkPluginFiles(unpacked.dir, expected);
    const lint = await lintPhpFiles(unpacked.dir);
    for (const result of lint.filter((run) => !run.ok)) problems.push(`php -l (${result.runtime}) ${result.file}: ${result.output}`);
    return { problems, phpLintRuns: lint.length };
  } finally {
    unpacked.cleanUp();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const versionAt = args.indexOf('--version');
  const version = versionAt >= 0 ? args[versionAt + 1] : undefined;
  const target = args.find((arg, i) => !arg.startsWith('--') && i !== versionAt + 1) ?? DEFAULT_PLUGIN_DIR;
  let exitCode = 0;
  try {
    const { problems, phpLintRuns } = await checkPlugin(target, version === undefined ? {} : { version });
    if (problems.length > 0) {
      console.error(`Plugin check failed for ${target}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      exitCode = 1;
    } else {
      console.log(`Plugin check passed for ${target} (headers, text domain, escaping, ${phpLintRuns} php -l runs on PHP ${LINT_PHP_VERSIONS.join(' and ')})`);
    }
  } catch (error) {
    console.error(error);
    exitCode = 1;
  }
  // php-wasm keeps sockets open: exit explicitly.
  process.exit(exitCode);
}
