// @ts-check
// `keen-lead-form html`, run from the repository's bin as a user runs it: the
// snippet on stdout (and nothing else), the direct-mode warning on stderr,
// one clear message and exit 1 for a bad configuration, usage and exit 2 for
// bad usage. Runs after `npm run build` (the command imports dist/lib).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runBin } from '../support/run-bin.js';

const dir = mkdtempSync(join(tmpdir(), 'keen-html-cli-'));

/** @param {unknown} config */
function configFile(config) {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
  return file;
}

test('html --relay prints only the element with its form: posting to the relay, in the language asked, with extra attributes', async () => {
  const file = configFile({ fields: ['first_name', 'email', { property: 'p1', type: 'radio', label: 'Plan', options: ['A', 'B'] }], consent: {} });
  const result = await runBin(['html', '--config', file, '--relay', 'https://site.example/keen-relay', '--lang', 'da', '--attr', 'theme=rounded', '--attr', 'consent-link=https://site.example/privacy']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.match(result.stdout, /^<keen-lead-form relay endpoint="https:\/\/site\.example\/keen-relay" theme="rounded" consent-link="https:\/\/site\.example\/privacy" lang="da">\n<form class="keen-html" method="post" action="https:\/\/site\.example\/keen-relay" accept-charset="UTF-8"/);
  assert.match(result.stdout, /<\/form>\n<\/keen-lead-form>\n$/);
  assert.ok(!result.stdout.includes('<script'), 'the CDN script line is the site\'s to add');
  assert.match(result.stdout, /<label for="keen-html-first_name">Fornavn<\/label>/);
  assert.match(result.stdout, /<legend>Plan<\/legend><label><input type="radio" name="property:p1" value="A"> A<\/label>/);
  assert.match(result.stdout, /<a href="https:\/\/site\.example\/privacy" target="_blank" rel="noopener">privatlivspolitikken<\/a>/);
  assert.match(result.stdout, />Indsend<\/button>/);
});

test('html --channel reads stdin, warns on stderr that there is no no-script delivery, and writes the noscript note', async () => {
  const result = await runBin(['html', '--config', '-', '--channel', 'my-channel'], { stdin: JSON.stringify({ fields: ['email'] }) });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /warning: without --relay there is no delivery without script/);
  assert.match(result.stdout, /^<keen-lead-form channel="my-channel">\n<form class="keen-html" accept-charset="UTF-8"/);
  assert.match(result.stdout, /<noscript><p class="keen-html-noscript">This form needs JavaScript to send\./);
});

test('a bad configuration: one message naming what is wrong, exit 1, nothing on stdout', async () => {
  const cases = [
    [configFile({ fields: ['emial'] }), /config\.fields\[0\]: unknown field "emial"/],
    [configFile({ fields: ['email', 'email'] }), /fields: email appears twice/],
    [configFile({ fields: [{ property: 'p', type: 'select', label: 'S' }] }), /fields: property p is a select but has no options/],
    [configFile('{ "fields": [ }'), /is not valid JSON/],
    [join(dir, 'missing.json'), /cannot read .*missing\.json/],
  ];
  for (const [file, message] of /** @type {[string, RegExp][]} */ (cases)) {
    const result = await runBin(['html', '--config', file, '--relay', 'https://site.example/r']);
    assert.equal(result.code, 1, `${file}: ${result.stderr}`);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, message);
    assert.match(result.stderr, /^keen-lead-form html: /);
  }
});

test('bad usage prints the usage and exits 2; --help prints it and exits 0', async () => {
  const file = configFile({ fields: ['email'] });
  const cases = [
    [['html', '--relay', 'https://site.example/r'], /--config <file\.json\|-> is required/],
    [['html', '--config', file], /exactly one of --relay <URL> and --channel <id>/],
    [['html', '--config', file, '--relay', 'https://site.example/r', '--channel', 'c'], /exactly one of --relay/],
    [['html', '--config', file, '--relay', 'site.example/r'], /--relay must be an absolute http\(s\) URL/],
    [['html', '--config', file, '--relay', 'https://site.example/r', '--attr', 'theme'], /--attr takes name=value/],
    [['html', '--config', file, '--relay', 'https://site.example/r', '--lang', 'da"x'], /--lang must be a language code/],
    [['html', '--config', file, '--relay', 'https://site.example/r', '--bogus'], /Unknown option '--bogus'/],
  ];
  for (const [args, message] of /** @type {[string[], RegExp][]} */ (cases)) {
    const result = await runBin(args);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, message);
    assert.match(result.stderr, /Usage: keen-lead-form html --config/);
    assert.equal(result.stdout, '');
  }
  const help = await runBin(['html', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: keen-lead-form html --config <file\.json\|-> \(--relay <URL> \| --channel <id>\)/);
  assert.match((await runBin(['--help'])).stdout, /^ {2}html {6}print <keen-lead-form> with its form written as HTML/m);
});
