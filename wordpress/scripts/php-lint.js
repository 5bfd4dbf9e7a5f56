#!/usr/bin/env node
// @ts-check
/**
 * `php -l` for every PHP file of the plugin, on the oldest PHP the plugin
 * supports (7.4) and the one the tests run WordPress on (8.3), through
 * Playground's PHP builds (php-wasm's CLI SAPI), so no system PHP is needed.
 * A system `php`, when there is one, lints too.
 *
 * Prints one line per file and version (or JSON with --json); exits 1 if any
 * file fails.
 * Exits explicitly: php-wasm's runtimes keep sockets open afterwards.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeFsMountHandler, loadNodeRuntime } from '@php-wasm/node';
import { PHP } from '@php-wasm/universal';

const PLUGIN_DIR = fileURLToPath(new URL('../keen-lead-form/', import.meta.url));
/** @type {readonly ('7.4' | '8.3')[]} */
export const LINT_PHP_VERSIONS = ['7.4', '8.3'];

/** @returns {string[]} plugin-relative paths of every .php file */
export function listPhpFiles(dir = PLUGIN_DIR) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.php'))
    .map((path) => path.split('\\').join('/'))
    .sort();
}

/**
 * @param {'7.4' | '8.3'} version
 * @param {string} dir
 * @param {string} file  relative to dir
 * @returns {Promise<{ ok: boolean, output: string }>}
 */
async function lintWithWasm(version, dir, file) {
  // A CLI run ends its PHP instance, so each file gets a fresh one.
  const php = new PHP(await loadNodeRuntime(version, { emscriptenOptions: { processId: 1 } }));
  await php.mount('/plugin', createNodeFsMountHandler(dir));
  const response = await php.cli(['php', '-l', `/plugin/${file}`]);
  const [exitCode, stdout, stderr] = await Promise.all([response.exitCode, response.stdoutText, response.stderrText]);
  return { ok: exitCode === 0, output: (stdout + stderr).trim() };
}

/** @returns {string | undefined} the system PHP's version, if there is one */
function systemPhpVersion() {
  const result = spawnSync('php', ['-r', 'echo PHP_VERSION;'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * @param {string} [dir]  the plugin by default
 * @returns {Promise<{ runtime: string, file: string, ok: boolean, output: string }[]>}
 */
export async function lintPhpFiles(dir = PLUGIN_DIR) {
  const files = listPhpFiles(dir);
  const results = [];
  for (const version of LINT_PHP_VERSIONS) {
    for (const file of files) {
      results.push({ runtime: `php-wasm ${version}`, file, ...(await lintWithWasm(version, dir, file)) });
    }
  }
  const system = systemPhpVersion();
  if (system !== undefined) {
    for (const file of files) {
      const result = spawnSync('php', ['-l', join(dir, file)], { encoding: 'utf8' });
      results.push({ runtime: `system php ${system}`, file, ok: result.status === 0, output: (result.stdout + result.stderr).trim() });
    }
  }
  return results;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  // Usage: node php-lint.js [--json] [dir]   (dir: the plugin by default)
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const dir = args.find((arg) => !arg.startsWith('--')) ?? PLUGIN_DIR;
  /** @type {number} */
  let failed;
  try {
    const results = await lintPhpFiles(dir);
    failed = results.filter((result) => !result.ok).length;
    if (json) {
      console.log(JSON.stringify(results));
    } else {
      for (const { runtime, file, ok, output } of results) {
        console.log(`${ok ? 'ok  ' : 'FAIL'} ${runtime.padEnd(18)} ${file}${ok ? '' : `\n${output}`}`);
      }
      console.log(`php-lint: ${results.length - failed} passed, ${failed} failed`);
    }
  } catch (error) {
    console.error(error);
    failed = 1;
  }
  process.exit(failed === 0 ? 0 : 1);
}
