// @ts-check
import { startNodeRelay, startWorkerdRelay } from '../relay/relay-harness.js';
import { FAKE_SECRET, startFakeSiteverify } from './fake-siteverify.js';

/** The channel the relays add server-side; the test pages never contain it. */
const RELAY_CHANNEL_ID = 'c0ffee00-0000-4000-8000-000000000001';
/** The fixture's key of that channel's company, for get_channels (`?action=fields`). */
const RELAY_FIELDS_KEY = 'keen-emulator-key-northwind';

/**
 * Starts relays for browser tests: `executeServerCommand('relay-start', {
 * runtime: 'node' | 'workerd', emulatorUrl, origin, channelFields?, instance?, challenge?, captcha? })`
 * → `{ url, channelId }`, a relay in front of that emulator that allows the
 * test page's origin; `channelFields: true` gives it the fixture company's
 * key and turns on `?action=fields`; the proof of work is on (the product's
 * default) unless `challenge: false`, or it checks `captcha: { provider,
 * siteverifyUrl }` tokens. One per test file, runtime, spam check and
 * `instance` name (a fresh server-side fields cache); all stopped when the
 * runner stops. `siteverify-start` → `{ url }` starts the fake captcha
 * siteverify (test/support/fake-siteverify.js) for the captcha relays.
 * @returns {import('@web/test-runner').TestRunnerPlugin<unknown>}
 */
export function relayPlugin() {
  /** @type {Map<string, Promise<import('../relay/relay-harness.js').RunningRelay>>} */
  const running = new Map();
  /** @type {ReturnType<typeof startFakeSiteverify> | undefined} */
  let siteverify;
  return {
    name: 'keen-relay',
    async executeCommand({ command, payload, session }) {
      if (command === 'siteverify-start') {
        // One fake siteverify for the run: `{ url }`; POST <url>/<provider>.
        siteverify ??= startFakeSiteverify();
        return { url: (await siteverify).url };
      }
      if (command !== 'relay-start') return undefined;
      const { runtime, emulatorUrl, origin, channelFields = false, instance = '', challenge, captcha } =
        /** @type {{ runtime: 'node' | 'workerd', emulatorUrl: string, origin: string, channelFields?: boolean, instance?: string, challenge?: false | { expiresInMs?: number, maxNumber?: number }, captcha?: { provider: 'turnstile' | 'hcaptcha' | 'friendlycaptcha', siteverifyUrl: string } }} */ (payload);
      const key = `${session.id} ${runtime} ${channelFields} ${instance} ${JSON.stringify(challenge ?? {})} ${captcha?.provider ?? ''}`;
      let relay = running.get(key);
      if (relay === undefined) {
        const spec = {
          endpoint: `${emulatorUrl}/functions/v1/keen-api`,
          channelId: RELAY_CHANNEL_ID,
          allowedOrigins: [origin],
          ...(channelFields ? { apiKey: RELAY_FIELDS_KEY, mode: /** @type {const} */ ('lead_external'), channelFields: true } : {}),
          // 10 000 rather than the default 100 000: this shared test machine hashes ~5x slower than a visitor's phone.
          challenge: challenge === false ? /** @type {const} */ (false) : { maxNumber: 10_000, ...challenge },
          ...(captcha === undefined ? {} : { captcha: { ...captcha, secret: FAKE_SECRET, sitekey: 'fake-sitekey' } }),
        };
        relay = runtime === 'workerd' ? startWorkerdRelay(spec) : startNodeRelay(spec);
        running.set(key, relay);
      }
      return { url: (await relay).url, channelId: RELAY_CHANNEL_ID };
    },
    async serverStop() {
      await Promise.all([...running.values()].map(async (relay) => (await relay).close()));
      running.clear();
      if (siteverify !== undefined) await (await siteverify).close();
      siteverify = undefined;
    },
  };
}
