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
