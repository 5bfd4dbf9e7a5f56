// @ts-check
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_PATH,
  PRIVATE_CHANNEL,
  PUBLIC_CHANNEL,
  UNKNOWN_CHANNEL_ID,
  control,
  postLead,
  rawRequest,
  readLeadAnswer,
  useEmulator,
} from './emulator-http.js';

const emulator = useEmulator();
const JSON_TYPE = 'application/json; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** @param {Record<string, unknown>} extra */
const lead = (extra = {}) => ({ action: 'lead_external', channel_id: PUBLIC_CHANNEL.id, ...extra });

/**
 * @typedef {object} ErrorRow
 * @property {string} name
 * @property {number} status
 * @property {string} error
 * @property {string} [method]
 * @property {Record<string, string>} [headers]  default: Content-Type application/json
 * @property {Record<string, unknown>} [payload]  sent as JSON
 * @property {string | Buffer} [body]  sent as is
 * @property {Buffer[]} [chunks]  streamed, chunked
 * @property {Record<string, string>} [expectHeaders]
 */

/** @type {ErrorRow[]} */
const ERROR_ROWS = [
  { name: 'GET', method: 'GET', status: 405, error: 'Method not allowed', expectHeaders: { allow: 'POST, OPTIONS' } },
  { name: 'PUT', method: 'PUT', payload: lead(), status: 405, error: 'Method not allowed' },
  { name: 'no Content-Type', headers: {}, payload: lead(), status: 415, error: 'Content-Type must be application/json' },
  {
    name: 'text/plain Content-Type',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    payload: lead(),
    status: 415,
    error: 'Content-Type must be application/json',
  },
  {
    name: 'Content-Length over 100 KB (answered before the body is sent)',
    headers: { 'content-type': 'application/json', 'content-length': '200000' },
    body: '{"action":',
    status: 413,
    error: 'Request body too large',
  },
  {
    name: 'streamed body over 100 KB without Content-Length',
    chunks: Array.from({ length: 10 }, () => Buffer.alloc(16 * 1024, 0x20)),
    status: 413,
    error: 'Request body too large',
  },
  {
    name: 'body one byte over 100 KB',
    body: padToLength(lead(), 102_401),
    status: 413,
    error: 'Request body too large',
  },
  {
    name: 'invalid UTF-8',
    body: Buffer.concat([Buffer.from('{"action":"lead_external","channel_id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    status: 400,
    error: 'Request body must be valid UTF-8',
  },
  { name: 'malformed JSON', body: '{"action": "lead_external",', status: 400, error: 'Invalid JSON body' },
  { name: 'empty body', body: '', status: 400, error: 'Invalid JSON body' },
  { name: 'JSON array', body: '[{"action":"lead_external"}]', status: 400, error: 'Request body must be a JSON object' },
  { name: 'JSON null', body: 'null', status: 400, error: 'Request body must be a JSON object' },
  { name: 'JSON string', body: '"lead_external"', status: 400, error: 'Request body must be a JSON object' },
  { name: 'no action', payload: { channel_id: PUBLIC_CHANNEL.id }, status: 400, error: 'action required' },
  { name: 'action not a string', payload: { action: 7 }, status: 400, error: 'action required' },
  { name: 'create_lead without a key', payload: { action: 'create_lead' }, status: 401, error: 'Invalid API key' },
  {
    name: 'create_lead with a wrong key',
    headers: { 'content-type': 'application/json', 'x-api-key': 'sk_live_anything' },
    payload: { action: 'create_lead' },
    status: 401,
    error: 'Invalid API key',
  },
  {
    name: 'unknown action with a key (never revealed)',
    headers: { 'content-type': 'application/json', 'x-api-key': 'sk_live_anything' },
    payload: { action: 'no_such_action' },
    status: 401,
    error: 'Invalid API key',
  },
  { name: 'channel_id missing', payload: { action: 'lead_external' }, status: 400, error: 'channel_id required' },
  { name: 'channel_id empty', payload: lead({ channel_id: '' }), status: 400, error: 'channel_id required' },
  { name: 'channel_id a number', payload: lead({ channel_id: 1 }), status: 400, error: 'channel_id required' },
  { name: 'email a number', payload: lead({ email: 5 }), status: 400, error: 'email must be a string' },
  { name: 'business_id an object', payload: lead({ business_id: {} }), status: 400, error: 'business_id must be a string' },
  {
    name: 'field type is checked before the channel',
    payload: lead({ channel_id: UNKNOWN_CHANNEL_ID, notes: ['a'] }),
    status: 400,
    error: 'notes must be a string',
  },
  { name: 'unknown channel', payload: lead({ channel_id: UNKNOWN_CHANNEL_ID }), status: 404, error: 'Channel not found' },
  {
    name: 'channel is checked before properties',
    payload: lead({ channel_id: UNKNOWN_CHANNEL_ID, properties: 'nope' }),
    status: 404,
    error: 'Channel not found',
  },
  {
    name: 'private channel by id',
    payload: lead({ channel_id: PRIVATE_CHANNEL.id }),
    status: 403,
    error: 'Public API not enabled for this channel',
  },
  {
    name: 'private channel by uuid',
    payload: lead({ channel_id: PRIVATE_CHANNEL.uuid }),
    status: 403,
    error: 'Public API not enabled for this channel',
  },
  { name: 'properties not an array', payload: lead({ properties: {} }), status: 400, error: 'properties must be an array' },
  {
    name: 'property item not an object',
    payload: lead({ properties: ['x'] }),
    status: 400,
    error: 'property_definitions_id required',
  },
  {
    name: 'property without property_definitions_id',
    payload: lead({ properties: [{ value: 'x' }] }),
    status: 400,
    error: 'property_definitions_id required',
  },
  {
    name: 'unknown property id',
    payload: lead({ properties: [{ property_definitions_id: UNKNOWN_CHANNEL_ID, value: 'x' }] }),
    status: 400,
    error: `Property definition ${UNKNOWN_CHANNEL_ID} not found on this channel`,
  },
  {
    name: "property of the other channel",
    payload: lead({ properties: [{ property_definitions_id: PRIVATE_CHANNEL.internalNote, value: 'x' }] }),
    status: 400,
    error: `Property definition ${PRIVATE_CHANNEL.internalNote} not found on this channel`,
  },
  {
    name: 'property value null',
    payload: lead({ properties: [{ property_definitions_id: PUBLIC_CHANNEL.property.teamSize, value: null }] }),
    status: 400,
    error: 'Property value is required',
  },
  {
    name: 'property value missing, after a valid one (nothing is stored)',
    payload: lead({
      properties: [
        { property_definitions_id: PUBLIC_CHANNEL.property.referralCode, value: 'ok' },
        { property_definitions_id: PUBLIC_CHANNEL.property.teamSize },
      ],
    }),
    status: 400,
    error: 'Property value is required',
  },
  {
    name: 'property value nested 101 levels (the limit is 100)',
    body: withNestedProperty(101),
    status: 400,
    error: 'Property value is nested too deeply (at most 100 levels)',
  },
  {
    name: 'property value nested 1000 levels',
    body: withNestedProperty(1000),
    status: 400,
    error: 'Property value is nested too deeply (at most 100 levels)',
  },
  {
    // Deep enough that serialising it as text would overflow the stack (a 500 before).
    name: 'property value: an array nested 40 000 levels',
    body: withNestedProperty(40_000, 'array'),
    status: 400,
    error: 'Property value is nested too deeply (at most 100 levels)',
  },
];

describe('lead_external errors', () => {
  for (const row of ERROR_ROWS) {
    test(`${row.name} -> ${row.status} ${row.error}`, async () => {
      const response = await rawRequest(emulator.url, {
        method: row.method ?? 'POST',
        headers: row.headers ?? { 'content-type': 'application/json' },
        body: row.payload ? JSON.stringify(row.payload) : row.body,
        chunks: row.chunks,
      });
      assert.equal(response.status, row.status);
      assert.deepEqual(JSON.parse(response.text), { error: row.error });
      assert.equal(response.headers['access-control-allow-origin'], '*');
      assert.equal(response.headers['content-type'], JSON_TYPE);
      for (const [name, value] of Object.entries(row.expectHeaders ?? {})) {
        assert.equal(response.headers[name], value);
      }
      const { leads } = await control(emulator.url, 'GET', '/__emulator/leads');
      assert.deepEqual(leads, []);
    });
  }
});

describe('lead_external success', () => {
  test('by primary id: 200 with the lead, first status by order, stored as answered', async () => {
    const response = await postLead(
      emulator.url,
      lead({
        email: 'ada@example.com',
        first_name: 'Ada',
        last_name: 'Lovelace',
        phone: '+44 20 7946 0000',
        company_name: 'Analytical Engines Ltd',
        source: 'Website',
        employee: 'Grace',
        notes: 'Call after 3pm',
        business_id: 'GB123456',
        unknown_extra_field: 'ignored',
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After');
    assert.equal(response.headers.get('content-type'), JSON_TYPE);
    const body = await readLeadAnswer(response);
    assert.deepEqual(Object.keys(body), ['lead']);
    const { id, created_at: createdAt, ...rest } = body.lead;
    assert.match(id, UUID);
    assert.equal(new Date(createdAt).toISOString(), createdAt);
    assert.deepEqual(rest, {
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone: '+44 20 7946 0000',
      company_name: 'Analytical Engines Ltd',
      source: 'Website',
      employee: 'Grace',
      notes: 'Call after 3pm',
      business_id: 'GB123456',
      channels_id: PUBLIC_CHANNEL.id,
      status: 'New',
      lead_status_id: PUBLIC_CHANNEL.firstStatusId,
      properties: [],
    });
    const { leads } = await control(emulator.url, 'GET', '/__emulator/leads');
    assert.equal(leads.length, 1);
    assert.deepEqual(leads[0].lead, body.lead);
  });

  test('by uuid: channels_id is still the primary id; absent and null fields are null', async () => {
    const response = await postLead(emulator.url, lead({ channel_id: PUBLIC_CHANNEL.uuid, email: 'x@example.com', phone: null }));
    assert.equal(response.status, 200);
    const { lead: created } = await readLeadAnswer(response);
    assert.equal(created.channels_id, PUBLIC_CHANNEL.id);
    assert.equal(created.status, 'New');
    assert.equal(created.lead_status_id, PUBLIC_CHANNEL.firstStatusId);
    assert.equal(created.email, 'x@example.com');
    for (const field of /** @type {const} */ (['first_name', 'last_name', 'phone', 'company_name', 'source', 'employee', 'notes', 'business_id'])) {
      assert.equal(created[field], null, field);
    }
  });

  test('property values are stored as text', async () => {
    const { property } = PUBLIC_CHANNEL;
    const response = await postLead(
      emulator.url,
      lead({
        properties: [
          { property_definitions_id: property.referralCode, value: 'SPRING-24' },
          { property_definitions_id: property.teamSize, value: 42 },
          { property_definitions_id: property.newsletter, value: true },
          { property_definitions_id: property.projectDetails, value: { a: 1 } },
          { property_definitions_id: property.industry, value: ['Retail'] },
          { property_definitions_id: property.teamSize, value: 0 },
          { property_definitions_id: property.newsletter, value: false },
        ],
      }),
    );
    assert.equal(response.status, 200);
    const { lead: created } = await readLeadAnswer(response);
    assert.deepEqual(created.properties, [
      { property_definitions_id: property.referralCode, value: 'SPRING-24' },
      { property_definitions_id: property.teamSize, value: '42' },
      { property_definitions_id: property.newsletter, value: 'true' },
      { property_definitions_id: property.projectDetails, value: '{"a":1}' },
      { property_definitions_id: property.industry, value: '["Retail"]' },
      { property_definitions_id: property.teamSize, value: '0' },
      { property_definitions_id: property.newsletter, value: 'false' },
    ]);
  });

  test('a property value nested 100 levels is accepted and stored as its JSON text', async () => {
    const value = '{"a":'.repeat(99) + '["x"]' + '}'.repeat(99);
    const response = await rawRequest(emulator.url, {
      headers: { 'content-type': 'application/json' },
      body: `{"action":"lead_external","channel_id":"${PUBLIC_CHANNEL.id}","properties":[{"property_definitions_id":"${PUBLIC_CHANNEL.property.projectDetails}","value":${value}}]}`,
    });
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.text).lead.properties, [
      { property_definitions_id: PUBLIC_CHANNEL.property.projectDetails, value },
    ]);
  });

  test('UTF-8 round trip: the lead and the byte-exact request body', async () => {
    const text = 'Zoë Ølgaard – 日本語 🚀';
    const body = JSON.stringify(lead({ first_name: text, notes: text }));
    const response = await fetch(emulator.url + API_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: Buffer.from(body, 'utf8'),
    });
    assert.equal(response.status, 200);
    const { lead: created } = await readLeadAnswer(response);
    assert.equal(created.first_name, text);
    assert.equal(created.notes, text);
    const { leads } = await control(emulator.url, 'GET', '/__emulator/leads');
    assert.equal(leads[0].lead.first_name, text);
    assert.equal(leads[0].request.body, body);
    assert.deepEqual(Buffer.from(leads[0].request.body, 'utf8'), Buffer.from(body, 'utf8'));
  });

  /** @type {[string, string][]} */
  const ACCEPTED_TYPES = [
    ['with a charset parameter', 'application/json; charset=utf-8'],
    ['in upper case', 'Application/JSON'],
  ];
  for (const [name, contentType] of ACCEPTED_TYPES) {
    test(`Content-Type ${name} is accepted`, async () => {
      const response = await postLead(emulator.url, lead(), { headers: { 'content-type': contentType } });
      assert.equal(response.status, 200);
    });
  }

  test('a body of exactly 100 KB is accepted', async () => {
    const body = padToLength(lead(), 102_400);
    const response = await rawRequest(emulator.url, { headers: { 'content-type': 'application/json' }, body });
    assert.equal(response.status, 200);
  });

  test('an API key on lead_external is ignored, and recorded as received', async () => {
    const response = await postLead(emulator.url, lead(), {
      headers: { 'content-type': 'application/json', 'X-Api-Key': 'should-not-be-here' },
    });
    assert.equal(response.status, 200);
    const { leads } = await control(emulator.url, 'GET', '/__emulator/leads');
    assert.equal(leads[0].request.headers['x-api-key'], 'should-not-be-here');
  });
});

describe('CORS and routing', () => {
  test('preflight: 204 with the headers a browser needs, not logged as an attempt', async () => {
    const response = await fetch(emulator.url + API_PATH, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:8000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('access-control-allow-methods'), 'POST, OPTIONS');
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(response.headers.get('access-control-max-age'), '600');
    assert.equal(await response.text(), '');
    const { requests } = await control(emulator.url, 'GET', '/__emulator/requests');
    assert.deepEqual(requests, []);
  });

  for (const [method, path] of [
    ['GET', '/'],
    ['POST', '/functions/v1/other'],
    ['POST', `${API_PATH}/`],
    ['OPTIONS', '/functions/v1/other'],
  ]) {
    test(`${method} ${path} -> 404`, async () => {
      const response = await fetch(emulator.url + path, { method });
      assert.equal(response.status, 404);
      assert.deepEqual(await response.json(), { error: 'Not found' });
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
    });
  }
});

/**
 * A lead_external body whose one property value is nested `levels` deep,
 * built as text: JSON.stringify itself could not go so deep.
 * @param {number} levels
 * @param {'object' | 'array'} [kind]  arrays take 2 bytes a level, so more fit in 100 KB
 */
function withNestedProperty(levels, kind = 'object') {
  const value = kind === 'object' ? '{"a":'.repeat(levels) + '"x"' + '}'.repeat(levels) : '['.repeat(levels) + ']'.repeat(levels);
  return `{"action":"lead_external","channel_id":"${PUBLIC_CHANNEL.id}","properties":[{"property_definitions_id":"${PUBLIC_CHANNEL.property.projectDetails}","value":${value}}]}`;
}

/**
 * A valid lead_external body padded (in `notes`) to exactly `length` bytes.
 * @param {Record<string, unknown>} payload
 * @param {number} length
 */
function padToLength(payload, length) {
  const bare = JSON.stringify({ ...payload, notes: '' });
  const padded = JSON.stringify({ ...payload, notes: 'x'.repeat(length - Buffer.byteLength(bare)) });
  assert.equal(Buffer.byteLength(padded), length);
  return padded;
}
