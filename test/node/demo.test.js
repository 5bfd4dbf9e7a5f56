// @ts-check
// `npm start` as a person uses it: the demo server starts, prints its
// address, and a lead typed into the page lands in the emulator.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.js';

/** @type {import('node:child_process').ChildProcess} */
let server;
/** @type {string} */
let demoUrl;
/** @type {import('playwright').Browser} */
let browser;

before(async () => {
  server = spawn(process.execPath, ['demo/serve.js'], {
    env: { ...process.env, KEEN_EMULATOR_PORT: '0', DEMO_PORT: '0', KEEN_DEMO_SKIP_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  demoUrl = await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 30_000);
    server.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = /Demo ready: open (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.once('exit', (code) => reject(new Error(`demo exited with ${code}:\n${output}`)));
  });
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

test('a lead typed into the demo appears in its list of stored leads', async () => {
  const page = await browser.newPage();
  /** @type {string[]} */
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(demoUrl);
  const form = page.locator('keen-lead-form[data-variant="minimal"]');
  await form.getByLabel('First name').fill('Demo');
  await form.getByLabel('Email').fill('demo@example.com');
  await form.getByRole('button', { name: 'Send' }).click();
  await page.locator('#leads li', { hasText: 'demo@example.com' }).waitFor({ timeout: 10_000 });
  assert.match(await page.locator('#leads li').first().innerText(), /Demo[\s\S]*demo@example\.com/);
  // Only the deliberately broken variant may complain.
  assert.deepEqual(
    consoleErrors.filter((text) => !text.includes('not set up correctly')),
    [],
  );
  await page.close();
});

test("the demo's channel-fields form shows the channel's properties from the relay and stores a lead with one", async () => {
  const page = await browser.newPage();
  await page.goto(demoUrl);
  const form = page.locator('keen-lead-form[data-variant="channel-fields"]');
  await form.getByLabel('Industry').waitFor({ timeout: 10_000 });
  await form.getByLabel('Email').fill('channel@example.com');
  await form.getByLabel('Industry').selectOption('Retail');
  await form.getByRole('button', { name: 'Send' }).click();
  const item = page.locator('#leads li', { hasText: 'channel@example.com' });
  await item.waitFor({ timeout: 10_000 });
  assert.match(await item.innerText(), /Demo: fields from the channel/);
  assert.match(await item.innerText(), /Retail/);
  await page.close();
});

test('the demo\'s relay form has no channel id and its lead goes through the relay, which adds it', async () => {
  const page = await browser.newPage();
  /** @type {string[]} */
  const posts = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  await page.goto(demoUrl);
  const form = page.locator('keen-lead-form[data-variant="relay"]');
  assert.equal(await form.getAttribute('channel'), null);
  await form.getByLabel('First name').fill('Relayed');
  await form.getByLabel('Email').fill('relayed@example.com');
  await form.getByRole('button', { name: 'Send' }).click();
  await page.locator('#leads li', { hasText: 'relayed@example.com' }).waitFor({ timeout: 10_000 });
  assert.match(await page.locator('#leads li', { hasText: 'relayed@example.com' }).innerText(), /Demo: relay/);
  assert.equal(posts.length, 1);
  assert.doesNotMatch(posts[0] ?? '', /keen-api/, 'the page posted to the relay, not to Keen');
  await page.close();
});

test('the qualifying demo form: three steps, rules and every new field type store one lead in the emulator', async () => {
  const page = await browser.newPage();
  await page.goto(demoUrl);
  const form = page.locator('keen-lead-form[data-variant="qualifying"]');
  const title = form.locator('[part="step-title"]');
  assert.match(await title.innerText(), /Step 1 of 3\s+About you/);
  await form.getByLabel('First name').fill('Qualified');
  await form.getByLabel('Work email').fill('qualified@example.com');
  await form.getByRole('button', { name: 'Next' }).click();
  await title.filter({ hasText: 'Step 2 of 3' }).waitFor({ timeout: 10_000 });
  await form.getByLabel('Other').check();
  await form.getByLabel('Which industry?').fill('Logistics');
  await form.getByLabel('Team size').fill('80');
  await form.getByText('Teams over 50 get a dedicated partner manager.').waitFor({ timeout: 10_000 });
  await form.getByLabel('Shop').check();
  await form.getByLabel('Integration').check();
  await form.getByRole('button', { name: 'Next' }).click();
  await title.filter({ hasText: 'Step 3 of 3' }).waitFor({ timeout: 10_000 });
  await form.getByLabel('Preferred start').fill('2026-04-01');
  await form.getByLabel('Your current website').fill('https://shop.example');
  await form.getByRole('button', { name: 'Send' }).click();
  await page.locator('#leads li', { hasText: 'qualified@example.com' }).waitFor({ timeout: 10_000 });
  const response = await page.request.get(`${new URL(demoUrl).origin}/demo/config.js`);
  const emulatorUrl = /emulatorUrl = "([^"]+)"/.exec(await response.text())?.[1];
  const { leads } = await (await page.request.get(`${emulatorUrl}/__emulator/leads`)).json();
  const lead = leads.map((/** @type {{ lead: Record<string, unknown> }} */ entry) => entry.lead).find((/** @type {Record<string, unknown>} */ stored) => stored.email === 'qualified@example.com');
  assert.equal(lead.notes, 'Logistics');
  assert.deepEqual(lead.properties, [
    { property_definitions_id: 'a1000000-0000-4000-8000-000000000003', value: 'Other' },
    { property_definitions_id: 'a1000000-0000-4000-8000-000000000002', value: '80' },
    { property_definitions_id: 'a1000000-0000-4000-8000-000000000005', value: 'Shop, Integration' },
    { property_definitions_id: 'a1000000-0000-4000-8000-000000000008', value: '2026-04-01' },
    { property_definitions_id: 'a1000000-0000-4000-8000-000000000009', value: 'https://shop.example' },
  ]);
  await page.close();
});
