// @ts-check
/**
 * The optional Keen API key (create_lead mode) and the trusted proxy header,
 * set on the settings page by the administrator. The key is a secret: it is
 * stored, used by the relay, and printed nowhere: not in the settings page,
 * wp-admin's options list, the REST API, a relay answer or the debug log.
 * WordPress 6.5 on PHP 8.3, Chromium as the administrator and the visitor.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  PUBLIC_CHANNEL,
  adminContext,
  createPage,
  fillAndSend,
  launchChromium,
  postToRelay,
  resetRateLimit,
  setSettings,
  startKeen,
} from './support/site.js';
import { readDebugLog, startWordPress } from './support/wordpress.js';

/** @type {import('./support/wordpress.js').RunningWordPress} */
let wordpress;
/** @type {import('./support/site.js').Keen} */
let keen;
/** @type {import('playwright').Browser} */
let browser;

/** The emulator's fixture key for the company that created the public channel. */
const VALID_KEY = 'keen-emulator-key-northwind';
/** A key Keen does not know; distinctive, so any leak of it is found. */
const WRONG_KEY = 'wrong-KEY-7c1e9f0a-do-not-print';
const SETTINGS_PATH = '/wp-admin/options-general.php?page=keen-lead-form';

before(async () => {
  [wordpress, keen, browser] = await Promise.all([startWordPress({ wp: '6.5', php: '8.3' }), startKeen(), launchChromium()]);
  // This file is not about spam checks (spam.test.js is): the relay asks for no challenge.
  await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: true, challenge: 'none' });
});

after(async () => {
  await Promise.allSettled([browser?.close(), keen?.close(), wordpress?.close()]);
});

/** @returns {Promise<unknown>} the raw stored option */
async function storedKeyOption() {
  return JSON.parse(await wordpress.php(`<?php echo wp_json_encode( get_option( 'keen_lead_form_api_key', null ) );`, { shortInit: true }));
}

describe('settings page', () => {
  /** @type {import('playwright').BrowserContext} */
  let admin;
  /** @type {import('playwright').Page} */
  let page;

  before(async () => {
    await setSettings(wordpress, { apiKey: '' });
    admin = await adminContext(browser, wordpress);
    page = await admin.newPage();
    // wp-admin pages are the slowest thing Playground serves; on a loaded
    // 2-core machine one took over Playwright's default 30 s.
    page.setDefaultTimeout(120_000);
  });
  after(async () => {
    await admin?.close();
    await setSettings(wordpress, { apiKey: '', proxyHeader: '' });
  });

  /** Opens the settings page, lets `fill` act on it, saves, and returns the page's HTML after the save. */
  async function saveWith(/** @type {() => Promise<void>} */ fill) {
    await page.goto(wordpress.url + SETTINGS_PATH);
    await fill();
    await Promise.all([
      page.waitForURL(/settings-updated=true/, { waitUntil: 'domcontentloaded' }),
      page.getByRole('button', { name: 'Save Changes' }).click(),
    ]);
    return page.content();
  }

  /** The settings page as the server sends it (the page source, not the live DOM). */
  async function settingsSource() {
    const response = await admin.request.get(wordpress.url + SETTINGS_PATH, { timeout: 120_000 });
    assert.equal(response.status(), 200);
    return response.text();
  }

  test('without a key: an empty password field and "No key is stored."', async () => {
    await page.goto(wordpress.url + SETTINGS_PATH);
    const field = page.getByLabel('Keen API key (optional)');
    assert.equal(await field.getAttribute('type'), 'password');
    assert.equal(await field.inputValue(), '');
    await page.getByText('No key is stored.').waitFor();
    assert.equal(await page.getByLabel('Remove the stored key').count(), 0);
  });

  test('a saved key is stored, then shown only as "A key is stored.", never printed back', async () => {
    const html = await saveWith(() => page.getByLabel('Keen API key (optional)').fill(WRONG_KEY));
    await page.getByText('Settings saved.').waitFor();
    assert.deepEqual(await storedKeyOption(), { key: WRONG_KEY });
    await page.getByText('A key is stored.').waitFor();
    assert.equal(await page.getByLabel('Keen API key (optional)').inputValue(), '', 'the field stays empty');
    assert.ok(!html.includes(WRONG_KEY), 'not in the page after saving');
    assert.ok(!(await settingsSource()).includes(WRONG_KEY), 'not in the page source');
  });

  test('saving other settings with the key field empty keeps the stored key', async () => {
    await setSettings(wordpress, { apiKey: WRONG_KEY });
    await saveWith(() => page.getByLabel('Default channel id').fill(PUBLIC_CHANNEL));
    assert.deepEqual(await storedKeyOption(), { key: WRONG_KEY });
  });

  test('a key with spaces is refused with a notice; the stored key stays', async () => {
    await setSettings(wordpress, { apiKey: WRONG_KEY });
    await saveWith(() => page.getByLabel('Keen API key (optional)').fill('not a key'));
    await page.locator('.notice-error, .error').filter({ hasText: /API key must be/ }).first().waitFor();
    assert.deepEqual(await storedKeyOption(), { key: WRONG_KEY });
  });

  test('wp-admin\'s list of all options and the REST API do not show the key', async () => {
    await setSettings(wordpress, { apiKey: WRONG_KEY });
    const allOptions = await admin.request.get(`${wordpress.url}/wp-admin/options.php`, { timeout: 120_000 });
    assert.equal(allOptions.status(), 200);
    const allOptionsHtml = await allOptions.text();
    assert.match(allOptionsHtml, /keen_lead_form_api_key/, 'the option is listed');
    assert.ok(!allOptionsHtml.includes(WRONG_KEY), 'as SERIALIZED DATA, not its value');
    const rest = await wordpress.php(`<?php
      wp_set_current_user( 1 );
      echo wp_json_encode( rest_get_server()->response_to_data( rest_do_request( new WP_REST_Request( 'GET', '/wp/v2/settings' ) ), false ) );`);
    assert.match(rest, /"title"/, `the settings endpoint answered: ${rest.slice(0, 200)}`);
    assert.ok(!rest.includes(WRONG_KEY));
  });

  test('a new key replaces the stored one; "Remove the stored key" removes it', async () => {
    await saveWith(() => page.getByLabel('Keen API key (optional)').fill(VALID_KEY));
    assert.deepEqual(await storedKeyOption(), { key: VALID_KEY });
    await saveWith(() => page.getByLabel('Remove the stored key').check());
    assert.deepEqual(await storedKeyOption(), []);
    await page.getByText('No key is stored.').waitFor();
  });

  test('the trusted proxy header: a header name is saved, anything else refused', async () => {
    await saveWith(() => page.getByLabel('Client address header (trusted proxy)').fill('X-Forwarded-For'));
    assert.equal(await page.getByLabel('Client address header (trusted proxy)').inputValue(), 'X-Forwarded-For');
    await saveWith(async () => {
      await page.locator('form[action$="options.php"] input[name="keen_lead_form_proxy_header"]').evaluate((input) => input.removeAttribute('maxlength'));
      await page.getByLabel('Client address header (trusted proxy)').fill('X-Forwarded-For: 1.2.3.4');
    });
    await page.locator('.notice-error, .error').filter({ hasText: /proxy header must be a header name/ }).first().waitFor();
    assert.equal(
      await wordpress.php(`<?php echo get_option( 'keen_lead_form_proxy_header' );`, { shortInit: true }),
      'X-Forwarded-For',
    );
  });
});

describe('create_lead mode: the relay with a stored key', () => {
  /** @type {string} */
  let formPath;
  before(async () => {
    formPath = await createPage(wordpress, 'Create lead', '[keen_lead_form fields="first_name email"]');
  });
  beforeEach(async () => {
    await Promise.all([keen.reset(), resetRateLimit(wordpress)]);
  });
  after(async () => {
    await setSettings(wordpress, { apiKey: '' });
  });

  /**
   * A visitor sends the form; returns the page's HTML and the text of every
   * response the browser received (page, scripts, the relay's answer).
   * @param {string} waitForText  what the form says when it is done
   */
  async function visitorSends(waitForText) {
    const context = await browser.newContext();
    context.setDefaultTimeout(90_000);
    /** @type {Promise<string>[]} */
    const bodies = [];
    try {
      const page = await context.newPage();
      page.on('response', (response) => {
        bodies.push(response.text().catch(() => ''));
        bodies.push(response.allHeaders().then((headers) => JSON.stringify(headers)).catch(() => ''));
      });
      await page.goto(wordpress.url + formPath);
      const html = await page.content();
      await fillAndSend(page, { firstName: 'Nora', email: 'nora@example.com' });
      await page.locator('keen-lead-form').getByText(waitForText).waitFor();
      return { html, received: (await Promise.all(bodies)).join('\n') };
    } finally {
      await context.close();
    }
  }

  test('a visitor\'s lead is created with create_lead; Keen records the webhook and the team\'s notification', async () => {
    await setSettings(wordpress, { apiKey: VALID_KEY });
    const { html, received } = await visitorSends('Thank you! We have received your details.');
    assert.ok(!html.includes(VALID_KEY) && !received.includes(VALID_KEY), 'the key never reaches the browser');

    const leads = await keen.leads();
    assert.equal(leads.length, 1);
    const stored = /** @type {NonNullable<typeof leads[0]> & { action?: string }} */ (leads[0]);
    assert.equal(stored.action, 'create_lead');
    assert.equal(stored.lead['email'], 'nora@example.com');
    assert.equal(stored.lead['channels_id'], PUBLIC_CHANNEL);
    assert.equal(stored.request.headers['x-api-key'], VALID_KEY, 'sent to Keen, and only there');
    assert.deepEqual(Object.keys(JSON.parse(stored.request.body)).slice(0, 2), ['action', 'channel_id']);
    assert.equal(JSON.parse(stored.request.body).action, 'create_lead');

    const webhooks = await keen.webhooks();
    assert.deepEqual(webhooks.map((hook) => [hook.lead_id, hook.url]), [[stored.lead['id'], 'https://hooks.northwind.example/keen/new-lead']]);
    const notifications = await keen.notifications();
    assert.deepEqual(notifications.map((note) => [note.lead_id, note.channel_id, note.type]), [[stored.lead['id'], PUBLIC_CHANNEL, 'new_lead']]);
  });

  test('without a key the relay uses lead_external: no key sent, no webhook, no notification', async () => {
    await setSettings(wordpress, { apiKey: '' });
    const answer = await postToRelay(wordpress, JSON.stringify({ action: 'lead_external', email: 'plain@example.com' }));
    assert.equal(answer.status, 200, answer.text);
    const leads = await keen.leads();
    assert.equal(leads.length, 1);
    assert.equal(/** @type {{ action?: string }} */ (leads[0])?.action, 'lead_external');
    assert.equal(leads[0]?.request.headers['x-api-key'], undefined);
    assert.deepEqual(await keen.webhooks(), []);
    assert.deepEqual(await keen.notifications(), []);
  });

  test('with a wrong key the visitor sees the configuration failure, and the key appears nowhere', async () => {
    await setSettings(wordpress, { apiKey: WRONG_KEY });
    const { html, received } = await visitorSends('Sorry, this form is not set up correctly');
    assert.ok(!html.includes(WRONG_KEY) && !received.includes(WRONG_KEY), 'not in the page or any answer the browser got');
    assert.deepEqual(await keen.leads(), []);

    const answer = await postToRelay(wordpress, JSON.stringify({ action: 'lead_external', email: 'again@example.com' }));
    assert.equal(answer.status, 403, 'final: the widget neither retries nor queues it');
    assert.deepEqual(Object.keys(answer.json), ['error']);
    assert.match(answer.json.error, /API key/);
    assert.ok(!answer.text.includes(WRONG_KEY) && !JSON.stringify([...answer.headers]).includes(WRONG_KEY));
    assert.deepEqual(await keen.webhooks(), []);
  });

  test('a key whose company does not belong to the channel: Keen\'s 403 passes through', async () => {
    await setSettings(wordpress, { apiKey: 'keen-emulator-key-fabrikam' });
    const answer = await postToRelay(wordpress, JSON.stringify({ action: 'lead_external', email: 'other@example.com' }));
    assert.equal(answer.status, 403, answer.text);
    assert.deepEqual(answer.json, { error: 'Channel not accessible' });
    assert.deepEqual(await keen.leads(), []);
  });
});

test('the plugin logged no PHP errors, warnings or notices, and never the key', async () => {
  const log = await readDebugLog(wordpress);
  assert.deepEqual(log.split('\n').filter((line) => line.includes('keen-lead-form')), []);
  assert.ok(!log.includes(WRONG_KEY) && !log.includes(VALID_KEY));
});
