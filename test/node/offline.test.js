// @ts-check
// A visitor who goes offline: the browser really loses its network
// (Playwright's offline mode), the form says so and keeps the lead, and the
// `online` event sends it as soon as the connection is back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright';
import { startDemoSite } from '../../scripts/demo-site.js';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.js';

/** @type {Awaited<ReturnType<typeof startDemoSite>>} */ let demo;
/** @type {import('playwright').Browser} */ let browser;

before(async () => {
  demo = await startDemoSite();
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

test('offline: the visitor is told, and the lead is sent once the network is back', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${demo.url}/`);
  const form = page.locator('keen-lead-form[data-variant="minimal"]');
  await form.getByLabel('Email').fill('offline@example.com');

  await context.setOffline(true);
  await form.getByRole('button', { name: 'Send' }).click();
  await form.getByText("You're offline – we'll send this as soon as you're back.").waitFor();
  const queued = /** @type {number} */ (await page.evaluate("document.querySelector('keen-lead-form[data-variant=\"minimal\"]').outbox.length"));
  assert.equal(queued, 1);

  const delivered = page.evaluate(
    `new Promise((resolve) => document.addEventListener('keen-delivered', (event) => resolve(event.detail.attempts), { once: true }))`,
  );
  await context.setOffline(false);
  const attempts = /** @type {number} */ (await delivered);
  assert.ok(attempts >= 2, `delivered after ${attempts} attempts`);
  await form.getByText('Thank you! We have received your details.').waitFor();

  const response = await fetch(`${demo.emulator.url}/__emulator/leads`);
  const { leads } = /** @type {{ leads: { lead: { email: string } }[] }} */ (await response.json());
  assert.deepEqual(leads.map(({ lead }) => lead.email), ['offline@example.com']);
  await context.close();
});
