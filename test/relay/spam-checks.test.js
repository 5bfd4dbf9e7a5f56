// @ts-check
/*
 * The relay's spam checks, in Node (memory and Redis stores) and in workerd:
 * proof of work (a solved challenge passes; missing, expired, forged, wrong
 * and replayed ones are refused and nothing reaches Keen), the honeypot, the
 * order honeypot → challenge → rate limit, and each captcha provider checked
 * against a local fake siteverify API. The challenge key is known to the test
 * so it can make expired and forged challenges the way an attacker could not.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createChallenge, solveChallenge } from 'altcha-lib/v1';
import { startEmulator } from '../../emulator/server.js';
import { FAKE_SECRET, GOOD_TOKEN_PREFIX, startFakeSiteverify } from '../support/fake-siteverify.js';
import { PAGE_ORIGIN, RUNTIMES, keenLeads, keenRequests, postLead, startNodeRelay } from './relay-harness.js';

const HMAC_KEY = 'test-challenge-key-shared-by-instances';
/** Small, so the tests' solver (altcha-lib, one hash at a time) takes milliseconds; the widget's default is 100 000. */
const MAX_NUMBER = 5000;
const LIMIT = 2;
const LEAD = { action: 'lead_external', first_name: 'Ada', email: 'ada@example.com' };

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
/** @type {Awaited<ReturnType<typeof startFakeSiteverify>>} */
let siteverify;
before(async () => {
  emulator = await startEmulator({ port: 0 });
  siteverify = await startFakeSiteverify();
});
after(async () => {
  await emulator.close();
  await siteverify.close();
});
beforeEach(async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  siteverify.up();
  siteverify.calls.length = 0;
});

let clientNumber = 0;
function nextAddress() {
  clientNumber += 1;
  return `198.51.100.${clientNumber}`;
}

/**
 * A challenge as the widget gets it, solved as the widget solves it: the base64 JSON payload.
 * @param {{ algorithm: string, challenge: string, maxnumber?: number, salt: string, signature: string }} challenge
 * @param {number} [numberOffset]  +1 makes a wrong answer
 */
async function solve(challenge, numberOffset = 0) {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  assert.ok(solution, 'the challenge is solvable');
  const payload = { algorithm: challenge.algorithm, challenge: challenge.challenge, number: solution.number + numberOffset, salt: challenge.salt, signature: challenge.signature };
  return btoa(JSON.stringify(payload));
}

/** @param {string} relayUrl */
async function fetchChallenge(relayUrl) {
  const response = await fetch(`${relayUrl}/?action=challenge`, { headers: { Origin: PAGE_ORIGIN } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
  return /** @type {{ algorithm: string, challenge: string, maxnumber: number, salt: string, signature: string }} */ (await response.json());
}

/**
 * @param {string} url
 * @param {string} address
 * @param {Record<string, unknown>} verification
 * @param {string} addressHeader
 */
function postVerified(url, address, verification, addressHeader) {
  return postLead(url, { body: JSON.stringify({ ...LEAD, verification }), headers: { [addressHeader]: address } });
}

/**
 * @param {Response} response
 * @param {number} status
 * @param {string} refused
 * @param {boolean} renew
 */
async function assertSpamRefusal(response, status, refused, renew) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  const body = JSON.parse(text);
  assert.equal(body.refused, refused, text);
  assert.equal(typeof body.error, 'string');
  assert.equal(body.renew === true, renew, `renew in ${text}`);
  assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN, 'the widget can read the refusal');
}

for (const runtime of RUNTIMES) {
  describe(`proof of work in ${runtime.name}`, () => {
    /** @type {import('./relay-harness.js').RunningRelay} */
    let relay;
    before(async () => {
      relay = await runtime.start({
        endpoint: `${emulator.url}/functions/v1/keen-api`,
        rateLimit: { max: LIMIT, windowMs: 60_000 },
        challenge: { hmacKey: HMAC_KEY, maxNumber: MAX_NUMBER },
      });
    });
    after(() => relay.close());
    const post = (/** @type {string} */ address, /** @type {Record<string, unknown>} */ verification) =>
      postVerified(relay.url, address, verification, runtime.addressHeader);

    test('a solved challenge passes; the lead is stored without the verification', async () => {
      const challenge = await fetchChallenge(relay.url);
      assert.equal(challenge.algorithm, 'SHA-256');
      assert.match(challenge.salt, /\?expires=\d+&$/, 'the challenge expires');
      const response = await post(nextAddress(), { honeypot: '', altcha: await solve(challenge) });
      assert.equal(response.status, 200, await response.clone().text());
      const leads = await keenLeads(emulator.url);
      assert.equal(leads.length, 1);
      assert.deepEqual(Object.keys(JSON.parse(leads[0]?.request.body ?? '{}')).sort(), ['action', 'channel_id', 'email', 'first_name']);
    });

    test('a missing solution is refused with renew, nothing forwarded', async () => {
      await assertSpamRefusal(await post(nextAddress(), { honeypot: '' }), 403, 'challenge', true);
      await assertSpamRefusal(await postLead(relay.url, { headers: { [runtime.addressHeader]: nextAddress() } }), 403, 'challenge', true);
      assert.deepEqual(await keenRequests(emulator.url), []);
    });

    test('an expired solution is refused with renew, nothing forwarded', async () => {
      const expired = await createChallenge({ hmacKey: HMAC_KEY, maxnumber: MAX_NUMBER, expires: new Date(Date.now() - 1000) });
      await assertSpamRefusal(await post(nextAddress(), { honeypot: '', altcha: await solve(expired) }), 403, 'challenge', true);
      assert.deepEqual(await keenRequests(emulator.url), []);
    });

    test('a forged (wrong key), a wrong number and garbage are refused for good, nothing forwarded', async () => {
      const forged = await createChallenge({ hmacKey: 'not-the-relays-key', maxnumber: MAX_NUMBER, expires: new Date(Date.now() + 60_000) });
      await assertSpamRefusal(await post(nextAddress(), { honeypot: '', altcha: await solve(forged) }), 403, 'challenge', false);
      await assertSpamRefusal(await post(nextAddress(), { honeypot: '', altcha: await solve(await fetchChallenge(relay.url), 1) }), 403, 'challenge', false);
      await assertSpamRefusal(await post(nextAddress(), { honeypot: '', altcha: 'bm90IGpzb24=' }), 403, 'challenge', false);
      assert.deepEqual(await keenRequests(emulator.url), []);
    });

    test('a replayed solution is refused for good: one solved challenge buys one lead', async () => {
      const solution = await solve(await fetchChallenge(relay.url));
      assert.equal((await post(nextAddress(), { honeypot: '', altcha: solution })).status, 200);
      await assertSpamRefusal(await post(nextAddress(), { honeypot: '', altcha: solution }), 403, 'challenge', false);
      assert.equal((await keenLeads(emulator.url)).length, 1);
    });

    test('a filled honeypot is refused before the challenge is even looked at, nothing forwarded', async () => {
      const solution = await solve(await fetchChallenge(relay.url));
      await assertSpamRefusal(await post(nextAddress(), { honeypot: 'http://spam.example', altcha: solution }), 403, 'honeypot', false);
      await assertSpamRefusal(await post(nextAddress(), { honeypot: 'x' }), 403, 'honeypot', false);
      assert.deepEqual(await keenRequests(emulator.url), []);
      // The honeypot refusal did not use the solution up.
      assert.equal((await post(nextAddress(), { honeypot: '', altcha: solution })).status, 200);
    });

    test(`spam does not use up the rate limit: ${LIMIT + 2} refused posts, then ${LIMIT} real leads pass, then 429`, async () => {
      const address = nextAddress();
      await assertSpamRefusal(await post(address, { honeypot: 'bot' }), 403, 'honeypot', false);
      await assertSpamRefusal(await post(address, { honeypot: '' }), 403, 'challenge', true);
      await assertSpamRefusal(await post(address, { honeypot: '', altcha: 'e30=' }), 403, 'challenge', false);
      await assertSpamRefusal(await post(address, { honeypot: '', altcha: await solve(await fetchChallenge(relay.url), 1) }), 403, 'challenge', false);
      for (let lead = 0; lead < LIMIT; lead += 1) {
        assert.equal((await post(address, { honeypot: '', altcha: await solve(await fetchChallenge(relay.url)) })).status, 200);
      }
      const limited = await post(address, { honeypot: '', altcha: await solve(await fetchChallenge(relay.url)) });
      assert.equal(limited.status, 429, await limited.clone().text());
      assert.equal(/** @type {{ refused?: string }} */ (await limited.json()).refused, undefined, 'a rate limit is not a spam refusal: the widget retries it');
      assert.equal((await keenLeads(emulator.url)).length, LIMIT);
    });

    test('a challenge from another site is refused; the relay answers GET only for ?action=challenge', async () => {
      const other = await fetch(`${relay.url}/?action=challenge`, { headers: { Origin: 'https://evil.example' } });
      assert.equal(other.status, 403);
      assert.equal(other.headers.get('access-control-allow-origin'), null);
      const sameOrigin = await fetch(`${relay.url}/?action=challenge`);
      assert.equal(sameOrigin.status, 200, 'a same-origin GET carries no Origin');
      assert.equal((await postLead(relay.url, { method: 'GET' })).status, 405);
    });
  });
}

describe('a challenge key shared by two instances', () => {
  test('a challenge from one instance verifies on the other, and a replay across them is refused (Redis)', async () => {
    const { startRedisServer } = await import('./relay-harness.js');
    const redis = await startRedisServer();
    const spec = { endpoint: `${emulator.url}/functions/v1/keen-api`, rateLimit: false, challenge: { hmacKey: HMAC_KEY, maxNumber: MAX_NUMBER }, redisUrl: redis.url };
    const first = await startNodeRelay(/** @type {any} */ (spec));
    const second = await startNodeRelay(/** @type {any} */ (spec));
    try {
      const solution = await solve(await fetchChallenge(first.url));
      assert.equal((await postVerified(second.url, nextAddress(), { honeypot: '', altcha: solution }, 'x-real-ip')).status, 200);
      await assertSpamRefusal(await postVerified(first.url, nextAddress(), { honeypot: '', altcha: solution }, 'x-real-ip'), 403, 'challenge', false);
    } finally {
      await first.close();
      await second.close();
      await redis.stop();
    }
  });
});

describe('counters and log lines', () => {
  test('count each outcome by reason; the log line names the reason and holds no personal data', async () => {
    /** @type {string[]} */
    const lines = [];
    /** @type {import('../../dist/lib/relay/index.js').Relay | undefined} */
    let handler;
    const relay = await startNodeRelay({
      endpoint: `${emulator.url}/functions/v1/keen-api`,
      rateLimit: { max: 1, windowMs: 60_000 },
      challenge: { hmacKey: HMAC_KEY, maxNumber: MAX_NUMBER },
      trustProxyHeader: 'x-real-ip',
      log: (line) => lines.push(line),
      onRelay: (created) => {
        handler = created;
      },
    });
    try {
      const address = '203.0.113.77';
      await postVerified(relay.url, address, { honeypot: 'bot' }, 'x-real-ip');
      await postVerified(relay.url, address, { honeypot: '' }, 'x-real-ip');
      await postVerified(relay.url, address, { honeypot: '', altcha: await solve(await fetchChallenge(relay.url)) }, 'x-real-ip');
      await postVerified(relay.url, address, { honeypot: '', altcha: await solve(await fetchChallenge(relay.url)) }, 'x-real-ip');
      assert.ok(handler);
      assert.deepEqual(handler.counters(), { forwarded: 1, preflight: 0, challenge: 2, fields: 0, formPosts: 0, refused: { honeypot: 1, challenge: 1, 'rate-limit': 1 } });
      const refusals = lines.map((line) => JSON.parse(line)).filter((event) => event.outcome === 'refused');
      assert.deepEqual(refusals.map((event) => event.refused), ['honeypot', 'challenge', 'rate-limit']);
      const { formatRelayEvent } = await import('../../dist/lib/relay/index.js');
      const logLines = lines.map((line) => formatRelayEvent(JSON.parse(line)));
      assert.match(logLines[0] ?? '', /^\S+Z 403 refused \[honeypot\] \d+ms Refused as spam/);
      for (const line of logLines) {
        assert.doesNotMatch(line, /ada@example\.com|Ada|203\.0\.113/, `no email, name or address in ${line}`);
      }
    } finally {
      await relay.close();
    }
  });
});

const PROVIDERS = /** @type {const} */ (['turnstile', 'hcaptcha', 'friendlycaptcha']);
const CAPTCHA_RUNTIMES = RUNTIMES.filter((runtime) => runtime.name !== 'Node, Redis store');

for (const provider of PROVIDERS) {
  for (const runtime of CAPTCHA_RUNTIMES) {
    describe(`${provider} in ${runtime.name}`, () => {
      /** @type {import('./relay-harness.js').RunningRelay} */
      let relay;
      before(async () => {
        relay = await runtime.start({
          endpoint: `${emulator.url}/functions/v1/keen-api`,
          rateLimit: { max: 100, windowMs: 60_000 },
          // A captcha replaces the proof of work, even when a challenge key is set.
          challenge: { hmacKey: HMAC_KEY, maxNumber: MAX_NUMBER },
          captcha: { provider, secret: FAKE_SECRET, sitekey: 'fake-sitekey', siteverifyUrl: siteverify.siteverifyUrl(provider) },
        });
      });
      after(() => relay.close());
      const post = (/** @type {Record<string, unknown>} */ verification) => postVerified(relay.url, nextAddress(), verification, runtime.addressHeader);

      test('a good token is checked with the secret and the lead is stored', async () => {
        const token = `${GOOD_TOKEN_PREFIX}${provider}-1`;
        const response = await post({ honeypot: '', captcha: { provider, token } });
        assert.equal(response.status, 200, await response.clone().text());
        assert.equal((await keenLeads(emulator.url)).length, 1);
        const [call] = siteverify.calls;
        assert.equal(call?.provider, provider);
        assert.equal(call?.secret, FAKE_SECRET);
        assert.equal(call?.response, token);
        if (provider !== 'turnstile') assert.equal(call?.sitekey, 'fake-sitekey');
      });

      test('a bad or missing token is refused for good, nothing forwarded', async () => {
        await assertSpamRefusal(await post({ honeypot: '', captcha: { provider, token: 'made-up' } }), 403, 'captcha', false);
        await assertSpamRefusal(await post({ honeypot: '' }), 403, 'captcha', false);
        await assertSpamRefusal(await post({ honeypot: '', captcha: { provider: 'other', token: `${GOOD_TOKEN_PREFIX}x` } }), 403, 'captcha', false);
        assert.deepEqual(await keenRequests(emulator.url), []);
      });

      test('siteverify down: 503 (the widget keeps the lead and retries), nothing forwarded', async () => {
        siteverify.down();
        const response = await post({ honeypot: '', captcha: { provider, token: `${GOOD_TOKEN_PREFIX}down` } });
        assert.equal(response.status, 503, await response.clone().text());
        assert.deepEqual(await keenRequests(emulator.url), []);
      });
    });
  }
}

test('a wrong captcha secret is the operator\'s mistake: 503, never a refusal that would lose the lead', async () => {
  const relay = await startNodeRelay({
    endpoint: `${emulator.url}/functions/v1/keen-api`,
    rateLimit: false,
    captcha: { provider: 'turnstile', secret: 'wrong', siteverifyUrl: siteverify.siteverifyUrl('turnstile') },
  });
  try {
    const response = await postVerified(relay.url, nextAddress(), { honeypot: '', captcha: { provider: 'turnstile', token: `${GOOD_TOKEN_PREFIX}1` } }, 'x-real-ip');
    assert.equal(response.status, 503);
    assert.deepEqual(await keenRequests(emulator.url), []);
  } finally {
    await relay.close();
  }
});
