// @ts-check
/**
 * The HTML-first form (contract E) as WordPress prints it, and the relay's
 * form posts (contract F): the shortcode's and the block's pages hold an
 * ordinary form that posts to the relay; a browser with JavaScript off fills
 * and sends it and Keen stores the lead once (a form with a redirect on this
 * site answers 303 and the browser follows the Location); invalid input comes back as a 400 page with the
 * problems and the input kept; the honeypot gets a thank-you and nothing is
 * stored; direct mode prints the noscript note and no action. WordPress 6.5
 * on PHP 8.3 with the emulator.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import {
  PUBLIC_CHANNEL,
  RELAY_PATH,
  blockMarkup,
  createPage,
  launchChromium,
  phpString,
  resetRateLimit,
  setSettings,
  startKeen,
} from './support/site.js';
import { readDebugLog, startWordPress } from './support/wordpress.js';
import { renderFormHtml } from '../../dist/lib/html/render-form-html.js';
import { NO_SCRIPT_MESSAGES } from '../../dist/lib/i18n/no-script.js';
import { resolveFields } from '../../dist/lib/schema/form-config.js';
import { createLeadFormSchema, validateFields } from '../../dist/lib/schema/validate-lead-form.js';

const REFERRAL = 'a1000000-0000-4000-8000-000000000001';
const TEAM_SIZE = 'a1000000-0000-4000-8000-000000000002';
const INDUSTRY = 'a1000000-0000-4000-8000-000000000003';
const NEWSLETTER = 'a1000000-0000-4000-8000-000000000004';
const PROJECT = 'a1000000-0000-4000-8000-000000000005';
const START_DAY = 'a1000000-0000-4000-8000-000000000006';

/** @type {import('./support/wordpress.js').RunningWordPress} */
let wordpress;
/** @type {import('./support/site.js').Keen} */
let keen;
/** @type {import('playwright').Browser} */
let browser;
/** The simple form's page: first name, email (required), phone. */
let simplePath = '';
/** A Danish form with properties, a show-if rule, steps and consent boxes. */
let richPath = '';
/** The block's form (keen/lead-form), with its own source. */
let blockPath = '';
/** A shortcode form whose `redirect` is a page on this site, and that page. */
let redirectPath = '';
let thankYouPath = '';

/**
 * A configuration with everything the markup and the relay must agree on.
 * @type {import('../../dist/lib/schema/form-config.js').FormConfig}
 */
const RICH_CONFIG = {
  fields: [
    { step: 'Om dig' },
    'first_name',
    { name: 'email', help: 'Vi svarer på denne adresse.' },
    { block: 'text', text: 'Fortæl os om firmaet.' },
    { step: 'Firmaet' },
    { property: INDUSTRY, type: 'select', label: 'Branche', options: ['Software', 'Retail'], required: true },
    { property: REFERRAL, type: 'text', label: 'Henvisningskode', showIf: { field: INDUSTRY, equals: 'Retail' } },
    { property: TEAM_SIZE, type: 'number', label: 'Antal ansatte', min: 1, max: 500 },
    { property: PROJECT, type: 'checkboxes', label: 'Interesser', options: ['Web', 'App', 'Print'] },
    { property: NEWSLETTER, type: 'checkbox', label: 'Nyhedsbrev' },
    { name: 'source', hidden: true, value: 'Kampagne 7' },
  ],
  consent: { link: 'https://example.com/privatliv', version: '2026-01' },
  marketingConsent: {},
};

before(async () => {
  [wordpress, keen, browser] = await Promise.all([startWordPress({ wp: '6.5', php: '8.3' }), startKeen(), launchChromium()]);
  await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: true, challenge: 'altcha' });
  simplePath = await createPage(wordpress, 'Simple form', '[keen_lead_form fields="first_name,email,phone" required="email"]');
  richPath = await createPage(wordpress, 'Rich form', `[keen_lead_form lang="da"]${JSON.stringify(RICH_CONFIG)}[/keen_lead_form]`);
  blockPath = await createPage(wordpress, 'Block form', blockMarkup('keen/lead-form', { fields: 'first_name,email,company_name', required: 'email,company_name', source: 'Block page' }));
  thankYouPath = await createPage(wordpress, 'Thank you', '<p>We will call you back.</p>');
  redirectPath = await createPage(wordpress, 'Redirecting form', `[keen_lead_form fields="email" required="email" redirect="${thankYouPath}?from=form"]`);
});

after(async () => {
  await Promise.allSettled([browser?.close(), keen?.close(), wordpress?.close()]);
});

beforeEach(async () => {
  await Promise.all([keen.reset(), resetRateLimit(wordpress)]);
});

async function pageHtml(/** @type {string} */ path) {
  const response = await wordpress.fetch(path);
  assert.equal(response.status, 200);
  return response.text();
}

/** The relay's absolute URL, as WordPress prints it. */
const relayUrl = () => `${wordpress.url}${RELAY_PATH}`;

/**
 * The first HTML-first form of a page or of markup, as a browser with
 * JavaScript off parses it (so the element never upgrades): its method,
 * action, keen_form, noscript note and every visible control in order
 * (name, type, label, required).
 * @param {{ path?: string, markup?: string }} source
 */
async function readForm({ path, markup }) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    if (path !== undefined) await page.goto(wordpress.url + path);
    else await page.setContent(markup ?? '');
    return await page.locator('keen-lead-form form.keen-html').first().evaluate((form) => ({
      method: form.getAttribute('method'),
      action: form.getAttribute('action'),
      keenForm: /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="keen_form"]'))?.value ?? null,
      noscript: form.querySelector('noscript')?.textContent ?? null,
      fields: [...form.querySelectorAll('input:not([type=hidden]):not([name=keen_hp_reference]), select, textarea')].map((control) => {
        const input = /** @type {HTMLInputElement} */ (control);
        const label = input.id === '' ? input.closest('label') : form.querySelector(`label[for="${input.id}"]`);
        return {
          name: input.name,
          type: input.type,
          label: (label?.textContent ?? '').replace(/\s+/g, ' ').trim(),
          required: input.required,
        };
      }),
      hidden: [...form.querySelectorAll('input[type=hidden]:not([name=keen_form])')].map((input) => [/** @type {HTMLInputElement} */ (input).name, /** @type {HTMLInputElement} */ (input).value]),
    }));
  } finally {
    await context.close();
  }
}

/** POSTs a form-encoded body to the relay as a browser does (Origin and Referer of the site). */
async function postForm(/** @type {URLSearchParams} */ body, /** @type {Record<string, string>} */ headers = {}) {
  const response = await fetch(relayUrl(), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: wordpress.url, Referer: wordpress.url + simplePath, ...headers },
    body: body.toString(),
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** The `keen_form` value the simple page carries. */
async function simpleKeenForm() {
  const form = await readForm({ path: simplePath });
  assert.ok(form.keenForm);
  return form.keenForm;
}

test('the shortcode prints the HTML-first form: names, labels, required, posting to the relay', async () => {
  const html = await pageHtml(simplePath);
  assert.match(html, /<keen-lead-form\b[^>]*\brelay\b[^>]*><form class="keen-html" method="post" action="[^"]+"/);
  const form = await readForm({ path: simplePath });
  assert.equal(form.method, 'post');
  assert.equal(form.action, relayUrl());
  assert.deepEqual(form.fields, [
    { name: 'first_name', type: 'text', label: 'First name', required: false },
    { name: 'email', type: 'text', label: 'Email *', required: true },
    { name: 'phone', type: 'tel', label: 'Phone', required: false },
  ]);
  assert.deepEqual(JSON.parse(form.keenForm ?? ''), { v: 1, lang: 'en', fields: ['first_name', 'email', 'phone'], required: ['email'] });
  assert.equal(form.noscript, null, 'a relayed form has no noscript note: it sends without script');
});

test('a browser with JavaScript off sends the form; Keen stores the lead once with the exact values', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(wordpress.url + simplePath);
    const form = page.locator('keen-lead-form form.keen-html');
    await form.getByLabel('First name').fill('Åse Ørsted');
    await form.getByLabel('Email').fill('  aase@example.com ');
    await form.getByLabel('Phone').fill('+45 12 34 56 78');
    const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.request().method() === 'POST'), form.getByRole('button', { name: 'Send' }).click()]);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['keen-relay-checks'], 'honeypot, rate-limit');
    assert.match(response.headers()['content-type'] ?? '', /^text\/html; charset=utf-8/i);
    await page.waitForLoadState();
    assert.equal(await page.locator('h1').textContent(), 'Message sent');
    assert.equal(await page.locator('meta[name="keen-relay-checks"]').getAttribute('content'), 'honeypot, rate-limit');
    // Back to the page the form was on (the Referer, on this site).
    assert.equal(await page.getByRole('link', { name: 'Back to the page' }).getAttribute('href'), wordpress.url + simplePath);
  } finally {
    await context.close();
  }
  const leads = (await keen.leads()).map(({ lead }) => lead);
  assert.equal(leads.length, 1);
  assert.equal(leads[0]?.['channels_id'], PUBLIC_CHANNEL);
  assert.equal(leads[0]?.['first_name'], 'Åse Ørsted');
  assert.equal(leads[0]?.['email'], 'aase@example.com');
  assert.equal(leads[0]?.['phone'], '+45 12 34 56 78');
  assert.equal(leads[0]?.['source'], 'Website');
});

test('the block prints the HTML-first form; with JavaScript off it is sent and Keen stores the lead once', async () => {
  const html = await pageHtml(blockPath);
  assert.match(html, /<keen-lead-form\b[^>]*\brelay\b[^>]*><form class="keen-html" method="post" action="[^"]+"/);
  const form = await readForm({ path: blockPath });
  assert.equal(form.method, 'post');
  assert.equal(form.action, relayUrl());
  assert.deepEqual(form.fields, [
    { name: 'first_name', type: 'text', label: 'First name', required: false },
    { name: 'email', type: 'text', label: 'Email *', required: true },
    { name: 'company_name', type: 'text', label: 'Company *', required: true },
  ]);
  assert.deepEqual(JSON.parse(form.keenForm ?? ''), {
    v: 1,
    lang: 'en',
    fields: ['first_name', 'email', 'company_name'],
    required: ['email', 'company_name'],
    source: 'Block page',
  });

  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(wordpress.url + blockPath);
    const htmlForm = page.locator('keen-lead-form form.keen-html');
    await htmlForm.getByLabel('First name').fill('Bjørn');
    await htmlForm.getByLabel('Email').fill('bjorn@example.com');
    await htmlForm.getByLabel('Company').fill('Fjord & Co');
    const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.request().method() === 'POST'), htmlForm.getByRole('button', { name: 'Send' }).click()]);
    assert.equal(response.status(), 200);
    assert.equal(new URLSearchParams(response.request().postData() ?? '').get('company_name'), 'Fjord & Co', 'a real form-encoded submission');
    await page.waitForLoadState();
    assert.equal(await page.locator('h1').textContent(), 'Message sent');
    assert.equal(await page.getByRole('link', { name: 'Back to the page' }).getAttribute('href'), wordpress.url + blockPath);
  } finally {
    await context.close();
  }
  const leads = (await keen.leads()).map(({ lead }) => lead);
  assert.equal(leads.length, 1);
  assert.equal(leads[0]?.['channels_id'], PUBLIC_CHANNEL);
  assert.equal(leads[0]?.['first_name'], 'Bjørn');
  assert.equal(leads[0]?.['email'], 'bjorn@example.com');
  assert.equal(leads[0]?.['company_name'], 'Fjord & Co');
  assert.equal(leads[0]?.['source'], 'Block page');
});

test('a form with a redirect on this site: the post answers 303, the browser follows the Location, Keen stores the lead once', async () => {
  const thankYouUrl = `${wordpress.url}${thankYouPath}?from=form`;
  assert.equal(JSON.parse((await readForm({ path: redirectPath })).keenForm ?? '').redirect, `${thankYouPath}?from=form`);
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(wordpress.url + redirectPath);
    const htmlForm = page.locator('keen-lead-form form.keen-html');
    await htmlForm.getByLabel('Email').fill('redirected@example.com');
    /** @type {import('playwright').Response[]} */
    const responses = [];
    page.on('response', (response) => responses.push(response));
    await Promise.all([page.waitForURL(thankYouUrl), htmlForm.getByRole('button', { name: 'Send' }).click()]);
    await page.waitForLoadState();
    const post = responses.find((response) => response.request().method() === 'POST');
    assert.ok(post, 'the form was posted');
    assert.equal(post.url(), relayUrl());
    assert.equal(post.status(), 303);
    assert.equal(post.headers()['location'], thankYouUrl);
    assert.equal(post.headers()['keen-relay-checks'], 'honeypot, rate-limit');
    // The Location followed: the thank-you page itself, fetched with GET.
    const followed = responses.find((response) => response.url() === thankYouUrl);
    assert.equal(followed?.request().method(), 'GET');
    assert.equal(followed?.status(), 200);
    assert.equal(page.url(), thankYouUrl);
    await page.getByText('We will call you back.').waitFor();
  } finally {
    await context.close();
  }
  const leads = (await keen.leads()).map(({ lead }) => lead);
  assert.equal(leads.length, 1);
  assert.equal(leads[0]?.['email'], 'redirected@example.com');
});

test('invalid input: a 400 page lists the problems in the widget\'s words and keeps the input', async () => {
  const body = new URLSearchParams({ keen_form: await simpleKeenForm(), keen_hp_reference: '', first_name: 'Bo <b>', email: 'not-an-email', phone: '12' });
  const { status, headers, html } = await postForm(body);
  assert.equal(status, 400);
  assert.equal(headers.get('keen-relay-checks'), 'honeypot, rate-limit');
  assert.match(html, /<html lang="en">/);
  assert.match(html, /Email: Enter an email address like name@example\.com\./);
  assert.match(html, /Phone: Enter a phone number, e\.g\. \+45 12 34 56 78\./);
  assert.match(html, /There are problems with 2 fields\. Please check them\./);
  // The form again, posting to the relay, holding what was typed (escaped).
  assert.match(html, /<form class="keen-html" method="post" action="[^"]*keen-lead-form\/v1\/lead"/);
  assert.match(html, /name="first_name"[^>]* value="Bo &lt;b&gt;"/);
  assert.match(html, /name="email"[^>]* value="not-an-email"[^>]* aria-invalid="true" aria-describedby="keen-html-email-error"/);
  assert.match(html, /<p class="keen-html-error" id="keen-html-email-error">Enter an email address like name@example\.com\.<\/p>/);
  assert.doesNotMatch(html, /<script/i, 'a self-contained page without script');
  assert.equal((await keen.leads()).length, 0);
});

test('honeypot: the usual thank-you page, nothing stored, counted', async () => {
  const before = JSON.parse(await wordpress.php(`<?php echo wp_json_encode( keen_lead_form_refusal_counts() );`));
  const body = new URLSearchParams({ keen_form: await simpleKeenForm(), keen_hp_reference: 'https://spam.example', email: 'bot@example.com' });
  const { status, html } = await postForm(body);
  assert.equal(status, 200);
  assert.match(html, /<h1>Message sent<\/h1>/);
  assert.equal((await keen.leads()).length, 0);
  const counts = JSON.parse(await wordpress.php(`<?php echo wp_json_encode( keen_lead_form_refusal_counts() );`));
  assert.equal(counts.honeypot, before.honeypot + 1);
});

test('a form post without this site\'s Origin is refused with a readable page', async () => {
  const body = new URLSearchParams({ keen_form: await simpleKeenForm(), email: 'x@example.com' });
  for (const origin of ['null', 'https://evil.example']) {
    const { status, html } = await postForm(body, { Origin: origin });
    assert.equal(status, 403, origin);
    assert.match(html, /This form can only be sent from the page it is on/);
  }
  const response = await fetch(relayUrl(), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  assert.equal(response.status, 403, 'no Origin at all');
  assert.equal((await keen.leads()).length, 0);
});

test('a broken keen_form is a 400 page "not set up correctly"', async () => {
  const { status, html } = await postForm(new URLSearchParams({ keen_form: '{"v":1,"fields":["nope"]}', email: 'x@example.com' }));
  assert.equal(status, 400);
  assert.match(html, /This form is not set up correctly/);
  assert.equal((await keen.leads()).length, 0);
});

test('the rate limit answers 429 with the form holding the input', async () => {
  const keenForm = await simpleKeenForm();
  // The default limit, 10 per 10 minutes per address; invalid posts count too, as JSON posts do.
  const invalid = new URLSearchParams({ keen_form: keenForm, email: 'nope' });
  for (let sent = 0; sent < 10; sent += 1) assert.equal((await postForm(invalid)).status, 400);
  const { status, headers, html } = await postForm(new URLSearchParams({ keen_form: keenForm, email: 'late@example.com' }));
  assert.equal(status, 429);
  assert.ok(Number(headers.get('retry-after')) > 0);
  assert.match(html, /Too many messages were sent from your network/);
  assert.match(html, /name="email"[^>]* value="late@example\.com"/);
  assert.equal((await keen.leads()).length, 0);
});

test('Keen unreachable: a 503 page "not sent yet" with the form holding the input', async () => {
  await keen.fault({ status: 503, body: '{"error":"Down"}', headers: { 'Content-Type': 'application/json' } });
  const { status, html } = await postForm(new URLSearchParams({ keen_form: await simpleKeenForm(), email: 'retry@example.com' }));
  assert.equal(status, 503);
  assert.match(html, /Your details were not sent yet\. Please send the form again\./);
  assert.match(html, /name="email"[^>]* value="retry@example\.com"/);
});

test('a site with a captcha refuses form posts with a page saying why, keeping the input', async () => {
  await wordpress.php(`<?php
    update_option( 'keen_lead_form_challenge', 'turnstile' );
    update_option( 'keen_lead_form_captcha_sitekey', 'site-key' );
    update_option( 'keen_lead_form_captcha_secret', array( 'secret' => 'secret' ), false );`);
  try {
    const { status, html } = await postForm(new URLSearchParams({ keen_form: await simpleKeenForm(), first_name: 'Kim', email: 'kim@example.com' }));
    assert.equal(status, 403);
    assert.match(html, /spam check needs JavaScript/);
    assert.match(html, /name="first_name"[^>]* value="Kim"/);
    assert.equal((await keen.leads()).length, 0);
  } finally {
    await setSettings(wordpress, { challenge: 'altcha' });
  }
});

test('the Danish form with properties, steps, show-if and consent: drawn in Danish, sent without script, stored exactly', async () => {
  const form = await readForm({ path: richPath });
  assert.deepEqual(form.fields, [
    { name: 'first_name', type: 'text', label: 'Fornavn', required: false },
    { name: 'email', type: 'text', label: 'E-mail *', required: true },
    { name: `property:${INDUSTRY}`, type: 'select-one', label: 'Branche *', required: true },
    { name: `property:${REFERRAL}`, type: 'text', label: 'Henvisningskode', required: false },
    { name: `property:${TEAM_SIZE}`, type: 'text', label: 'Antal ansatte', required: false },
    { name: `property:${PROJECT}`, type: 'checkbox', label: 'Web', required: false },
    { name: `property:${PROJECT}`, type: 'checkbox', label: 'App', required: false },
    { name: `property:${PROJECT}`, type: 'checkbox', label: 'Print', required: false },
    { name: `property:${NEWSLETTER}`, type: 'checkbox', label: 'Nyhedsbrev', required: false },
    { name: 'keen_consent', type: 'checkbox', label: 'Jeg accepterer behandlingen af mine oplysninger som beskrevet i privatlivspolitikken. *', required: true },
    { name: 'keen_marketing_consent', type: 'checkbox', label: 'Ja tak, jeg vil gerne modtage nyheder og tilbud på e-mail.', required: false },
  ]);
  const html = await pageHtml(richPath);
  assert.match(html, /<h3 class="keen-html-step">Om dig<\/h3>/);
  assert.match(html, /<p class="keen-html-block">Fortæl os om firmaet\.<\/p>/);
  assert.match(html, /<button type="submit" class="keen-html-submit">Indsend<\/button>/);

  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(wordpress.url + richPath);
    const html = page.locator('keen-lead-form form.keen-html');
    await html.getByLabel('Fornavn').fill('Mette');
    await html.locator('#keen-html-email').fill('mette@example.dk');
    await html.getByLabel('Branche').selectOption('Software');
    // Filled, but its rule (Branche = Retail) does not hold: dropped, as the widget drops it.
    await html.getByLabel('Henvisningskode').fill('SKAL-VÆK');
    await html.getByLabel('Antal ansatte').fill('12,5');
    await html.getByLabel('Print').check();
    await html.getByLabel('Web').check();
    await html.getByLabel('Nyhedsbrev').check();
    await html.locator('#keen-html-keen_consent').check();
    await Promise.all([page.waitForResponse((candidate) => candidate.request().method() === 'POST'), html.getByRole('button', { name: 'Indsend' }).click()]);
    await page.waitForLoadState();
    assert.equal(await page.locator('h1').textContent(), 'Beskeden er sendt');
    assert.equal(await page.locator('html').getAttribute('lang'), 'da');
  } finally {
    await context.close();
  }
  const stored = await keen.leads();
  assert.equal(stored.length, 1);
  const lead = stored[0]?.lead ?? {};
  // On the wire as the widget sends them (a number, a boolean); Keen stores every value as text.
  assert.deepEqual(
    JSON.parse(stored[0]?.request.body ?? '{}').properties.map((/** @type {{ value: unknown }} */ property) => property.value),
    ['Software', 12.5, 'Web, Print', true],
  );
  assert.equal(lead['first_name'], 'Mette');
  assert.equal(lead['email'], 'mette@example.dk');
  assert.equal(lead['source'], 'Kampagne 7');
  assert.deepEqual(
    lead['properties']?.map((/** @type {{ property_definitions_id: string, value: unknown }} */ property) => [property.property_definitions_id, property.value]),
    [
      [INDUSTRY, 'Software'],
      [TEAM_SIZE, '12.5'],
      [PROJECT, 'Web, Print'],
      [NEWSLETTER, 'true'],
    ],
  );
  assert.match(
    lead['notes'] ?? '',
    /^Consent: "Jeg accepterer behandlingen af mine oplysninger som beskrevet i privatlivspolitikken\." \(https:\/\/example\.com\/privatliv, version 2026-01\) at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
  );
});

test('the Danish form without consent: the 400 page asks for it in Danish and keeps every choice', async () => {
  const keenForm = (await readForm({ path: richPath })).keenForm ?? '';
  const body = new URLSearchParams([
    ['keen_form', keenForm],
    ['email', 'mette@example.dk'],
    [`property:${INDUSTRY}`, 'Retail'],
    [`property:${REFERRAL}`, 'R-1'],
    [`property:${PROJECT}`, 'App'],
    [`property:${PROJECT}`, 'Print'],
    [`property:${TEAM_SIZE}`, '900'],
  ]);
  const { status, html } = await postForm(body);
  assert.equal(status, 400);
  assert.match(html, /<html lang="da">/);
  assert.match(html, /Antal ansatte: Skriv 500 eller mindre\./);
  assert.match(html, /id="keen-html-keen_consent-error">Sæt flueben i feltet for at fortsætte\.</);
  assert.match(html, /value="Retail" selected/);
  assert.match(html, /name="property:a1000000-0000-4000-8000-000000000001"[^>]* value="R-1"/);
  assert.match(html, /name="property:a1000000-0000-4000-8000-000000000005" value="App" checked/);
  assert.match(html, /name="property:a1000000-0000-4000-8000-000000000005" value="Print" checked/);
  assert.doesNotMatch(html, /name="property:a1000000-0000-4000-8000-000000000005" value="Web" checked/);
  assert.equal((await keen.leads()).length, 0);
});

test('direct mode: the form has no action and says it needs JavaScript', async () => {
  await setSettings(wordpress, { relay: false });
  try {
    const form = await readForm({ path: simplePath });
    assert.equal(form.action, null);
    assert.equal(form.method, null);
    assert.equal(form.noscript, NO_SCRIPT_MESSAGES.en?.needsScript);
    assert.deepEqual(
      form.fields.map((field) => field.name),
      ['first_name', 'email', 'phone'],
    );
  } finally {
    await setSettings(wordpress, { relay: true });
  }
});

test("the PHP markup's form equals the TypeScript generator's for the same configuration (fields, labels, required, order, keen_form)", async () => {
  /** @type {{ path: string, config: import('../../dist/lib/schema/form-config.js').FormConfig, attributes: Record<string, string> }[]} */
  const cases = [
    { path: simplePath, config: {}, attributes: { relay: '', endpoint: relayUrl(), fields: 'first_name,email,phone', required: 'email' } },
    { path: richPath, config: RICH_CONFIG, attributes: { relay: '', endpoint: relayUrl(), lang: 'da' } },
  ];
  for (const { path, config, attributes } of cases) {
    const fromPhp = await readForm({ path });
    const fromTypeScript = await readForm({ markup: renderFormHtml({ config, attributes }) });
    assert.ok(fromPhp.fields.length > 2);
    assert.deepEqual(fromPhp.fields, fromTypeScript.fields, path);
    assert.deepEqual(fromPhp.hidden, fromTypeScript.hidden, path);
    assert.equal(fromPhp.action, fromTypeScript.action, path);
    assert.equal(fromPhp.method, fromTypeScript.method, path);
    assert.deepEqual(JSON.parse(fromPhp.keenForm ?? ''), JSON.parse(fromTypeScript.keenForm ?? ''), path);
  }
});

/**
 * Values where the PHP port once read the widget's rules its own way: web
 * addresses (the WHATWG URL parser), patterns (JavaScript regular
 * expressions), and days in date errors (Intl in the form's language).
 */
const URL_CASES = [
  'https://example.com', 'http://example.com/path?q=1#top', 'HTTPS://EXAMPLE.COM', 'ftp://example.com', 'example.com', 'mailto:a@example.com',
  'http:example.com', 'https:/example.com', 'https:///example.com', 'https:\\\\example.com', 'https://user:pw@example.com:8080/x',
  'https://example.com:65535', 'https://example.com:65536', 'https://example.com:80a', 'https://example.com:', 'https://localhost',
  'https://LOCALHOST:3000/', 'https://localhost.', 'https://intranet', 'https://example.com.', 'https://bücher.de', 'https://example。com',
  'https://2130706433', 'https://127.1', 'https://0x7f.0.0.1', 'https://999.1.1.1', 'https://1.2.3.4.5', 'https://example.08', 'https://example.123',
  'https://exa<mple.com', 'https://exa%3Cmple.com', 'https://%65xample.com', 'https://exa|mple.com', 'https://[::1]/', 'https://', 'https://@example.com',
  'https://a..b', 'https://exa_mple.com', 'https://example.com\u00a0x', 'https://exa mple.com',
];
/** [JavaScript pattern, value] */
const PATTERN_CASES = [
  ['\\u0041+', 'AAA'], ['\\u0041+', 'BBB'], ['\\u{1F600}', '😀'], ['\\uD83D\\uDE00', '😀'], ['\\uD83D\\uDE00', 'x'], ['a\\sb', 'a\u00a0b'], ['a\\sb', 'a\u3000b'],
  ['a\\Sb', 'a\u00a0b'], ['a.b', 'a\u2028b'], ['a.b', 'axb'], ['[^]+', 'x\ny'], ['a/b', 'a/b'], ['[a/]+', 'a/'], ['\\d{4}', '١٢٣٤'], ['\\d{4}', '2026'],
  ['\\w+', 'æøå'], ['[\\s]x', '\u3000x'], ['\\p{L}+', 'Åse'], ['(?<year>\\d{4})-\\k<year>', '2026-2026'], ['[A-Z]{2}\\d{2}', 'DK12'], ['[A-Z]{2}\\d{2}', 'dk12'],
];
const DAY_CASES = ['2026-03-15', '2026-01-01', '2026-12-31', '0999-07-04'];

test("the PHP port reads addresses, patterns and days in date errors as the widget does", async () => {
  const uuid = (/** @type {number} */ index) => `a2000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  /** @type {import('../../dist/lib/schema/form-config.js').FieldInput[]} */
  const fields = [
    { property: uuid(0), type: 'url', label: 'Site' },
    ...PATTERN_CASES.map(([pattern], index) => ({ property: uuid(index + 1), type: /** @type {const} */ ('text'), label: `P${index}`, pattern })),
  ];
  const inputs = [
    ...URL_CASES.map((value) => [`property:${uuid(0)}`, value]),
    ...PATTERN_CASES.map(([, value], index) => [`property:${uuid(index + 1)}`, value]),
  ];
  const resolved = resolveFields(fields, []);
  assert.ok(resolved.ok, JSON.stringify(resolved));
  const definitions = resolved.value;
  const schema = createLeadFormSchema(definitions);
  const widget = inputs.map(([id, value]) => {
    const definition = definitions.filter((field) => field.id === id);
    return [id, value, validateFields(schema, definition, { [id]: value }).fieldErrors[0]?.code ?? 'ok'];
  });
  const languages = Object.keys(NO_SCRIPT_MESSAGES);
  const widgetDays = languages.flatMap((lang) =>
    DAY_CASES.map((day) => [lang, day, new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))]),
  );

  const php = JSON.parse(
    await wordpress.php(`<?php
      $model  = keen_lead_form_form_model( json_decode( ${phpString(JSON.stringify({ fields, required: [] }))}, true ), 'en' )['model'];
      $checks = array();
      foreach ( json_decode( ${phpString(JSON.stringify(inputs))}, true ) as $input ) {
        list( $id, $value ) = $input;
        $error    = keen_lead_form_check_field( $model['fields'][ $id ], $value )[0];
        $checks[] = array( $id, $value, null === $error ? 'ok' : $error['code'] );
      }
      $days = array();
      foreach ( json_decode( ${phpString(JSON.stringify(widgetDays.map(([lang, day]) => [lang, day])))}, true ) as $case ) {
        $days[] = array( $case[0], $case[1], keen_lead_form_format_day( $case[0], $case[1] ) );
      }
      echo wp_json_encode( array( 'checks' => $checks, 'days' => $days ), JSON_UNESCAPED_UNICODE );`),
  );
  assert.deepEqual(php.checks, widget);
  assert.deepEqual(php.days, widgetDays);
});

test('a day limit is written in the form\'s language in the 400 page, as the widget writes it', async () => {
  const keenForm = JSON.stringify({ v: 1, lang: 'da', required: [], fields: [{ property: START_DAY, type: 'date', label: 'Startdato', min: '2026-03-15', max: '2026-12-31' }] });
  const early = await postForm(new URLSearchParams({ keen_form: keenForm, [`property:${START_DAY}`]: '2026-01-02' }));
  assert.equal(early.status, 400);
  assert.match(early.html, /Startdato: Vælg 15\. marts 2026 eller senere\./);
  const late = await postForm(new URLSearchParams({ keen_form: keenForm, [`property:${START_DAY}`]: '2027-01-02' }));
  assert.match(late.html, /Startdato: Vælg 31\. december 2026 eller tidligere\./);
  assert.equal((await keen.leads()).length, 0);
});

test('the plugin logged no PHP notice or warning', async () => {
  const log = await readDebugLog(wordpress);
  assert.doesNotMatch(log, /PHP (Notice|Warning|Deprecated|Fatal)/);
});

