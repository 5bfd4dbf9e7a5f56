// @ts-check
// create_lead as keen-api.md describes it: the key (401), the channel's
// company set (403), lead_external's fields and checks (400/404), and the
// webhook and in-app notification that lead_external never causes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API_PATH, createEmulatorState, handleRequest, isFaultInstruction } from '../../emulator/handler.js';
import {
  API_KEY,
  COMPANY,
  FABRIKAM_CHANNEL,
  PRIVATE_CHANNEL,
  PUBLIC_CHANNEL,
  UNKNOWN_CHANNEL_ID,
  control,
  postLead,
  postWithKey,
  rawRequest,
  readLeadAnswer,
  useEmulator,
} from './emulator-http.js';

const emulator = useEmulator();
const JSON_TYPE = 'application/json; charset=utf-8';

/** @param {Record<string, unknown>} extra */
const createLead = (extra = {}) => ({ action: 'create_lead', channel_id: PUBLIC_CHANNEL.id, ...extra });

/** @param {number} levels  an object nested this deep: {"a":{"a":...1}} */
const nested = (levels) => JSON.parse('{"a":'.repeat(levels) + '1' + '}'.repeat(levels));

const readRecords = async () => ({
  leads: (await control(emulator.url, 'GET', '/__emulator/leads')).leads,
  webhooks: (await control(emulator.url, 'GET', '/__emulator/webhooks')).webhooks,
  notifications: (await control(emulator.url, 'GET', '/__emulator/notifications')).notifications,
});

/**
 * @typedef {object} ErrorRow
 * @property {string} name
 * @property {string | undefined} key  undefined: no X-Api-Key header
 * @property {Record<string, unknown>} [payload]
 * @property {string} [body]  sent as is instead of payload
 * @property {number} status
 * @property {string} error
 */

/** @type {ErrorRow[]} */
const ERROR_ROWS = [
  { name: 'no X-Api-Key', key: undefined, payload: createLead(), status: 401, error: 'Invalid API key' },
  { name: 'empty X-Api-Key', key: '', payload: createLead(), status: 401, error: 'Invalid API key' },
  { name: 'wrong key', key: 'keen-emulator-key-nobody', payload: createLead(), status: 401, error: 'Invalid API key' },
  { name: 'key in another case', key: API_KEY.northwind.toUpperCase(), payload: createLead(), status: 401, error: 'Invalid API key' },
  {
    name: 'the key is checked before the fields',
    key: undefined,
    payload: { action: 'create_lead' },
    status: 401,
    error: 'Invalid API key',
  },
  { name: 'malformed JSON', key: API_KEY.northwind, body: '{"action":"create_lead",', status: 400, error: 'Invalid JSON body' },
  { name: 'channel_id missing', key: API_KEY.northwind, payload: { action: 'create_lead' }, status: 400, error: 'channel_id required' },
  { name: 'channel_id empty', key: API_KEY.northwind, payload: createLead({ channel_id: '' }), status: 400, error: 'channel_id required' },
  { name: 'channel_id a number', key: API_KEY.northwind, payload: createLead({ channel_id: 1 }), status: 400, error: 'channel_id required' },
  { name: 'email a number', key: API_KEY.northwind, payload: createLead({ email: 5 }), status: 400, error: 'email must be a string' },
  { name: 'unknown channel', key: API_KEY.northwind, payload: createLead({ channel_id: UNKNOWN_CHANNEL_ID }), status: 404, error: 'Channel not found' },
  {
    name: "another company's channel, by id",
    key: API_KEY.northwind,
    payload: createLead({ channel_id: FABRIKAM_CHANNEL.id }),
    status: 403,
    error: 'Channel not accessible',
  },
  {
    name: "another company's channel, by uuid",
    key: API_KEY.northwind,
    payload: createLead({ channel_id: FABRIKAM_CHANNEL.uuid }),
    status: 403,
    error: 'Channel not accessible',
  },
  {
    name: "a partner's key on a channel it is not a partner of",
    key: API_KEY.contoso,
    payload: createLead({ channel_id: PRIVATE_CHANNEL.id }),
    status: 403,
    error: 'Channel not accessible',
  },
  {
    name: 'access is checked before properties',
    key: API_KEY.northwind,
    payload: createLead({ channel_id: FABRIKAM_CHANNEL.id, properties: 'nope' }),
    status: 403,
    error: 'Channel not accessible',
  },
  { name: 'properties not an array', key: API_KEY.northwind, payload: createLead({ properties: {} }), status: 400, error: 'properties must be an array' },
  {
    name: 'property of another channel',
    key: API_KEY.northwind,
    payload: createLead({ properties: [{ property_definitions_id: PRIVATE_CHANNEL.internalNote, value: 'x' }] }),
    status: 400,
    error: `Property definition ${PRIVATE_CHANNEL.internalNote} not found on this channel`,
  },
  {
    name: 'property value null',
    key: API_KEY.northwind,
    payload: createLead({ properties: [{ property_definitions_id: PUBLIC_CHANNEL.property.teamSize, value: null }] }),
    status: 400,
    error: 'Property value is required',
  },
  {
    name: 'property value nested 1000 levels',
    key: API_KEY.northwind,
    payload: createLead({ properties: [{ property_definitions_id: PUBLIC_CHANNEL.property.projectDetails, value: nested(1000) }] }),
    status: 400,
    error: 'Property value is nested too deeply (at most 100 levels)',
  },
  {
    name: 'unknown action with a valid key',
    key: API_KEY.northwind,
    payload: { action: 'no_such_action' },
    status: 400,
    error: 'Unknown action',
  },
  {
    name: 'a documented action the emulator does not implement',
    key: API_KEY.northwind,
    payload: { action: 'get_leads' },
    status: 501,
    error: 'The emulator does not implement get_leads',
  },
];

describe('create_lead refusals store and record nothing', () => {
  for (const row of ERROR_ROWS) {
    test(`${row.name} -> ${row.status} ${row.error}`, async () => {
      /** @type {Record<string, string>} */
      const headers = { 'content-type': 'application/json' };
      if (row.key !== undefined) headers['x-api-key'] = row.key;
      const response = await rawRequest(emulator.url, { headers, body: row.body ?? JSON.stringify(row.payload) });
      assert.equal(response.status, row.status);
      assert.deepEqual(JSON.parse(response.text), { error: row.error });
      assert.equal(response.headers['content-type'], JSON_TYPE);
      assert.equal(response.headers['access-control-allow-origin'], '*');
      assert.deepEqual(await readRecords(), { leads: [], webhooks: [], notifications: [] });
    });
  }
});

describe('create_lead success', () => {
  test("the owner's key: 200 with the lead, its property values and the first status; webhook and notification recorded", async () => {
    const { property } = PUBLIC_CHANNEL;
    const response = await postWithKey(
      emulator.url,
      API_KEY.northwind,
      createLead({
        email: 'ada@example.com',
        first_name: 'Ada',
        last_name: 'Lovelace',
        phone: '+44 20 7946 0000',
        company_name: 'Analytical Engines Ltd',
        source: 'Partner website form',
        employee: 'Grace',
        notes: 'Call after 3pm',
        business_id: 'GB123456',
        properties: [
          { property_definitions_id: property.teamSize, value: 12 },
          { property_definitions_id: property.leadScore, value: 'high' },
        ],
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), JSON_TYPE);
    const body = await readLeadAnswer(response);
    assert.deepEqual(Object.keys(body), ['lead']);
    const { id, created_at: createdAt, ...rest } = body.lead;
    assert.equal(new Date(createdAt).toISOString(), createdAt);
    assert.deepEqual(rest, {
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone: '+44 20 7946 0000',
      company_name: 'Analytical Engines Ltd',
      source: 'Partner website form',
      employee: 'Grace',
      notes: 'Call after 3pm',
      business_id: 'GB123456',
      channels_id: PUBLIC_CHANNEL.id,
      status: 'New',
      lead_status_id: PUBLIC_CHANNEL.firstStatusId,
      properties: [
        { property_definitions_id: property.teamSize, value: '12' },
        // A definition hidden from Keen's UI is still a definition of the channel.
        { property_definitions_id: property.leadScore, value: 'high' },
      ],
    });

    const { leads, webhooks, notifications } = await readRecords();
    assert.equal(leads.length, 1);
    assert.equal(leads[0].action, 'create_lead');
    assert.deepEqual(leads[0].lead, body.lead);
    assert.equal(webhooks.length, 1);
    const { id: webhookId, created_at: webhookAt, ...webhook } = webhooks[0];
    assert.equal(typeof webhookId, 'string');
    assert.equal(new Date(webhookAt).toISOString(), webhookAt);
    assert.deepEqual(webhook, {
      channel_id: PUBLIC_CHANNEL.id,
      lead_id: id,
      url: PUBLIC_CHANNEL.webhookUrl,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body.lead,
    });
    assert.equal(notifications.length, 1);
    const { id: notificationId, created_at: notificationAt, ...notification } = notifications[0];
    assert.equal(typeof notificationId, 'string');
    assert.equal(new Date(notificationAt).toISOString(), notificationAt);
    assert.deepEqual(notification, {
      type: 'new_lead',
      company_id: COMPANY.northwind,
      channel_id: PUBLIC_CHANNEL.id,
      lead_id: id,
      message: 'New lead in Website leads (public): Ada Lovelace',
    });
  });

  test('a channel with its public API off is fine with a key; no webhook URL means no webhook, still a notification', async () => {
    const response = await postWithKey(emulator.url, API_KEY.northwind, createLead({ channel_id: PRIVATE_CHANNEL.uuid, email: 'p@example.com' }));
    assert.equal(response.status, 200);
    const { lead } = await readLeadAnswer(response);
    assert.equal(lead.channels_id, PRIVATE_CHANNEL.id);
    const { webhooks, notifications } = await readRecords();
    assert.deepEqual(webhooks, []);
    assert.deepEqual(
      notifications.map((/** @type {any} */ n) => [n.channel_id, n.lead_id, n.company_id, n.message]),
      [[PRIVATE_CHANNEL.id, lead.id, COMPANY.northwind, 'New lead in Partner portal (private): p@example.com']],
    );
  });

  test("a partner's key reaches the channel it refers to; the owner's team is notified", async () => {
    const response = await postWithKey(emulator.url, API_KEY.contoso, createLead({ channel_id: PUBLIC_CHANNEL.uuid }));
    assert.equal(response.status, 200);
    const { notifications, webhooks } = await readRecords();
    assert.equal(webhooks.length, 1);
    assert.equal(notifications[0].company_id, COMPANY.northwind);
    assert.equal(notifications[0].message, 'New lead in Website leads (public): a new contact');
  });

  test('each create_lead records its own webhook and notification, in order', async () => {
    const ids = [];
    for (const email of ['one@example.com', 'two@example.com']) {
      const response = await postWithKey(emulator.url, API_KEY.northwind, createLead({ email }));
      ids.push((await readLeadAnswer(response)).lead.id);
    }
    const { webhooks, notifications } = await readRecords();
    assert.deepEqual(webhooks.map((/** @type {any} */ w) => w.lead_id), ids);
    assert.deepEqual(notifications.map((/** @type {any} */ n) => n.lead_id), ids);
  });

  test('lead_external on the same channel: lead stored, no webhook, no notification', async () => {
    const response = await postLead(emulator.url, { action: 'lead_external', channel_id: PUBLIC_CHANNEL.id, email: 'x@example.com' });
    assert.equal(response.status, 200);
    const { leads, webhooks, notifications } = await readRecords();
    assert.deepEqual(
      leads.map((/** @type {any} */ entry) => entry.action),
      ['lead_external'],
    );
    assert.deepEqual([webhooks, notifications], [[], []]);
  });

  test('reset empties webhooks and notifications', async () => {
    await postWithKey(emulator.url, API_KEY.northwind, createLead());
    assert.deepEqual(await control(emulator.url, 'POST', '/__emulator/reset'), { ok: true });
    assert.deepEqual(await readRecords(), { leads: [], webhooks: [], notifications: [] });
  });
});

test('any of creator, partner, referring and receiving company gives access; no other company does', () => {
  const companies = ['creator', 'partner', 'referring', 'receiving', 'outsider'];
  const state = createEmulatorState({
    api_keys: companies.map((company) => ({ key: `key-${company}`, company_id: `company-${company}` })),
    channels: [
      {
        id: 'channel-1',
        uuid: 'channel-1-uuid',
        title: 'Roles',
        creator: 'company-creator',
        partner: 'company-partner',
        referring_id: 'company-referring',
        receiving_id: 'company-receiving',
        lead_status: [{ id: 'status-1', status: 'New', order: 1, visible: true, color: '#000000' }],
      },
    ],
  });
  const statuses = companies.map((company) => {
    const reply = handleRequest(state, {
      method: 'POST',
      path: API_PATH,
      headers: { 'content-type': 'application/json', 'x-api-key': `key-${company}` },
      body: Buffer.from(JSON.stringify({ action: 'create_lead', channel_id: 'channel-1' })),
    });
    assert.ok(!isFaultInstruction(reply));
    return [company, reply.status];
  });
  assert.deepEqual(statuses, [
    ['creator', 200],
    ['partner', 200],
    ['referring', 200],
    ['receiving', 200],
    ['outsider', 403],
  ]);
  // Whichever company sent the lead, the owner's (creator's) team is told.
  assert.deepEqual(
    state.notifications.map((notification) => notification.company_id),
    Array(4).fill('company-creator'),
  );
});

test('the API key is never echoed: not in any answer, header or record', async () => {
  const key = API_KEY.northwind;
  const requests = [
    createLead({ email: 'echo@example.com' }),
    createLead({ channel_id: FABRIKAM_CHANNEL.id }),
    createLead({ channel_id: UNKNOWN_CHANNEL_ID }),
    createLead({ email: 5 }),
    { action: 'get_channels' },
    { action: 'get_leads' },
    { action: 'nothing' },
  ];
  /** @type {{ status: number, text: string }[]} */
  const answers = [];
  for (const payload of requests) {
    const response = await postWithKey(emulator.url, key, payload);
    answers.push({ status: response.status, text: JSON.stringify([...response.headers]) + (await response.text()) });
  }
  // A wrong key that looks like the right one is not echoed either.
  const wrong = `${key}-but-wrong`;
  const refused = await postWithKey(emulator.url, wrong, createLead());
  answers.push({ status: refused.status, text: JSON.stringify([...refused.headers]) + (await refused.text()) });

  assert.deepEqual(
    answers.map((answer) => answer.status),
    [200, 403, 404, 400, 200, 501, 400, 401],
  );
  for (const answer of answers) {
    assert.ok(!answer.text.includes(key), answer.text);
    assert.ok(!answer.text.includes(wrong), answer.text);
  }
  const { webhooks, notifications } = await readRecords();
  assert.equal(webhooks.length, 1);
  assert.ok(!JSON.stringify({ webhooks, notifications }).includes(key));
});
