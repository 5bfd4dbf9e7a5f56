// @ts-check
// The package's bin, `keen-lead-form <command>`, from the repository: its
// subcommand table, help and exit codes, and the emulator subcommand. (The
// SPA test runs the same bin from the packed tarball; test:node-versions runs
// this file on every supported Node.)
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { sendLeadAndReadBack, startEmulatorProcess } from '../support/emulator-process.js';
import { REPOSITORY_BIN as BIN, runBin } from '../support/run-bin.js';


test('--help lists the commands and exits 0; no command exits 2 with the same list', async () => {
  const help = await runBin(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: keen-lead-form <command> \[options\]/);
  assert.match(help.stdout, /^ {2}emulator {2}/m);
  const none = await runBin([]);
  assert.equal(none.code, 2);
  assert.equal(none.stderr, help.stdout);
});

test('an unknown command exits 2 naming it', async () => {
  const result = await runBin(['deploy']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /unknown command "deploy"/);
  // Object.prototype names are not commands.
  assert.equal((await runBin(['toString'])).code, 2);
});

test('emulator --help and a bad --port speak as "keen-lead-form emulator"', async () => {
  const help = await runBin(['emulator', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: keen-lead-form emulator \[--port N\]/);
  const bad = await runBin(['emulator', '--port', 'eighty']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^Invalid port: eighty\nUsage: keen-lead-form emulator/);
});

test('emulator --port 0 serves the API, keeps the lead for the control API, stops on SIGINT', async () => {
  const { child, url } = await startEmulatorProcess(process.execPath, [BIN, 'emulator', '--port', '0']);
  try {
    assert.deepEqual(await sendLeadAndReadBack(url, 'bin@example.com'), { status: 200, emails: ['bin@example.com'] });
  } finally {
    child.kill('SIGINT');
  }
  const [code, signal] = await once(child, 'exit');
  assert.deepEqual([code, signal], [0, null]);
});
