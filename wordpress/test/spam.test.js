// @ts-check
/**
 * The WordPress relay's spam checks (shared contract C): the proof-of-work
 * challenge it issues and verifies (solved here with node:crypto, as the
 * widget does with crypto.subtle), the honeypot, the captcha providers
 * against a local fake siteverify server, the order honeypot → challenge →
 * rate limit, the refusal counters on the settings page and the log lines,
 * and the attributes the shortcode and block print (challenge, consent).
 * Nothing refused may reach Keen: the emulator's request log says so.
 * WordPress 6.5 on PHP 8.3, one site for the file.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  PUBLIC_CHANNEL,
  RELAY_PATH,
  blockMarkup,
  createPage,
  findLeadForms,
  phpString,
  postToRelay,
  resetRateLimit,
  setSettings,
  startKeen,
} from './support/site.js';
import { ADMIN, readDebugLog, startWordPress } from './support/wordpress.js';

/** @type {import('./support/wordpress.js').RunningWordPress} */
let wordpress;
/** @type {import('./support/site.js').Keen} */
let keen;
/** @type {Awaited<ReturnType<typeof startFakeSiteverify>>} */
let siteverify;

const SETTINGS_PATH = '/wp-admin/options-general.php?page=keen-lead-form';
const LIMIT = 10;
const SECRET = 'fake-captcha-secret-3f9a';
const SITEKEY = 'fake-sitekey-1';
const GOOD_TOKEN = 'good-token';

/**
 * A stand-in for the providers' siteverify APIs: records each request and
 * says yes to GOOD_TOKEN with the right secret, no to anything else; can be
 * made to fail (HTTP 500) as a provider outage.
 */
async function startFakeSiteverify() {
  /** @type {{ path: string, contentType: string, apiKey: string | undefined, body: string }[]} */
  const requests = [];
  let down = false;
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push({ path: request.url ?? '', contentType: request.headers['content-type'] ?? '', apiKey: /** @type {string | undefined} */ (request.headers['x-api-key']), body });
      if (down) {
        response.writeHead(500, { 'Content-Type': 'text/html' }).end('<h1>Internal error</h1>');
        return;
      }
      let token;
      let secret;
      if (request.url?.startsWith('/friendlycaptcha')) {
        token = JSON.parse(body).response;
        secret = request.headers['x-api-key'];
      } else {
        const form = new URLSearchParams(body);
        token = form.get('response');
        secret = form.get('secret');
      }
      const success = token === GOOD_TOKEN && secret === SECRET;
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(success ? { success } : { success, 'error-codes': ['invalid-input-response'] }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setDown: (/** @type {boolean} */ value) => (down = value),
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

before(async () => {
  [wordpress, keen, siteverify] = await Promise.all([startWordPress({ wp: '6.5', php: '8.3' }), startKeen(), startFakeSiteverify()]);
  await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: true });
});

after(async () => {
  await Promise.allSettled([keen?.close(), wordpress?.close(), siteverify?.close()]);
});

/**
 * The spam settings, written directly (the settings page is tested below).
 * @param {{ challenge?: string, sitekey?: string, secret?: string, siteverify?: string }} settings
 */
async function setSpamSettings({ challenge, sitekey, secret, siteverify: url }) {
  const lines = [];
  if (challenge !== undefined) lines.push(`update_option( 'keen_lead_form_challenge', ${phpString(challenge)} );`);
  if (sitekey !== undefined) lines.push(`update_option( 'keen_lead_form_captcha_sitekey', ${phpString(sitekey)} );`);
  if (url !== undefined) lines.push(`update_option( 'keen_lead_form_captcha_siteverify', ${phpString(url)} );`);
  if (secret !== undefined) lines.push(`update_option( 'keen_lead_form_captcha_secret', ${secret === '' ? 'array()' : `array( 'secret' => ${phpString(secret)} )`}, false );`);
  await wordpress.php(`<?php ${lines.join('\n')}`, { shortInit: true });
}

async function resetCounters() {
  await wordpress.php(`<?php delete_option( 'keen_lead_form_refusals' );`, { shortInit: true });
}

/** @returns {Promise<Record<string, number | string>>} the stored refusal counters */
async function counters() {
  return JSON.parse(await wordpress.php(`<?php echo wp_json_encode( get_option( 'keen_lead_form_refusals', array() ) );`, { shortInit: true }));
}

/** @typedef {{ algorithm: string, challenge: string, maxnumber: number, salt: string, signature: string }} Challenge */

/** @returns {Promise<{ status: number, headers: Headers, challenge: Challenge }>} */
async function fetchChallenge() {
  const response = await wordpress.fetch(`${RELAY_PATH}?action=challenge`);
  return { status: response.status, headers: response.headers, challenge: await response.json() };
}

/**
 * Finds the number by trying them all, as the widget does, and returns the
 * base64 payload the widget sends as `verification.altcha`.
 * @param {Challenge} challenge
 * @param {{ number?: number }} [override]  a wrong number, for a forged solution
 */
function solve(challenge, override = {}) {
  for (let number = 0; number <= challenge.maxnumber; number++) {
    if (createHash('sha256').update(challenge.salt + number).digest('hex') === challenge.challenge) {
      const { algorithm, salt, signature } = challenge;
      return Buffer.from(JSON.stringify({ algorithm, challenge: challenge.challenge, number: override.number ?? number, salt, signature })).toString('base64');
    }
  }
  throw new Error('challenge has no solution');
}

async function freshSolution() {
  const { status, challenge } = await fetchChallenge();
  assert.equal(status, 200);
  return solve(challenge);
}

/** A lead as the widget sends it to the relay, with its verification object. */
function leadBody(/** @type {Record<string, unknown>} */ verification, email = 'pow@example.com') {
  return JSON.stringify({ action: 'lead_external', email, first_name: 'Ida', verification });
}

/** Cookie header of a signed-in administrator, for plain fetches of wp-admin pages. */
async function adminCookie() {
  /** @type {{ name: string, value: string }[]} */
  const cookies = JSON.parse(
    await wordpress.php(`<?php
      $user = get_user_by( 'login', ${phpString(ADMIN.username)} );
      $expires = time() + HOUR_IN_SECONDS;
      echo wp_json_encode( array(
        array( 'name' => AUTH_COOKIE, 'value' => wp_generate_auth_cookie( $user->ID, $expires, 'auth' ) ),
        array( 'name' => LOGGED_IN_COOKIE, 'value' => wp_generate_auth_cookie( $user->ID, $expires, 'logged_in' ) ),
      ) );`),
  );
  return cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
}

async function settingsPage(cookie = '') {
  // A form's nonce belongs to the session in the cookie: post with the cookie the page was fetched with.
  const response = await wordpress.fetch(SETTINGS_PATH, { headers: { Cookie: cookie || (await adminCookie()) } });
  assert.equal(response.status, 200);
  return response.text();
}

beforeEach(async () => {
  await Promise.all([keen.reset(), resetRateLimit(wordpress)]);
});

describe('proof of work (ALTCHA)', () => {
  before(async () => {
    await setSpamSettings({ challenge: 'altcha' });
  });

  test('activation stores "altcha" as the challenge; the HMAC key is not autoloaded and never served', async () => {
    const fresh = await wordpress.php(`<?php delete_option( 'keen_lead_form_challenge' ); keen_lead_form_activate(); echo get_option( 'keen_lead_form_challenge' );`);
    assert.equal(fresh, 'altcha');
    const { status, headers, challenge } = await fetchChallenge();
    assert.equal(status, 200);
    assert.equal(headers.get('cache-control'), 'no-store');
    assert.deepEqual(Object.keys(challenge).sort(), ['algorithm', 'challenge', 'maxnumber', 'salt', 'signature']);
    assert.equal(challenge.algorithm, 'SHA-256');
    assert.match(challenge.challenge, /^[0-9a-f]{64}$/);
    assert.match(challenge.signature, /^[0-9a-f]{64}$/);
    assert.equal(challenge.maxnumber, 100000);
    const expires = Number(/[?&]expires=(\d+)/.exec(challenge.salt)?.[1]);
    const now = Date.now() / 1000;
    assert.ok(expires > now + 1100 && expires < now + 1300, `expires ${expires} is about 20 minutes from now`);
    const stored = JSON.parse(
      await wordpress.php(`<?php global $wpdb; echo wp_json_encode( $wpdb->get_row( "SELECT option_value, autoload FROM {$wpdb->options} WHERE option_name = 'keen_lead_form_altcha_key'" ) );`, { shortInit: true }),
    );
    assert.equal(stored.autoload, 'no');
    assert.match(stored.option_value, /^[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(challenge).includes(stored.option_value));
    assert.ok(!(await settingsPage()).includes(stored.option_value), 'not on the settings page');
  });

  test('a solved challenge passes: the lead is stored, and `verification` is not forwarded to Keen', async () => {
    const answer = await postToRelay(wordpress, leadBody({ honeypot: '', altcha: await freshSolution() }));
    assert.equal(answer.status, 200, answer.text);
    const leads = await keen.leads();
    assert.equal(leads.length, 1);
    assert.equal(leads[0]?.lead['email'], 'pow@example.com');
    assert.equal(leads[0]?.lead['channels_id'], PUBLIC_CHANNEL);
    assert.deepEqual(Object.keys(JSON.parse(leads[0]?.request.body ?? '{}')), ['action', 'channel_id', 'email', 'first_name']);
  });

  test('missing: 403 "renew" (the widget solves a new one), nothing forwarded', async () => {
    for (const verification of [undefined, { honeypot: '' }, { honeypot: '', altcha: '' }]) {
      const body = JSON.stringify({ action: 'lead_external', email: 'none@example.com', ...(verification ? { verification } : {}) });
      const answer = await postToRelay(wordpress, body);
      assert.equal(answer.status, 403, answer.text);
      assert.deepEqual(answer.json, { error: 'The spam check needs a new challenge', refused: 'challenge', renew: true });
    }
    assert.deepEqual(await keen.requests(), []);
  });

  test('expired: 403 "renew", nothing forwarded', async () => {
    // Issued by this site (signed with its key), but its expiry has passed.
    /** @type {Challenge} */
    const expired = JSON.parse(
      await wordpress.php(`<?php
        $salt = bin2hex( random_bytes( 12 ) ) . '?expires=' . ( time() - 5 ) . '&';
        $challenge = hash( 'sha256', $salt . 4242 );
        echo wp_json_encode( array( 'algorithm' => 'SHA-256', 'challenge' => $challenge, 'maxnumber' => 100000, 'salt' => $salt, 'signature' => hash_hmac( 'sha256', $challenge, keen_lead_form_altcha_key() ) ) );`),
    );
    const answer = await postToRelay(wordpress, leadBody({ honeypot: '', altcha: solve(expired) }));
    assert.equal(answer.status, 403, answer.text);
    assert.deepEqual(answer.json, { error: 'The spam check needs a new challenge', refused: 'challenge', renew: true });
    assert.deepEqual(await keen.requests(), []);
  });

  test('forged (a signature this site did not make, a wrong number, a salt moved, garbage): final 403, nothing forwarded', async () => {
    const { challenge } = await fetchChallenge();
    const good = JSON.parse(Buffer.from(solve(challenge), 'base64').toString());
    const encode = (/** @type {object} */ value) => Buffer.from(JSON.stringify(value)).toString('base64');
    // A challenge of the forger's own making, solved, signed with a key they chose.
    const salt = `abcdef?expires=${Math.floor(Date.now() / 1000) + 600}&`;
    const ownChallenge = createHash('sha256').update(`${salt}7`).digest('hex');
    const forgeries = {
      'own challenge, made-up signature': encode({ algorithm: 'SHA-256', challenge: ownChallenge, number: 7, salt, signature: 'f'.repeat(64) }),
      'wrong number': solve(challenge, { number: good.number + 1 }),
      'salt with a later expiry': encode({ ...good, salt: good.salt.replace(/expires=\d+/, 'expires=9999999999') }),
      'other algorithm': encode({ ...good, algorithm: 'SHA-1' }),
      'number as a string': encode({ ...good, number: String(good.number) }),
      'not base64 JSON': '!!!not-base64!!!',
    };
    for (const [name, altcha] of Object.entries(forgeries)) {
      const answer = await postToRelay(wordpress, leadBody({ honeypot: '', altcha }));
      assert.equal(answer.status, 403, `${name}: ${answer.text}`);
      assert.deepEqual(answer.json, { error: 'The spam check failed', refused: 'challenge' }, name);
    }
    assert.deepEqual(await keen.requests(), []);
  });

  test('replayed: the second use of a solution is refused, only the first lead is stored', async () => {
    const altcha = await freshSolution();
    const first = await postToRelay(wordpress, leadBody({ honeypot: '', altcha }, 'first@example.com'));
    assert.equal(first.status, 200, first.text);
    const replay = await postToRelay(wordpress, leadBody({ honeypot: '', altcha }, 'replay@example.com'));
    assert.equal(replay.status, 403, replay.text);
    assert.deepEqual(replay.json, { error: 'The spam check failed', refused: 'challenge' });
    assert.deepEqual((await keen.leads()).map((lead) => lead.lead['email']), ['first@example.com']);
  });

  test('honeypot filled: final 400, nothing forwarded, even with a good solution', async () => {
    for (const honeypot of ['http://spam.example', 'x', 1, true]) {
      const answer = await postToRelay(wordpress, leadBody({ honeypot, altcha: await freshSolution() }));
      assert.equal(answer.status, 400, answer.text);
      assert.deepEqual(answer.json, { error: 'Refused', refused: 'honeypot' });
    }
    assert.deepEqual(await keen.requests(), []);
  });

  test('order: spam refused before the rate limit, so it does not use up a visitor\'s allowance', async () => {
    for (let i = 0; i < LIMIT + 2; i++) {
      const honeypot = await postToRelay(wordpress, leadBody({ honeypot: 'bot' }));
      assert.equal(honeypot.status, 400, `honeypot ${i}: ${honeypot.text}`);
      const unsolved = await postToRelay(wordpress, leadBody({ honeypot: '' }));
      assert.equal(unsolved.status, 403, `unsolved ${i}: ${unsolved.text}`);
    }
    for (let i = 1; i <= LIMIT; i++) {
      const answer = await postToRelay(wordpress, leadBody({ honeypot: '', altcha: await freshSolution() }, `person${i}@example.com`));
      assert.equal(answer.status, 200, `real lead ${i} after ${2 * (LIMIT + 2)} refused spam requests: ${answer.text}`);
    }
    const over = await postToRelay(wordpress, leadBody({ honeypot: '', altcha: await freshSolution() }));
    assert.equal(over.status, 429, over.text);
    assert.deepEqual(over.json, { error: 'Too many requests, please try again later', refused: 'rate-limit' });
    assert.ok(Number(over.headers.get('retry-after')) > 0);
    const spamWhileLimited = await postToRelay(wordpress, leadBody({ honeypot: 'bot' }));
    assert.equal(spamWhileLimited.status, 400, 'the honeypot is checked first, even for a visitor over the limit');
    assert.equal((await keen.leads()).length, LIMIT);
  });
});

describe('refusals are counted for the operator and logged without personal data', () => {
  before(async () => {
    await setSpamSettings({ challenge: 'altcha' });
    await resetCounters();
  });

  test('the settings page shows a count per reason', async () => {
    const email = 'counted-person@example.com';
    for (let i = 0; i < 2; i++) await postToRelay(wordpress, leadBody({ honeypot: 'bot' }, email));
    for (let i = 0; i < 3; i++) await postToRelay(wordpress, leadBody({ honeypot: '' }, email));
    await wordpress.php(`<?php add_filter( 'keen_lead_form_rate_limit', function () { return array( 'max' => 1, 'window' => 600 ); } ); keen_lead_form_relay_rate_limit(); keen_lead_form_relay_rate_limit();`);
    const stored = await counters();
    assert.deepEqual({ ...stored, since: typeof stored['since'] }, { since: 'string', honeypot: 2, challenge: 3, captcha: 0, 'rate-limit': 1 });

    const html = await settingsPage();
    const rows = Object.fromEntries([...html.matchAll(/<tr data-reason="([a-z-]+)"><th scope="row">[^<]*<\/th><td>(\d+)<\/td><\/tr>/g)].map((m) => [m[1], Number(m[2])]));
    assert.deepEqual(rows, { honeypot: 2, challenge: 3, captcha: 0, 'rate-limit': 1 });
    assert.match(html, /Requests the relay refused/);

    const log = await readDebugLog(wordpress);
    const lines = log.split('\n').filter((line) => line.includes('Keen Lead Form relay:'));
    assert.ok(lines.some((line) => line.endsWith('refused a request (honeypot)')), log.slice(-500));
    assert.ok(lines.some((line) => line.endsWith('refused a request (challenge/missing)')));
    assert.ok(lines.some((line) => line.endsWith('refused a request (rate-limit)')));
    assert.ok(!log.includes(email) && !log.includes('Ida') && !log.includes('127.0.0.1'), 'no email, name or address in the log');
  });
});

describe('captcha providers, against a local fake siteverify', () => {
  after(async () => {
    await setSpamSettings({ challenge: 'altcha', sitekey: '', secret: '', siteverify: '' });
  });

  for (const provider of /** @type {const} */ (['turnstile', 'hcaptcha', 'friendlycaptcha'])) {
    describe(provider, () => {
      before(async () => {
        await setSpamSettings({ challenge: provider, sitekey: SITEKEY, secret: SECRET, siteverify: `${siteverify.url}/${provider}` });
        siteverify.setDown(false);
      });

      test('the form asks for it; no proof-of-work challenge is served', async () => {
        const path = await createPage(wordpress, `Captcha ${provider}`, `[keen_lead_form fields="email"]${blockMarkup('keen/lead-form', {})}`);
        const html = await (await wordpress.fetch(path)).text();
        assert.deepEqual(findLeadForms(html).map((form) => form.attributes['challenge']), [`${provider}:${SITEKEY}`, `${provider}:${SITEKEY}`]);
        assert.ok(!html.includes(SECRET), 'the secret is not in the page');
        const { status, challenge } = await fetchChallenge();
        assert.equal(status, 404);
        assert.deepEqual(challenge, { error: 'This site uses no proof-of-work challenge' });
      });

      test('a good token: verified with the provider, lead stored', async () => {
        const before = siteverify.requests.length;
        const answer = await postToRelay(wordpress, leadBody({ honeypot: '', captcha: { provider, token: GOOD_TOKEN } }));
        assert.equal(answer.status, 200, answer.text);
        assert.equal((await keen.leads()).length, 1);
        const [request] = siteverify.requests.slice(before);
        assert.ok(request);
        assert.equal(request.path, `/${provider}`);
        if (provider === 'friendlycaptcha') {
          assert.equal(request.apiKey, SECRET);
          assert.deepEqual(JSON.parse(request.body), { response: GOOD_TOKEN, sitekey: SITEKEY });
        } else {
          const form = Object.fromEntries(new URLSearchParams(request.body));
          assert.deepEqual(form, provider === 'hcaptcha' ? { secret: SECRET, response: GOOD_TOKEN, sitekey: SITEKEY } : { secret: SECRET, response: GOOD_TOKEN });
        }
        assert.ok(!request.body.includes('127.0.0.1'), 'the visitor\'s address is not sent to the provider');
      });

      test('a bad token, a missing one, or another provider\'s: final 403, nothing forwarded', async () => {
        for (const captcha of [{ provider, token: 'bad-token' }, { provider, token: '' }, undefined, { provider: provider === 'hcaptcha' ? 'turnstile' : 'hcaptcha', token: GOOD_TOKEN }]) {
          const answer = await postToRelay(wordpress, leadBody({ honeypot: '', ...(captcha ? { captcha } : {}) }));
          assert.equal(answer.status, 403, `${JSON.stringify(captcha)}: ${answer.text}`);
          assert.deepEqual(answer.json, { error: 'The spam check failed', refused: 'captcha' });
        }
        assert.deepEqual(await keen.requests(), []);
      });

      test('the provider down: 503 (the widget keeps the lead and retries), nothing forwarded', async () => {
        siteverify.setDown(true);
        try {
          const answer = await postToRelay(wordpress, leadBody({ honeypot: '', captcha: { provider, token: GOOD_TOKEN } }));
          assert.equal(answer.status, 503, answer.text);
          assert.equal(answer.json.refused, undefined, 'not a refusal: retryable');
        } finally {
          siteverify.setDown(false);
        }
        await setSpamSettings({ siteverify: 'http://127.0.0.1:9/unreachable' });
        try {
          const answer = await postToRelay(wordpress, leadBody({ honeypot: '', captcha: { provider, token: GOOD_TOKEN } }));
          assert.equal(answer.status, 503, answer.text);
        } finally {
          await setSpamSettings({ siteverify: `${siteverify.url}/${provider}` });
        }
        assert.deepEqual(await keen.requests(), []);
      });
    });
  }

  test('a provider chosen without its secret: proof of work stays on', async () => {
    await setSpamSettings({ challenge: 'turnstile', sitekey: SITEKEY, secret: '' });
    const { status } = await fetchChallenge();
    assert.equal(status, 200);
    const answer = await postToRelay(wordpress, leadBody({ honeypot: '', captcha: { provider: 'turnstile', token: GOOD_TOKEN } }));
    assert.equal(answer.status, 403);
    assert.equal(answer.json.refused, 'challenge');
    assert.match(await settingsPage(), /its site key or secret is missing/);
  });
});

describe('what the shortcode and block print', () => {
  test('the challenge attribute follows the setting, only in relay mode', async () => {
    const path = await createPage(wordpress, 'Challenge attribute', '[keen_lead_form fields="email"]');
    const challengeOf = async () => findLeadForms(await (await wordpress.fetch(path)).text())[0]?.attributes['challenge'];
    await setSpamSettings({ challenge: 'altcha' });
    assert.equal(await challengeOf(), 'altcha');
    await setSpamSettings({ challenge: 'none' });
    assert.equal(await challengeOf(), 'none');
    await setSettings(wordpress, { relay: false });
    try {
      assert.equal(await challengeOf(), undefined, 'direct to Keen: no server to check a challenge');
    } finally {
      await setSettings(wordpress, { relay: true });
      await setSpamSettings({ challenge: 'altcha' });
    }
  });

  test('consent attributes pass through the shortcode and the block (contract B); an unsafe link is dropped', async () => {
    const path = await createPage(
      wordpress,
      'Consent',
      '[keen_lead_form fields="email" consent="I agree to the <b>privacy policy</b>" consent_link="https://example.com/privacy" consent_version="2026-01" marketing_consent="Send me news"]' +
        '[keen_lead_form fields="email" consent="Ja tak" consent_link="javascript:alert(1)"]' +
        blockMarkup('keen/lead-form', { consent: 'Jeg accepterer', consentLink: '/privatliv/', consentVersion: 'v2', marketingConsent: 'Nyheder' }),
    );
    const html = await (await wordpress.fetch(path)).text();
    const forms = findLeadForms(html).map(({ attributes }) =>
      Object.fromEntries(Object.entries(attributes).filter(([name]) => name.includes('consent'))),
    );
    assert.deepEqual(forms, [
      { consent: 'I agree to the privacy policy', 'consent-link': 'https://example.com/privacy', 'consent-version': '2026-01', 'marketing-consent': 'Send me news' },
      { consent: 'Ja tak' },
      { consent: 'Jeg accepterer', 'consent-link': '/privatliv/', 'consent-version': 'v2', 'marketing-consent': 'Nyheder' },
    ]);
    assert.doesNotMatch(html, /javascript:alert/);
  });
});

describe('the spam settings on the settings page', () => {
  test('the captcha secret is stored, never printed back; a bad site key is refused', async () => {
    await setSpamSettings({ challenge: 'altcha', sitekey: '', secret: '' });
    const cookie = await adminCookie();
    const page = await settingsPage(cookie);
    assert.match(page, /<select id="keen_lead_form_challenge" name="keen_lead_form_challenge">/);
    assert.match(page, /No secret is stored\./);
    const nonce = /name="_wpnonce" value="([^"]+)"/.exec(page)?.[1];
    assert.ok(nonce);
    const form = new URLSearchParams({
      option_page: 'keen_lead_form',
      action: 'update',
      _wpnonce: nonce,
      _wp_http_referer: SETTINGS_PATH,
      keen_lead_form_channel: PUBLIC_CHANNEL,
      keen_lead_form_endpoint: keen.api,
      keen_lead_form_relay: '1',
      keen_lead_form_challenge: 'turnstile',
      keen_lead_form_captcha_sitekey: 'bad key <script>',
      'keen_lead_form_captcha_secret[replace]': SECRET,
      keen_lead_form_captcha_siteverify: `${siteverify.url}/turnstile`,
    });
    const saved = await wordpress.fetch('/wp-admin/options.php', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const after = await saved.text();
    assert.equal(saved.status, 200);
    assert.match(after, /The site key may only contain/);
    assert.match(after, /A secret is stored \(not shown\)\./);
    assert.ok(!after.includes(SECRET), 'the secret is not printed back');
    const stored = JSON.parse(await wordpress.php(`<?php echo wp_json_encode( array( get_option( 'keen_lead_form_challenge' ), get_option( 'keen_lead_form_captcha_sitekey' ), get_option( 'keen_lead_form_captcha_secret' ) ) );`, { shortInit: true }));
    assert.deepEqual(stored, ['turnstile', '', { secret: SECRET }]);
    await setSpamSettings({ challenge: 'altcha', sitekey: '', secret: '', siteverify: '' });
  });
});

test('the plugin logged no PHP errors, warnings or notices, and no captcha secret', async () => {
  const log = await readDebugLog(wordpress);
  assert.deepEqual(log.split('\n').filter((line) => line.includes('keen-lead-form')), []);
  assert.ok(!log.includes(SECRET));
});
