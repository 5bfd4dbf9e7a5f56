// @ts-check
/**
 * The plugin in a real WordPress (6.5 on PHP 8.3, Playground, offline), with
 * the Keen emulator as Keen and Chromium as the visitor and the admin.
 * One WordPress for the whole file: booting costs ~8 s, and Playground has
 * one PHP worker, so the tests run one after the other.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  PRIVATE_CHANNEL,
  PROPERTY_REFERRAL_CODE,
  PUBLIC_CHANNEL,
  PUBLIC_CHANNEL_UUID,
  UNKNOWN_CHANNEL,
  createPage,
  fillAndSend,
  findLeadForms,
  launchChromium,
  readSettings,
  resetRateLimit,
  setSettings,
  startKeen,
  adminContext,
  blockMarkup,
  widgetScriptTags,
  postToRelay as postToRelayAt,
} from './support/site.js';
import { PLUGIN_FILE, readDebugLog, startWordPress } from './support/wordpress.js';
import { readFileSync } from 'node:fs';

/** The shortcode the root README tells WordPress users to paste. */
function readmeShortcode() {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = readme.slice(readme.indexOf('<!-- wordpress-snippet:start'), readme.indexOf('<!-- wordpress-snippet:end -->'));
  const match = /```text\n(\[keen_lead_form[^\n]*\])\n```/.exec(block);
  if (!match?.[1]) throw new Error('No WordPress shortcode in README.md');
  return match[1];
}

const DEFAULT_ENDPOINT = 'https://data.keenpartner.com/functions/v1/keen-api';

/** @type {import('./support/wordpress.js').RunningWordPress} */
let wordpress;
/** @type {import('./support/site.js').Keen} */
let keen;
/** @type {import('playwright').Browser} */
let browser;

before(async () => {
  [wordpress, keen, browser] = await Promise.all([startWordPress({ wp: '6.5', php: '8.3' }), startKeen(), launchChromium()]);
});

after(async () => {
  await Promise.allSettled([browser?.close(), keen?.close(), wordpress?.close()]);
});

/** The page's HTML as an anonymous visitor gets it. */
async function pageHtml(/** @type {string} */ path) {
  const response = await wordpress.fetch(path);
  assert.equal(response.status, 200, `GET ${path}`);
  return response.text();
}

/** POSTs to the relay as the widget does. */
function postToRelay(/** @type {string} */ body, contentType = 'application/json') {
  return postToRelayAt(wordpress, body, { contentType });
}

describe('activation', () => {
  test('the plugin is active and its options hold their defaults', async () => {
    const active = JSON.parse(await wordpress.php(`<?php echo wp_json_encode( get_option( 'active_plugins' ) );`));
    assert.ok(active.includes(PLUGIN_FILE), `active plugins: ${active}`);
    assert.deepEqual(await readSettings(wordpress), { channel: '', endpoint: DEFAULT_ENDPOINT, relay: '0' });
  });
});

describe('rendering', () => {
  before(async () => {
    // This file is not about spam checks (spam.test.js is): the relay asks for no challenge.
    await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: false, challenge: 'none' });
  });

  test('the shortcode prints <keen-lead-form> with its attributes escaped', async () => {
    const path = await createPage(
      wordpress,
      'Shortcode',
      '[keen_lead_form fields="first_name, email notes" required="email" source=\'Partner "A" & Co\' ' +
        'success_message="Thanks <b>friend</b>, we\'ll call" redirect="/thank-you/?a=1&b=2"]',
    );
    const html = await pageHtml(path);
    const forms = findLeadForms(html);
    assert.equal(forms.length, 1);
    assert.deepEqual(forms[0]?.attributes, {
      channel: PUBLIC_CHANNEL,
      endpoint: keen.api,
      fields: 'first_name, email notes',
      required: 'email',
      source: 'Partner "A" & Co',
      'success-message': "Thanks friend, we'll call",
      redirect: '/thank-you/?a=1&b=2',
    });
    assert.match(forms[0]?.raw ?? '', /source="Partner &quot;A&quot; &amp; Co"/, 'quotes and ampersands are escaped');
  });

  test('a form may name its own channel and endpoint; unsafe URLs and channels are dropped', async () => {
    const path = await createPage(
      wordpress,
      'Own channel',
      `[keen_lead_form channel="${PUBLIC_CHANNEL_UUID}" endpoint="javascript:alert(1)" redirect="javascript:alert(1)"]` +
        `[keen_lead_form channel="${PUBLIC_CHANNEL_UUID}" endpoint="${keen.url}/elsewhere" redirect="data:text/html,hi"]` +
        '[keen_lead_form channel="not a channel!"]',
    );
    const html = await pageHtml(path);
    assert.deepEqual(
      findLeadForms(html).map((form) => form.attributes),
      [
        { channel: PUBLIC_CHANNEL_UUID, endpoint: keen.api },
        { channel: PUBLIC_CHANNEL_UUID, endpoint: `${keen.url}/elsewhere` },
      ],
      'the form with an impossible channel id is not printed',
    );
    assert.doesNotMatch(html, /javascript:alert|data:text/);
  });

  test('administrators, and only they, get a set-up notice for a form without a valid channel', async () => {
    const render = (/** @type {number} */ user) =>
      wordpress.php(`<?php wp_set_current_user( ${user} ); echo do_shortcode( '[keen_lead_form channel="not a channel!"]' );`);
    assert.match(await render(1), /class="keen-lead-form-notice".*no valid channel id/s);
    assert.equal(await render(0), '');
  });

  test('the block prints the same element, with the block class', async () => {
    const attributes = {
      fields: 'email phone',
      required: 'email phone',
      source: '"><script>alert(1)</script>Block <i>form</i>',
      successMessage: 'Tak & "farvel" -- ses<img src=x onerror=alert(1)>',
      redirect: 'https://example.com/done',
    };
    const path = await createPage(wordpress, 'Block', blockMarkup('keen/lead-form', attributes));
    const html = await pageHtml(path);
    assert.doesNotMatch(html, /<script>alert\(1\)|onerror=/);
    const forms = findLeadForms(html);
    assert.equal(forms.length, 1);
    assert.deepEqual(forms[0]?.attributes, {
      class: 'wp-block-keen-lead-form',
      channel: PUBLIC_CHANNEL,
      endpoint: keen.api,
      fields: 'email phone',
      required: 'email phone',
      source: '">Block form',
      'success-message': 'Tak & "farvel" -- ses',
      redirect: 'https://example.com/done',
    });
  });

  test('the widget module is printed once per page, and only on pages with a form', async () => {
    const withForms = await createPage(
      wordpress,
      'Three forms',
      `[keen_lead_form fields="email"]\n${blockMarkup('keen/lead-form', { fields: 'email' })}\n[keen_lead_form fields="first_name email"]`,
    );
    const html = await pageHtml(withForms);
    assert.equal(findLeadForms(html).length, 3);
    const tags = widgetScriptTags(html);
    assert.equal(tags.length, 1, tags.join('\n'));
    assert.match(tags[0] ?? '', /type="module"/);
    assert.match(tags[0] ?? '', /\/wp-content\/plugins\/keen-lead-form\/assets\/keen-lead-form\.js\?ver=0\.1\.0\.\d+/);

    const withoutForm = await createPage(wordpress, 'No form', 'Just text.');
    assert.deepEqual(widgetScriptTags(await pageHtml(withoutForm)), []);
  });

  test('without a channel, visitors see nothing and no script', async () => {
    await setSettings(wordpress, { channel: '' });
    try {
      const html = await pageHtml(await createPage(wordpress, 'No channel', '[keen_lead_form]'));
      assert.deepEqual(findLeadForms(html), []);
      assert.deepEqual(widgetScriptTags(html), []);
      assert.doesNotMatch(html, /keen-lead-form-notice/, 'the set-up notice is for administrators only');
    } finally {
      await setSettings(wordpress, { channel: PUBLIC_CHANNEL });
    }
  });
});

describe('a visitor sends a lead', () => {
  beforeEach(async () => {
    await keen.reset();
    await resetRateLimit(wordpress);
  });

  test('straight to Keen, with the channel in the page', async () => {
    await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: false });
    // The shortcode exactly as the root README shows it.
    const path = await createPage(wordpress, 'Direct', readmeShortcode());
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(wordpress.url + path);
      await fillAndSend(page, { firstName: 'Ada', email: 'ada@example.com' });
      await page.locator('keen-lead-form').getByText("Thanks, we'll be in touch.").waitFor();
    } finally {
      await context.close();
    }
    const leads = await keen.leads();
    assert.equal(leads.length, 1);
    assert.equal(leads[0]?.lead['email'], 'ada@example.com');
    assert.equal(leads[0]?.lead['first_name'], 'Ada');
    assert.equal(leads[0]?.lead['channels_id'], PUBLIC_CHANNEL);
    assert.equal(leads[0]?.request.headers['origin'], wordpress.url, 'the browser posted to Keen itself');
  });

  test('through the relay, with no channel id anywhere in the page', async () => {
    // The relay's default spam check: the real widget solves the WordPress
    // relay's proof of work (contract C) on the way.
    await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: true, challenge: 'altcha' });
    try {
      // Even a form that names a channel must not print it in relay mode.
      const path = await createPage(
        wordpress,
        'Relay',
        `[keen_lead_form fields="first_name email" channel="${PRIVATE_CHANNEL}"]${blockMarkup('keen/lead-form', { channel: PRIVATE_CHANNEL })}`,
      );
      const html = await pageHtml(path);
      for (const secret of [PUBLIC_CHANNEL, PRIVATE_CHANNEL, PUBLIC_CHANNEL_UUID, 'c0ffee00']) {
        assert.ok(!html.includes(secret), `the page must not contain ${secret}`);
      }
      const forms = findLeadForms(html);
      assert.equal(forms.length, 2);
      for (const form of forms) {
        assert.equal(form.attributes['relay'], '');
        assert.equal(form.attributes['channel'], undefined);
        assert.equal(form.attributes['endpoint'], `${wordpress.url}/wp-json/keen-lead-form/v1/lead`);
        assert.equal(form.attributes['challenge'], 'altcha');
      }

      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(wordpress.url + path);
        await fillAndSend(page, { firstName: 'Søren 🎉', email: 'soren@example.com' });
        // The send waits for the proof of work (solved in the background from the first focus).
        await page.locator('keen-lead-form').first().getByText('Thank you! We have received your details.').waitFor({ timeout: 90_000 });
      } finally {
        await context.close();
      }

      const leads = await keen.leads();
      assert.equal(leads.length, 1);
      const { lead, request } = /** @type {NonNullable<typeof leads[0]>} */ (leads[0]);
      assert.equal(lead['channels_id'], PUBLIC_CHANNEL, 'stored with the configured channel');
      assert.equal(lead['email'], 'soren@example.com');
      assert.equal(lead['first_name'], 'Søren 🎉');
      assert.equal(request.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(Number(request.headers['content-length']), Buffer.byteLength(request.body));
      assert.equal(request.headers['x-api-key'], undefined);
      assert.equal(request.headers['origin'], undefined, 'WordPress sent it, not the browser');
      assert.ok(request.body.includes('"Søren 🎉"'), `Unicode sent unescaped: ${request.body}`);
      assert.deepEqual(Object.keys(JSON.parse(request.body)).slice(0, 2), ['action', 'channel_id']);
      assert.ok(!('verification' in JSON.parse(request.body)), 'the relay keeps the spam check to itself');
    } finally {
      await setSettings(wordpress, { relay: false, challenge: 'none' });
    }
  });
});

describe('the relay', () => {
  before(async () => {
    await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: true });
  });
  after(async () => {
    await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: false });
  });
  beforeEach(async () => {
    await keen.reset();
    await resetRateLimit(wordpress);
  });

  const lead = { action: 'lead_external', email: 'relay@example.com' };

  test('forwards a valid lead with properties and passes Keen\'s { lead } back', async () => {
    const answer = await postToRelay(
      JSON.stringify({
        ...lead,
        channel_id: PRIVATE_CHANNEL, // ignored: the relay decides
        properties: [{ property_definitions_id: PROPERTY_REFERRAL_CODE, value: 'REF-42' }],
      }),
    );
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.lead.email, 'relay@example.com');
    assert.equal(answer.json.lead.channels_id, PUBLIC_CHANNEL);
    const sent = JSON.parse((await keen.leads())[0]?.request.body ?? '{}');
    assert.deepEqual(sent, {
      action: 'lead_external',
      channel_id: PUBLIC_CHANNEL,
      email: 'relay@example.com',
      properties: [{ property_definitions_id: PROPERTY_REFERRAL_CODE, value: 'REF-42' }],
    });
  });

  const invalid = [
    ['malformed JSON', '{"action": "lead_external", ', /JSON/i],
    ['malformed JSON sent as text/plain', '{nope', /JSON/i, 'text/plain'],
    ['a JSON array', '[]', /object/],
    ['a wrong action', JSON.stringify({ ...lead, action: 'create_lead' }), /action/],
    ['no action', JSON.stringify({ email: 'x@example.com' }), /action required/],
    ['an unknown field', JSON.stringify({ ...lead, api_key: 'x' }), /Unknown field: api_key/],
    ['a number where a string belongs', JSON.stringify({ ...lead, phone: 12345 }), /phone must be a string/],
    ['properties that are not an array', JSON.stringify({ ...lead, properties: {} }), /properties must be an array/],
    ['a null property value', JSON.stringify({ ...lead, properties: [{ property_definitions_id: PROPERTY_REFERRAL_CODE, value: null }] }), /value is required/],
    ['an array property value', JSON.stringify({ ...lead, properties: [{ property_definitions_id: PROPERTY_REFERRAL_CODE, value: [1] }] }), /value must be/],
    ['a property without an id', JSON.stringify({ ...lead, properties: [{ value: 'x' }] }), /property_definitions_id/],
    ['a property with an extra field', JSON.stringify({ ...lead, properties: [{ property_definitions_id: 'a', value: 'x', name: 'y' }] }), /unknown field name/],
  ];
  for (const [name, body, message, contentType] of invalid) {
    test(`refuses ${name} with 400 and sends nothing to Keen`, async () => {
      const answer = await postToRelay(/** @type {string} */ (body), /** @type {string | undefined} */ (contentType));
      assert.equal(answer.status, 400, answer.text);
      assert.deepEqual(Object.keys(answer.json), ['error']);
      assert.match(answer.json.error, /** @type {RegExp} */ (message));
      assert.deepEqual(await keen.leads(), []);
    });
  }

  test('refuses a body over 100 KB with 413', async () => {
    const answer = await postToRelay(JSON.stringify({ ...lead, notes: 'x'.repeat(102_400) }));
    assert.equal(answer.status, 413, answer.text);
    assert.match(answer.json.error, /too large/);
    assert.deepEqual(await keen.leads(), []);
  });

  test('allows 10 requests per IP address in 10 minutes, then answers 429 with Retry-After', async () => {
    for (let i = 1; i <= 10; i++) {
      const answer = await postToRelay(JSON.stringify({ ...lead, email: `n${i}@example.com` }));
      assert.equal(answer.status, 200, `request ${i}: ${answer.text}`);
    }
    const limited = await postToRelay(JSON.stringify(lead));
    assert.equal(limited.status, 429, limited.text);
    assert.match(limited.json.error, /Too many requests/);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 600, `Retry-After: ${limited.headers.get('retry-after')}`);
    assert.equal((await keen.leads()).length, 10);
  });

  /** @type {{ name: string, settings?: { channel: string }, fault?: object, status: number, message: RegExp }[]} */
  const keenFailures = [
    { name: 'an unknown channel', settings: { channel: UNKNOWN_CHANNEL }, status: 404, message: /Channel not found/ },
    { name: 'a channel without the public API', settings: { channel: PRIVATE_CHANNEL }, status: 403, message: /Public API not enabled/ },
    {
      name: 'a server error',
      fault: { status: 500, body: '{"error":"Database unavailable"}', headers: { 'Content-Type': 'application/json' } },
      status: 500,
      message: /Database unavailable/,
    },
    {
      name: 'an HTML error page',
      fault: { status: 503, body: '<html>Service Unavailable</html>', headers: { 'Content-Type': 'text/html' } },
      status: 503,
      message: /Keen answered 503/,
    },
    { name: 'a dropped connection', fault: { drop: true }, status: 502, message: /Could not reach Keen/ },
  ];
  for (const { name, settings, fault, status, message } of keenFailures) {
    test(`maps ${name} to ${status} with Keen's error shape`, async () => {
      if (settings !== undefined) await setSettings(wordpress, settings);
      try {
        if (fault !== undefined) await keen.fault(fault);
        const answer = await postToRelay(JSON.stringify(lead));
        assert.equal(answer.status, status, answer.text);
        assert.deepEqual(Object.keys(answer.json), ['error']);
        assert.match(answer.json.error, message);
      } finally {
        if (settings !== undefined) await setSettings(wordpress, { channel: PUBLIC_CHANNEL });
      }
    });
  }

  test('passes Keen\'s Retry-After on', async () => {
    await keen.fault({ status: 429, body: '{"error":"Slow down"}', headers: { 'Content-Type': 'application/json', 'Retry-After': '7' } });
    const answer = await postToRelay(JSON.stringify(lead));
    assert.equal(answer.status, 429, answer.text);
    assert.equal(answer.headers.get('retry-after'), '7');
    assert.equal(answer.json.error, 'Slow down');
  });

  test('answers 404 when relay mode is off', async () => {
    await setSettings(wordpress, { relay: false });
    try {
      const answer = await postToRelay(JSON.stringify(lead));
      assert.equal(answer.status, 404, answer.text);
      assert.deepEqual(await keen.leads(), []);
    } finally {
      await setSettings(wordpress, { relay: true });
    }
  });
});

describe('wp-admin', () => {
  /** @type {import('playwright').BrowserContext} */
  let admin;
  /** @type {import('playwright').Page} */
  let page;
  const SETTINGS_PATH = '/wp-admin/options-general.php?page=keen-lead-form';

  before(async () => {
    await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: false });
    admin = await adminContext(browser, wordpress);
    page = await admin.newPage();
    // wp-admin, and the block editor above all, is the slowest thing Playground
    // serves: on the shared 2-core machine under load a page took over 30 s.
    page.setDefaultTimeout(120_000);
    await page.goto(wordpress.url + SETTINGS_PATH);
  });
  after(async () => {
    await admin?.close();
  });

  /** Fills the settings form (already open) and saves it. */
  async function save(/** @type {{ channel?: string, endpoint?: string, relay?: boolean }} */ values) {
    if (!page.url().includes('page=keen-lead-form')) await page.goto(wordpress.url + SETTINGS_PATH);
    const form = page.locator('form[action$="options.php"]');
    // The browser's own checks (pattern, maxlength, type=url) would stop a person
    // first; a forged or scripted POST skips them, so the server must not rely on them.
    await form.evaluate((element) => {
      element.setAttribute('novalidate', '');
      for (const input of element.querySelectorAll('input')) input.removeAttribute('maxlength');
    });
    if (values.channel !== undefined) await page.getByLabel('Default channel id').fill(values.channel);
    if (values.endpoint !== undefined) await page.getByLabel('Keen API endpoint').fill(values.endpoint);
    if (values.relay !== undefined) await page.getByLabel('Send through this site').setChecked(values.relay);
    await Promise.all([
      page.waitForURL(/settings-updated=true/, { waitUntil: 'domcontentloaded' }),
      page.getByRole('button', { name: 'Save Changes' }).click(),
    ]);
  }

  test('Settings → Keen Lead Form is in the menu and saves valid input', async () => {
    await page.locator('#menu-settings').getByRole('link', { name: 'Keen Lead Form' }).waitFor();
    await page.getByRole('heading', { name: 'Keen Lead Form', level: 1 }).waitFor();

    await save({ channel: PUBLIC_CHANNEL_UUID, endpoint: `${keen.api}?v=2`, relay: true });
    await page.getByText('Settings saved.').waitFor();
    assert.deepEqual(await readSettings(wordpress), { channel: PUBLIC_CHANNEL_UUID, endpoint: `${keen.api}?v=2`, relay: '1' });
    assert.equal(await page.getByLabel('Default channel id').inputValue(), PUBLIC_CHANNEL_UUID);
    assert.equal(await page.getByLabel('Send through this site').isChecked(), true);
  });

  const refused = [
    ['a channel id with other characters', { channel: 'abc<script>' }, /channel id may only contain letters, digits and dashes/],
    ['a channel id over 64 characters', { channel: 'a'.repeat(65) }, /channel id may only contain/],
    ['a javascript: endpoint', { endpoint: 'javascript:alert(1)' }, /endpoint must be an http/],
    ['an ftp: endpoint', { endpoint: 'ftp://example.com/keen' }, /endpoint must be an http/],
  ];
  for (const [name, values, message] of refused) {
    test(`settings refuse ${name} and keep the stored value`, async () => {
      const stored = await readSettings(wordpress);
      await save(/** @type {object} */ (values));
      const notices = page.locator('.notice-error, .error').filter({ hasText: /** @type {RegExp} */ (message) });
      await notices.first().waitFor();
      assert.equal(await notices.count(), 1, 'one notice, not repeated');
      assert.deepEqual(await readSettings(wordpress), stored);
    });
  }

  test('settings cannot be saved without the nonce', async () => {
    const stored = await readSettings(wordpress);
    const response = await page.request.post(`${wordpress.url}/wp-admin/options.php`, {
      form: { option_page: 'keen_lead_form', action: 'update', keen_lead_form_channel: 'forged-channel' },
    });
    assert.notEqual(response.status(), 200, 'options.php refuses a request without a valid nonce');
    assert.deepEqual(await readSettings(wordpress), stored);
  });

  test('the block editor offers the block with its sidebar settings and previews the real form', async () => {
    await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: false });
    await page.goto(`${wordpress.url}/wp-admin/post-new.php?post_type=page`);
    await page.waitForFunction(() => Boolean(/** @type {any} */ (globalThis).wp?.blocks?.getBlockType?.('keen/lead-form')), null, { timeout: 180_000 });
    const attributes = await page.evaluate(() => Object.keys(/** @type {any} */ (globalThis).wp.blocks.getBlockType('keen/lead-form').attributes));
    for (const name of ['channel', 'fields', 'required', 'source', 'successMessage', 'redirect']) {
      assert.ok(attributes.includes(name), `attribute ${name} in ${attributes}`);
    }
    await page.evaluate(() => {
      const { blocks, data } = /** @type {any} */ (globalThis).wp;
      data.dispatch('core/preferences')?.set('core/edit-post', 'welcomeGuide', false);
      const block = blocks.createBlock('keen/lead-form', { fields: 'first_name email' });
      data.dispatch('core/block-editor').insertBlocks(block);
      data.dispatch('core/block-editor').selectBlock(block.clientId);
    });
    // The block's sidebar panel holds the same options as the shortcode.
    const fieldsControl = page.getByLabel('Fields', { exact: true });
    if (!(await fieldsControl.isVisible())) await page.getByRole('tab', { name: 'Block' }).click();
    assert.equal(await fieldsControl.inputValue(), 'first_name email');
    await page.getByLabel('Lead source').fill('Editor');
    assert.equal(
      await page.evaluate(() => /** @type {any} */ (globalThis).wp.data.select('core/block-editor').getSelectedBlock().attributes.source),
      'Editor',
    );
    // ServerSideRender shows the server's markup, upgraded by the widget in the editor's document.
    // On the shared 2-core machine under load this took up to ~2 minutes (seen with the
    // block-renderer answering 200 with the right markup), so the wait is generous.
    const inFrame = (await page.locator('iframe[name="editor-canvas"]').count()) > 0;
    const root = inFrame ? page.frameLocator('iframe[name="editor-canvas"]') : page;
    // The widget's own (shadow) field: the HTML-first copy in the light DOM is not drawn once upgraded.
    await root.locator('keen-lead-form').getByLabel('Email').filter({ visible: true }).waitFor({ timeout: 180_000 });
  });
});

describe('uninstall', () => {
  test('deleting the plugin removes its options', async () => {
    const left = await wordpress.php(`<?php
      require_once ABSPATH . 'wp-admin/includes/plugin.php';
      uninstall_plugin( ${JSON.stringify(PLUGIN_FILE).replace(/"/g, "'")} );
      echo wp_json_encode( array_filter( array(
        get_option( 'keen_lead_form_channel', null ),
        get_option( 'keen_lead_form_endpoint', null ),
        get_option( 'keen_lead_form_relay', null ),
      ), 'is_string' ) );`);
    assert.equal(left, '[]');
  });
});

describe('PHP notices', () => {
  test('the plugin logged no PHP errors, warnings or notices', async () => {
    const log = await readDebugLog(wordpress);
    const ours = log.split('\n').filter((line) => line.includes('keen-lead-form'));
    assert.deepEqual(ours, []);
  });
});
