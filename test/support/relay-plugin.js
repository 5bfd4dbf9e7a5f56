// @ts-check
import { startNodeRelay, startWorkerdRelay } from '../relay/relay-harness.js';
import { FAKE_SECRET, startFakeSiteverify } from './fake-siteverify.js';

/** The channel the relays add server-side; the test pages never contain it. */
const RELAY_CHANNEL_ID = 'c0ffee00-0000-4000-8000-000000000001';
/** The fixture's key of that channel's company, for get_channels (`?action=fields`). */
const RELAY_FIELDS_KEY = 'keen-emulator-key-northwind';

/** Proxy number → the relay's URL, for {@link relayProxyMiddleware}. */
const proxied = new Map();

/**
 * The relays on the test page's own origin at `/__relay/<n>/`: a plain
 * proxy that keeps the method, body, Origin and Referer, so a test can read
 * the HTML page a no-script form post navigates to in an iframe. A config
 * `middleware` (a plugin's serverStart is too late: Koa has composed by then).
 * @type {import('@web/dev-server-core').Middleware}
 */
export async function relayProxyMiddleware(ctx, next) {
  const match = /^\/__relay\/(\d+)\//.exec(ctx.path);
  const target = match === null ? undefined : proxied.get(match[1] ?? '');
  if (target === undefined) return next();
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  /** @type {Record<string, string>} */
  const headers = {};
  for (const name of ['content-type', 'origin', 'referer', 'accept-language']) {
    const value = ctx.get(name);
    if (value !== '') headers[name] = value;
  }
  // The relay sees the proxy's path, so the forms on its pages post back through the proxy.
  const response = await fetch(new URL(ctx.url, target), {
    method: ctx.method,
    headers,
    redirect: 'manual',
    ...(chunks.length === 0 ? {} : { body: Buffer.concat(chunks) }),
  });
  ctx.status = response.status;
  for (const [name, value] of response.headers) if (name !== 'content-length' && name !== 'content-encoding') ctx.set(name, value);
  ctx.body = Buffer.from(await response.arrayBuffer());
}

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
 * Each relay is also reachable on the test page's own origin at
 * `samePath` (`/__relay/<n>/`, through {@link relayProxyMiddleware}).
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
      const url = (await relay).url;
      let number = [...proxied].find(([, target]) => target === url)?.[0];
      if (number === undefined) {
        number = String(proxied.size + 1);
        proxied.set(number, url);
      }
      return { url, channelId: RELAY_CHANNEL_ID, samePath: `/__relay/${number}/` };
    },
    async serverStop() {
      await Promise.all([...running.values()].map(async (relay) => (await relay).close()));
      running.clear();
      proxied.clear();
      if (siteverify !== undefined) await (await siteverify).close();
      siteverify = undefined;
    },
  };
}
