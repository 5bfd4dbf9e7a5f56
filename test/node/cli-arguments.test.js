// @ts-check
/*
 * The commands that take options (html, relay, fields) read and check them
 * the same way (bin/command-line.js): `--name value` and `--name=value`,
 * `--help`/`-h`, and for every mistake exit code 2 with one line on standard
 * error (the problem, a near miss for a misspelt option, the synopsis, where
 * the full help is) and nothing on standard output. Help and usage errors
 * need no build: a source checkout without dist/ gets them, and a clear
 * "build first" instead of a stack trace when it asks for real work. Last,
 * the same from the packed tarball installed in an empty project, as users
 * run it.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { KEEN_API_URL } from '../../bin/command-line.js';
import { DEFAULT_KEEN_ENDPOINT } from '../../dist/lib/relay/index.js';
import { installedPackage } from '../support/packed-package.js';
import { runBin } from '../support/run-bin.js';

const dir = mkdtempSync(join(tmpdir(), 'keen-cli-arguments-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const configFile = join(dir, 'form.json');
writeFileSync(configFile, JSON.stringify({ fields: ['email'] }));
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** Per command, arguments that satisfy everything but the one being tested. */
const OTHERWISE_FINE = {
  html: ['--config', configFile],
  relay: ['--allow-origin', 'https://shop.example'],
  fields: [],
};
const COMMANDS = /** @type {(keyof typeof OTHERWISE_FINE)[]} */ (Object.keys(OTHERWISE_FINE));

/**
 * Exit 2, one line on stderr naming the problem and the command's synopsis, nothing on stdout.
 * @param {{ code: number | null, stdout: string, stderr: string }} result
 * @param {string} command
 * @param {RegExp} problem
 */
function assertUsageError(result, command, problem) {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
  assert.match(result.stderr, new RegExp(`^keen-lead-form ${command}: `));
  assert.match(result.stderr, problem);
  assert.match(result.stderr, new RegExp(`Usage: keen-lead-form ${command} --`));
  assert.match(result.stderr, new RegExp(`\\(keen-lead-form ${command} --help lists every option\\)\\n$`));
}

test('--help and -h print the command\'s usage and exit 0, in every command', async () => {
  for (const command of COMMANDS) {
    for (const flag of ['--help', '-h']) {
      const result = await runBin([command, flag]);
      assert.equal(result.code, 0, `${command} ${flag}: ${result.stderr}`);
      assert.match(result.stdout, new RegExp(`^Usage: keen-lead-form ${command} --`));
      assert.equal(result.stderr, '');
    }
  }
});

test('every command answers the same mistakes the same way: one line, exit 2', async () => {
  for (const command of COMMANDS) {
    const fine = OTHERWISE_FINE[command];
    /** @type {[string[], RegExp][]} */
    const cases = [
      [['--chanel', 'c', ...fine], /Unknown option '--chanel' \(did you mean --channel\?\)/],
      [['--channel', 'c', '--colour', 'blue', ...fine], /Unknown option '--colour'(?! \(did)/],
      [['--channel', 'c', 'extra', ...fine], /Unexpected argument 'extra'/],
      [[...fine, '--channel'], /Option '--channel <value>' argument missing/],
      [['--channel', '--endpoint', ...fine], /--channel needs a value \(for a value that starts with a dash, write --channel=-value\)/],
      [['--channel=  ', ...fine], /--channel must not be empty/],
    ];
    for (const [args, problem] of cases) assertUsageError(await runBin([command, ...args]), command, problem);
  }
});

test('--name=value reads as --name value, and URLs and numbers are checked by parsing, in every command', async () => {
  const spaced = await runBin(['html', '--config', configFile, '--relay', 'https://site.example/r']);
  const joined = await runBin(['html', `--config=${configFile}`, '--relay=https://site.example/r']);
  assert.equal(spaced.code, 0, spaced.stderr);
  assert.deepEqual(joined, spaced);

  /** @type {[string, string[], RegExp][]} */
  const cases = [
    // A prefix check took "https://" for a URL.
    ['html', ['--config', configFile, '--relay=https://'], /--relay must be an absolute http\(s\) URL, not "https:\/\/"/],
    ['fields', ['--channel=c', '--endpoint=https://'], /--endpoint must be an http\(s\) URL, not "https:\/\/"/],
    ['relay', ['--channel=c', '--allow-origin=https://shop.example', '--endpoint=https://'], /--endpoint must be an http\(s\) URL, not "https:\/\/"/],
    ['relay', ['--channel=c', '--allow-origin=https://shop.example', '--captcha-siteverify=ftp://x.example'], /--captcha-siteverify must be an http\(s\) URL/],
    // Number('') is 0: `--port=` listened on a random port instead of saying what is wrong.
    ['relay', ['--channel=c', '--allow-origin=https://shop.example', '--port='], /--port must be a whole number from 0 to 65535, not ""/],
    ['relay', ['--channel=c', '--allow-origin=https://shop.example', '--port=0x50'], /--port must be a whole number from 0 to 65535, not "0x50"/],
    ['relay', ['--channel=c', '--allow-origin=https://shop.example', '--port=70000'], /--port must be a whole number from 0 to 65535/],
    ['relay', ['--channel=c', '--allow-origin=https://shop.example', '--body-limit=1e6'], /--body-limit must be a whole number ≥ 1, not "1e6"/],
    ['relay', ['--channel=c', '--allow-origin=https://shop.example', '--mode=create'], /--mode must be lead_external or create_lead, not "create"/],
    ['fields', ['--channel=c', '--timeout='], /--timeout must be a positive number of seconds, not ""/],
    ['fields', ['--channel=c', '--timeout=Infinity'], /--timeout must be a positive number of seconds/],
  ];
  for (const [command, args, problem] of cases) {
    assertUsageError(await runBin([command, ...args], { env: { KEEN_API_KEY: '' } }), command, problem);
  }
});

test('--version prints the package version', async () => {
  const result = await runBin(['--version']);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, `${version}\n`);
});

test("the help's default Keen URL is the relay's own default", () => {
  assert.equal(KEEN_API_URL, DEFAULT_KEEN_ENDPOINT);
});

test('a source checkout that was never built: help and usage errors work; real work says to build first', async () => {
  const checkout = join(dir, 'unbuilt');
  mkdirSync(checkout);
  for (const part of ['bin', 'emulator', 'package.json']) cpSync(resolve(part), join(checkout, part), { recursive: true });
  const bin = join(checkout, 'bin/keen-lead-form.js');

  for (const command of [...COMMANDS, 'emulator']) {
    const help = await runBin([command, '--help'], { bin });
    assert.equal(help.code, 0, `${command} --help: ${help.stderr}`);
    assert.match(help.stdout, new RegExp(`^Usage: keen-lead-form ${command} `));
  }
  assert.match((await runBin(['relay', '--help'], { bin })).stdout, new RegExp(`default ${KEEN_API_URL.replaceAll('.', '\\.')}`));
  assertUsageError(await runBin(['html', '--config', configFile], { bin }), 'html', /give exactly one of --relay <URL> and --channel <id>/);
  assertUsageError(await runBin(['relay', '--channel', 'c', '--allow-origin', 'https://shop.example', '--port', 'eighty'], { bin }), 'relay', /--port must be/);
  assert.equal((await runBin(['--version'], { bin })).stdout, `${version}\n`);

  for (const args of [
    ['html', '--config', configFile, '--relay', 'https://site.example/r'],
    ['fields', '--channel', 'c'],
    ['relay', '--channel', 'c', '--allow-origin', 'https://shop.example', '--port', '0'],
  ]) {
    const result = await runBin(args, { bin, env: { KEEN_API_KEY: 'k' } });
    assert.equal(result.code, 1, `${args.join(' ')}: ${result.stderr}`);
    assert.equal(result.stderr, `keen-lead-form ${args[0]}: the built package (dist/lib) is missing: run \`npm run build\` in this checkout first, or use the installed package (npx keen-lead-form)\n`);
    assert.equal(result.stdout, '');
  }
});

test('from the packed tarball installed in an empty project: html from a file and from stdin, a misspelt option, --help', async () => {
  const { project, bin } = await installedPackage();
  const own = join(dir, 'site-files');
  mkdirSync(own);
  writeFileSync(join(own, 'cfg.json'), JSON.stringify({ fields: ['first_name', 'email'] }));

  const fromFile = await runBin(['html', '--config', 'cfg.json', '--relay', 'https://x.example/relay'], { bin, cwd: own });
  assert.equal(fromFile.code, 0, fromFile.stderr);
  assert.equal(fromFile.stderr, '');
  assert.match(fromFile.stdout, /^<keen-lead-form relay endpoint="https:\/\/x\.example\/relay">\n<form class="keen-html" method="post" action="https:\/\/x\.example\/relay"/);
  assert.match(fromFile.stdout, /<label for="keen-html-first_name">First name<\/label>/);

  const fromStdin = await runBin(['html', '--config', '-', '--relay', 'https://x.example/relay'], { bin, cwd: own, stdin: readFileSync(join(own, 'cfg.json'), 'utf8') });
  assert.deepEqual(fromStdin, fromFile);

  assertUsageError(await runBin(['html', '--config', 'cfg.json', '--realy', 'https://x.example/relay'], { bin, cwd: own }), 'html', /Unknown option '--realy' \(did you mean --relay\?\)/);
  const notJson = await runBin(['html', '--config', '-', '--relay', 'https://x.example/relay'], { bin, cwd: own, stdin: 'fields:\n  - email\n' });
  assert.equal(notJson.code, 1);
  assert.match(notJson.stderr, /^keen-lead-form html: standard input is not valid JSON \(.+\)\n$/, 'one line, even when Node quotes a text with line breaks');
  const missing = await runBin(['html', '--config', 'nope.json', '--relay', 'https://x.example/relay'], { bin, cwd: own });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^keen-lead-form html: cannot read nope\.json: ENOENT/);

  const help = await runBin(['html', '--help'], { bin, cwd: project });
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: keen-lead-form html --config/);
});
