// @ts-check
/**
 * The release zip: one keen-lead-form/ folder with everything WordPress
 * needs, byte-for-byte the plugin's files, readable by other zip tools, and
 * one version number everywhere.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createZip, readZip } from '../scripts/zip-archive.js';
import { PLUGIN_DIR, buildPluginZip, readPluginVersion } from '../scripts/zip.js';

/** @type {string} */
let scratch;
/** @type {{ path: string, version: string }} */
let built;
/** @type {ReturnType<typeof readZip>} */
let entries;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'keen-zip-'));
  built = buildPluginZip({ outputDir: scratch });
  entries = readZip(readFileSync(built.path));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

const read = (/** @type {string} */ file) => readFileSync(join(PLUGIN_DIR, file), 'utf8');

test('is named after the version and holds the plugin in one keen-lead-form/ folder', () => {
  assert.match(built.path, new RegExp(`keen-lead-form-${built.version.replace(/\./g, '\\.')}\\.zip$`));
  for (const entry of entries) assert.ok(entry.name.startsWith('keen-lead-form/'), entry.name);
  const names = entries.map((entry) => entry.name);
  for (const file of [
    'keen-lead-form.php',
    'readme.txt',
    'LICENSE',
    'uninstall.php',
    'assets/keen-lead-form.js',
    'block/block.json',
    'block/editor.js',
    'block/editor.asset.php',
    'includes/secret-field.php',
    'includes/api-key.php',
    'includes/assets.php',
    'includes/block.php',
    'includes/client-address.php',
    'includes/keen-client.php',
    'includes/rate-limit.php',
    'includes/render.php',
    'includes/rest-relay.php',
    'includes/settings.php',
    'includes/shortcode-config.php',
    'includes/i18n.php',
    'includes/form-model.php',
    'includes/html-form.php',
    'includes/form-validation.php',
    'includes/form-posts.php',
    // Generated at plugin build from src/i18n and src/html (generate-messages.js): the zip must carry them.
    'includes/messages.php',
    'includes/pre-upgrade-style.php',
  ]) {
    assert.ok(names.includes(`keen-lead-form/${file}`), `missing ${file}`);
  }
  assert.deepEqual(names.filter((name) => /(^|\/)\./.test(name)), [], 'no dotfiles');
  assert.deepEqual(names.filter((name) => name.includes('keen-test-')), [], 'no test scaffolding (the loopback mu-plugin)');
  const widget = entries.find((entry) => entry.name === 'keen-lead-form/assets/keen-lead-form.js');
  assert.deepEqual(widget?.data, readFileSync(join(PLUGIN_DIR, 'assets/keen-lead-form.js')));
});

test('is a valid zip for other tools (Python\'s zipfile)', (t) => {
  const python = spawnSync('python3', ['-m', 'zipfile', '-t', built.path], { encoding: 'utf8' });
  if (python.error !== undefined) {
    t.skip('python3 is not installed');
    return;
  }
  assert.equal(python.status, 0, python.stderr);
  const listing = spawnSync('python3', ['-m', 'zipfile', '-l', built.path], { encoding: 'utf8' });
  assert.match(listing.stdout, /keen-lead-form\/includes\/rest-relay\.php/);
});

test('the zip writer round-trips names, empty and incompressible files', () => {
  const random = randomBytes(4096);
  const archive = createZip([
    { name: 'dir/' },
    { name: 'dir/empty.txt', data: Buffer.alloc(0) },
    { name: 'dir/æøå.txt', data: Buffer.from('hej '.repeat(100)) },
    { name: 'dir/random.bin', data: random },
  ]);
  const back = readZip(archive);
  assert.deepEqual(back.map((entry) => entry.name), ['dir/', 'dir/empty.txt', 'dir/æøå.txt', 'dir/random.bin']);
  assert.equal(back[2]?.method, 8, 'text is deflated');
  assert.equal(back[2]?.data.toString(), 'hej '.repeat(100));
  assert.deepEqual(back[3]?.data, random);
  assert.equal(back[3]?.method, 0, 'random bytes are stored, not deflated');
  assert.throws(() => createZip([{ name: '../evil.php', data: Buffer.from('x') }]), /unsafe/);
});

test('states one version everywhere, and the WordPress readme headers', () => {
  const version = readPluginVersion();
  assert.match(read('keen-lead-form.php'), new RegExp(`define\\( 'KEEN_LEAD_FORM_VERSION', '${version}' \\)`));
  assert.equal(JSON.parse(read('block/block.json')).version, version);
  const readme = read('readme.txt');
  assert.match(readme, /^=== Keen Lead Form ===$/m);
  for (const header of ['Contributors: ', 'Tags: ', 'Requires at least: 6.2', 'Tested up to: 6.5', 'Requires PHP: 7.4', `Stable tag: ${version}`, 'License: MIT']) {
    assert.ok(readme.includes(`\n${header}`), `readme.txt: ${header}`);
  }
  for (const section of ['Description', 'Installation', 'Frequently Asked Questions', 'Changelog']) {
    assert.match(readme, new RegExp(`^== ${section} ==$`, 'm'));
  }
  assert.match(readme, new RegExp(`^= ${version.replace(/\./g, '\\.')} =$`, 'm'), 'changelog entry for this version');
  assert.match(read('keen-lead-form.php'), /Requires at least: 6\.2[\s\S]*Requires PHP:\s+7\.4/);
});
