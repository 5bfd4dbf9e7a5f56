// @ts-check
// What `npm run release:dry` left in dist/release/, checked as a user of each
// channel would meet it: checksums hold, the CDN manifest describes the file
// it names, every version is package.json's, the release notes are the
// changelog's, the plugin zip is one keen-lead-form/ folder, and the npm
// tarball installs into a fresh app whose emulator CLI starts and stores a
// lead. Run `npm run release:dry` first (`npm run test:release` does both).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { VARIANT_LANGUAGES, variantFileName } from '../../scripts/cdn-variants.js';
import { releaseNotes } from '../../scripts/release/versions.js';
import { readZip } from '../../wordpress/scripts/zip-archive.js';
import { sendLeadAndReadBack, startEmulatorProcess } from '../support/emulator-process.js';

const run = promisify(execFile);
const RELEASE = 'dist/release';
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const read = (/** @type {string} */ file) => readFileSync(join(RELEASE, file));
const sha = (/** @type {string} */ algorithm, /** @type {Buffer} */ data, /** @type {'hex' | 'base64'} */ encoding) =>
  createHash(algorithm).update(data).digest(encoding);

const EXPECTED = [
  'RELEASE_NOTES.md',
  'SHA256SUMS',
  'cdn-manifest.json',
  `keen-lead-form-${version}.js`,
  `keen-lead-form-${version}.tgz`,
  `keen-lead-form-wordpress-${version}.zip`,
  'keen-lead-form.js',
  ...VARIANT_LANGUAGES.map(variantFileName),
].sort();

test('every artifact is there, and nothing else', () => {
  assert.deepEqual(readdirSync(RELEASE).sort(), EXPECTED);
});

test('SHA256SUMS lists every other artifact with its hash, in sha256sum -c format', () => {
  const lines = read('SHA256SUMS').toString('utf8').trimEnd().split('\n');
  const listed = lines.map((line) => {
    const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
    assert.ok(match, `bad line: ${line}`);
    const [, hash, file] = match;
    assert.equal(sha('sha256', read(/** @type {string} */ (file)), 'hex'), hash, file);
    return file;
  });
  assert.deepEqual(listed.sort(), EXPECTED.filter((file) => !['SHA256SUMS', 'RELEASE_NOTES.md'].includes(file)));
});

test('the CDN manifest gives the true sizes, SRI hash and versioned URLs of the CDN file', () => {
  const manifest = JSON.parse(read('cdn-manifest.json').toString('utf8'));
  const cdn = read('keen-lead-form.js');
  assert.deepEqual(read(`keen-lead-form-${version}.js`), cdn);
  assert.deepEqual(cdn, readFileSync('dist/cdn/keen-lead-form.js'));
  const integrity = `sha384-${sha('sha384', cdn, 'base64')}`;
  assert.equal(manifest.version, version);
  assert.deepEqual(
    manifest.files.map((/** @type {{ file: string }} */ { file }) => file),
    ['keen-lead-form.js', `keen-lead-form-${version}.js`, ...VARIANT_LANGUAGES.map(variantFileName)],
  );
  for (const entry of manifest.files.slice(0, 2)) {
    assert.equal(entry.integrity, integrity);
    assert.equal(entry.url, `https://cdn.jsdelivr.net/npm/keen-lead-form@${version}/dist/cdn/${entry.file}`);
    assert.deepEqual(entry.bytes, {
      raw: cdn.length,
      gzip: gzipSync(cdn, { level: 9 }).length,
      brotli: brotliCompressSync(cdn, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  assert.ok(manifest.snippet.includes(`integrity="${integrity}"`));
});

test('the CDN manifest lists each single-language file with its own SRI hash, as built', () => {
  const manifest = JSON.parse(read('cdn-manifest.json').toString('utf8'));
  for (const language of VARIANT_LANGUAGES) {
    const file = variantFileName(language);
    const data = read(file);
    assert.deepEqual(data, readFileSync(`dist/cdn/${file}`));
    const entry = manifest.files.find((/** @type {{ file: string }} */ candidate) => candidate.file === file);
    assert.equal(entry?.integrity, `sha384-${sha('sha384', data, 'base64')}`, file);
    assert.equal(entry?.url, `https://cdn.jsdelivr.net/npm/keen-lead-form@${version}/dist/cdn/${file}`);
  }
});

test('the release notes are the changelog section of this version, with the artifact table', () => {
  const notes = read('RELEASE_NOTES.md').toString('utf8');
  assert.ok(notes.startsWith(`# keen-lead-form ${version}\n\n${releaseNotes(version)}\n`));
  for (const file of EXPECTED.filter((name) => !['SHA256SUMS', 'RELEASE_NOTES.md'].includes(name))) {
    assert.ok(notes.includes(`| \`${file}\` | ${read(file).length} | \`${sha('sha256', read(file), 'hex')}\` |`), file);
  }
});

test('the plugin zip is one keen-lead-form/ folder with the widget and this version everywhere', () => {
  const entries = readZip(read(`keen-lead-form-wordpress-${version}.zip`));
  assert.ok(entries.every(({ name }) => name.startsWith('keen-lead-form/')));
  const file = (/** @type {string} */ name) => entries.find((entry) => entry.name === `keen-lead-form/${name}`)?.data.toString('utf8') ?? '';
  assert.match(file('keen-lead-form.php'), new RegExp(`^ \\* Version:\\s+${version}$`, 'm'));
  assert.match(file('keen-lead-form.php'), new RegExp(`'KEEN_LEAD_FORM_VERSION', '${version}'`));
  assert.match(file('readme.txt'), new RegExp(`^Stable tag: ${version}$`, 'm'));
  assert.equal(JSON.parse(file('block/block.json')).version, version);
  assert.equal(file('assets/keen-lead-form.js'), read('keen-lead-form.js').toString('utf8'));
});

test('the npm tarball has this version and installs into a fresh app whose emulator CLI stores a lead', async () => {
  const app = mkdtempSync(join(tmpdir(), 'keen-release-app-'));
  try {
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'site-tests', private: true, type: 'module' }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(process.cwd(), RELEASE, `keen-lead-form-${version}.tgz`)], { cwd: app });
    assert.equal(JSON.parse(readFileSync(join(app, 'node_modules/keen-lead-form/package.json'), 'utf8')).version, version);
    const { child, url } = await startEmulatorProcess(join(app, 'node_modules/.bin/keen-lead-form'), ['emulator', '--port', '0'], { cwd: app });
    try {
      assert.deepEqual(await sendLeadAndReadBack(url, 'release@example.com'), { status: 200, emails: ['release@example.com'] });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});
