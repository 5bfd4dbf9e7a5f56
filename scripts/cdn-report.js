// @ts-check
// After `vite build`: prints the CDN file's sizes and SRI hash, writes the
// versioned copy a CDN can cache forever, and fails the build when the file
// is over its brotli budget or contains something it must not.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * @typedef {{ text: string, why: string, caseInsensitive?: boolean, mustContain?: boolean }} ContentRule
 * @typedef {{ file: string, brotliBytes: number, mustNotContain: ContentRule[] }} Budget
 */

const budget = /** @type {Budget} */ (JSON.parse(readFileSync('size-budget.json', 'utf8')));
const version = /** @type {{ version: string }} */ (JSON.parse(readFileSync('package.json', 'utf8'))).version;
const file = readFileSync(budget.file);
const text = file.toString('utf8');

const sizes = {
  raw: file.length,
  gzip: gzipSync(file, { level: 9 }).length,
  brotli: brotliCompressSync(file, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
};
const integrity = `sha384-${createHash('sha384').update(file).digest('base64')}`;
const versioned = join(dirname(budget.file), basename(budget.file, '.js') + `-${version}.js`);
copyFileSync(budget.file, versioned);
writeFileSync(
  join(dirname(budget.file), 'report.json'),
  JSON.stringify({ version, file: budget.file, versioned, ...sizes, integrity }, null, 2) + '\n',
);

const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`CDN file ${budget.file} (also ${versioned})`);
console.log(`  raw ${kb(sizes.raw)} · gzip ${kb(sizes.gzip)} · brotli ${kb(sizes.brotli)} (budget ${kb(budget.brotliBytes)})`);
console.log(`  integrity="${integrity}"`);

const problems = [];
if (sizes.brotli > budget.brotliBytes) {
  problems.push(`brotli size ${sizes.brotli} B is over the budget of ${budget.brotliBytes} B (size-budget.json)`);
}
for (const rule of budget.mustNotContain) {
  const found = rule.caseInsensitive ? text.toLowerCase().includes(rule.text.toLowerCase()) : text.includes(rule.text);
  if (found !== (rule.mustContain === true)) {
    problems.push(`${rule.mustContain ? 'missing' : 'contains'} ${JSON.stringify(rule.text)}: ${rule.why}`);
  }
}
if (problems.length > 0) {
  console.error(`\nThe CDN file breaks its budget:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(1);
}
