// @ts-check
/**
 * What a post's author may put into a form: only someone who may manage
 * options can point a form at another channel or endpoint, and no one can
 * make it redirect off the site by a protocol-relative or non-http(s) URL.
 * WordPress 6.5 on PHP 8.3, real users writing real posts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  PUBLIC_CHANNEL,
  PUBLIC_CHANNEL_UUID,
  adminContext,
  blockMarkup,
  createPage,
  createPostAs,
  createUser,
  findLeadForms,
  launchChromium,
  setSettings,
} from './support/site.js';
import { readDebugLog, startWordPress } from './support/wordpress.js';

/** @type {import('./support/wordpress.js').RunningWordPress} */
let wordpress;
/** @type {import('playwright').Browser} */
let browser;

const DEFAULT_ENDPOINT = 'http://127.0.0.1:9/functions/v1/keen-api';
const AUTHORS_ENDPOINT = 'https://collector.evil.example/keen';

before(async () => {
  [wordpress, browser] = await Promise.all([startWordPress({ wp: '6.5', php: '8.3' }), launchChromium()]);
  await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: DEFAULT_ENDPOINT, relay: false });
});

after(async () => {
  await Promise.allSettled([browser?.close(), wordpress?.close()]);
});

/** The page as an anonymous visitor gets it. */
async function visitorHtml(/** @type {string} */ path) {
  const response = await wordpress.fetch(path);
  assert.equal(response.status, 200, `GET ${path}`);
  return response.text();
}

/** The page as the administrator sees it (logged in). */
async function adminHtml(/** @type {string} */ path) {
  const context = await adminContext(browser, wordpress);
  try {
    const response = await context.request.get(wordpress.url + path);
    assert.equal(response.status(), 200, `GET ${path} as admin`);
    return await response.text();
  } finally {
    await context.close();
  }
}

describe('an author-level user cannot point a form elsewhere', () => {
  /** @type {number} */
  let author;
  /** @type {number} */
  let editor;
  before(async () => {
    author = await createUser(wordpress, 'alice-author', 'author');
    editor = await createUser(wordpress, 'eddie-editor', 'editor');
  });

  const content = () =>
    `[keen_lead_form channel="${PUBLIC_CHANNEL_UUID}" endpoint="${AUTHORS_ENDPOINT}" fields="first_name email"]\n` +
    blockMarkup('keen/lead-form', { channel: PUBLIC_CHANNEL_UUID, fields: 'email' });

  for (const [role, userId] of /** @type {const} */ ([
    ['an author', () => author],
    ['an editor', () => editor],
  ])) {
    test(`${role}'s shortcode and block keep working but use the site's channel and endpoint`, async () => {
      const path = await createPostAs(wordpress, userId(), `Leads by ${role}`, content());
      const html = await visitorHtml(path);
      assert.deepEqual(
        findLeadForms(html).map((form) => [form.attributes['channel'], form.attributes['endpoint'], form.attributes['fields']]),
        [
          [PUBLIC_CHANNEL, DEFAULT_ENDPOINT, 'first_name email'],
          [PUBLIC_CHANNEL, DEFAULT_ENDPOINT, 'email'],
        ],
      );
      assert.ok(!html.includes(AUTHORS_ENDPOINT) && !html.includes(PUBLIC_CHANNEL_UUID), 'the author\'s choices appear nowhere');
      const comments = html.match(/<!-- Keen Lead Form: the channel and endpoint set on this form were ignored because the author of this content may not manage options[^>]*-->/g) ?? [];
      assert.equal(comments.length, 2, 'an HTML comment says why, once per form');
      assert.doesNotMatch(html, /class="keen-lead-form-notice"/, 'visitors see no notice');

      const asAdmin = await adminHtml(path);
      assert.equal((asAdmin.match(/<p class="keen-lead-form-notice">[^<]*ignored/g) ?? []).length, 2, 'the administrator sees why');
      assert.equal(findLeadForms(asAdmin).length, 2, 'and still the forms');
    });
  }

  test('an administrator\'s post keeps its own channel and endpoint', async () => {
    const path = await createPostAs(wordpress, 1, 'Leads by the admin', content());
    const html = await visitorHtml(path);
    assert.deepEqual(
      findLeadForms(html).map((form) => [form.attributes['channel'], form.attributes['endpoint']]),
      [
        [PUBLIC_CHANNEL_UUID, AUTHORS_ENDPOINT],
        [PUBLIC_CHANNEL_UUID, DEFAULT_ENDPOINT],
      ],
    );
    assert.doesNotMatch(html, /were ignored/);
  });

  test('the author\'s post follows its author, not whoever views it or what the author later becomes', async () => {
    const path = await createPostAs(wordpress, author, 'Promoted later', content());
    assert.ok(!(await visitorHtml(path)).includes(PUBLIC_CHANNEL_UUID));
    // The administrator viewing it does not lend the form their rights.
    assert.ok(!(await adminHtml(path)).includes(PUBLIC_CHANNEL_UUID));
    await wordpress.php(`<?php ( new WP_User( ${author} ) )->set_role( 'administrator' );`);
    try {
      assert.ok((await visitorHtml(path)).includes(PUBLIC_CHANNEL_UUID), 'now written by someone who may manage options');
    } finally {
      await wordpress.php(`<?php ( new WP_User( ${author} ) )->set_role( 'author' );`);
    }
  });
});

describe('redirect', () => {
  /** @type {[string, string | undefined][]} [given, printed] */
  const cases = [
    ['/thank-you/', '/thank-you/'],
    ['/thank-you/?from=form&x=1#top', '/thank-you/?from=form&x=1#top'],
    ['https://example.com/done', 'https://example.com/done'],
    ['HTTP://example.com/done', 'http://example.com/done'],
    ['//evil.example', undefined],
    ['//evil.example/path', undefined],
    ['///evil.example', undefined],
    ['/\\evil.example', undefined],
    ['\\\\evil.example', undefined],
    ['/\t/evil.example', undefined],
    ['https:evil.example', undefined],
    ['https:///evil.example', undefined],
    ['javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['data:text/html,hi', undefined],
    ['ftp://example.com/file', undefined],
    ['evil.example', undefined],
    ['thank-you', undefined],
    ['?page=2', undefined],
  ];

  test('keeps http(s) URLs and same-site paths; drops protocol-relative URLs and everything else', async () => {
    // WordPress reads shortcode attribute values through stripcslashes(): a
    // backslash is written doubled for the form to receive it.
    const shortcodes = cases.map(([given]) => `[keen_lead_form fields="email" redirect="${given.replace(/\\/g, '\\\\')}"]`).join('\n');
    const html = await visitorHtml(await createPage(wordpress, 'Redirects', shortcodes));
    const printed = findLeadForms(html).map((form) => form.attributes['redirect']);
    assert.deepEqual(
      cases.map(([given], index) => [given, printed[index]]),
      cases,
    );
    assert.doesNotMatch(html, /evil\.example|javascript:|data:text/i);
  });

  test('the block refuses the same targets', async () => {
    const blocks = cases.map(([given]) => blockMarkup('keen/lead-form', { fields: 'email', redirect: given })).join('\n');
    const html = await visitorHtml(await createPage(wordpress, 'Block redirects', blocks));
    const printed = findLeadForms(html).map((form) => form.attributes['redirect']);
    assert.deepEqual(
      cases.map(([given], index) => [given, printed[index]]),
      cases,
    );
  });
});

test('the plugin logged no PHP errors, warnings or notices', async () => {
  const ours = (await readDebugLog(wordpress)).split('\n').filter((line) => line.includes('keen-lead-form'));
  assert.deepEqual(ours, []);
});
