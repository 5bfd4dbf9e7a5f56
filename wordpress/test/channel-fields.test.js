// @ts-check
/**
 * "Import fields from Keen" on the settings page (shared contract D): with
 * the stored API key, the site calls get_channels server-side and builds the
 * channel's form configuration, which it shows as JSON to copy, uses for
 * forms without their own fields, and serves at the relay's ?action=fields.
 * Compared with the emulator's fixture, read here independently. The key
 * must be absent from every page this test fetches. A wrong key, a channel
 * the key cannot see and an unreachable Keen each give a clear notice.
 * WordPress 6.5 on PHP 8.3.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  PUBLIC_CHANNEL,
  RELAY_PATH,
  createPage,
  findLeadForms,
  phpString,
  postToRelay,
  setSettings,
  startKeen,
} from './support/site.js';
import { ADMIN, readDebugLog, startWordPress } from './support/wordpress.js';

/** @type {import('./support/wordpress.js').RunningWordPress} */
let wordpress;
/** @type {import('./support/site.js').Keen} */
let keen;

const SETTINGS_PATH = '/wp-admin/options-general.php?page=keen-lead-form';
/** The emulator's fixture key for the company that created the public channel. */
const VALID_KEY = 'keen-emulator-key-northwind';
/** A key of a company that has no part in the public channel. */
const OTHER_COMPANY_KEY = 'keen-emulator-key-fabrikam';
const WRONG_KEY = 'wrong-KEY-5d2c-do-not-print';
const KEYS = [VALID_KEY, OTHER_COMPANY_KEY, WRONG_KEY];

/**
 * Contract D computed from the emulator's fixture, independently of the plugin.
 * @returns {{ fields: unknown[] }}
 */
function expectedConfiguration() {
  const fixture = JSON.parse(readFileSync(new URL('../../emulator/fixture.json', import.meta.url), 'utf8'));
  const channel = fixture.channels.find((/** @type {{ id: string }} */ candidate) => candidate.id === PUBLIC_CHANNEL);
  /** @type {Record<string, string>} */
  const controls = { text: 'text', number: 'number', select: 'select', boolean: 'checkbox', date: 'date' };
  const properties = channel.property_definitions
    .filter((/** @type {{ visible: boolean }} */ definition) => definition.visible)
    .sort((/** @type {{ order: number }} */ a, /** @type {{ order: number }} */ b) => a.order - b.order)
    .map((/** @type {{ id: string, name: string, type: string, options?: string[] }} */ definition) => {
      const type = controls[definition.type] ?? 'text';
      return { property: definition.id, type, label: definition.name, ...(type === 'select' ? { options: definition.options } : {}) };
    });
  return { fields: ['first_name', 'last_name', 'email', 'phone', 'company_name', ...properties, 'notes'] };
}

/** Every page body this test fetched, to check no key is in any of them. */
const fetched = /** @type {string[]} */ ([]);

/** @type {string} */
let cookie;

before(async () => {
  [wordpress, keen] = await Promise.all([startWordPress({ wp: '6.5', php: '8.3' }), startKeen()]);
  await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: true, challenge: 'none' });
  /** @type {{ name: string, value: string }[]} */
  const cookies = JSON.parse(
    await wordpress.php(`<?php
      $user = get_user_by( 'login', ${phpString(ADMIN.username)} );
      $expires = time() + HOUR_IN_SECONDS;
      echo wp_json_encode( array(
        array( 'name' => AUTH_COOKIE, 'value' => wp_generate_auth_cookie( $user->ID, $expires, 'auth' ) ),
        array( 'name' => LOGGED_IN_COOKIE, 'value' => wp_generate_auth_cookie( $user->ID, $expires, 'logged_in' ) ),
      ) );`),
  );
  cookie = cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
});

after(async () => {
  await Promise.allSettled([keen?.close(), wordpress?.close()]);
});

/** @param {string} path @param {RequestInit} [init] */
async function fetchText(path, init = {}) {
  const response = await wordpress.fetch(path, init);
  const text = await response.text();
  fetched.push(text, JSON.stringify([...response.headers]));
  return { status: response.status, text };
}

async function settingsPage() {
  const { status, text } = await fetchText(SETTINGS_PATH, { headers: { Cookie: cookie } });
  assert.equal(status, 200);
  return text;
}

/**
 * Clicks a settings-page button the way the browser's form post would: the
 * admin-post action with its nonce; returns the settings page it lands on.
 * @param {'keen_lead_form_import_fields' | 'keen_lead_form_forget_fields'} action
 */
async function press(action) {
  const page = await settingsPage();
  const form = new RegExp(`<input type="hidden" name="action" value="${action}" /><input type="hidden" id="_wpnonce" name="_wpnonce" value="([^"]+)"`).exec(page);
  assert.ok(form, `the settings page has the ${action} form`);
  const { status, text } = await fetchText('/wp-admin/admin-post.php', {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Referer: wordpress.url + SETTINGS_PATH },
    body: new URLSearchParams({ action, _wpnonce: /** @type {string} */ (form[1]), _wp_http_referer: SETTINGS_PATH }),
  });
  assert.equal(status, 200);
  return text;
}

/** @returns {Promise<unknown>} the stored configuration, or null */
async function storedConfiguration() {
  return JSON.parse(await wordpress.php(`<?php $f = get_option( 'keen_lead_form_channel_fields', null ); echo wp_json_encode( is_array( $f ) ? $f['config'] : null );`, { shortInit: true }));
}

/** The text of the import notice on a settings page. */
function notice(/** @type {string} */ html) {
  const match = /<div class="notice notice-(success|error) keen-lead-form-import-notice"><p>([^<]*)<\/p><\/div>/.exec(html);
  return match ? { type: match[1], text: (match[2] ?? '').replace(/&quot;|&#039;|&#8220;|&#8221;/g, '"') } : null;
}

describe('import fields from Keen', () => {
  test('without a stored key: a notice says to store one first; nothing stored', async () => {
    await setSettings(wordpress, { apiKey: '' });
    const page = await press('keen_lead_form_import_fields');
    assert.deepEqual(notice(page)?.type, 'error');
    assert.match(notice(page)?.text ?? '', /Store your Keen API key above first/);
    assert.equal(await storedConfiguration(), null);
    assert.match(page, /No fields are imported\./);
  });

  test('with the key: the configuration is contract D for the channel, shown as JSON to copy', async () => {
    await setSettings(wordpress, { apiKey: VALID_KEY });
    const page = await press('keen_lead_form_import_fields');
    const expected = expectedConfiguration();
    const customFields = expected.fields.filter((field) => typeof field === 'object').length;
    assert.equal(customFields, 8, 'the fixture\'s public channel has 8 visible properties (and one hidden, "Lead score")');
    assert.ok(!JSON.stringify(expected).includes('Lead score'), 'the hidden property is not imported');
    assert.deepEqual(notice(page), { type: 'success', text: `Imported ${customFields} custom fields from the channel "Website leads (public)". Forms without their own fields now use them.` });
    assert.deepEqual(await storedConfiguration(), expected);
    const textarea = /<textarea id="keen_lead_form_fields_json"[^>]*>([^<]*)<\/textarea>/.exec(page)?.[1] ?? '';
    const decoded = textarea.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#039;/g, "'");
    assert.equal(decoded, JSON.stringify(expected, null, 2), 'pretty JSON, 2 spaces, as the CLI prints it');
  });

  test('the relay serves the same at ?action=fields', async () => {
    const { status, text } = await fetchText(`${RELAY_PATH}?action=fields`);
    assert.equal(status, 200, text);
    assert.deepEqual(JSON.parse(text), expectedConfiguration());
  });

  test('forms without their own fields get it as their JSON block; forms with fields keep theirs', async () => {
    const path = await createPage(wordpress, 'Imported fields', '[keen_lead_form][keen_lead_form fields="email"]');
    const { text: html } = await fetchText(path);
    const blocks = [...html.matchAll(/<keen-lead-form\b[^>]*>(.*?)<\/keen-lead-form>/gs)].map((match) => match[1] ?? '');
    assert.equal(blocks.length, 2);
    const json = /^<script type="application\/json">(.*?)<\/script>/s.exec(blocks[0] ?? '')?.[1];
    assert.ok(json, `the first form has a JSON block: ${blocks[0]}`);
    assert.deepEqual(JSON.parse(json), expectedConfiguration());
    // The HTML-first form after it is drawn from the imported fields too.
    assert.match(blocks[0] ?? '', /<form class="keen-html"[\s\S]*name="property:a1000000-0000-4000-8000-000000000003"/);
    assert.doesNotMatch(blocks[1] ?? '', /<script type="application\/json">/, 'a form with its own fields has no JSON block');
    assert.match(blocks[1] ?? '', /^<form class="keen-html"/);
    assert.doesNotMatch(blocks[1] ?? '', /name="property:/);
    assert.equal(findLeadForms(html)[1]?.attributes['fields'], 'email');
  });

  test('a lead using the imported custom fields is accepted by Keen through the relay', async () => {
    await keen.reset();
    const config = expectedConfiguration();
    const industry = /** @type {{ property: string, options: string[] }} */ (config.fields.find((field) => typeof field === 'object' && /** @type {{ type: string }} */ (field).type === 'select'));
    const answer = await postToRelay(
      wordpress,
      JSON.stringify({ action: 'lead_external', email: 'imported@example.com', properties: [{ property_definitions_id: industry.property, value: industry.options[1] }] }),
    );
    assert.equal(answer.status, 200, answer.text);
    assert.equal((await keen.leads()).length, 1);
  });

  test('a wrong key: a clear notice; the previous import stays', async () => {
    await setSettings(wordpress, { apiKey: WRONG_KEY });
    const page = await press('keen_lead_form_import_fields');
    assert.deepEqual(notice(page), { type: 'error', text: 'Keen refused the stored API key. Store a valid key and try again.' });
    assert.deepEqual(await storedConfiguration(), expectedConfiguration());
  });

  test('a key whose company cannot see the channel: a clear notice', async () => {
    await setSettings(wordpress, { apiKey: OTHER_COMPANY_KEY });
    const page = await press('keen_lead_form_import_fields');
    assert.equal(notice(page)?.type, 'error');
    assert.match(notice(page)?.text ?? '', /not among the channels the stored API key can access/);
  });

  test('Keen unreachable: a clear notice', async () => {
    await setSettings(wordpress, { apiKey: VALID_KEY, endpoint: 'http://127.0.0.1:9/functions/v1/keen-api' });
    try {
      const page = await press('keen_lead_form_import_fields');
      assert.equal(notice(page)?.type, 'error');
      assert.match(notice(page)?.text ?? '', /Keen could not be reached/);
    } finally {
      await setSettings(wordpress, { endpoint: keen.api });
    }
  });

  test('only administrators can remove them: a signed-out request changes nothing', async () => {
    const { status } = await fetchText('/wp-admin/admin-post.php', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'keen_lead_form_forget_fields' }),
    });
    assert.ok(status >= 400, `status ${status}`);
    assert.deepEqual(await storedConfiguration(), expectedConfiguration());
  });

  test('"Remove the imported fields": forms and the relay go back to having none', async () => {
    const page = await press('keen_lead_form_forget_fields');
    assert.equal(notice(page)?.type, 'success');
    assert.equal(await storedConfiguration(), null);
    const { status, text } = await fetchText(`${RELAY_PATH}?action=fields`);
    assert.equal(status, 404);
    assert.deepEqual(JSON.parse(text), { error: 'No fields were imported from Keen on this site' });
  });

});

test('no API key in any page, answer or header this test fetched, nor in the log', async () => {
  assert.ok(fetched.length > 10);
  const all = fetched.join('\n');
  for (const key of KEYS) assert.ok(!all.includes(key), `${key} leaked`);
  const log = await readDebugLog(wordpress);
  for (const key of KEYS) assert.ok(!log.includes(key));
  assert.deepEqual(log.split('\n').filter((line) => line.includes('keen-lead-form')), []);
});
