// @ts-check
// Pages that enforce Trusted Types, served with a real Content-Security-Policy
// header to headless Chromium: a policy list with lit-html renders the form
// with no error at all; one without it gets exactly one console error from the
// widget saying what to add, and no uncaught exception.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.js';
import { startStaticServer } from '../../scripts/static-server.js';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trusted Types</title><link rel="icon" href="data:,">
<script type="module" src="/keen-lead-form.js"></script></head>
<body><keen-lead-form channel="c0ffee00-0000-4000-8000-000000000001" fields="email"></keen-lead-form></body></html>`;

/** @type {import('playwright').Browser} */ let browser;

before(async () => {
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
});

/**
 * Loads the widget under `csp` and reports what the console and the page said.
 * @param {string} csp
 */
async function loadUnder(csp) {
  const server = await startStaticServer({
    root: 'dist/cdn',
    headers: { 'Content-Security-Policy': csp },
    virtualFile: (path) => (path === '/' || path === '/index.html' ? { type: 'text/html', body: PAGE } : undefined),
  });
  const page = await browser.newPage();
  /** @type {string[]} */ const errors = [];
  /** @type {string[]} */ const thrown = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => thrown.push(error.message));
  try {
    await page.goto(`${server.url}/`);
    // The module has run once the tag is defined or its one error is out.
    // (Page code as strings: this file is linted as Node code.)
    await page.waitForFunction("customElements.get('keen-lead-form') !== undefined || document.readyState === 'complete'");
    await page.waitForTimeout(200);
    const defined = /** @type {boolean} */ (await page.evaluate("customElements.get('keen-lead-form') !== undefined"));
    const labels = /** @type {string[]} */ (
      await page.evaluate("[...(document.querySelector('keen-lead-form')?.shadowRoot?.querySelectorAll('label') ?? [])].map((label) => label.textContent.trim())")
    );
    return { errors, thrown, defined, labels };
  } finally {
    await page.close();
    await server.close();
  }
}

const OURS = /<keen-lead-form>/;

test("a policy list with lit-html: the form renders, nothing is logged", async () => {
  const result = await loadUnder("require-trusted-types-for 'script'; trusted-types lit-html");
  assert.deepEqual(result.thrown, []);
  assert.deepEqual(result.errors, []);
  assert.equal(result.defined, true);
  assert.deepEqual(result.labels, ['Email*']);
});

for (const policy of ["trusted-types 'none'", 'trusted-types my-app-policy']) {
  test(`"${policy}": one console error that says what to add, no uncaught exception`, async () => {
    const result = await loadUnder(`require-trusted-types-for 'script'; ${policy}`);
    assert.deepEqual(result.thrown, [], 'no uncaught exception');
    const ours = result.errors.filter((text) => OURS.test(text));
    assert.equal(ours.length, 1, `expected one message from the widget, got: ${result.errors.join(' | ')}`);
    assert.match(ours[0] ?? '', /Add lit-html to the trusted-types directive/);
    assert.match(ours[0] ?? '', /"trusted-types lit-html <your own policies>"/);
    // The only other message is the browser's own report of the refused policy.
    assert.ok(result.errors.filter((text) => !OURS.test(text)).every((text) => /lit-html/.test(text)), result.errors.join(' | '));
    assert.equal(result.defined, false);
  });
}
