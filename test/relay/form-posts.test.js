// @ts-check
/*
 * The relay's no-script path (contract F), in Node and in workerd: the
 * HTML-first form posted form-encoded, as a browser without script sends it.
 * Each answer is an HTML page with its status and the checks applied; a good
 * lead reaches Keen (the emulator) exactly once with exactly the values the
 * widget would send; everything else reaches it not at all.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { PAGE_ORIGIN, keenLeads, keenRequests, startNodeRelay } from './relay-harness.js';
import { describeEachRuntime, nextClient, useEmulator } from './relay-suite.js';

const LIMIT = 3;
const property = (/** @type {number} */ n) => `a1000000-0000-4000-8000-00000000000${n}`;
const INDUSTRY = property(3);
const REFERRAL = property(1);
const TOPICS = property(5);
const SUBMISSION_ID = property(6);
const WEBSITE = property(9);

/** The configuration the HTML-first markup carries in keen_form (contract E). */
const FORM = {
  v: 1,
  lang: 'en',
  fields: [
    'first_name',
    'email',
    { property: INDUSTRY, type: 'select', label: 'Industry', options: ['Software', 'Retail', 'Manufacturing', 'Other'] },
    // Shown (and sent) only for retail, as in the widget.
    { property: REFERRAL, type: 'text', label: 'Referral code', showIf: { field: INDUSTRY, equals: 'Retail' } },
    { property: TOPICS, type: 'checkboxes', label: 'Topics', options: ['Pricing', 'Support', 'Demo'] },
  ],
  required: ['email'],
  consent: { text: 'I agree to the privacy policy.', link: 'https://shop.example/privacy', version: '2026-01' },
  source: 'No-script test',
};

/**
 * A form-encoded body as the browser sends it: keen_form, the honeypot (empty), then the fields.
 * @param {[string, string][]} entries
 * @param {object} [form]
 */
function formBody(entries, form = FORM) {
  const params = new URLSearchParams();
  params.append('keen_form', JSON.stringify(form));
  params.append('keen_hp_reference', '');
  for (const [name, value] of entries) params.append(name, value);
  return params.toString();
}

const GOOD = /** @type {[string, string][]} */ ([
  ['first_name', 'Åse'],
  ['email', 'aase@example.com'],
  [`property:${INDUSTRY}`, 'Software'],
  [`property:${REFERRAL}`, 'SHOULD-NOT-BE-SENT'],
  [`property:${TOPICS}`, 'Demo'],
  [`property:${TOPICS}`, 'Pricing'],
  ['keen_consent', 'yes'],
]);

const emulator = useEmulator();

/**
 * @param {string} url
 * @param {string} body
 * @param {Record<string, string>} [headers]
 */
function postForm(url, body, headers = {}) {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: PAGE_ORIGIN, Referer: `${PAGE_ORIGIN}/contact`, ...headers },
    body,
  });
}

/**
 * An HTML page from the relay, checked for what every page has.
 * @param {Response} response
 * @param {number} status
 * @param {string} [checks]
 */
async function page(response, status, checks = 'honeypot, rate-limit') {
  const html = await response.text();
  assert.equal(response.status, status, html);
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(response.headers.get('keen-relay-checks'), checks);
  assert.match(html, /^<!doctype html>\n<html lang="[a-z]{2}">/);
  assert.ok(html.includes(`<meta name="keen-relay-checks" content="${checks}">`), 'the checks also in the page');
  assert.match(html, /<title>[^<]+<\/title>/);
  assert.equal(html.match(/<h1>/g)?.length, 1, 'one h1');
  assert.doesNotMatch(html, /<(script|link|img)\b|src=/, 'self-contained, no script');
  return html;
}

describeEachRuntime('form posts', emulator, { rateLimit: { max: LIMIT, windowMs: 60_000 } }, (relay) => {
  const from = (/** @type {string} */ address) => relay.as(address);

  test('a good post is stored once with the exact values, the thank-you page links back', async () => {
    const html = await page(await postForm(relay.url, formBody(GOOD), from(nextClient().v4)), 200);
    assert.match(html, /<h1>Message sent<\/h1>/);
    assert.match(html, /Thank you! We have received your details\./);
    assert.ok(html.includes(`<a href="${PAGE_ORIGIN}/contact">Back to the page</a>`));
    const requests = await keenRequests(emulator.url);
    assert.equal(requests.length, 1, 'one request to Keen');
    const [stored] = await keenLeads(emulator.url);
    assert.ok(stored);
    const sent = JSON.parse(stored.request.body);
    const notes = sent.notes;
    assert.match(notes, /^Consent: "I agree to the privacy policy\." \(https:\/\/shop\.example\/privacy, version 2026-01\) at \d{4}-\d\d-\d\dT[\d:.]+Z$/);
    assert.deepEqual(
      { ...sent, notes: undefined },
      {
        action: 'lead_external',
        channel_id: 'c0ffee00-0000-4000-8000-000000000001',
        source: 'No-script test',
        first_name: 'Åse',
        email: 'aase@example.com',
        notes: undefined,
        properties: [
          { property_definitions_id: INDUSTRY, value: 'Software' },
          // The group in the options' order, as the widget sends it; the show-if-hidden referral code is dropped.
          { property_definitions_id: TOPICS, value: 'Pricing, Demo' },
        ],
      },
    );
  });

  test('a show-if field that holds is sent', async () => {
    const entries = GOOD.map(([name, value]) => /** @type {[string, string]} */ ([name, name === `property:${INDUSTRY}` ? 'Retail' : value]));
    await page(await postForm(relay.url, formBody(entries), from(nextClient().v4)), 200);
    const [stored] = await keenLeads(emulator.url);
    const sent = JSON.parse(stored?.request.body ?? '{}');
    assert.deepEqual(sent.properties[1], { property_definitions_id: REFERRAL, value: 'SHOULD-NOT-BE-SENT' });
  });

  test('invalid input: 400, the problems linked to their fields, the form again holding the input', async () => {
    const entries = GOOD.filter(([name]) => name !== 'keen_consent').map(([name, value]) => /** @type {[string, string]} */ ([name, name === 'email' ? 'aase@example' : value]));
    const html = await page(await postForm(relay.url, formBody(entries), from(nextClient().v4)), 400);
    assert.match(html, /<h1>Please check your details<\/h1>/);
    assert.ok(html.includes('<li><a href="#keen-html-email">Email</a>: Enter an email address like name@example.com.</li>'), html);
    assert.ok(html.includes('<a href="#keen-html-keen_consent">'), 'the consent problem listed');
    // The form posts back to the relay and keeps every value.
    assert.match(html, /<form class="keen-html" method="post" action="\/" accept-charset="UTF-8" lang="en">/);
    assert.match(html, /<input id="keen-html-email" name="email" [^>]*value="aase@example" [^>]*aria-invalid="true"/);
    assert.match(html, /name="first_name" [^>]*value="Åse"/);
    assert.match(html, /<option value="Software" selected>/);
    assert.match(html, new RegExp(`name="property:${TOPICS}" value="Pricing" checked`));
    assert.match(html, /<input type="hidden" name="keen_form" value="\{&quot;v&quot;:1/);
    assert.deepEqual(await keenRequests(emulator.url), [], 'nothing reached Keen');
  });

  test('a filled honeypot: the thank-you page, nothing forwarded', async () => {
    const body = formBody(GOOD).replace('keen_hp_reference=', 'keen_hp_reference=https%3A%2F%2Fspam.example');
    const html = await page(await postForm(relay.url, body, from(nextClient().v4)), 200);
    assert.match(html, /<h1>Message sent<\/h1>/);
    assert.deepEqual(await keenRequests(emulator.url), []);
  });

  test('a broken keen_form: 400 "not set up correctly"', async () => {
    for (const body of ['email=a%40example.com', 'keen_form=%7Bnot+json&email=a%40example.com', formBody(GOOD, { ...FORM, fields: [{ property: 'x', type: 'nope' }] })]) {
      const html = await page(await postForm(relay.url, body, from(nextClient().v4)), 400);
      assert.match(html, /<h1>This form is not set up correctly<\/h1>/);
    }
    assert.deepEqual(await keenRequests(emulator.url), []);
  });

  test('Origin missing, "null" or foreign: 403 page, nothing read or forwarded', async () => {
    for (const origin of [undefined, 'null', 'https://evil.example']) {
      const response = await fetch(relay.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin === undefined ? {} : { Origin: origin }), ...from(nextClient().v4) },
        body: formBody(GOOD),
      });
      const html = await page(response, 403);
      assert.match(html, /<h1>Not sent<\/h1>/);
      assert.match(html, /may not use it/);
    }
    assert.deepEqual(await keenRequests(emulator.url), []);
  });

  test('the rate limit: the post after the limit is a 429 "not sent yet" page holding the input', async () => {
    const client = nextClient().v4;
    for (let i = 0; i < LIMIT; i += 1) await page(await postForm(relay.url, formBody(GOOD), from(client)), 200);
    const response = await postForm(relay.url, formBody(GOOD), from(client));
    const html = await page(response, 429);
    assert.ok(Number(response.headers.get('retry-after')) > 0);
    assert.match(html, /<h1>Not sent yet<\/h1>/);
    assert.match(html, /name="email" [^>]*value="aase@example.com"/);
    assert.equal((await keenRequests(emulator.url)).length, LIMIT);
  });

  test('Keen unreachable for a moment: 503 "not sent yet" with the form; Keen refusing: its message with the form', async () => {
    await emulator.fault({ status: 500, body: '{"error":"Internal error"}', headers: { 'content-type': 'application/json' } });
    let html = await page(await postForm(relay.url, formBody(GOOD), from(nextClient().v4)), 503);
    assert.match(html, /<h1>Not sent yet<\/h1>/);
    assert.match(html, /name="email" [^>]*value="aase@example.com"/);
    await emulator.fault({ status: 400, body: '{"error":"Property value is required"}', headers: { 'content-type': 'application/json' } });
    html = await page(await postForm(relay.url, formBody(GOOD), from(nextClient().v4)), 400);
    assert.match(html, /<h1>Not sent<\/h1>/);
    assert.match(html, /The form could not be sent: Property value is required/);
    assert.match(html, /name="email" [^>]*value="aase@example.com"/);
  });

  test('the page speaks the form\'s language', async () => {
    const html = await page(await postForm(relay.url, formBody(GOOD, { ...FORM, lang: 'da' }), from(nextClient().v4)), 200);
    assert.match(html, /^<!doctype html>\n<html lang="da">/);
    assert.match(html, /<h1>Beskeden er sendt<\/h1>/);
    assert.doesNotMatch(html, /Message sent/);
    assert.match(html, /Tilbage til siden/);
  });

  test('a redirect goes (303) only to an allowed origin', async () => {
    let response = await postForm(relay.url, formBody(GOOD, { ...FORM, redirect: `${PAGE_ORIGIN}/thanks` }), from(nextClient().v4));
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), `${PAGE_ORIGIN}/thanks`);
    assert.equal(response.headers.get('keen-relay-checks'), 'honeypot, rate-limit');
    response = await postForm(relay.url, formBody(GOOD, { ...FORM, redirect: 'https://evil.example/phish' }), from(nextClient().v4));
    const html = await page(response, 200);
    assert.doesNotMatch(html, /evil\.example/);
    assert.equal((await keenRequests(emulator.url)).length, 2, 'both stored');
  });

  test('the submission id property gets a fresh UUID v4 per post', async () => {
    const form = { ...FORM, submissionIdProperty: SUBMISSION_ID };
    for (let i = 0; i < 2; i += 1) await page(await postForm(relay.url, formBody(GOOD, form), from(nextClient().v4)), 200);
    const ids = (await keenLeads(emulator.url)).map((stored) => {
      const properties = /** @type {{ property_definitions_id: string, value: string }[]} */ (JSON.parse(stored.request.body).properties);
      assert.deepEqual(
        properties.map((property) => property.property_definitions_id),
        [INDUSTRY, TOPICS, SUBMISSION_ID],
        'the fields, then the submission id',
      );
      // The emulator stored it on the lead.
      assert.ok(/** @type {{ property_definitions_id: string }[]} */ (stored.lead['properties']).some((property) => property.property_definitions_id === SUBMISSION_ID));
      return properties[2]?.value ?? '';
    });
    assert.equal(ids.length, 2);
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(ids[0], ids[1], 'a fresh id per post');
  });

  test('attribution: the campaign on the page the form was posted from, in source, notes and properties, as the widget writes it', async () => {
    const form = { ...FORM, attributionProperties: { ref: REFERRAL, page: WEBSITE }, submissionIdProperty: SUBMISSION_ID };
    const referer = `${PAGE_ORIGIN}/contact?utm_source=newsletter&utm_campaign=spring&ref=acme&email=private%40example.com#top`;
    await page(await postForm(relay.url, formBody(GOOD, form), { ...from(nextClient().v4), Referer: referer }), 200);
    const [stored] = await keenLeads(emulator.url);
    const sent = JSON.parse(stored?.request.body ?? '{}');
    assert.equal(sent.source, 'No-script test / newsletter / spring');
    assert.match(
      sent.notes,
      /^Consent: "I agree to the privacy policy\." \(https:\/\/shop\.example\/privacy, version 2026-01\) at [^\n]+\n\nAttribution\nFirst touch: utm_source=newsletter, utm_campaign=spring, ref=acme, landing_page=https:\/\/shop\.example\/contact\nSent from: https:\/\/shop\.example\/contact$/,
    );
    // In the widget's order: the fields, the attribution properties, the submission id.
    assert.deepEqual(sent.properties.slice(2, 4), [
      { property_definitions_id: REFERRAL, value: 'acme' },
      { property_definitions_id: WEBSITE, value: `${PAGE_ORIGIN}/contact` },
    ]);
    assert.equal(sent.properties[4]?.property_definitions_id, SUBMISSION_ID);
    assert.doesNotMatch(stored?.request.body ?? '', /private|#top/, 'nothing else from the page address');
  });

  test('JSON posts are unchanged; other content types are still refused with JSON', async () => {
    const response = await fetch(relay.url, { method: 'POST', headers: { 'Content-Type': 'text/plain', Origin: PAGE_ORIGIN, ...from(nextClient().v4) }, body: 'email=a' });
    assert.equal(response.status, 415);
    const answer = /** @type {{ error?: unknown }} */ (await response.json());
    assert.equal(typeof answer.error, 'string');
  });
});

describe('form posts: relay options (Node)', () => {
  const endpoint = () => emulator.endpoint;
  beforeEach(() => emulator.reset());

  test('formPosts: false answers a 415 page, nothing forwarded', async () => {
    const { createRelay } = await import('../../dist/lib/relay/index.js');
    const relay = createRelay({ channelId: 'c0ffee00-0000-4000-8000-000000000001', allowedOrigins: [PAGE_ORIGIN], endpoint: endpoint(), challenge: false, formPosts: false });
    const response = await relay(new Request('https://relay.example/keen', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: PAGE_ORIGIN }, body: formBody(GOOD) }));
    const html = await page(response, 415);
    assert.match(html, /can only be sent with JavaScript/);
    assert.deepEqual(await keenRequests(emulator.url), []);
    assert.deepEqual(relay.counters().refused, { 'content-type': 1 });
  });

  test('a relay with a captcha refuses form posts (403) saying the form needs JavaScript, keeping the input', async () => {
    const { createRelay } = await import('../../dist/lib/relay/index.js');
    const relay = createRelay({
      channelId: 'c0ffee00-0000-4000-8000-000000000001',
      allowedOrigins: [PAGE_ORIGIN],
      endpoint: endpoint(),
      captcha: { provider: 'turnstile', secret: 'test-secret' },
      rateLimit: false,
    });
    const response = await relay(new Request('https://relay.example/keen', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: PAGE_ORIGIN }, body: formBody(GOOD) }));
    const html = await page(response, 403, 'honeypot');
    assert.match(html, /<h1>This form needs JavaScript<\/h1>/);
    assert.match(html, /needs JavaScript for its spam check/);
    assert.match(html, /name="email" [^>]*value="aase@example.com"/);
    assert.match(html, /action="\/keen"/);
    assert.deepEqual(await keenRequests(emulator.url), []);
  });

  test('form posts are counted and logged without personal data', async () => {
    /** @type {string[]} */
    const lines = [];
    /** @type {import('../../dist/lib/relay/index.js').Relay | undefined} */
    let handler;
    const running = await startNodeRelay({ endpoint: endpoint(), rateLimit: { max: 100, windowMs: 60_000 }, log: (line) => lines.push(line), onRelay: (relay) => (handler = relay) });
    try {
      await page(await postForm(running.url, formBody(GOOD)), 200);
      await page(await postForm(running.url, formBody(GOOD).replace('email=aase%40example.com', 'email=nope')), 400);
      await page(await postForm(running.url, formBody(GOOD).replace('keen_hp_reference=', 'keen_hp_reference=x')), 200);
      await page(await postForm(running.url, 'keen_form=%7B%7D'), 400);
      await page(await postForm(running.url, formBody(GOOD), { Origin: 'https://evil.example' }), 403);
      const postJson = await fetch(running.url, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: PAGE_ORIGIN }, body: JSON.stringify({ action: 'lead_external', email: 'json@example.com' }) });
      assert.equal(postJson.status, 200);
      assert.deepEqual(handler?.counters(), {
        forwarded: 2,
        preflight: 0,
        challenge: 0,
        fields: 0,
        formPosts: 5,
        refused: { schema: 1, honeypot: 1, 'form-config': 1, origin: 1 },
      });
      const { formatRelayEvent } = await import('../../dist/lib/relay/index.js');
      const logged = lines.map((line) => formatRelayEvent(JSON.parse(line)));
      assert.match(logged[0] ?? '', /^\S+ 200 forwarded \(form post\) \d+ms$/);
      assert.match(logged[1] ?? '', /^\S+ 400 refused \(form post\) \[schema\] \d+ms Invalid fields: email$/);
      assert.match(logged[5] ?? '', /^\S+ 200 forwarded \d+ms$/, 'a JSON post is logged as before');
      for (const line of logged) assert.doesNotMatch(line, /aase|Åse|%C3%85se|nope/, 'no personal data');
    } finally {
      await running.close();
    }
  });
});

describe('form posts: attribution settings and the page carried through a correction (Node)', () => {
  /** @type {Awaited<ReturnType<typeof startNodeRelay>>} */
  let running;
  before(async () => {
    running = await startNodeRelay({ endpoint: emulator.endpoint, rateLimit: { max: 1000, windowMs: 60_000 } });
  });
  after(() => running.close());
  beforeEach(() => emulator.reset());

  const CAMPAIGN_PAGE = `${PAGE_ORIGIN}/contact?utm_source=newsletter&utm_campaign=spring&partner=acme`;
  const MAP = { partner: REFERRAL, page: WEBSITE };
  /** @type {[string, Record<string, unknown>, string, { source: string, block: boolean, properties: { property_definitions_id: string, value: string }[] }][]} */
  const cases = [
    ['the defaults', { referralParam: 'partner' }, CAMPAIGN_PAGE, { source: 'No-script test / newsletter / spring', block: true, properties: [{ property_definitions_id: REFERRAL, value: 'acme' }, { property_definitions_id: WEBSITE, value: `${PAGE_ORIGIN}/contact` }] }],
    ['no source configured: the widget\'s "Website"', { referralParam: 'partner', source: undefined }, CAMPAIGN_PAGE, { source: 'Website / newsletter / spring', block: true, properties: [{ property_definitions_id: REFERRAL, value: 'acme' }, { property_definitions_id: WEBSITE, value: `${PAGE_ORIGIN}/contact` }] }],
    ['source template and notes off: the properties still', { referralParam: 'partner', sourceTemplate: 'off', attributionNotes: 'off' }, CAMPAIGN_PAGE, { source: 'No-script test', block: false, properties: [{ property_definitions_id: REFERRAL, value: 'acme' }, { property_definitions_id: WEBSITE, value: `${PAGE_ORIGIN}/contact` }] }],
    ['a direct visit: no block, the page in its property', {}, `${PAGE_ORIGIN}/contact`, { source: 'No-script test', block: false, properties: [{ property_definitions_id: WEBSITE, value: `${PAGE_ORIGIN}/contact` }] }],
    ['attribution off: nothing', { referralParam: 'partner', attribution: 'off' }, CAMPAIGN_PAGE, { source: 'No-script test', block: false, properties: [] }],
    ['consent required (only script can signal it): nothing', { referralParam: 'partner', attributionConsent: 'required' }, CAMPAIGN_PAGE, { source: 'No-script test', block: false, properties: [] }],
    ['a bare origin (what a cross-origin relay gets): nothing', { referralParam: 'partner' }, `${PAGE_ORIGIN}/`, { source: 'No-script test', block: false, properties: [] }],
    ['a page on an origin not allowed: nothing', { referralParam: 'partner' }, 'https://evil.example/contact?utm_source=evil', { source: 'No-script test', block: false, properties: [] }],
  ];
  for (const [name, settings, referer, expected] of cases) {
    test(`attribution, ${name}`, async () => {
      const form = { ...FORM, ...settings, attributionProperties: MAP };
      await page(await postForm(running.url, formBody(GOOD, form), { Referer: referer }), 200);
      const [stored] = await keenLeads(emulator.url);
      const sent = JSON.parse(stored?.request.body ?? '{}');
      assert.equal(sent.source, expected.source);
      assert.equal(/\n\nAttribution\n/.test(sent.notes), expected.block, sent.notes);
      assert.deepEqual(sent.properties.slice(2), expected.properties);
    });
  }

  test('after a correction the relay still knows the page: the form again carries it, the settings too', async () => {
    const form = { ...FORM, referralParam: 'partner', attributionProperties: MAP, submissionIdProperty: SUBMISSION_ID };
    const typo = GOOD.map(([name, value]) => /** @type {[string, string]} */ ([name, name === 'email' ? 'aase@example' : value]));
    const problems = await page(await postForm(running.url, formBody(typo, form), { Referer: CAMPAIGN_PAGE }), 400);
    const carried = /<input type="hidden" name="keen_page" value="([^"]*)">/.exec(problems)?.[1]?.replaceAll('&amp;', '&');
    assert.equal(carried, CAMPAIGN_PAGE);
    const keenForm = /name="keen_form" value="([^"]*)"/.exec(problems)?.[1]?.replaceAll('&quot;', '"').replaceAll('&amp;', '&') ?? '{}';
    assert.equal(JSON.parse(keenForm).submissionIdProperty, SUBMISSION_ID, 'the submission id property carried in keen_form');
    assert.equal(JSON.parse(keenForm).referralParam, 'partner');

    // Sent again from the relay's page, as a browser does: the Referer is now the relay.
    const thanks = await page(await postForm(running.url, `${formBody(GOOD, JSON.parse(keenForm))}&keen_page=${encodeURIComponent(carried ?? '')}`, { Referer: `${running.url}/` }), 200);
    assert.ok(thanks.includes(`<a href="${CAMPAIGN_PAGE.replaceAll('&', '&amp;')}">Back to the page</a>`), 'the link goes back to the form\'s page, not the relay');
    const [stored] = await keenLeads(emulator.url);
    const sent = JSON.parse(stored?.request.body ?? '{}');
    assert.equal(sent.source, 'No-script test / newsletter / spring');
    assert.deepEqual(sent.properties.slice(2, 4), [{ property_definitions_id: REFERRAL, value: 'acme' }, { property_definitions_id: WEBSITE, value: `${PAGE_ORIGIN}/contact` }]);
    assert.equal(sent.properties[4]?.property_definitions_id, SUBMISSION_ID);
  });

  test('a carried page on an origin not allowed is ignored (the Referer counts)', async () => {
    const form = { ...FORM, referralParam: 'partner', attributionProperties: MAP };
    const body = `${formBody(GOOD, form)}&keen_page=${encodeURIComponent('https://evil.example/x?utm_source=evil')}`;
    const html = await page(await postForm(running.url, body, { Referer: CAMPAIGN_PAGE }), 200);
    assert.doesNotMatch(html, /evil/);
    const sent = JSON.parse((await keenLeads(emulator.url))[0]?.request.body ?? '{}');
    assert.equal(sent.source, 'No-script test / newsletter / spring');
  });

  test('the generator carries the host\'s submission-id-property and attribution attributes in keen_form; the element still takes it', async () => {
    const { parseFormConfig, renderFormHtml } = await import('../../dist/lib/relay/index.js');
    const { parseFormConfigJson } = await import('../../dist/lib/schema/form-config.js');
    const parsed = parseFormConfig({ fields: ['email'], attributionProperties: MAP });
    assert.ok(parsed.ok);
    const html = renderFormHtml({
      config: parsed.value,
      attributes: { relay: '', endpoint: `${PAGE_ORIGIN}/keen`, 'submission-id-property': SUBMISSION_ID, 'referral-param': 'partner', 'attribution-consent': 'required' },
    });
    const keenForm = /name="keen_form" value="([^"]*)"/.exec(html)?.[1]?.replaceAll('&quot;', '"').replaceAll('&amp;', '&') ?? '{}';
    const carried = JSON.parse(keenForm);
    assert.equal(carried.submissionIdProperty, SUBMISSION_ID);
    assert.equal(carried.referralParam, 'partner');
    assert.equal(carried.attributionConsent, 'required');
    assert.deepEqual(carried.attributionProperties, MAP);
    const forElement = parseFormConfigJson(keenForm, true);
    assert.ok(forElement.ok, JSON.stringify(forElement));
    assert.equal('submissionIdProperty' in forElement.value, false, 'the element reads it from its attribute');

    // And the relay honours them: consent required → nothing recorded; the submission id written.
    await page(await postForm(running.url, formBody([['email', 'gen@example.com']], carried), { Referer: CAMPAIGN_PAGE }), 200);
    const sent = JSON.parse((await keenLeads(emulator.url))[0]?.request.body ?? '{}');
    assert.equal(sent.source, 'Website');
    assert.deepEqual(sent.properties.map((/** @type {{ property_definitions_id: string }} */ property) => property.property_definitions_id), [SUBMISSION_ID]);
  });

  test('a broken submission id property in keen_form is "not set up correctly"', async () => {
    const html = await page(await postForm(running.url, formBody(GOOD, { ...FORM, submissionIdProperty: '  ' })), 400);
    assert.match(html, /<h1>This form is not set up correctly<\/h1>/);
    assert.deepEqual(await keenRequests(emulator.url), []);
  });
});
