// @ts-check
/**
 * `php -l` on every PHP file of the plugin, on PHP 7.4 (the oldest the
 * plugin supports) and 8.3, through Playground's PHP: scripts/php-lint.js
 * runs in a child process because php-wasm keeps sockets open after a run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { LINT_PHP_VERSIONS, listPhpFiles } from '../scripts/php-lint.js';

const LINT_SCRIPT = fileURLToPath(new URL('../scripts/php-lint.js', import.meta.url));

/** @returns {{ status: number | null, results: { runtime: string, file: string, ok: boolean, output: string }[] }} */
function lint(/** @type {string[]} */ args = []) {
  const run = spawnSync(process.execPath, [LINT_SCRIPT, '--json', ...args], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.error, undefined);
  try {
    return { status: run.status, results: JSON.parse(run.stdout) };
  } catch {
    throw new Error(`php-lint printed no JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}

test('every PHP file of the plugin passes php -l on PHP 7.4 and 8.3', () => {
  const files = listPhpFiles();
  assert.ok(files.includes('keen-lead-form.php') && files.includes('includes/rest-relay.php'), `files: ${files}`);
  const { status, results } = lint();
  const failures = results.filter((result) => !result.ok);
  assert.deepEqual(failures, []);
  assert.equal(status, 0);
  for (const version of LINT_PHP_VERSIONS) {
    const linted = results.filter((result) => result.runtime === `php-wasm ${version}`).map((result) => result.file);
    assert.deepEqual(linted, files, `every file linted on PHP ${version}`);
  }
});

test('the lint catches syntax that PHP 7.4 does not know', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keen-php-lint-'));
  try {
    writeFileSync(join(dir, 'match.php'), "<?php\n$size = match (1) { 1 => 'one', default => 'many' };\n");
    const { status, results } = lint([dir]);
    assert.equal(status, 1);
    const byRuntime = Object.fromEntries(results.map((result) => [result.runtime, result]));
    assert.equal(byRuntime['php-wasm 7.4']?.ok, false);
    assert.match(byRuntime['php-wasm 7.4']?.output ?? '', /syntax error/);
    assert.equal(byRuntime['php-wasm 8.3']?.ok, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
