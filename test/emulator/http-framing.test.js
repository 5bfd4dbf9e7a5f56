// @ts-check
// Requests no HTTP client library would send: written byte by byte on a socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { API_PATH, PUBLIC_CHANNEL, control, eventually, useEmulator } from './emulator-http.js';

const emulator = useEmulator();
const BODY = JSON.stringify({ action: 'lead_external', channel_id: PUBLIC_CHANNEL.id, email: 'framing@example.com' });

/**
 * Opens a socket to the emulator, writes `head` + `body` and collects every
 * byte until the server closes or `closeAfterMs` passes (then we close).
 * @param {string} text
 * @param {{ closeAfterMs?: number }} [options]
 * @returns {Promise<string>}
 */
function exchange(text, { closeAfterMs = 1000 } = {}) {
  const { hostname, port } = new URL(emulator.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    /** @type {Buffer[]} */
    const received = [];
    const timer = setTimeout(() => socket.destroy(), closeAfterMs);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(received).toString('utf8'));
    });
    socket.on('error', reject);
  });
}

/**
 * @param {string} raw  one or more HTTP responses
 * @returns {{ status: number, headers: string, body: string }} the first one
 */
function firstResponse(raw) {
  const match = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n/.exec(raw);
  assert.ok(match, `not an HTTP response: ${JSON.stringify(raw)}`);
  const headers = match[2] ?? '';
  const length = Number(/^content-length: *(\d+)/im.exec(headers)?.[1]);
  const rest = raw.slice(match[0].length);
  return { status: Number(match[1]), headers, body: Number.isNaN(length) ? rest : rest.slice(0, length) };
}

/** @param {Record<string, string | number>} headers */
const head = (headers) =>
  `POST ${API_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('') +
  '\r\n';

test('Content-Length longer than the body, client gives up: nothing stored, attempt "aborted"', async () => {
  const raw = await exchange(head({ 'Content-Type': 'application/json', 'Content-Length': BODY.length + 50 }) + BODY, {
    closeAfterMs: 150,
  });
  assert.equal(raw, '', 'the server must wait for the rest of the body, not answer');
  const requests = await eventually(
    async () => (await control(emulator.url, 'GET', '/__emulator/requests')).requests,
    (list) => list.length === 1,
  );
  assert.deepEqual(
    requests.map((/** @type {any} */ r) => [r.method, r.outcome, r.fault]),
    [['POST', 'aborted', false]],
  );
  assert.deepEqual((await control(emulator.url, 'GET', '/__emulator/leads')).leads, []);
});

test('Content-Length shorter than the body: the cut body is invalid JSON, nothing stored', async () => {
  const raw = await exchange(head({ 'Content-Type': 'application/json', 'Content-Length': 10 }) + BODY);
  const response = firstResponse(raw);
  assert.equal(response.status, 400);
  assert.deepEqual(JSON.parse(response.body), { error: 'Invalid JSON body' });
  assert.match(response.headers, /^access-control-allow-origin: \*$/im);
  assert.deepEqual((await control(emulator.url, 'GET', '/__emulator/leads')).leads, []);
});

test('a non-numeric Content-Length is refused as malformed HTTP, in JSON', async () => {
  const raw = await exchange(head({ 'Content-Type': 'application/json', 'Content-Length': 'ten' }) + BODY);
  const response = firstResponse(raw);
  assert.equal(response.status, 400);
  assert.deepEqual(JSON.parse(response.body), { error: 'Malformed HTTP request' });
  assert.match(response.headers, /^access-control-allow-origin: \*$/im);
  assert.match(response.headers, /^content-type: application\/json; charset=utf-8$/im);
  assert.deepEqual((await control(emulator.url, 'GET', '/__emulator/requests')).requests, []);
});
