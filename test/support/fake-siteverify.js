// @ts-check
/*
 * A local stand-in for the three captcha providers' siteverify APIs, on a
 * free port: POST /turnstile and /hcaptcha take a form (secret, response,
 * remoteip, sitekey), POST /friendlycaptcha takes JSON { response, sitekey }
 * with X-API-Key, and each answers as its provider does. A token is good when
 * it starts with "fake-pass-" (what the fake provider scripts hand out) and
 * the secret is the one the fake was started with. `down()` makes it answer
 * 502, like a provider outage behind its CDN.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';

export const FAKE_SECRET = 'fake-siteverify-secret';
export const GOOD_TOKEN_PREFIX = 'fake-pass-';

/**
 * @typedef {{ provider: string, secret: string, response: string, sitekey?: string, remoteip?: string }} SiteverifyCall
 */

/** @param {import('node:http').IncomingMessage} request */
async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeSiteverify() {
  /** @type {SiteverifyCall[]} */
  const calls = [];
  let failing = false;
  const server = createServer(async (request, response) => {
    const provider = (request.url ?? '').split('?')[0]?.slice(1) ?? '';
    const text = await readBody(request);
    const send = (/** @type {number} */ status, /** @type {unknown} */ body) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (failing) return send(502, { error: 'bad gateway' });
    if (request.method !== 'POST') return send(405, { error: 'POST only' });
    if (provider === 'friendlycaptcha') {
      const body = JSON.parse(text);
      const secret = String(request.headers['x-api-key'] ?? '');
      calls.push({ provider, secret, response: body.response, sitekey: body.sitekey });
      if (secret !== FAKE_SECRET) return send(401, { success: false, error: { error_code: 'auth_invalid', detail: 'bad key' } });
      if (typeof body.response !== 'string' || !body.response.startsWith(GOOD_TOKEN_PREFIX)) {
        return send(200, { success: false, error: { error_code: 'response_invalid', detail: 'invalid response' } });
      }
      return send(200, { success: true, data: { challenge: { timestamp: new Date().toISOString(), origin: 'https://shop.example' } } });
    }
    if (provider !== 'turnstile' && provider !== 'hcaptcha') return send(404, { error: 'unknown provider' });
    const form = new URLSearchParams(text);
    /** @type {SiteverifyCall} */
    const call = { provider, secret: form.get('secret') ?? '', response: form.get('response') ?? '' };
    const sitekey = form.get('sitekey');
    if (sitekey !== null) call.sitekey = sitekey;
    const remoteip = form.get('remoteip');
    if (remoteip !== null) call.remoteip = remoteip;
    calls.push(call);
    if (call.secret !== FAKE_SECRET) return send(200, { success: false, 'error-codes': ['invalid-input-secret'] });
    if (!call.response.startsWith(GOOD_TOKEN_PREFIX)) return send(200, { success: false, 'error-codes': ['invalid-input-response'] });
    return send(200, { success: true, challenge_ts: new Date().toISOString(), hostname: 'shop.example', 'error-codes': [] });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    /** @param {'turnstile' | 'hcaptcha' | 'friendlycaptcha'} provider */
    siteverifyUrl: (provider) => `${url}/${provider}`,
    calls,
    down() {
      failing = true;
    },
    up() {
      failing = false;
    },
    async close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
