// @ts-check
// The release's own checks fail loudly, naming the file and the fix: one
// version (package.json) and the plugin checks WordPress.org would make.
// Each runs on a scratch copy with one planted mistake.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { VERSION_COPIES, findVersionMismatches, packageVersion, releaseNotes, syncVersions } from '../../scripts/release/versions.js';

/**
 * Imported by computed URL: the root's type check must not follow it into
 * wordpress/node_modules (php-wasm), which only `npm ci --prefix wordpress` makes.
 * @type {{
 *   checkPluginFiles: (dir: string, expected?: { version?: string }) => string[],
 *   findUnescapedOutput: (source: string) => { line: number, statement: string }[],
 * }}
 */
const { checkPluginFiles, findUnescapedOutput } = await import(new URL('../../wordpress/scripts/plugin-check.js', import.meta.url).href);

const scratch = mkdtempSync(join(tmpdir(), 'keen-release-checks-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A scratch copy of what the version checks read. */
function copyVersionedFiles(/** @type {string} */ name) {
  const root = join(scratch, name);
  for (const file of ['package.json', 'CHANGELOG.md', ...VERSION_COPIES.map((copy) => copy.file)]) cpSync(file, join(root, file));
  return root;
}

/** @param {string} path @param {(text: string) => string} change */
function edit(path, change) {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

test('every copy of the version agrees with package.json here', () => {
  assert.deepEqual(findVersionMismatches(), []);
});

test('a bumped package.json is reported copy by copy, and --sync fixes every copy and dates the changelog', () => {
  const root = copyVersionedFiles('bump');
  edit(join(root, 'package.json'), (text) => text.replace(/"version": "[^"]+"/, '"version": "9.8.7"'));
  const problems = findVersionMismatches(root);
  const current = packageVersion();
  assert.deepEqual(problems, [
    `wordpress/keen-lead-form/keen-lead-form.php: plugin header "Version:" is ${current}, package.json says 9.8.7`,
    `wordpress/keen-lead-form/keen-lead-form.php: KEEN_LEAD_FORM_VERSION is ${current}, package.json says 9.8.7`,
    `wordpress/keen-lead-form/readme.txt: readme.txt "Stable tag:" is ${current}, package.json says 9.8.7`,
    `wordpress/keen-lead-form/block/block.json: block.json "version" is ${current}, package.json says 9.8.7`,
    'CHANGELOG.md: no "## [9.8.7]" section for the version in package.json',
  ]);
  syncVersions(root);
  assert.deepEqual(findVersionMismatches(root), []);
  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, /^## \[Unreleased\]\n\n## \[9\.8\.7\] - \d{4}-\d{2}-\d{2}\n\n### Added\n/m);
  // What was unreleased is now 9.8.7's release notes.
  assert.equal(releaseNotes('9.8.7', root), releaseNotes('Unreleased'));
});

test('the plugin as it is passes the file checks', () => {
  assert.deepEqual(checkPluginFiles('wordpress/keen-lead-form', { version: packageVersion() }), []);
});

test('planted plugin mistakes are each reported', () => {
  const dir = join(scratch, 'plugin');
  cpSync('wordpress/keen-lead-form', dir, { recursive: true });
  edit(join(dir, 'readme.txt'), (text) => text.replace(/^Stable tag: .*$/m, 'Stable tag: 0.0.9').replace(/^Tested up to: .*\n/m, ''));
  edit(join(dir, 'includes/settings.php'), (text) =>
    text
      .replace("esc_html__( 'Settings', 'keen-lead-form' )", "esc_html__( 'Settings', 'keen' )")
      .replace('<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>', '<h1><?php echo get_admin_page_title(); ?></h1>'),
  );
  const problems = checkPluginFiles(dir, { version: '0.2.0' });
  const expected = [
    /^readme\.txt: header has no "Tested up to:"$/,
    /^readme\.txt: Stable tag 0\.0\.9 is not the plugin's Version /,
    /^keen-lead-form\.php: Version .* is not the release version 0\.2\.0 \(package\.json\)$/,
    /^includes\/settings\.php:\d+: esc_html__\( uses text domain "keen", not "keen-lead-form"$/,
    /^includes\/settings\.php:\d+: output not escaped: echo get_admin_page_title\(\);$/,
  ];
  for (const pattern of expected) assert.ok(problems.some((problem) => pattern.test(problem)), `${pattern} not in:\n${problems.join('\n')}`);
  assert.equal(problems.length, expected.length, problems.join('\n'));
});

test('the escaping lint: literals and escaped values pass, anything else is reported', () => {
  const cases = [
    ["<?php echo esc_html( $name ); ?>", 0],
    ["<?php echo '<p>' . esc_html__( 'Hi', 'keen-lead-form' ) . '</p>'; ?>", 0],
    ["<?php printf( '<a href=\"%s\">%s</a>', esc_url( $url ), esc_html( $label ) ); ?>", 0],
    ["<?= esc_attr( $value ) ?>", 0],
    ["<?php echo (int) $count; ?>", 0],
    ["<?php echo $name; ?>", 1],
    ["<?php echo '<p>' . $name . '</p>'; ?>", 1],
    ['<?php echo "Hello $name"; ?>', 1],
    ["<?php printf( '%s', $raw ); ?>", 1],
    ['<?= $value ?>', 1],
    ["<?php print get_option( 'x' ); ?>", 1],
    ['<?php // echo $name; is only a comment ?>', 0],
    // A ';' inside a translated sentence does not end the statement.
    ["<?php printf( '<p>%s</p>', esc_html__( 'Uses create_lead; Keen notifies your team.', 'keen-lead-form' ) ); ?>", 0],
    ["<?php printf( '<p>%1$s %2$s</p>', esc_html__( 'One; two', 'keen-lead-form' ), $raw ); ?>", 1],
  ];
  for (const [source, findings] of cases) assert.equal(findUnescapedOutput(String(source)).length, findings, String(source));
});
