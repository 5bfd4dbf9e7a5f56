// @ts-check
// The package's bin, `keen-lead-form <command>`, from the repository: its
// subcommand table, help and exit codes, and the emulator subcommand. (The
// SPA test runs the same bin from the packed tarball; test:node-versions runs
// this file on every supported Node.)
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const BIN = fileURLToPath(new URL('../../bin/keen-lead-form.js', import.meta.url));
const PUBLIC_CHANNEL = 'c0ffee00-0000-4000-8000-000000000001';

/** @param {string[]} args @returns {Promise<{ code: number | null, stdout: string, stderr: string }>} */
function runBin(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : /** @type {{ code?: number }} */ (error).code ?? null, stdout, stderr });
    });
  });
}

test('--help lists the commands and exits 0; no command exits 2 with the same list', async () => {
  const help = await runBin(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: keen-lead-form <command> \[options\]/);
  assert.match(help.stdout, /^ {2}emulator {3}/m);
  const none = await runBin([]);
  assert.equal(none.code, 2);
  assert.equal(none.stdout, help.stdout);
});

test('an unknown command exits 2 naming it', async () => {
  const result = await runBin(['deploy']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^Unknown command: deploy\n/);
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
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0'], { env: { ...process.env, KEEN_EMULATOR_PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text) => (output += text));
  try {
    const url = await new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      child.stdout.on('data', () => {
        const match = /^Keen emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
        if (match && output.includes('Control API')) resolve(match[1]);
      });
    });
    const created = await fetch(`${url}/functions/v1/keen-api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'lead_external', channel_id: PUBLIC_CHANNEL, email: 'bin@example.com' }),
    });
    assert.equal(created.status, 200);
    const { leads } = /** @type {{ leads: { lead: { email: string } }[] }} */ (await (await fetch(`${url}/__emulator/leads`)).json());
    assert.deepEqual(leads.map(({ lead }) => lead.email), ['bin@example.com']);
  } finally {
    child.kill('SIGINT');
  }
  const [code, signal] = await once(child, 'exit');
  assert.deepEqual([code, signal], [0, null]);
});
