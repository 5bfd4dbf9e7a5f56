// @ts-check
/**
 * What the WordPress tests do again and again: make pages, change the
 * plugin's settings, read the rendered <keen-lead-form> tags, talk to the
 * Keen emulator, and open Chromium as a visitor or as the admin.
 */
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/find-chromium.js';
import { startEmulator } from '../../../emulator/server.js';
import { ADMIN } from './wordpress.js';

/** @typedef {import('./wordpress.js').RunningWordPress} RunningWordPress */

export const PUBLIC_CHANNEL = 'c0ffee00-0000-4000-8000-000000000001';
export const PUBLIC_CHANNEL_UUID = '5b3e9a64-1f2d-4c8e-9a7b-2d4f6e8a0c11';
export const PRIVATE_CHANNEL = 'c0ffee00-0000-4000-8000-000000000002';
export const UNKNOWN_CHANNEL = '00000000-0000-4000-8000-000000000000';
export const PROPERTY_REFERRAL_CODE = 'a1000000-0000-4000-8000-000000000001';

/** A string as a PHP expression, whatever it contains. */
export function phpString(/** @type {string} */ value) {
  return `base64_decode('${Buffer.from(value, 'utf8').toString('base64')}')`;
}

/**
 * Publishes a page and returns its path (e.g. "/contact/").
 * @param {RunningWordPress} wordpress
 * @param {string} title
 * @param {string} content  post content: shortcodes, block markup
 */
export async function createPage(wordpress, title, content) {
  const link = await wordpress.php(`<?php
    wp_set_current_user( 1 ); // an administrator may save any markup (no kses)
    $id = wp_insert_post( array(
      'post_type' => 'page', 'post_status' => 'publish',
      'post_title' => ${phpString(title)}, 'post_content' => wp_slash( ${phpString(content)} ),
    ), true );
    if ( is_wp_error( $id ) ) { echo 'ERROR ', $id->get_error_message(); } else { echo get_permalink( $id ); }`);
  if (!link.startsWith('http')) throw new Error(`Could not create page "${title}": ${link}`);
  return new URL(link).pathname + new URL(link).search;
}

/**
 * A self-closing block comment, attributes serialised as the block editor does
 * (characters that could end the comment or confuse HTML are \u-escaped).
 * @param {string} name
 * @param {Record<string, string>} attributes
 */
export function blockMarkup(name, attributes) {
  const json = JSON.stringify(attributes)
    .replace(/--/g, '\\u002d\\u002d')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\\"/g, '\\u0022');
  return `<!-- wp:${name} ${json} /-->`;
}

/**
 * Sets the plugin's options directly (the settings page is tested on its own).
 * `apiKey: ''` removes the stored key. `challenge` is the relay's spam
 * challenge ('altcha' by default on a new site; 'none' for tests about
 * something else that post to the relay without solving one).
 * @param {RunningWordPress} wordpress
 * @param {{ channel?: string, endpoint?: string, relay?: boolean, proxyHeader?: string, apiKey?: string, challenge?: 'altcha' | 'none' | 'turnstile' | 'hcaptcha' | 'friendlycaptcha' }} settings
 */
export async function setSettings(wordpress, { channel, endpoint, relay, proxyHeader, apiKey, challenge }) {
  const lines = [];
  if (channel !== undefined) lines.push(`update_option( 'keen_lead_form_channel', ${phpString(channel)} );`);
  if (endpoint !== undefined) lines.push(`update_option( 'keen_lead_form_endpoint', ${phpString(endpoint)} );`);
  if (relay !== undefined) lines.push(`update_option( 'keen_lead_form_relay', ${relay ? 1 : 0} );`);
  if (proxyHeader !== undefined) lines.push(`update_option( 'keen_lead_form_proxy_header', ${phpString(proxyHeader)} );`);
  if (challenge !== undefined) lines.push(`update_option( 'keen_lead_form_challenge', ${phpString(challenge)} );`);
  if (apiKey !== undefined) {
    lines.push(`update_option( 'keen_lead_form_api_key', ${apiKey === '' ? 'array()' : `array( 'key' => ${phpString(apiKey)} )`}, false );`);
  }
  await wordpress.php(`<?php ${lines.join('\n')}`, { shortInit: true });
}

/**
 * A user with a role, e.g. an author who may publish posts but not manage options.
 * @param {RunningWordPress} wordpress
 * @param {string} login
 * @param {'author' | 'editor' | 'contributor' | 'administrator'} role
 * @returns {Promise<number>} the user id
 */
export async function createUser(wordpress, login, role) {
  const id = await wordpress.php(`<?php
    $id = wp_insert_user( array( 'user_login' => ${phpString(login)}, 'user_pass' => wp_generate_password(), 'user_email' => ${phpString(`${login}@example.com`)}, 'role' => ${phpString(role)} ) );
    echo is_wp_error( $id ) ? 'ERROR ' . $id->get_error_message() : $id;`);
  if (!/^\d+$/.test(id)) throw new Error(`Could not create user ${login}: ${id}`);
  return Number(id);
}

/**
 * Publishes a post as the given user, through the same filters as the editor
 * (so the user's capabilities decide what markup survives), and returns its path.
 * @param {RunningWordPress} wordpress
 * @param {number} userId
 * @param {string} title
 * @param {string} content
 */
export async function createPostAs(wordpress, userId, title, content) {
  const link = await wordpress.php(`<?php
    wp_set_current_user( ${userId} );
    $id = wp_insert_post( array(
      'post_type' => 'post', 'post_status' => 'publish', 'post_author' => ${userId},
      'post_title' => ${phpString(title)}, 'post_content' => wp_slash( ${phpString(content)} ),
    ), true );
    if ( is_wp_error( $id ) ) { echo 'ERROR ', $id->get_error_message(); } else { echo get_permalink( $id ); }`);
  if (!link.startsWith('http')) throw new Error(`Could not create post "${title}": ${link}`);
  return new URL(link).pathname + new URL(link).search;
}

/**
 * POSTs to the relay as the widget does, at any spelling of its URL.
 * @param {RunningWordPress} wordpress
 * @param {string} body
 * @param {{ path?: string, contentType?: string, headers?: Record<string, string> }} [options]
 */
export async function postToRelay(wordpress, body, { path = RELAY_PATH, contentType = 'application/json', headers = {} } = {}) {
  const response = await wordpress.fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...headers },
    body,
  });
  const text = await response.text();
  /** @type {any} */
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const RELAY_PATH = '/wp-json/keen-lead-form/v1/lead';

/**
 * @param {RunningWordPress} wordpress
 * @returns {Promise<{ channel: unknown, endpoint: unknown, relay: unknown }>} the stored options, raw
 */
export async function readSettings(wordpress) {
  return JSON.parse(
    await wordpress.php(`<?php echo wp_json_encode( array(
      'channel' => get_option( 'keen_lead_form_channel', null ),
      'endpoint' => get_option( 'keen_lead_form_endpoint', null ),
      'relay' => get_option( 'keen_lead_form_relay', null ),
    ) );`, { shortInit: true }),
  );
}

/** Empties the relay's rate-limit counters. */
export async function resetRateLimit(/** @type {RunningWordPress} */ wordpress) {
  await wordpress.php(
    `<?php
    global $wpdb;
    $values = $wpdb->esc_like( '_transient_keen_lead_form_rl_' ) . '%';
    $timeouts = $wpdb->esc_like( '_transient_timeout_keen_lead_form_rl_' ) . '%';
    $wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $values, $timeouts ) );`,
    { shortInit: true },
  );
}

/**
 * The start tags of every <keen-lead-form> in a page, attributes decoded as a
 * browser would (so escaping is checked by comparing with the intended text).
 * @param {string} html
 * @returns {{ raw: string, attributes: Record<string, string> }[]}
 */
export function findLeadForms(html) {
  const forms = [];
  for (const match of html.matchAll(/<keen-lead-form\b([^>]*)>/g)) {
    const source = match[1] ?? '';
    /** @type {Record<string, string>} */
    const attributes = {};
    for (const attribute of source.matchAll(/([^\s"'=<>/]+)(?:="([^"]*)"|='([^']*)')?/g)) {
      const name = /** @type {string} */ (attribute[1]);
      attributes[name] = decodeEntities(attribute[2] ?? attribute[3] ?? '');
    }
    forms.push({ raw: match[0], attributes });
  }
  return forms;
}

/** The character references WordPress's escapers produce. */
function decodeEntities(/** @type {string} */ text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, ref) => {
    const lower = String(ref).toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? _;
  });
}

/** @returns {string[]} the src of every script tag that loads the widget */
export function widgetScriptTags(/** @type {string} */ html) {
  return [...html.matchAll(/<script\b[^>]*assets\/keen-lead-form\.js[^>]*>/g)].map((match) => match[0]);
}

/**
 * The Keen emulator with the small client the tests need.
 */
export async function startKeen() {
  const emulator = await startEmulator({ port: 0 });
  const control = async (/** @type {string} */ path, /** @type {RequestInit} */ init = {}) => {
    const response = await fetch(`${emulator.url}/__emulator/${path}`, init);
    if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    url: emulator.url,
    api: `${emulator.url}/functions/v1/keen-api`,
    /** @returns {Promise<{ lead: Record<string, any>, request: { headers: Record<string, string>, body: string } }[]>} */
    leads: async () => (await control('leads')).leads,
    /** @returns {Promise<{ method: string, outcome: unknown }[]>} every API request Keen received */
    requests: async () => (await control('requests')).requests,
    /** @returns {Promise<{ lead_id: string, url: string, body: Record<string, any> }[]>} the webhooks Keen would have POSTed (create_lead) */
    webhooks: async () => (await control('webhooks')).webhooks,
    /** @returns {Promise<{ lead_id: string, channel_id: string, type: string, message: string }[]>} Keen's in-app notifications (create_lead) */
    notifications: async () => (await control('notifications')).notifications,
    reset: () => control('reset', { method: 'POST' }),
    /** @param {object} fault */
    fault: (fault) =>
      control('faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fault) }),
    close: () => emulator.close(),
  };
}

/** @typedef {Awaited<ReturnType<typeof startKeen>>} Keen */

export async function launchChromium() {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
}

/**
 * A browser context signed in as the administrator, as Playground's blueprint
 * `login` would do it: WordPress makes the auth cookies, the browser gets them.
 * (The blueprint step itself cannot be used: its auto-login redirects every
 * cookie-less request, including the widget's POST to the relay.)
 * @param {import('playwright').Browser} browser
 * @param {RunningWordPress} wordpress
 */
export async function adminContext(browser, wordpress) {
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
  const context = await browser.newContext();
  await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: wordpress.url, httpOnly: true })));
  return context;
}

/**
 * Types a lead into the first form on the page, as a person would, and sends it.
 * @param {import('playwright').Page} page
 * @param {{ firstName?: string, email: string }} lead
 */
export async function fillAndSend(page, { firstName, email }) {
  const form = page.locator('keen-lead-form').first();
  // Visible: the HTML-first form's light-DOM copy stays in the element, undrawn, once the element renders its own.
  if (firstName !== undefined) await form.getByLabel('First name').filter({ visible: true }).pressSequentially(firstName);
  await form.getByLabel('Email').filter({ visible: true }).pressSequentially(email);
  await form.getByRole('button', { name: 'Send' }).click();
}
