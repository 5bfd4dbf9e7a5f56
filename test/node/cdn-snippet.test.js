// @ts-check
// The README's CDN snippet, pasted into a plain HTML page on one origin, with
// the file served raw by a plain server on another origin (as a CDN would):
// the integrity check passes, the element registers, and a lead arrives.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright';
import { startEmulator } from '../../emulator/server.js';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.js';
import { cdnSnippetHtml } from '../../scripts/readme-sync.js';
import { startStaticServer } from '../../scripts/static-server.js';

const PUBLIC_CHANNEL = 'c0ffee00-0000-4000-8000-000000000001';
const CDN_PREFIX = /https:\/\/cdn\.jsdelivr\.net\/npm\/keen-lead-form@[^/]+\/dist\/cdn\//;

/** @type {Awaited<ReturnType<typeof startEmulator>>} */ let emulator;
/** @type {Awaited<ReturnType<typeof startStaticServer>>} */ let cdn;
/** @type {Awaited<ReturnType<typeof startStaticServer>>} */ let tamperedCdn;
/** @type {Awaited<ReturnType<typeof startStaticServer>>} */ let site;
/** @type {import('playwright').Browser} */ let browser;
/** @type {string} */ let siteDir;

/** The snippet as a site owner pastes it, pointed at our stand-in CDN and the emulator. */
function pageWith(/** @type {string} */ cdnUrl) {
  const snippet = cdnSnippetHtml()
    .replace(CDN_PREFIX, `${cdnUrl}/`)
    .replace('channel="YOUR-CHANNEL-ID"', `channel="${PUBLIC_CHANNEL}" endpoint="${emulator.url}/functions/v1/keen-api"`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain site</title><link rel="icon" href="data:,"></head><body>\n${snippet}\n</body></html>`;
}

before(async () => {
  emulator = await startEmulator({ port: 0 });
  cdn = await startStaticServer({ root: 'dist/cdn' });
  // The same file with one byte changed, as a compromised CDN might serve it.
  const original = readFileSync('dist/cdn/keen-lead-form.js', 'utf8');
  tamperedCdn = await startStaticServer({
    root: 'dist/cdn',
    virtualFile: (path) =>
      path === '/keen-lead-form.js' ? { type: 'text/javascript', body: original.replace('keen-', 'keen_') } : undefined,
  });
  siteDir = mkdtempSync(join(tmpdir(), 'keen-site-'));
  writeFileSync(join(siteDir, 'index.html'), pageWith(cdn.url));
  writeFileSync(join(siteDir, 'tampered.html'), pageWith(tamperedCdn.url));
  site = await startStaticServer({ root: siteDir });
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await Promise.all([site?.close(), cdn?.close(), tamperedCdn?.close(), emulator?.close()]);
  rmSync(siteDir, { recursive: true, force: true });
});

test('the snippet carries an integrity hash and crossorigin', () => {
  const html = cdnSnippetHtml();
  assert.match(html, /integrity="sha384-[A-Za-z0-9+/]{64}"/);
  assert.match(html, /crossorigin="anonymous"/);
  assert.match(html, /type="module"/);
});

test('the pasted snippet works from another origin and sends a lead', async () => {
  assert.notEqual(new URL(site.url).port, new URL(cdn.url).port, 'page and file must be on different origins');
  const page = await browser.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  /** @type {string[]} */
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${site.url}/index.html`);
  const form = page.locator('keen-lead-form');
  await form.getByLabel('First name').fill('Snippet');
  await form.getByLabel('Email').fill('snippet@example.com');
  await form.getByRole('button', { name: 'Send' }).click();
  await form.getByText('Thank you!').waitFor();
  const response = await fetch(`${emulator.url}/__emulator/leads`);
  const { leads } = /** @type {{ leads: { lead: { email: string } }[] }} */ (await response.json());
  assert.deepEqual(leads.map(({ lead }) => lead.email), ['snippet@example.com']);
  assert.deepEqual(problems, []);
  // The file makes no requests of its own: only the page, the file and the API.
  const origins = new Set(requests.map((url) => new URL(url).origin));
  assert.deepEqual([...origins].sort(), [cdn.url, emulator.url, site.url].sort());
  await page.close();
});

test('works under a strict Content-Security-Policy (no inline scripts or styles, no eval)', async () => {
  const csp = [
    "default-src 'none'",
    `script-src ${cdn.url}`,
    "style-src 'self'",
    `connect-src ${emulator.url}`,
    "img-src 'self' data:",
  ].join('; ');
  const strictSite = await startStaticServer({ root: siteDir, headers: { 'Content-Security-Policy': csp } });
  const page = await browser.newPage();
  /** @type {string[]} */
  const violations = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  try {
    await page.goto(`${strictSite.url}/index.html`);
    const form = page.locator('keen-lead-form');
    await form.getByLabel('Email').fill('csp@example.com');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByText('Thank you!').waitFor();
    // Styles applied (adopted stylesheets are not inline styles).
    // (container-type is set by the form's own :host rule and by nothing else.)
    const containerType = await form.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).containerType);
    assert.equal(containerType, 'inline-size');
    assert.deepEqual(violations, []);
  } finally {
    await page.close();
    await strictSite.close();
  }
});

test('a file that does not match its integrity hash is refused', async () => {
  const page = await browser.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('console', (message) => problems.push(message.text()));
  await page.goto(`${site.url}/tampered.html`);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate("customElements.get('keen-lead-form') === undefined"), true);
  assert.ok(problems.some((text) => /integrity/i.test(text)), `expected an integrity error, got ${problems.join(' | ')}`);
  await page.close();
});
