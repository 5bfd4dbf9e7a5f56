// @ts-check
// The generated markup in a real browser with no script at all (headless
// Chromium): it is labelled and passes axe, the browser's own validation
// holds back an empty required field, a filled form posts form-encoded with
// exactly the names of contract E (a checkbox group repeats its name), and the
// pre-upgrade style applies only until <keen-lead-form> is defined.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright';
import { renderFormHtml } from '../../dist/lib/relay/index.js';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** @type {import('playwright').Browser} */
let browser;
/** @type {import('node:http').Server} */
let server;
let origin = '';
/** Bodies posted to /relay, in order. */
/** @type {string[]} */
const posts = [];
let pageHtml = '';

before(async () => {
  server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/relay') {
      /** @type {Buffer[]} */
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        posts.push(`${request.headers['content-type']}\n${Buffer.concat(chunks).toString('utf8')}`);
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Received</title><p>Received</p>');
      });
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  origin = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

const FORM = {
  fields: [
    'first_name',
    'email',
    { property: 'plan', type: 'radio', label: 'Plan', options: ['Basic', 'Pro'], required: true },
    { property: 'topics', type: 'checkboxes', label: 'Topics', options: ['Sales', 'Support', 'Billing'] },
    { property: 'size', type: 'select', label: 'Team size', options: ['1-10', '11-50'] },
    { name: 'source', hidden: true, value: 'html-first' },
    'notes',
  ],
  consent: { link: 'https://site.example/privacy' },
};

/** A page holding the generated form, and nothing else: no script anywhere. */
async function openForm() {
  const markup = renderFormHtml({ config: /** @type {any} */ (FORM), attributes: { relay: '', endpoint: `${origin}/relay` }, lang: 'en' });
  pageHtml = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>HTML-first</title></head><body><main><h1>Contact us</h1>\n${markup}\n</main></body></html>`;
  const page = await browser.newPage({ javaScriptEnabled: false });
  await page.goto(`${origin}/`);
  return page;
}

test('without script: labelled, axe-clean, the browser refuses an empty required field, and a filled form posts every name form-encoded', async () => {
  const page = await openForm();
  try {
    // axe needs script in the page: checked in a second, script-enabled page on the same markup.
    const checker = await browser.newPage();
    await checker.setContent(pageHtml);
    await checker.addScriptTag({ path: AXE });
    const violations = await checker.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((violation) => violation.id + ': ' + JSON.stringify(violation.nodes.map((node) => node.target))))`);
    await checker.close();
    assert.deepEqual(violations, []);

    await page.getByRole('button', { name: 'Send' }).click();
    // Native validation: nothing is posted while a required field is empty
    // (the one post counted below is the filled form's).
    assert.equal(await page.locator('#keen-html-email:invalid').count(), 1);
    assert.equal(page.url(), `${origin}/`);

    await page.getByLabel('First name').pressSequentially('Åse');
    await page.getByLabel(/^Email/).pressSequentially('ase@example.com');
    await page.getByLabel('Pro', { exact: true }).check();
    await page.getByLabel('Sales', { exact: true }).check();
    await page.getByLabel('Billing', { exact: true }).check();
    await page.getByLabel('Team size').selectOption('11-50');
    await page.getByLabel('Message').pressSequentially('Hi & bye');
    await page.getByLabel(/I agree to the processing/).check();
    await Promise.all([page.waitForURL(`${origin}/relay`), page.getByRole('button', { name: 'Send' }).click()]);
    assert.equal(await page.locator('p').innerText(), 'Received');
    assert.equal(posts.length, 1);
    const [contentType, body] = /** @type {[string, string]} */ (/** @type {string} */ (posts[0]).split('\n'));
    assert.equal(contentType, 'application/x-www-form-urlencoded');
    const entries = [...new URLSearchParams(body)].filter(([name]) => name !== 'keen_form');
    assert.deepEqual(entries, [
      ['keen_hp_reference', ''],
      ['first_name', 'Åse'],
      ['email', 'ase@example.com'],
      ['property:plan', 'Pro'],
      ['property:topics', 'Sales'],
      ['property:topics', 'Billing'],
      ['property:size', '11-50'],
      ['source', 'html-first'],
      ['notes', 'Hi & bye'],
      ['keen_consent', 'yes'],
    ]);
    assert.deepEqual(JSON.parse(new URLSearchParams(body).get('keen_form') ?? '').fields, FORM.fields);
  } finally {
    await page.close();
  }
});

test('the pre-upgrade style applies until <keen-lead-form> is defined, then no longer', async () => {
  const page = await browser.newPage();
  try {
    await page.setContent(
      `<!doctype html><html lang="en"><body>${renderFormHtml({ config: /** @type {any} */ (FORM), attributes: { relay: '', endpoint: `${origin}/relay` } })}</body></html>`,
    );
    // Strings, as this file has no DOM types: run in the page.
    /** @returns {Promise<{ display: string, inputWidth: number, formWidth: number }>} */
    const look = () =>
      page.evaluate(`(() => {
        const form = document.querySelector('form.keen-html');
        const input = document.querySelector('#keen-html-email');
        return { display: getComputedStyle(form).display, inputWidth: Math.round(input.getBoundingClientRect().width), formWidth: Math.round(form.getBoundingClientRect().width) };
      })()`);
    const before = await look();
    assert.equal(before.display, 'flex');
    assert.equal(before.inputWidth, before.formWidth, 'a full-width field fills the form');
    // Any definition ends :not(:defined); the real element draws its own form in its shadow root.
    await page.evaluate("customElements.define('keen-lead-form', class extends HTMLElement {})");
    assert.equal((await look()).display, 'block');
  } finally {
    await page.close();
  }
});
