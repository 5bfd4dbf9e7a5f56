// @ts-check
// The single-language CDN files (issue 17), after `npm run build`: each is
// built, holds only its language and English, is smaller than the
// all-language file by the budget, and its SRI hash is printed by the build's
// report and listed in the README.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { brotliCompressSync, constants } from 'node:zlib';
import { VARIANT_LANGUAGES, variantFileName } from '../../scripts/cdn-variants.js';

const integrityOf = (/** @type {Buffer} */ data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;
const brotli = (/** @type {Buffer} */ data) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));

// Each catalogue's "Company" label, as the minified file holds it (one per language).
const COMPANY = Object.fromEntries(
  Object.entries({ da: 'Virksomhed', de: 'Firma', es: 'Empresa', fr: 'Entreprise', nb: 'Bedrift', nl: 'Bedrijf', sv: 'Företag' }).map(
    ([language, word]) => [language, `company_name:\`${word}\``],
  ),
);

test('the build report prints every single-language file with its SRI hash', () => {
  const printed = execFileSync(process.execPath, ['scripts/cdn-report.js'], { encoding: 'utf8' });
  for (const language of VARIANT_LANGUAGES) {
    const file = `dist/cdn/${variantFileName(language)}`;
    assert.ok(printed.includes(file), `${file} not printed`);
    assert.ok(printed.includes(`integrity="${integrityOf(readFileSync(file))}"`), `${file}'s hash not printed`);
  }
  for (const part of ['Lit', 'zod', 'catalogues', 'outbox', 'element', 'CSS']) assert.match(printed, new RegExp(`^ +${part} +\\d+ B`, 'm'));
  assert.match(printed, /without the spam defences part/);
});

test('the README lists every single-language file with its SRI hash', () => {
  const readme = readFileSync('README.md', 'utf8');
  for (const language of VARIANT_LANGUAGES) {
    const file = variantFileName(language);
    assert.ok(readme.includes(`| \`${file}\` |`), `${file} not in the README`);
    assert.ok(readme.includes(integrityOf(readFileSync(`dist/cdn/${file}`))), `${file}'s hash not in the README (npm run docs)`);
  }
});

test('each single-language file holds its language and English, not the others, and is smaller by the budget', () => {
  const all = readFileSync('dist/cdn/keen-lead-form.js');
  const allText = all.toString('utf8');
  for (const language of VARIANT_LANGUAGES) {
    const data = readFileSync(`dist/cdn/${variantFileName(language)}`);
    const text = data.toString('utf8');
    assert.ok(text.includes('First name'), `${language}: English missing`);
    for (const [other, word] of Object.entries(COMPANY)) {
      assert.ok(allText.includes(word), `the all-language file lacks ${word}`);
      assert.equal(text.includes(word), other === language, `${language} file and "${word}" (${other})`);
    }
    assert.ok(brotli(all) - brotli(data) >= budget.variants.minSavingBrotliBytes, `${language} saves too little`);
  }
});
