// @ts-check
/**
 * The shortcode's enclosed JSON configuration, as the builder page writes it
 * ([keen_lead_form …]{…}[/keen_lead_form]): WordPress prints it as the
 * element's JSON child unchanged in meaning and safe in HTML, and a visitor
 * sends a lead through it. WordPress 6.5 on PHP 8.3 with the emulator.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PUBLIC_CHANNEL, createPage, createPostAs, createUser, findLeadForms, launchChromium, setSettings, startKeen } from './support/site.js';
import { startWordPress } from './support/wordpress.js';
import { initialState, propertyItem, standardItem, stepItem, toConfig } from '../../demo/builder/form-model.js';
import { shortcodeSnippet } from '../../demo/builder/snippets.js';

const INDUSTRY = 'a1000000-0000-4000-8000-000000000003';
const REFERRAL = 'a1000000-0000-4000-8000-000000000001';

/** @type {import('./support/wordpress.js').RunningWordPress} */
let wordpress;
/** @type {import('./support/site.js').Keen} */
let keen;
/** @type {import('playwright').Browser} */
let browser;

before(async () => {
  [wordpress, keen, browser] = await Promise.all([startWordPress({ wp: '6.5', php: '8.3' }), startKeen(), launchChromium()]);
  await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: false });
});

after(async () => {
  await Promise.allSettled([browser?.close(), keen?.close(), wordpress?.close()]);
});

/** The JSON children of the page's forms, parsed, and the raw text of each. */
function configScripts(/** @type {string} */ html) {
  return [...html.matchAll(/<keen-lead-form\b[^>]*><script type="application\/json">([\s\S]*?)<\/script>/g)].map((match) => ({
    raw: match[1] ?? '',
    json: /** @type {unknown} */ (JSON.parse(match[1] ?? '')),
  }));
}

async function visitorHtml(/** @type {string} */ path) {
  const response = await wordpress.fetch(path);
  assert.equal(response.status, 200);
  return response.text();
}

/** A form like the builder's test builds: a custom property, a show-if rule, two steps, and text that tries to break out. */
function builtForm() {
  const state = initialState();
  state.channel = PUBLIC_CHANNEL;
  state.endpoint = keen.api;
  state.lang = 'da';
  const industry = propertyItem({ property: INDUSTRY, type: 'select', label: 'Industry </script><b>"&', options: ['Software', 'Retail'] });
  const referral = propertyItem({ property: REFERRAL, type: 'text', label: 'Referral [/keen_lead_form] code', rule: { join: 'all', conditions: [{ field: INDUSTRY, operator: 'equals', value: 'Retail' }] } });
  state.items = [stepItem('About you'), standardItem('first_name'), standardItem('email'), stepItem('Your company'), industry, referral];
  return state;
}

test("the builder's shortcode prints the same configuration as the CDN snippet, safely, with its attributes", async () => {
  const state = builtForm();
  const path = await createPage(wordpress, 'Built form', shortcodeSnippet(state));
  const html = await visitorHtml(path);
  const [form] = findLeadForms(html);
  assert.equal(form?.attributes['channel'], PUBLIC_CHANNEL);
  assert.equal(form?.attributes['endpoint'], keen.api);
  assert.equal(form?.attributes['lang'], 'da');
  const scripts = configScripts(html);
  assert.equal(scripts.length, 1, 'one form with its JSON child');
  assert.deepEqual(scripts[0]?.json, toConfig(state));
  // Nothing the user typed can end the script or add markup: "<" and ">" are JSON escapes.
  assert.doesNotMatch(scripts[0]?.raw ?? '', /[<>]/);
});

test('a visitor sends a lead through a shortcode with an enclosed configuration', async () => {
  const state = initialState();
  state.channel = PUBLIC_CHANNEL;
  state.endpoint = keen.api;
  state.items = [standardItem('email'), propertyItem({ property: REFERRAL, type: 'text', label: 'Referral code' })];
  const path = await createPage(wordpress, 'Enclosed config lead', shortcodeSnippet(state));
  const page = await browser.newPage();
  try {
    await page.goto(wordpress.url + path);
    const form = page.locator('keen-lead-form');
    // Visible: the element's own fields, not the HTML-first form's undrawn light-DOM copy.
    await form.getByLabel('Email').filter({ visible: true }).pressSequentially('wp-json@example.com');
    await form.getByLabel('Referral code').filter({ visible: true }).pressSequentially('WP-42');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByText('Thank you! We have received your details.').waitFor({ timeout: 15_000 });
  } finally {
    await page.close();
  }
  const stored = (await keen.leads()).map(({ lead }) => lead).find((lead) => lead['email'] === 'wp-json@example.com');
  assert.deepEqual(
    stored?.['properties']?.map((/** @type {{ property_definitions_id: string, value: unknown }} */ property) => [property.property_definitions_id, property.value]),
    [[REFERRAL, 'WP-42']],
  );
});

test("an author's JSON cannot choose the channel, endpoint or redirect", async () => {
  const author = await createUser(wordpress, 'json-author', 'author');
  const content = '[keen_lead_form]{"channel":"evil","endpoint":"https://collector.evil.example/","redirect":"https://evil.example/","fields":["email"]}[/keen_lead_form]';
  const html = await visitorHtml(await createPostAs(wordpress, author, 'JSON by an author', content));
  const [form] = findLeadForms(html);
  assert.equal(form?.attributes['channel'], PUBLIC_CHANNEL);
  assert.equal(form?.attributes['endpoint'], keen.api);
  assert.deepEqual(configScripts(html)[0]?.json, { fields: ['email'] });
});

test('text that is not a JSON object is printed inert, for the element to report as a configuration error', async () => {
  const content = '[keen_lead_form]{"fields": ["email" </script><script>alert(1)</script>[/keen_lead_form]';
  const html = await visitorHtml(await createPage(wordpress, 'Broken JSON', content));
  assert.doesNotMatch(html, /<script>alert\(1\)/);
  assert.match(html, /<script type="application\/json">\{"fields": \["email" \\u003c\/script>\\u003cscript>alert\(1\)\\u003c\/script><\/script><\/keen-lead-form>/);
});
