// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_PATH, PUBLIC_CHANNEL, control, eventually, postLead, useEmulator } from './emulator-http.js';

const emulator = useEmulator();
const VALID_LEAD = { action: 'lead_external', channel_id: PUBLIC_CHANNEL.id, email: 'fault@example.com' };

/** @param {Record<string, unknown>} fault */
const queueFault = (fault) => control(emulator.url, 'POST', '/__emulator/faults', fault);
const readLeads = async () => (await control(emulator.url, 'GET', '/__emulator/leads')).leads;
const readRequests = async () => (await control(emulator.url, 'GET', '/__emulator/requests')).requests;
const readFaults = async () => (await control(emulator.url, 'GET', '/__emulator/faults')).faults;

test('status + body + headers: answered raw, lead not stored', async () => {
  await queueFault({
    status: 503,
    body: '<html><body>Service Unavailable</body></html>',
    headers: { 'Content-Type': 'text/html', 'Retry-After': '2' },
  });
  const response = await postLead(emulator.url, VALID_LEAD);
  assert.equal(response.status, 503);
  assert.equal(response.headers.get('content-type'), 'text/html');
  assert.equal(response.headers.get('retry-after'), '2');
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After');
  assert.equal(await response.text(), '<html><body>Service Unavailable</body></html>');
  assert.deepEqual(await readLeads(), []);
  const requests = await readRequests();
  assert.deepEqual(
    requests.map((/** @type {any} */ r) => [r.method, r.outcome, r.fault]),
    [['POST', 503, true]],
  );
});

test('status + body without headers is text/plain; status alone has an empty body and no Content-Type', async () => {
  await queueFault({ status: 500, body: 'Internal Server Error' });
  await queueFault({ status: 502 });
  const plain = await postLead(emulator.url, VALID_LEAD);
  assert.equal(plain.status, 500);
  assert.equal(plain.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.equal(await plain.text(), 'Internal Server Error');
  const empty = await postLead(emulator.url, VALID_LEAD);
  assert.equal(empty.status, 502);
  assert.equal(empty.headers.get('content-type'), null);
  assert.equal(await empty.text(), '');
});

test('fault headers win over CORS headers (a CORS failure on demand)', async () => {
  await queueFault({ status: 200, headers: { 'Access-Control-Allow-Origin': 'https://elsewhere.example' } });
  const response = await postLead(emulator.url, VALID_LEAD);
  assert.equal(response.headers.get('access-control-allow-origin'), 'https://elsewhere.example');
});

test('faults come before the method and Content-Type checks', async () => {
  await queueFault({ status: 429 });
  const response = await fetch(emulator.url + API_PATH);
  assert.equal(response.status, 429);
});

test('delay: waits, then handles normally', async () => {
  await queueFault({ delayMs: 250 });
  const started = performance.now();
  const response = await postLead(emulator.url, VALID_LEAD);
  const elapsed = performance.now() - started;
  assert.equal(response.status, 200);
  assert.ok(elapsed >= 240, `answered after ${elapsed} ms`);
  assert.equal((await readLeads()).length, 1);
  assert.deepEqual(
    (await readRequests()).map((/** @type {any} */ r) => [r.outcome, r.fault]),
    [[200, true]],
  );
});

test('delay + status: waits, then answers the status', async () => {
  await queueFault({ delayMs: 150, status: 504 });
  const started = performance.now();
  const response = await postLead(emulator.url, VALID_LEAD);
  assert.equal(response.status, 504);
  assert.ok(performance.now() - started >= 140);
  assert.deepEqual(await readLeads(), []);
});

test('drop: the connection is cut without an answer, and the next request is normal', async () => {
  await queueFault({ drop: true });
  await assert.rejects(postLead(emulator.url, VALID_LEAD), TypeError);
  assert.deepEqual(await readLeads(), []);
  const next = await postLead(emulator.url, VALID_LEAD);
  assert.equal(next.status, 200);
  assert.deepEqual(
    (await readRequests()).map((/** @type {any} */ r) => [r.outcome, r.fault]),
    [
      ['dropped', true],
      [200, false],
    ],
  );
});

test('commit + status: the lead is stored, then the client gets the error', async () => {
  await queueFault({ status: 500, commit: true });
  const response = await postLead(emulator.url, VALID_LEAD);
  assert.equal(response.status, 500);
  const leads = await readLeads();
  assert.equal(leads.length, 1);
  assert.equal(leads[0].lead.email, 'fault@example.com');
  assert.deepEqual(
    (await readRequests()).map((/** @type {any} */ r) => [r.outcome, r.fault]),
    [[500, true]],
  );
});

test('commit + drop: the lead is stored, then the connection is cut', async () => {
  await queueFault({ drop: true, commit: true });
  await assert.rejects(postLead(emulator.url, VALID_LEAD), TypeError);
  assert.equal((await readLeads()).length, 1);
  assert.equal((await readRequests())[0].outcome, 'dropped');
});

test('commit does not store an invalid request', async () => {
  await queueFault({ status: 502, commit: true });
  const response = await postLead(emulator.url, { action: 'lead_external' });
  assert.equal(response.status, 502);
  assert.deepEqual(await readLeads(), []);
});

test('count: 2 is consumed by the next two requests, in queue order', async () => {
  assert.deepEqual(await queueFault({ status: 502, count: 2 }), { ok: true, queued: 2 });
  assert.deepEqual(await queueFault({ status: 429, headers: { 'Retry-After': '1' } }), { ok: true, queued: 3 });
  assert.equal((await readFaults()).length, 3);
  const statuses = [];
  for (let i = 0; i < 4; i += 1) statuses.push((await postLead(emulator.url, VALID_LEAD)).status);
  assert.deepEqual(statuses, [502, 502, 429, 200]);
  assert.deepEqual(await readFaults(), []);
  assert.deepEqual(
    (await readRequests()).map((/** @type {any} */ r) => r.fault),
    [true, true, true, false],
  );
});

test('a preflight does not consume a fault', async () => {
  await queueFault({ status: 503 });
  const preflight = await fetch(emulator.url + API_PATH, { method: 'OPTIONS' });
  assert.equal(preflight.status, 204);
  assert.deepEqual(await readFaults(), [{ status: 503 }]);
  assert.deepEqual(await readRequests(), []);
  assert.equal((await postLead(emulator.url, VALID_LEAD)).status, 503);
});

test('client aborts during the delay: not processed, outcome "aborted", settled at once', async () => {
  await queueFault({ delayMs: 5000 });
  const controller = new AbortController();
  const sent = postLead(emulator.url, VALID_LEAD, { signal: controller.signal });
  await eventually(readRequests, (requests) => requests.length === 1);
  controller.abort();
  await assert.rejects(sent, { name: 'AbortError' });
  // Well before the 5 s delay ends: the server notices the closed connection.
  const requests = await eventually(readRequests, (list) => list[0]?.outcome !== 'pending', 1500);
  assert.deepEqual(
    requests.map((/** @type {any} */ r) => [r.outcome, r.fault]),
    [['aborted', true]],
  );
  assert.deepEqual(await readLeads(), []);
  assert.deepEqual(await readFaults(), []);
});

test('commit + delay, client aborts: the lead is stored anyway', async () => {
  await queueFault({ delayMs: 5000, commit: true });
  const controller = new AbortController();
  const sent = postLead(emulator.url, VALID_LEAD, { signal: controller.signal });
  await eventually(readLeads, (leads) => leads.length === 1);
  controller.abort();
  await assert.rejects(sent, { name: 'AbortError' });
  const requests = await eventually(readRequests, (list) => list[0]?.outcome !== 'pending', 1500);
  assert.equal(requests[0].outcome, 'aborted');
  assert.equal((await readLeads()).length, 1);
});
