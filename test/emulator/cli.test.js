// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { API_PATH, PRIVATE_CHANNEL, PUBLIC_CHANNEL, postLead } from './emulator-http.js';

const CLI = fileURLToPath(new URL('../../emulator/cli.js', import.meta.url));

/**
 * Starts the CLI and resolves once its banner (through the channel list) is printed.
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
async function startCli(args, env = {}) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, KEEN_EMULATOR_PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => (output += text));
  const url = await new Promise((resolve, reject) => {
    // Generous (a loaded machine took over 5 s to start Node); and a CLI that
    // never prints its banner is stopped, or its server would keep the test run alive.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no banner within 20 s:\n${output}`));
    }, 20_000);
    child.stdout.on('data', (text) => {
      output += text;
      const match = /^Keen emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
      if (match && output.includes('Control API')) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before the banner:\n${output}`)));
  });
  return { child, url: /** @type {string} */ (url), output: () => output };
}

test('--port 0: prints its URL and channels, serves the API, stops on SIGTERM', async () => {
  const { child, url, output } = await startCli(['--port', '0']);
  try {
    const lines = output().split('\n');
    assert.equal(lines[1], `API endpoint: ${url}${API_PATH}`);
    for (const channel of [PUBLIC_CHANNEL, PRIVATE_CHANNEL]) {
      assert.ok(output().includes(`id: ${channel.id}  uuid: ${channel.uuid}`), output());
    }
    assert.match(output(), /Website leads \(public\)\n {4}id: .* no_auth_api: true/);
    assert.match(output(), /Partner portal \(private\)\n {4}id: .* no_auth_api: false/);
    assert.match(output(), /\n {2}keen-emulator-key-northwind {2}Northwind Consulting\n/);
    // fetch keeps this connection alive: stopping must not wait for it.
    const response = await postLead(url, { action: 'lead_external', channel_id: PUBLIC_CHANNEL.id });
    assert.equal(response.status, 200);
  } finally {
    child.kill('SIGTERM');
  }
  const [code, signal] = await once(child, 'exit');
  assert.deepEqual([code, signal], [0, null]);
});

test('KEEN_EMULATOR_PORT picks the port; SIGINT stops it too', async () => {
  const { child, url } = await startCli([], { KEEN_EMULATOR_PORT: '0' });
  try {
    assert.notEqual(new URL(url).port, '8787');
    assert.equal((await fetch(`${url}/__emulator/channels`)).status, 200);
  } finally {
    child.kill('SIGINT');
  }
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('an invalid port exits with 2 and the usage', async () => {
  const child = spawn(process.execPath, [CLI, '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
  const [code] = await once(child, 'exit');
  assert.equal(code, 2);
  assert.match(stderr, /Invalid port: eighty/);
  assert.match(stderr, /Usage: node emulator\/cli\.js/);
});
