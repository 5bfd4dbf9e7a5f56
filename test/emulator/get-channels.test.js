// @ts-check
// get_channels as keen-api.md describes it: Keen's channel shape (`title`,
// `lead_status[].status`), only the channels the key's company belongs to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_KEY, COMPANY, FABRIKAM_CHANNEL, PRIVATE_CHANNEL, PUBLIC_CHANNEL, postWithKey, useEmulator } from './emulator-http.js';

const emulator = useEmulator();

/** @param {string | undefined} key */
async function getChannels(key, extra = {}) {
  const response = await postWithKey(emulator.url, key, { action: 'get_channels', ...extra });
  return { status: response.status, body: /** @type {any} */ (await response.json()) };
}

test('no key or a wrong key: 401 Invalid API key', async () => {
  assert.deepEqual(await getChannels(undefined), { status: 401, body: { error: 'Invalid API key' } });
  assert.deepEqual(await getChannels('keen-emulator-key-nobody'), { status: 401, body: { error: 'Invalid API key' } });
});

test("the owner's channels, in Keen's documented shape and nothing more", async () => {
  const { status, body } = await getChannels(API_KEY.northwind);
  assert.equal(status, 200);
  assert.deepEqual(Object.keys(body), ['channels']);
  assert.deepEqual(
    body.channels.map((/** @type {any} */ channel) => channel.id),
    [PUBLIC_CHANNEL.id, PRIVATE_CHANNEL.id],
  );
  const [website] = body.channels;
  // Field order as Keen's docs list them; no uuid, no webhook URL, no `name`.
  assert.deepEqual(Object.keys(website), [
    'id',
    'title',
    'created_at',
    'referring_id',
    'receiving_id',
    'creator',
    'partner',
    'currency',
    'no_auth_api',
    'property_definitions',
    'lead_status',
  ]);
  assert.deepEqual(
    { ...website, property_definitions: undefined, lead_status: undefined },
    {
      id: PUBLIC_CHANNEL.id,
      title: 'Website leads (public)',
      created_at: '2025-01-15T09:30:00.000Z',
      referring_id: COMPANY.contoso,
      receiving_id: COMPANY.northwind,
      creator: COMPANY.northwind,
      partner: COMPANY.contoso,
      currency: 'DKK',
      no_auth_api: true,
      property_definitions: undefined,
      lead_status: undefined,
    },
  );
  assert.deepEqual(website.property_definitions[2], {
    id: PUBLIC_CHANNEL.property.industry,
    name: 'Industry',
    type: 'select',
    order: 3,
    visible: true,
    options: ['Software', 'Retail', 'Manufacturing', 'Other'],
  });
  assert.deepEqual(website.property_definitions[6], {
    id: PUBLIC_CHANNEL.property.leadScore,
    name: 'Lead score',
    type: 'number',
    order: 7,
    visible: false,
  });
  for (const definition of website.property_definitions) {
    assert.deepEqual(
      Object.keys(definition),
      definition.type === 'select' ? ['id', 'name', 'type', 'order', 'visible', 'options'] : ['id', 'name', 'type', 'order', 'visible'],
    );
  }
  assert.deepEqual(website.lead_status, [
    { id: 'd0000000-0000-4000-8000-000000000002', status: 'Contacted', order: 2, visible: true, color: '#2563eb' },
    { id: PUBLIC_CHANNEL.firstStatusId, status: 'New', order: 1, visible: true, color: '#16a34a' },
    { id: 'd0000000-0000-4000-8000-000000000004', status: 'Archived', order: 9, visible: false, color: '#6b7280' },
  ]);
  assert.equal(body.channels[1].no_auth_api, false);
});

test("a partner sees only the channel it is partner of; another company only its own", async () => {
  const contoso = await getChannels(API_KEY.contoso);
  assert.deepEqual(
    contoso.body.channels.map((/** @type {any} */ channel) => channel.id),
    [PUBLIC_CHANNEL.id],
  );
  const fabrikam = await getChannels(API_KEY.fabrikam);
  assert.deepEqual(
    fabrikam.body.channels.map((/** @type {any} */ channel) => [channel.id, channel.title, channel.lead_status[0].status]),
    [[FABRIKAM_CHANNEL.id, 'Fabrikam store referrals', 'Received']],
  );
});

test('fields besides action are ignored', async () => {
  const plain = await getChannels(API_KEY.fabrikam);
  const withExtras = await getChannels(API_KEY.fabrikam, { channel_id: PUBLIC_CHANNEL.id, limit: 1 });
  assert.deepEqual(withExtras, plain);
});
