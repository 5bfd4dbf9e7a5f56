// @ts-check
// After `vite build` and scripts/build-cdn-variants.js: prints the sizes and
// SRI hash of the CDN file and of each single-language file, and the bytes
// per part (Lit, zod, catalogues, outbox, element, CSS, spam defences,
// qualifying forms, other) so every change shows what it costs; writes the
// versioned copies a CDN can cache forever; fails the build when a file is
// over its brotli budget, a single-language file saves too little, or a file
// contains something it must not.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minifySync } from 'rolldown/utils';
import { PARTS_DIR, VARIANT_LANGUAGES, variantFileName } from './cdn-variants.js';

/**
 * @typedef {{ text: string, why: string, caseInsensitive?: boolean, mustContain?: boolean }} ContentRule
 * @typedef {{ file: string, brotliBytes: number, mustNotContain: ContentRule[],
 *   variants: { minSavingBrotliBytes: number } }} Budget
 * @typedef {{ raw: number, gzip: number, brotli: number }} Sizes
 */

const budget = /** @type {Budget} */ (JSON.parse(readFileSync('size-budget.json', 'utf8')));
const version = /** @type {{ version: string }} */ (JSON.parse(readFileSync('package.json', 'utf8'))).version;
const outDir = dirname(budget.file);

/** @param {Buffer | string} data @returns {Sizes} */
export function sizesOf(data) {
  return {
    raw: Buffer.byteLength(data),
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * Each part's bytes: its tree-shaken code as the build rendered it, minified
 * on its own and compressed on its own (`alone`), and its share of the
 * file's brotli size in proportion (`share`, summing to the file's size).
 * Compressed alone a part loses what it shares with the others, so `alone`
 * overstates a little; both move with every change to the part.
 * @param {string} fileName @param {number} fileBrotli
 */
function measureParts(fileName, fileBrotli) {
  const path = join(PARTS_DIR, basename(fileName, '.js') + '.json');
  if (!existsSync(path)) return [];
  const parts = /** @type {Record<string, string>} */ (JSON.parse(readFileSync(path, 'utf8')));
  const measured = Object.entries(parts).map(([part, code]) => {
    // The build's own minifier (oxc); alone, nothing in a part is used, so nothing may be dropped as unused.
    const minified = minifySync(`${part}.js`, code, { module: true, compress: { unused: false }, mangle: { toplevel: true } }).code;
    return { part, alone: sizesOf(minified).brotli };
  });
  const total = measured.reduce((sum, { alone }) => sum + alone, 0);
  return measured
    .map(({ part, alone }) => ({ part, alone, share: Math.round((alone / total) * fileBrotli) }))
    .sort((a, b) => b.alone - a.alone);
}

/** @param {string} file */
function describe(file) {
  const data = readFileSync(file);
  const versioned = join(outDir, basename(file, '.js') + `-${version}.js`);
  copyFileSync(file, versioned);
  return {
    file,
    versioned,
    ...sizesOf(data),
    integrity: `sha384-${createHash('sha384').update(data).digest('base64')}`,
    text: data.toString('utf8'),
  };
}

const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const main = describe(budget.file);
const parts = measureParts(basename(budget.file), main.brotli);
const variants = VARIANT_LANGUAGES.filter((language) => existsSync(join(outDir, variantFileName(language)))).map((language) => ({
  language,
  ...describe(join(outDir, variantFileName(language))),
}));
const spam = parts.find(({ part }) => part === 'spam defences')?.share ?? 0;

/** What report.json keeps of a file: everything but its text. @param {{ text: string }} described */
const withoutText = (described) => Object.fromEntries(Object.entries(described).filter(([key]) => key !== 'text'));
writeFileSync(
  join(outDir, 'report.json'),
  JSON.stringify(
    {
      version,
      ...withoutText(main),
      parts,
      withoutSpamDefencesBrotli: main.brotli - spam,
      variants: variants.map(withoutText),
    },
    null,
    2,
  ) + '\n',
);

console.log(`CDN file ${main.file} (also ${main.versioned})`);
console.log(`  raw ${kb(main.raw)} · gzip ${kb(main.gzip)} · brotli ${kb(main.brotli)} = ${main.brotli} B (budget ${budget.brotliBytes} B)`);
console.log(`  integrity="${main.integrity}"`);
console.log(`  without the spam defences part: ≈ ${kb(main.brotli - spam)} brotli (the part's share: ${spam} B)`);
console.log('  bytes per part (brotli: share of the file · minified and compressed alone):');
for (const { part, share, alone } of parts) console.log(`    ${part.padEnd(17)} ${String(share).padStart(6)} B · ${String(alone).padStart(6)} B`);
console.log('Single-language files (the language plus English):');
for (const variant of variants) {
  console.log(`  ${variant.file}: brotli ${kb(variant.brotli)} = ${variant.brotli} B (${main.brotli - variant.brotli} B smaller)`);
  console.log(`    integrity="${variant.integrity}"`);
}

const problems = [];
if (main.brotli > budget.brotliBytes) {
  problems.push(`brotli size ${main.brotli} B is over the budget of ${budget.brotliBytes} B (size-budget.json)`);
}
if (variants.length !== VARIANT_LANGUAGES.length) problems.push('single-language files are missing (scripts/build-cdn-variants.js)');
for (const variant of variants) {
  const saving = main.brotli - variant.brotli;
  if (saving < budget.variants.minSavingBrotliBytes) {
    problems.push(`${variant.file} is only ${saving} B smaller than the all-language file; it must be ${budget.variants.minSavingBrotliBytes} B smaller (size-budget.json)`);
  }
}
for (const { file, text } of [main, ...variants]) {
  for (const rule of budget.mustNotContain) {
    const found = rule.caseInsensitive ? text.toLowerCase().includes(rule.text.toLowerCase()) : text.includes(rule.text);
    if (found !== (rule.mustContain === true)) {
      problems.push(`${file} ${rule.mustContain ? 'misses' : 'contains'} ${JSON.stringify(rule.text)}: ${rule.why}`);
    }
  }
}
if (problems.length > 0) {
  console.error(`\nThe CDN files break their budget:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(1);
}
