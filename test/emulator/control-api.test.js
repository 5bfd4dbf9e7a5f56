// @ts-check
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readDefaultFixture } from '../../emulator/server.js';
import { API_PATH, PUBLIC_CHANNEL, control, postLead, rawRequest, useEmulator } from './emulator-http.js';

const emulator = useEmulator();

test('GET /__emulator/channels lists the fixture channels', async () => {
  const { channels } = await control(emulator.url, 'GET', '/__emulator/channels');
  assert.deepEqual(channels, (await readDefaultFixture()).channels);
  assert.deepEqual(
    channels.map((/** @type {any} */ c) => [c.title, c.no_auth_api]),
    [
      ['Website leads (public)', true],
      ['Partner portal (private)', false],
      ['Fabrikam store referrals', false],
    ],
  );
});

test('GET /__emulator/leads: stored leads in order, with lower-cased headers and the raw body', async () => {
  const first = '{"action":"lead_external","channel_id":"' + PUBLIC_CHANNEL.id + '","email":"one@example.com"}';
  const second = '{ "channel_id": "' + PUBLIC_CHANNEL.uuid + '", "action": "lead_external", "email": "two@example.com" }';
  await rawRequest(emulator.url, { headers: { 'Content-Type': 'application/json', 'X-Test-Run': 'A' }, body: first });
  await rawRequest(emulator.url, { headers: { 'content-type': 'application/json' }, body: second });
  const { leads } = await control(emulator.url, 'GET', '/__emulator/leads');
  assert.deepEqual(
    leads.map((/** @type {any} */ entry) => entry.lead.email),
    ['one@example.com', 'two@example.com'],
  );
  assert.equal(leads[0].request.body, first);
  assert.equal(leads[1].request.body, second);
  assert.equal(leads[0].request.headers['content-type'], 'application/json');
  assert.equal(leads[0].request.headers['x-test-run'], 'A');
  assert.equal(leads[0].request.headers['content-length'], String(first.length));
});

test('GET /__emulator/requests: every non-preflight API request with its outcome', async () => {
  await postLead(emulator.url, { action: 'lead_external', channel_id: PUBLIC_CHANNEL.id });
  await postLead(emulator.url, { action: 'lead_external' });
  await fetch(emulator.url + API_PATH, { method: 'OPTIONS' });
  await fetch(emulator.url + API_PATH, { method: 'GET' });
  await fetch(emulator.url + '/__emulator/leads');
  const { requests } = await control(emulator.url, 'GET', '/__emulator/requests');
  assert.deepEqual(
    requests.map((/** @type {any} */ r) => [r.method, r.outcome, r.fault]),
    [
      ['POST', 200, false],
      ['POST', 400, false],
      ['GET', 405, false],
    ],
  );
  for (const { at } of requests) assert.equal(new Date(at).toISOString(), at);
});

test('POST /__emulator/reset empties leads, requests and faults', async () => {
  await postLead(emulator.url, { action: 'lead_external', channel_id: PUBLIC_CHANNEL.id });
  await control(emulator.url, 'POST', '/__emulator/faults', { status: 500, count: 3 });
  assert.deepEqual(await control(emulator.url, 'POST', '/__emulator/reset'), { ok: true });
  assert.deepEqual(await control(emulator.url, 'GET', '/__emulator/leads'), { leads: [] });
  assert.deepEqual(await control(emulator.url, 'GET', '/__emulator/requests'), { requests: [] });
  assert.deepEqual(await control(emulator.url, 'GET', '/__emulator/faults'), { faults: [] });
});

test('POST /__emulator/faults answers the number pending; GET lists them', async () => {
  assert.deepEqual(await control(emulator.url, 'POST', '/__emulator/faults', { delayMs: 10, drop: true }), {
    ok: true,
    queued: 1,
  });
  assert.deepEqual(
    await control(emulator.url, 'POST', '/__emulator/faults', { status: 503, body: '', headers: { 'Retry-After': '1' }, count: 2 }),
    { ok: true, queued: 3 },
  );
  const { faults } = await control(emulator.url, 'GET', '/__emulator/faults');
  assert.deepEqual(faults, [
    { delayMs: 10, drop: true },
    { status: 503, body: '', headers: { 'Retry-After': '1' } },
    { status: 503, body: '', headers: { 'Retry-After': '1' } },
  ]);
});

describe('POST /__emulator/faults rejects bad input', () => {
  /** @type {[string, unknown, string][]} */
  const ROWS = [
    ['not an object', [1], 'A fault must be a JSON object'],
    ['unknown field (typo)', { delay: 100 }, 'Unknown fault field "delay"'],
    ['nothing to do', { commit: true }, 'A fault needs status, delayMs or drop'],
    ['status not an integer', { status: 500.5 }, 'status must be an integer from 200 to 599'],
    ['status out of range', { status: 99 }, 'status must be an integer from 200 to 599'],
    ['status as a string', { status: '500' }, 'status must be an integer from 200 to 599'],
    ['body not a string', { status: 500, body: { error: 'x' } }, 'body must be a string'],
    ['headers not an object', { status: 500, headers: ['x'] }, 'headers must be an object of header names to string values'],
    ['bad header name', { status: 500, headers: { 'Retry After': '1' } }, 'Invalid header name "Retry After"'],
    ['header value not a string', { status: 500, headers: { 'Retry-After': 1 } }, 'Invalid value for header "Retry-After"'],
    ['header value with a newline', { status: 500, headers: { 'X-A': 'a\r\nX-B: b' } }, 'Invalid value for header "X-A"'],
    ['negative delay', { delayMs: -1 }, 'delayMs must be a number from 0 to 60000'],
    ['delay too long', { delayMs: 60001 }, 'delayMs must be a number from 0 to 60000'],
    ['drop not a boolean', { drop: 'yes' }, 'drop must be a boolean'],
    ['commit not a boolean', { status: 500, commit: 1 }, 'commit must be a boolean'],
    ['count zero', { status: 500, count: 0 }, 'count must be an integer from 1 to 1000'],
    ['count fractional', { status: 500, count: 1.5 }, 'count must be an integer from 1 to 1000'],
    ['drop with status', { drop: true, status: 500 }, 'drop cannot be combined with status, body or headers'],
    ['body without status', { delayMs: 10, body: 'x' }, 'body and headers need a status'],
  ];
  for (const [name, fault, error] of ROWS) {
    test(name, async () => {
      const response = await fetch(emulator.url + '/__emulator/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      });
      assert.equal(response.status, 400);
      assert.deepEqual(await response.json(), { error });
      assert.deepEqual(await control(emulator.url, 'GET', '/__emulator/faults'), { faults: [] });
    });
  }

  test('malformed JSON', async () => {
    const response = await rawRequest(emulator.url, { path: '/__emulator/faults', body: '{"status":' });
    assert.equal(response.status, 400);
    assert.deepEqual(JSON.parse(response.text), { error: 'Invalid JSON body' });
  });
});

describe('control API routing and CORS', () => {
  test('preflight allows GET and POST with content-type', async () => {
    const response = await fetch(emulator.url + '/__emulator/faults', { method: 'OPTIONS' });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(response.headers.get('access-control-max-age'), '600');
  });

  test('answers carry CORS and JSON headers', async () => {
    const response = await fetch(emulator.url + '/__emulator/leads');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
  });

  test('unknown control path -> 404', async () => {
    const response = await fetch(emulator.url + '/__emulator/nope');
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { error: 'Not found' });
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });

  test('wrong method -> 405 with Allow', async () => {
    const response = await fetch(emulator.url + '/__emulator/reset');
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST, OPTIONS');
    assert.deepEqual(await response.json(), { error: 'Method not allowed' });
  });
});
