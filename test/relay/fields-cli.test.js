// @ts-check
/*
 * `npx keen-lead-form fields` as a user gets it (packed, installed into an
 * empty project) against the emulator: its standard output is exactly the
 * fixture's visible property definitions of the channel, in Keen's order;
 * each failure is one clear line on standard error, exit code 1, no key.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useInstalledCli } from './installed-cli.js';
import { freePort } from './relay-harness.js';
import { PUBLIC_CHANNEL_ID, expectedChannelFields } from './channel-fields-fixture.js';

const NORTHWIND_KEY = 'keen-emulator-key-northwind';
const CONTOSO_KEY = 'keen-emulator-key-contoso';
const PRIVATE_CHANNEL_ID = 'c0ffee00-0000-4000-8000-000000000002';

const cli = useInstalledCli();

/**
 * @param {string[]} args
 * @param {Record<string, string>} env
 */
function runFields(args, env) {
  return cli.run(['fields', ...args], env);
}

/**
 * One line on stderr, nothing on stdout, exit 1, and the key nowhere.
 * @param {{ code: number | null, stdout: string, stderr: string }} result
 * @param {RegExp} message
 * @param {string} key
 */
function assertFailedClearly(result, message, key) {
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stdout, '', 'nothing on standard output');
  assert.match(result.stderr, message);
  assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
  if (key !== '') assert.ok(!result.stderr.includes(key), `the key is printed: ${result.stderr}`);
}

test('prints exactly the channel\'s visible property definitions, in order, as pretty JSON and nothing else', async () => {
  const result = await runFields(['--channel', PUBLIC_CHANNEL_ID, '--endpoint', cli.keenUrl], { KEEN_API_KEY: NORTHWIND_KEY });
  assert.equal(result.code, 0, result.stderr);
  const expected = expectedChannelFields();
  assert.ok(expected.fields.length > 7, 'the fixture has properties to compare');
  assert.equal(result.stdout, `${JSON.stringify(expected, null, 2)}\n`);
  assert.ok(!result.stdout.includes('a1000000-0000-4000-8000-000000000007'), 'the invisible definition is left out');
  assert.ok(!result.stdout.includes(NORTHWIND_KEY) && !result.stderr.includes(NORTHWIND_KEY));
  const { requests } = /** @type {{ requests: { method: string, outcome: unknown }[] }} */ (await (await fetch(`${cli.emulatorUrl}/__emulator/requests`)).json());
  assert.deepEqual(requests.map(({ method, outcome }) => ({ method, outcome })), [{ method: 'POST', outcome: 200 }], 'one get_channels request');
});

test('help, and usage mistakes exit 2 with one line', async () => {
  const help = await runFields(['--help'], {});
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--channel <id>/);
  assert.match(help.stdout, /KEEN_API_KEY/);
  const listed = await cli.run(['--help']);
  assert.match(listed.stdout, /fields\s+print a form configuration/);
  /** @type {[string[], RegExp][]} */
  const cases = [
    [[], /--channel <id> is required/],
    [['--channel', PUBLIC_CHANNEL_ID, '--endpoint', 'keen.example'], /--endpoint must be an http\(s\) URL/],
    [['--channel', PUBLIC_CHANNEL_ID, '--colour', 'blue'], /Unknown option '--colour'/],
  ];
  for (const [args, message] of cases) {
    const result = await runFields(args, { KEEN_API_KEY: NORTHWIND_KEY });
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.equal(result.stdout, '');
  }
});

test('a missing key is exit 1 before any request', async () => {
  const result = await runFields(['--channel', PUBLIC_CHANNEL_ID, '--endpoint', cli.keenUrl], { KEEN_API_KEY: '' });
  assertFailedClearly(result, /set the KEEN_API_KEY environment variable/, '');
  const { requests } = /** @type {{ requests: unknown[] }} */ (await (await fetch(`${cli.emulatorUrl}/__emulator/requests`)).json());
  assert.deepEqual(requests, []);
});

test('a wrong key: Keen refused it, exit 1, the key not printed', async () => {
  const wrongKey = 'sk-live-wrong-0123456789abcdef';
  const result = await runFields(['--channel', PUBLIC_CHANNEL_ID, '--endpoint', cli.keenUrl], { KEEN_API_KEY: wrongKey });
  assertFailedClearly(result, /Keen refused the API key \(401 Invalid API key\): check KEEN_API_KEY/, wrongKey);
});

test('a channel the key cannot see: not in the answer, or a 403, is exit 1 naming the channel', async () => {
  const notListed = await runFields(['--channel', PRIVATE_CHANNEL_ID, '--endpoint', cli.keenUrl], { KEEN_API_KEY: CONTOSO_KEY });
  assertFailedClearly(notListed, new RegExp(`channel ${PRIVATE_CHANNEL_ID} is not among the channels this API key's company can see`), CONTOSO_KEY);

  await fetch(`${cli.emulatorUrl}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 403, body: JSON.stringify({ error: 'Channel not accessible' }) }),
  });
  const refused = await runFields(['--channel', PUBLIC_CHANNEL_ID, '--endpoint', cli.keenUrl], { KEEN_API_KEY: NORTHWIND_KEY });
  assertFailedClearly(refused, new RegExp(`403 \\(Channel not accessible\\): this key's company cannot read channel ${PUBLIC_CHANNEL_ID}`), NORTHWIND_KEY);
});

test('Keen down (connection refused) or silent (timeout) is exit 1 with one line', async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await freePort();
  const down = await runFields(['--channel', PUBLIC_CHANNEL_ID, '--endpoint', `http://127.0.0.1:${port}/functions/v1/keen-api`], { KEEN_API_KEY: NORTHWIND_KEY });
  assertFailedClearly(down, new RegExp(`could not reach Keen at 127\\.0\\.0\\.1:${port}`), NORTHWIND_KEY);

  await fetch(`${cli.emulatorUrl}/__emulator/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ delayMs: 5000 }),
  });
  const silent = await runFields(['--channel', PUBLIC_CHANNEL_ID, '--endpoint', cli.keenUrl, '--timeout', '0.5'], { KEEN_API_KEY: NORTHWIND_KEY });
  assertFailedClearly(silent, /did not answer within 500 ms/, NORTHWIND_KEY);
});

test('`keen-lead-form relay --channel-fields` serves the same configuration at ?action=fields; without a key it is a usage error', async () => {
  const noKey = await cli.run(['relay', '--channel', PUBLIC_CHANNEL_ID, '--allow-origin', 'https://shop.example', '--channel-fields'], { KEEN_API_KEY: '' });
  assert.equal(noKey.code, 2, noKey.stderr);
  assert.match(noKey.stderr, /--channel-fields needs the KEEN_API_KEY/);

  const relay = await cli.startRelay(
    ['--channel', PUBLIC_CHANNEL_ID, '--allow-origin', 'https://shop.example', '--channel-fields', '--mode', 'lead_external', '--endpoint', cli.keenUrl, '--port', '0'],
    { KEEN_API_KEY: NORTHWIND_KEY },
  );
  try {
    assert.match(relay.output().stdout, /fields at \?action=fields/);
    const response = await fetch(`${relay.url}/?action=fields`, { headers: { Origin: 'https://shop.example' } });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    assert.equal(text, JSON.stringify(expectedChannelFields(), null, 2));
  } finally {
    await relay.stop();
  }
  const { stdout } = relay.output();
  assert.match(stdout, / 200 fields /, 'one log line for the fields request');
  assert.ok(!stdout.includes(NORTHWIND_KEY));
});
