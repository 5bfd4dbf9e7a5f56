// @ts-check
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderApiDocs, syncReadme } from '../../scripts/readme-sync.js';

test('the README API reference and CDN snippet match the build', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.equal(syncReadme(readme), readme, 'run `npm run docs` after `npm run build`');
});

test('the README documents every attribute, event, part and custom property', () => {
  const readme = readFileSync('README.md', 'utf8');
  const docs = renderApiDocs();
  for (const name of ['channel', 'endpoint', 'relay', 'keen-submit', 'keen-invalid', '--keen-accent', 'send-another']) {
    assert.ok(docs.includes(`\`${name}\``), `${name} missing from the generated reference`);
  }
  assert.ok(readme.includes(docs));
});
