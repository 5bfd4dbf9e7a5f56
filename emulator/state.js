// @ts-check
/*
 * The emulator's in-memory Keen: channels, companies and API keys seeded from
 * a fixture, plus everything the API records (leads, webhooks, notifications,
 * attempts) and the faults queued by tests. Lookups Keen does by id live here.
 */

/**
 * @typedef {import('./types.js').Channel} Channel
 * @typedef {import('./types.js').EmulatorState} EmulatorState
 * @typedef {import('./types.js').Fixture} Fixture
 * @typedef {import('./types.js').FixtureChannel} FixtureChannel
 * @typedef {import('./types.js').ApiKey} ApiKey
 */

/**
 * @param {Fixture} fixture
 * @returns {EmulatorState}
 */
export function createEmulatorState(fixture) {
  if (!fixture || !Array.isArray(fixture.channels)) {
    throw new TypeError('Emulator fixture needs a "channels" array');
  }
  const copy = structuredClone(fixture);
  return {
    channels: copy.channels.map(normaliseChannel),
    companies: copy.companies ?? [],
    apiKeys: copy.api_keys ?? [],
    leads: [],
    webhooks: [],
    notifications: [],
    requests: [],
    faults: [],
  };
}

/**
 * Empties everything recorded; the seeded data stays.
 * @param {EmulatorState} state
 */
export function resetRecords(state) {
  state.leads.length = 0;
  state.webhooks.length = 0;
  state.notifications.length = 0;
  state.requests.length = 0;
  state.faults.length = 0;
}

/**
 * Fills what a fixture may leave out, and reads the emulator's first fixture
 * format (`name`, `lead_statuses[].name`) so custom fixtures written for it
 * keep working.
 * @param {FixtureChannel} channel
 * @returns {Channel}
 */
function normaliseChannel(channel) {
  const { name, lead_statuses: legacyStatuses, ...rest } = channel;
  return {
    title: name ?? '',
    created_at: '1970-01-01T00:00:00.000Z',
    creator: null,
    partner: null,
    referring_id: null,
    receiving_id: null,
    currency: 'EUR',
    no_auth_api: false,
    webhook_new_lead: null,
    property_definitions: [],
    lead_status: (legacyStatuses ?? []).map(({ id, name: status, order }) => ({
      id,
      status,
      order,
      visible: true,
      color: '#6b7280',
    })),
    ...rest,
  };
}

/**
 * Ids are uuids, which Postgres compares case-insensitively.
 * @param {Channel[]} channels
 * @param {string} channelId  the primary id or the public uuid
 */
export function findChannel(channels, channelId) {
  const wanted = channelId.toLowerCase();
  return channels.find((channel) => channel.id.toLowerCase() === wanted || channel.uuid.toLowerCase() === wanted);
}

/**
 * @param {EmulatorState} state
 * @param {string | undefined} key  the X-Api-Key header as received
 * @returns {ApiKey | undefined}
 */
export function findApiKey(state, key) {
  if (key === undefined || key === '') return undefined;
  return state.apiKeys.find((candidate) => candidate.key === key);
}

/**
 * Keen lets a key reach a channel when the key's company is any of these.
 * @param {Channel} channel
 * @param {string} companyId
 */
export function canCompanyAccess(channel, companyId) {
  return [channel.creator, channel.partner, channel.referring_id, channel.receiving_id].includes(companyId);
}
