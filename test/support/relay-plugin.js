// @ts-check
import { startNodeRelay, startWorkerdRelay } from '../relay/relay-harness.js';

/** The channel the relays add server-side; the test pages never contain it. */
const RELAY_CHANNEL_ID = 'c0ffee00-0000-4000-8000-000000000001';
/** The fixture's key of that channel's company, for get_channels (`?action=fields`). */
const RELAY_FIELDS_KEY = 'keen-emulator-key-northwind';

/**
 * Starts relays for browser tests: `executeServerCommand('relay-start', {
 * runtime: 'node' | 'workerd', emulatorUrl, origin, channelFields?, instance? })`
 * → `{ url, channelId }`, a relay in front of that emulator that allows the
 * test page's origin; `channelFields: true` gives it the fixture company's
 * key and turns on `?action=fields`. One per test file, runtime and
 * `instance` name (a fresh server-side fields cache); all stopped when the
 * runner stops.
 * @returns {import('@web/test-runner').TestRunnerPlugin<unknown>}
 */
export function relayPlugin() {
  /** @type {Map<string, Promise<import('../relay/relay-harness.js').RunningRelay>>} */
  const running = new Map();
  return {
    name: 'keen-relay',
    async executeCommand({ command, payload, session }) {
      if (command !== 'relay-start') return undefined;
      const { runtime, emulatorUrl, origin, channelFields = false, instance = '' } =
        /** @type {{ runtime: 'node' | 'workerd', emulatorUrl: string, origin: string, channelFields?: boolean, instance?: string }} */ (payload);
      const key = `${session.id} ${runtime} ${channelFields} ${instance}`;
      let relay = running.get(key);
      if (relay === undefined) {
        const spec = {
          endpoint: `${emulatorUrl}/functions/v1/keen-api`,
          channelId: RELAY_CHANNEL_ID,
          allowedOrigins: [origin],
          ...(channelFields ? { apiKey: RELAY_FIELDS_KEY, mode: /** @type {const} */ ('lead_external'), channelFields: true } : {}),
        };
        relay = runtime === 'workerd' ? startWorkerdRelay(spec) : startNodeRelay(spec);
        running.set(key, relay);
      }
      return { url: (await relay).url, channelId: RELAY_CHANNEL_ID };
    },
    async serverStop() {
      await Promise.all([...running.values()].map(async (relay) => (await relay).close()));
      running.clear();
    },
  };
}
