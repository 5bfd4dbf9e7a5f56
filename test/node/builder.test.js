// @ts-check
/*
 * The builder page as a person uses it, in headless Chromium over real HTTP:
 * the demo site (emulator, relay, static server) serves it, the preview is
 * the built CDN file, and each snippet is pasted into a fresh page on
 * another origin (the CDN tag with its integrity hash, the npm code bundled
 * against dist/lib) that must render the same fields and store the same lead
 * as the preview. The WordPress shortcode is rendered by real WordPress in
 * wordpress/test/shortcode-config.test.js; here its enclosed JSON must equal
 * the CDN snippet's. Also: keyboard-only building, axe, and the static
 * `npm run build:site` output on a plain static server.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright';
import { startEmulator } from '../../emulator/server.js';
import { buildSite } from '../../scripts/build-site.js';
import { startDemoSite } from '../../scripts/demo-site.js';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.js';
import { startStaticServer } from '../../scripts/static-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const INDUSTRY = 'a1000000-0000-4000-8000-000000000003';
const REFERRAL = 'a1000000-0000-4000-8000-000000000001';
const TEAM_SIZE = 'a1000000-0000-4000-8000-000000000002';
const THANKS = 'Thank you! We have received your details.';

/** @type {Awaited<ReturnType<typeof startDemoSite>>} */
let demo;
/** @type {import('playwright').Browser} */
let browser;

before(async () => {
  [demo, browser] = await Promise.all([startDemoSite(), chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS })]);
});

after(async () => {
  await Promise.allSettled([browser?.close(), demo?.close()]);
});

/**
 * A new page that fails the test on any uncaught error.
 * @returns {Promise<{ page: import('playwright').Page, errors: string[] }>}
 */
async function newPage() {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** @param {import('playwright').Page} page @param {string} url */
async function openBuilder(page, url = `${demo.url}/demo/builder/`) {
  await page.goto(url);
  await page.locator('body[data-ready="true"]').waitFor();
}

/** The editor (left column), where every builder control lives. */
const editor = (/** @type {import('playwright').Page} */ page) => page.locator('#editor');

/** @param {import('playwright').Page} page @param {string} label */
async function clickButton(page, label) {
  await editor(page).getByRole('button', { name: label, exact: true }).click();
}

/**
 * The focused control's id and aria-label (the page's own DOM, read in the page).
 * @returns {Promise<{ id: string, label: string }>}
 */
function focusedControl(/** @type {import('playwright').Page} */ page) {
  return page.evaluate("({ id: document.activeElement?.id ?? '', label: document.activeElement?.getAttribute('aria-label') ?? '' })");
}

/** The text of a snippet as shown on the page. */
async function snippet(/** @type {import('playwright').Page} */ page, /** @type {'cdn' | 'npm' | 'wordpress'} */ id) {
  return page.locator(`#snippet-${id}`).innerText();
}

/**
 * Builds, with the page's controls, a two-step form with a custom select
 * property and a text property shown only when the select says "Retail".
 * @param {import('playwright').Page} page
 */
async function buildQualifyingForm(page) {
  await clickButton(page, 'Remove Last name');
  await clickButton(page, 'Remove Notes');
  await clickButton(page, 'Add step');
  await editor(page).getByLabel('Step title').fill('About you');
  await clickButton(page, 'Move Step: About you up');
  await clickButton(page, 'Move Step: About you up');

  await clickButton(page, 'Add step');
  await editor(page).getByLabel('Step title').fill('Your company');

  await clickButton(page, 'Add custom property');
  await editor(page).getByLabel('Property id').fill(INDUSTRY);
  await editor(page).getByLabel('Type').selectOption('select');
  await editor(page).getByLabel('Label', { exact: true }).fill('Industry');
  await editor(page).getByLabel('Options, one per line').fill('Software\nRetail');

  await clickButton(page, 'Add custom property');
  await editor(page).getByLabel('Property id').fill(REFERRAL);
  await editor(page).getByLabel('Label', { exact: true }).fill('Referral code');
  await clickButton(page, 'Add condition');
  await editor(page).getByLabel('Field', { exact: true }).selectOption({ label: 'Industry' });
  await editor(page).getByLabel('Operator').selectOption('equals');
  await editor(page).getByLabel('Value').fill('Retail');
}

/** The configuration the builder should have written for buildQualifyingForm. */
const QUALIFYING_FIELDS = [
  { step: 'About you' },
  'first_name',
  'email',
  { step: 'Your company' },
  { property: INDUSTRY, type: 'select', label: 'Industry', options: ['Software', 'Retail'] },
  { property: REFERRAL, type: 'text', label: 'Referral code', showIf: { field: INDUSTRY, equals: 'Retail' } },
];

/** The JSON child of the first <keen-lead-form> in an HTML text. */
function jsonChild(/** @type {string} */ html) {
  const match = /<keen-lead-form[^>]*>\s*<script type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(match?.[1], `no JSON child in\n${html}`);
  return JSON.parse(match[1]);
}

/**
 * The labels and legends a visitor sees in the form right now, in order.
 * @param {import('playwright').Locator} form
 */
async function visibleFields(form) {
  return form.evaluate((element) =>
    [...(element.shadowRoot?.querySelectorAll('label, legend') ?? [])]
      .filter((node) => node.checkVisibility())
      .map((node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
}

/**
 * Fills the qualifying form as a visitor, noting the fields seen on each
 * step, sends it, and returns what the emulator stored.
 * @param {import('playwright').Locator} form
 */
async function fillQualifyingForm(form) {
  const seen = [];
  await form.getByLabel('First name').waitFor();
  seen.push(await visibleFields(form));
  await form.getByLabel('First name').fill('Ada');
  await form.getByLabel('Email').fill('ada@example.com');
  await form.getByRole('button', { name: 'Next' }).click();
  await form.getByLabel('Industry').selectOption('Retail');
  await form.getByLabel('Referral code').fill('R-7');
  seen.push(await visibleFields(form));
  await form.getByRole('button', { name: 'Send' }).click();
  await form.getByText(THANKS).waitFor({ timeout: 15_000 });
  return { seen, lead: await lastLead(demo.emulator.url) };
}

/** The newest lead the emulator stored, without what differs per request (id, time). */
async function lastLead(/** @type {string} */ emulatorUrl) {
  const { leads } = /** @type {{ leads: { lead: Record<string, unknown> }[] }} */ (await (await fetch(`${emulatorUrl}/__emulator/leads`)).json());
  const stored = leads.at(-1)?.lead;
  assert.ok(stored, 'the emulator stored a lead');
  return Object.fromEntries(Object.entries(stored).filter(([key]) => key !== 'id' && key !== 'created_at'));
}

/**
 * Serves pasted snippets as pages on their own origin, beside the built
 * files they load (dist/cdn, the bundled npm app).
 * @param {Record<string, { type: string, body: string }>} files
 */
function servePasted(files) {
  return startStaticServer({ root, virtualFile: (path) => files[path] });
}

/** The npm snippet as an app's bundler builds it: `keen-lead-form` resolves to dist/lib, lit and zod from node_modules. */
async function bundleNpmSnippet(/** @type {string} */ code) {
  const result = await esbuild.build({
    stdin: { contents: code, loader: 'ts', resolveDir: root, sourcefile: 'app.ts' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'keen-lead-form-package',
        setup(build) {
          build.onResolve({ filter: /^keen-lead-form(\/define)?$/ }, (args) => ({
            path: join(root, args.path.endsWith('/define') ? 'dist/lib/define.js' : 'dist/lib/index.js'),
          }));
        },
      },
    ],
  });
  return result.outputFiles[0]?.text ?? '';
}

const page = (/** @type {string} */ body) => ({ type: 'text/html; charset=utf-8', body: `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Pasted</title></head><body>\n${body}\n</body></html>` });

describe('a form with a custom property, a rule and two steps', () => {
  /** @type {{ cdn: string, npm: string, wordpress: string }} */
  let snippets;
  /** @type {Promise<{ seen: string[][], lead: Record<string, unknown> }> | undefined} */
  let previewResult;
  /** @type {import('playwright').Page} */
  let builder;
  /** @type {string[]} */
  let builderErrors;

  before(async () => {
    ({ page: builder, errors: builderErrors } = await newPage());
    await openBuilder(builder);
    await buildQualifyingForm(builder);
    snippets = { cdn: await snippet(builder, 'cdn'), npm: await snippet(builder, 'npm'), wordpress: await snippet(builder, 'wordpress') };
  });

  after(() => builder?.close());

  /** What the preview shows and stores, filled once and compared by each pasted snippet. */
  function fromPreview() {
    previewResult ??= (async () => {
      // The preview follows the edits after a short pause: wait until it shows the built form.
      await builder.locator('#preview[data-state="current"]').waitFor();
      const form = builder.locator('#preview keen-lead-form');
      const result = await fillQualifyingForm(form);
      assert.deepEqual(builderErrors, []);
      return result;
    })();
    return previewResult;
  }

  test('the builder writes the configuration of the shared contract', () => {
    assert.deepEqual(jsonChild(snippets.cdn).fields, QUALIFYING_FIELDS);
  });

  test('the preview shows each step and stores the lead in the emulator', async () => {
    const preview = await fromPreview();
    assert.deepEqual(preview.seen[0]?.filter((text) => /First name|Email/.test(text)).length, 2, JSON.stringify(preview.seen));
    assert.ok(preview.seen[1]?.some((text) => text.startsWith('Referral code')), JSON.stringify(preview.seen));
    assert.equal(preview.lead['email'], 'ada@example.com');
    assert.deepEqual(
      /** @type {{ property_definitions_id: string, value: unknown }[]} */ (preview.lead['properties']).map((property) => [property.property_definitions_id, property.value]),
      [[INDUSTRY, 'Retail'], [REFERRAL, 'R-7']],
    );
  });

  test("the CDN snippet's integrity is the built file's hash, and the pasted snippet renders and stores the same", async () => {
    const built = readFileSync(join(root, 'dist/cdn/keen-lead-form.js'));
    const integrity = `sha384-${createHash('sha384').update(built).digest('base64')}`;
    assert.match(snippets.cdn, new RegExp(`integrity="${integrity.replace(/[+/]/g, '\\$&')}"`));
    const server = await servePasted({});
    // The same tag with the built file's local URL: the browser checks the integrity hash against it.
    const body = snippets.cdn.replace(/src="https:\/\/cdn\.jsdelivr\.net\/npm\/keen-lead-form@[^/]+\/dist\/cdn\/keen-lead-form\.js"/, `src="${server.url}/dist/cdn/keen-lead-form.js"`);
    assert.notEqual(body, snippets.cdn, 'the CDN URL was found and replaced');
    const pasted = await servePasted({ '/pasted.html': page(body) });
    const { page: visitor, errors } = await newPage();
    try {
      const expected = await fromPreview();
      await visitor.goto(`${pasted.url}/pasted.html`);
      assert.deepEqual(await fillQualifyingForm(visitor.locator('keen-lead-form')), expected);
      assert.deepEqual(errors, []);
    } finally {
      await Promise.all([visitor.close(), server.close(), pasted.close()]);
    }
  });

  test('the npm snippet, bundled against dist/lib, renders and stores the same', async () => {
    const app = await bundleNpmSnippet(snippets.npm);
    const pasted = await servePasted({
      '/pasted.html': page('<div id="contact"></div>\n<script type="module" src="/app.js"></script>'),
      '/app.js': { type: 'text/javascript; charset=utf-8', body: app },
    });
    const { page: visitor, errors } = await newPage();
    try {
      const expected = await fromPreview();
      await visitor.goto(`${pasted.url}/pasted.html`);
      assert.deepEqual(await fillQualifyingForm(visitor.locator('#contact keen-lead-form')), expected);
      assert.deepEqual(errors, []);
    } finally {
      await Promise.all([visitor.close(), pasted.close()]);
    }
  });

  test("the WordPress shortcode carries the same configuration and attributes (PHP renders it in wordpress/test)", () => {
    const match = /^\[keen_lead_form channel="([^"]*)" endpoint="([^"]*)"\](.*)\[\/keen_lead_form\]$/.exec(snippets.wordpress);
    assert.ok(match, snippets.wordpress);
    assert.deepEqual(JSON.parse(match[3] ?? ''), jsonChild(snippets.cdn));
    assert.match(snippets.cdn, new RegExp(`<keen-lead-form channel="${match[1]}" endpoint="${match[2]}">`));
  });
});

test('a field is built with the keyboard alone, and reordered with buttons', async () => {
  const { page, errors } = await newPage();
  try {
    await openBuilder(page);
    /** Presses Tab until the focused control matches; fails after many presses. */
    const tabTo = async (/** @type {(element: { id: string, label: string }) => boolean} */ wanted, /** @type {string} */ what, key = 'Tab') => {
      for (let presses = 0; presses < 80; presses += 1) {
        await page.keyboard.press(key);
        const focused = await focusedControl(page);
        if (wanted(focused)) return;
      }
      assert.fail(`Tab never reached ${what}`);
    };
    await tabTo(({ id }) => id === 'add-property', 'Add custom property');
    await page.keyboard.press('Enter');
    // The new property's first setting has the focus.
    assert.match((await focusedControl(page)).id, /^item-\d+-property$/);
    await page.keyboard.type(TEAM_SIZE);
    await page.keyboard.press('Tab');
    // Type: text → textarea → number.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.match((await focusedControl(page)).id, /^item-\d+-type$/, 'focus stays on Type after the editor re-renders');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Team size');
    await tabTo(({ id }) => /^item-\d+-required$/.test(id), 'Required');
    await page.keyboard.press('Space');
    // Back up to the list of items, where each has its move buttons.
    await tabTo(({ label }) => label === 'Move Team size up', 'Move Team size up', 'Shift+Tab');
    await page.keyboard.press('Enter');
    assert.equal((await focusedControl(page)).label, 'Move Team size up', 'focus stays on the moved item');
    await page.locator('#copy-status').getByText('Moved Team size to position 4 of 5.').waitFor();

    assert.deepEqual(jsonChild(await snippet(page, 'cdn')).fields, ['first_name', 'last_name', 'email', { property: TEAM_SIZE, type: 'number', label: 'Team size', required: true }, 'notes']);
    await page.locator('#preview[data-state="current"] keen-lead-form').getByLabel('Team size').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

/**
 * The channel's form configuration as the relay serves it at ?action=fields
 * (contract D), computed from the emulator's fixture: visible property
 * definitions by order, between the contact fields and notes.
 */
function channelFieldsFromFixture() {
  /** @type {{ channels: { id: string, property_definitions: { id: string, name: string, type: string, order: number, visible: boolean, options?: string[] }[] }[] }} */
  const fixture = JSON.parse(readFileSync(join(root, 'emulator/fixture.json'), 'utf8'));
  const channel = fixture.channels.find((candidate) => candidate.id === 'c0ffee00-0000-4000-8000-000000000001');
  /** @type {Record<string, string>} */
  const control = { text: 'text', number: 'number', select: 'select', boolean: 'checkbox', date: 'date' };
  const properties = (channel?.property_definitions ?? [])
    .filter((definition) => definition.visible)
    .sort((a, b) => a.order - b.order)
    .map((definition) => ({ property: definition.id, type: control[definition.type] ?? 'text', label: definition.name, ...(definition.type === 'select' ? { options: definition.options } : {}) }));
  return { fields: ['first_name', 'last_name', 'email', 'phone', 'company_name', ...properties, 'notes'] };
}

describe('"Load fields from channel" (the relay\'s ?action=fields)', () => {
  test("replaces the fields with the channel's, which the preview and snippets then carry", async () => {
    const { page, errors } = await newPage();
    const served = channelFieldsFromFixture();
    try {
      // Answered here so the builder's side is tested whatever the demo relay is configured to serve.
      await page.route(`${demo.relayUrl}?action=fields`, (route) => route.fulfill({ status: 200, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' }, body: JSON.stringify(served) }));
      await openBuilder(page);
      await clickButton(page, 'Load fields from channel');
      await page.locator('#channel-fields-message').getByText(`Loaded ${served.fields.length} fields from the channel.`).waitFor();
      assert.deepEqual(jsonChild(await snippet(page, 'cdn')).fields, served.fields);
      await page.locator('#preview[data-state="current"] keen-lead-form').getByLabel('Industry').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test('a relay that cannot answer leaves the fields as they were and says why', async () => {
    const { page } = await newPage();
    try {
      await page.route(`${demo.relayUrl}?action=fields`, (route) => route.fulfill({ status: 502, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' }, body: JSON.stringify({ error: 'Keen refused the request' }) }));
      await openBuilder(page);
      const before = await snippet(page, 'cdn');
      await clickButton(page, 'Load fields from channel');
      await page.locator('#channel-fields-message').getByText("Could not load the channel's fields: Keen refused the request. Your fields are unchanged.").waitFor();
      assert.equal(await snippet(page, 'cdn'), before);
    } finally {
      await page.close();
    }
  });
});

test('the Copy button copies the snippet and says so in a live region', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  try {
    await openBuilder(page);
    await page.getByRole('button', { name: 'Copy the WordPress shortcode snippet' }).click();
    await page.getByRole('status').getByText('Copied the WordPress shortcode snippet.').waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), await snippet(page, 'wordpress'));
    assert.equal(await page.locator('#copy-status').getAttribute('aria-live'), 'polite');
  } finally {
    await context.close();
  }
});

test('relay mode: the CDN and npm snippets carry the form as HTML (on by default), posting to the relay; unticked, the JSON block again', async () => {
  const { page, errors } = await newPage();
  try {
    await openBuilder(page);
    assert.equal(await editor(page).getByLabel(/^Write the form as HTML too/).count(), 0, 'only offered in relay mode');
    await editor(page).getByLabel(/^Send through a relay/).check();
    const option = editor(page).getByLabel('Write the form as HTML too (works before and without the script)');
    assert.equal(await option.isChecked(), true);
    const cdn = await snippet(page, 'cdn');
    assert.match(cdn, /^<script type="module" src="[^"]+"\n {8}integrity="sha384-/);
    assert.ok(cdn.includes(`<keen-lead-form relay endpoint="${demo.relayUrl}">\n<form class="keen-html" method="post" action="${demo.relayUrl}" accept-charset="UTF-8"`), cdn);
    assert.match(cdn, /<label for="keen-html-email">Email<span aria-hidden="true"> \*<\/span><\/label><input id="keen-html-email" name="email"/);
    assert.match(cdn, /<button type="submit" class="keen-html-submit">Send<\/button>\n<\/form>\n<\/keen-lead-form>$/);
    assert.ok(!cdn.includes('application/json'), 'the form carries its configuration in keen_form');
    const npm = await snippet(page, 'npm');
    assert.ok(npm.includes(`<form class="keen-html" method="post" action="${demo.relayUrl}"`), npm);
    assert.match(npm, /^import 'keen-lead-form\/define';/m);
    // The language chosen is the form's language.
    await editor(page).getByLabel('Language').selectOption('da');
    assert.match(await snippet(page, 'cdn'), /<label for="keen-html-email">E-mail<span/);
    await option.uncheck();
    const plain = await snippet(page, 'cdn');
    assert.ok(!plain.includes('keen-html'), plain);
    assert.match(plain, /<script type="application\/json">/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('axe finds no violations on the builder page, with a rule being edited and the preview in place', async () => {
  const { page } = await newPage();
  try {
    await openBuilder(page);
    await buildQualifyingForm(page);
    await page.locator('#preview[data-state="current"] keen-lead-form').getByLabel('First name').waitFor();
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((violation) => violation.id + ': ' + JSON.stringify(violation.nodes.map((node) => node.target))))`);
    assert.deepEqual(violations, []);
  } finally {
    await page.close();
  }
});

test('the static site from build:site works from a plain static server, sending where the user says', async () => {
  const out = mkdtempSync(join(tmpdir(), 'keen-builder-site-'));
  const emulator = await startEmulator({ port: 0 });
  const site = await startStaticServer({ root: buildSite(out) });
  const { page, errors } = await newPage();
  try {
    await page.goto(`${site.url}/`);
    await page.locator('body[data-ready="true"]').waitFor();
    assert.equal(new URL(page.url()).pathname, '/demo/builder/');
    assert.equal(await page.locator('#demo-link').isVisible(), false, 'no demo to go back to');
    assert.equal(await page.locator('#load-channel-fields').count(), 0, 'no relay to load fields from');
    assert.match(await snippet(page, 'cdn'), /integrity="sha384-[A-Za-z0-9+/]+={0,2}"/);
    await editor(page).getByLabel('Channel id', { exact: true }).fill('c0ffee00-0000-4000-8000-000000000001');
    await editor(page).getByLabel(/^Endpoint/).fill(`${emulator.url}/functions/v1/keen-api`);
    const form = page.locator('#preview keen-lead-form');
    await page.locator(`#preview[data-state="current"] keen-lead-form[endpoint="${emulator.url}/functions/v1/keen-api"]`).waitFor();
    await form.getByLabel('Email').fill('static@example.com');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByText(THANKS).waitFor({ timeout: 15_000 });
    assert.equal((await lastLead(emulator.url))['email'], 'static@example.com');
    // The generator the HTML-first snippets need is part of the static site too.
    await editor(page).getByLabel(/^Send through a relay/).check();
    await editor(page).getByLabel('Relay URL').fill('https://www.example.com/keen-lead');
    assert.match(await snippet(page, 'cdn'), /<form class="keen-html" method="post" action="https:\/\/www\.example\.com\/keen-lead"/);
    assert.deepEqual(errors, []);
  } finally {
    await Promise.all([page.close(), site.close(), emulator.close()]);
    rmSync(out, { recursive: true, force: true });
  }
});
