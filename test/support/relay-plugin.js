// @ts-check
import { startNodeRelay, startWorkerdRelay } from '../relay/relay-harness.js';

/** The channel the relays add server-side; the test pages never contain it. */
const RELAY_CHANNEL_ID = 'c0ffee00-0000-4000-8000-000000000001';

/**
 * Starts relays for browser tests: `executeServerCommand('relay-start', {
 * runtime: 'node' | 'workerd', emulatorUrl, origin })` → `{ url, channelId }`,
 * a relay in front of that emulator that allows the test page's origin. One
 * per test file and runtime; all stopped when the runner stops.
 * @returns {import('@web/test-runner').TestRunnerPlugin<unknown>}
 */
export function relayPlugin() {
  /** @type {Map<string, Promise<import('../relay/relay-harness.js').RunningRelay>>} */
  const running = new Map();
  return {
    name: 'keen-relay',
    async executeCommand({ command, payload, session }) {
      if (command !== 'relay-start') return undefined;
      const { runtime, emulatorUrl, origin } = /** @type {{ runtime: 'node' | 'workerd', emulatorUrl: string, origin: string }} */ (payload);
      const key = `${session.id} ${runtime}`;
      let relay = running.get(key);
      if (relay === undefined) {
        const spec = { endpoint: `${emulatorUrl}/functions/v1/keen-api`, channelId: RELAY_CHANNEL_ID, allowedOrigins: [origin] };
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
