// @ts-check
/*
 * The three-engine test machinery's own logic, with plain values: finding a
 * browser, typing in WebKit without losing repeated keys, and the summary
 * that must never let a test be left out silently.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findExecutable } from '../../scripts/find-browsers.js';
import { CHROMIUM_ONLY } from '../support/chromium-only.js';
import { chordsWithoutRepeats } from '../support/engine-plugin.js';
import { summarise } from '../support/engine-summary-reporter.js';

test('a missing browser says how to install it', () => {
  const spec = { what: 'Firefox', envVar: 'KEEN_TEST_NO_SUCH_VAR', candidates: ['/nonexistent/firefox'], install: '`apt-get install -y firefox-esr`' };
  assert.throws(() => findExecutable(spec), /No Firefox found\. Install one \(`apt-get install -y firefox-esr`\) or set KEEN_TEST_NO_SUCH_VAR/);
  process.env['KEEN_TEST_NO_SUCH_VAR'] = '/nonexistent/elsewhere';
  try {
    assert.throws(() => findExecutable(spec), /KEEN_TEST_NO_SUCH_VAR points to \/nonexistent\/elsewhere, which does not exist/);
    process.env['KEEN_TEST_NO_SUCH_VAR'] = process.execPath;
    assert.equal(findExecutable(spec), process.execPath);
  } finally {
    delete process.env['KEEN_TEST_NO_SUCH_VAR'];
  }
});

test('WebKit typing: no key twice in one chord, order kept, case counts as one key', () => {
  assert.deepEqual(chordsWithoutRepeats('lead0@example.com'), [['l', 'e', 'a', 'd', '0', '@'], ['e', 'x', 'a', 'm', 'p', 'l'], ['e', '.', 'c', 'o', 'm']]);
  assert.deepEqual(chordsWithoutRepeats('Aa'), [['A'], ['a']]);
  assert.deepEqual(chordsWithoutRepeats(''), []);
  for (const text of ['Zoë Ølgaard – 日本語', 'aaa', 'Mississippi']) {
    const chords = chordsWithoutRepeats(text);
    assert.equal(chords.flat().join(''), text);
    for (const chord of chords) assert.equal(new Set(chord.map((key) => key.toLowerCase())).size, chord.length, chord.join(''));
  }
});

/**
 * A session as web-test-runner reports it, with just what summarise reads.
 * @param {string} testFile
 * @param {{ name: string, tests: [string, 'passed' | 'failed' | 'skipped'][] }[]} suites
 * @returns {import('@web/test-runner').TestSession}
 */
function session(testFile, suites) {
  return /** @type {import('@web/test-runner').TestSession} */ (/** @type {unknown} */ ({
    testFile,
    errors: [],
    testResults: {
      name: '',
      tests: [],
      suites: suites.map(({ name, tests }) => ({
        name,
        suites: [],
        tests: tests.map(([title, outcome]) => ({ name: title, passed: outcome === 'passed', skipped: outcome === 'skipped' })),
      })),
    },
  }));
}

const A11Y = '/work/x/test/browser/accessibility.test.ts';
const allListed = [
  {
    name: 'accessibility (axe-core, WCAG 2.2 A/AA)',
    tests: /** @type {[string, 'passed' | 'skipped'][]} */ ([
      ['minimal, empty, light: no violations', 'passed'],
      ['minimal, empty, dark: no violations', 'skipped'],
    ]),
  },
  { name: 'contrast of the default theme', tests: /** @type {[string, 'skipped'][]} */ ([['meets 4.5:1 in dark', 'skipped']]) },
  {
    name: 'layout for everyone',
    tests: /** @type {[string, 'skipped'][]} */ ([
      ['shows borders and a focus ring in forced-colors mode', 'skipped'],
      ['has no transitions when the visitor prefers reduced motion', 'skipped'],
    ]),
  },
];

test('summary: listed tests skipped outside Chromium are counted, not problems', () => {
  const summary = summarise('firefox', [session(A11Y, allListed)]);
  assert.deepEqual(
    { ran: summary.ran, passed: summary.passed, failed: summary.failed, chromiumOnly: summary.chromiumOnly, problems: summary.problems },
    { ran: 1, passed: 1, failed: 0, chromiumOnly: 4, problems: [] },
  );
});

test('summary: an unlisted skip, a skip in Chromium and a stale entry are problems', () => {
  const unlisted = summarise('webkit', [
    session(A11Y, [...allListed, { name: 'keyboard-only journey', tests: [['tabs in order', 'skipped']] }]),
  ]);
  assert.deepEqual(unlisted.problems, ['skipped but not on the Chromium-only list: keyboard-only journey tabs in order']);

  const inChromium = summarise('chromium', [session(A11Y, [{ name: 'layout for everyone', tests: [['has no transitions when the visitor prefers reduced motion', 'skipped']] }])]);
  assert.ok(inChromium.problems.includes('skipped in Chromium: layout for everyone has no transitions when the visitor prefers reduced motion'));

  const stale = summarise('firefox', [session(A11Y, [{ name: 'accessibility (axe-core, WCAG 2.2 A/AA)', tests: [['minimal, empty, light: no violations', 'passed']] }])]);
  // Only the run file's entries can be stale (the list has entries of other files too).
  assert.equal(stale.problems.length, CHROMIUM_ONLY.filter((entry) => A11Y.endsWith(entry.file)).length);
  assert.ok(stale.problems.every((problem) => problem.startsWith('Chromium-only entry matches no test')));

  // Running another file alone does not make the list stale.
  assert.deepEqual(summarise('firefox', [session('/work/x/test/browser/lead-form.test.ts', [])]).problems, []);
});
