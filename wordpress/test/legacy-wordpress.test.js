// @ts-check
/**
 * The oldest versions the plugin claims (readme: WordPress 6.2, PHP 7.4),
 * installed from the release zip rather than the repo folder. WordPress 6.2
 * has no script-module API, so this is where the classic-script fallback
 * (type="module" added through script_loader_tag) must carry the widget.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildPluginZip } from '../scripts/zip.js';
import {
  PUBLIC_CHANNEL,
  blockMarkup,
  createPage,
  fillAndSend,
  findLeadForms,
  launchChromium,
  setSettings,
  startKeen,
  widgetScriptTags,
} from './support/site.js';
import { unzipTo } from './support/unzip.js';
import { readDebugLog, startWordPress } from './support/wordpress.js';

/** @type {import('./support/wordpress.js').RunningWordPress} */
let wordpress;
/** @type {import('./support/site.js').Keen} */
let keen;
/** @type {import('playwright').Browser} */
let browser;
/** @type {string} */
let scratch;
/** @type {string} */
let version;

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'keen-wp-zip-'));
  const zip = buildPluginZip({ outputDir: scratch });
  version = zip.version;
  unzipTo(readFileSync(zip.path), join(scratch, 'installed'));
  [wordpress, keen, browser] = await Promise.all([
    startWordPress({ wp: '6.2', php: '7.4', pluginDir: join(scratch, 'installed', 'keen-lead-form') }),
    startKeen(),
    launchChromium(),
  ]);
  // This file is not about spam checks (spam.test.js is): the relay asks for no challenge.
  await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: true, challenge: 'none' });
});

after(async () => {
  await Promise.allSettled([browser?.close(), keen?.close(), wordpress?.close()]);
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

test('runs WordPress 6.2 on PHP 7.4, with the plugin from the release zip active', async () => {
  const facts = JSON.parse(
    await wordpress.php(`<?php echo wp_json_encode( array(
      'wp' => get_bloginfo( 'version' ),
      'php' => PHP_VERSION,
      'modules' => function_exists( 'wp_register_script_module' ),
      'active' => in_array( 'keen-lead-form/keen-lead-form.php', (array) get_option( 'active_plugins' ), true ),
      'version' => KEEN_LEAD_FORM_VERSION,
    ) );`),
  );
  assert.match(facts.wp, /^6\.2\./);
  assert.match(facts.php, /^7\.4\./);
  assert.equal(facts.modules, false, 'WordPress 6.2 has no script modules');
  assert.equal(facts.active, true);
  assert.equal(facts.version, version);
});

test('prints the widget once, as a module, through the classic-script fallback', async () => {
  const path = await createPage(
    wordpress,
    'Two forms',
    `[keen_lead_form fields="first_name email"]${blockMarkup('keen/lead-form', { fields: 'email' })}`,
  );
  const html = await (await wordpress.fetch(path)).text();
  assert.equal(findLeadForms(html).length, 2);
  const tags = widgetScriptTags(html);
  assert.equal(tags.length, 1, tags.join('\n'));
  assert.match(tags[0] ?? '', /^<script type="module" src=['"][^'"]+\/keen-lead-form\.js\?ver=\d+\.\d+\.\d+\.\d+['"]/);
  assert.doesNotMatch(tags[0] ?? '', /text\/javascript/);
  assert.ok(!html.includes(PUBLIC_CHANNEL), 'relay mode: no channel id in the page');
});

test('a visitor\'s lead reaches Keen through the relay on PHP 7.4', async () => {
  const path = await createPage(wordpress, 'Legacy relay', '[keen_lead_form fields="first_name email"]');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(wordpress.url + path);
    await fillAndSend(page, { firstName: 'Grace', email: 'grace@example.com' });
    await page.locator('keen-lead-form').getByText('Thank you! We have received your details.').waitFor();
  } finally {
    await context.close();
  }
  const leads = await keen.leads();
  assert.equal(leads.length, 1);
  assert.equal(leads[0]?.lead['email'], 'grace@example.com');
  assert.equal(leads[0]?.lead['channels_id'], PUBLIC_CHANNEL);
});

test('the plugin logged no PHP errors, warnings or notices on PHP 7.4', async () => {
  const ours = (await readDebugLog(wordpress)).split('\n').filter((line) => line.includes('keen-lead-form'));
  assert.deepEqual(ours, []);
});
