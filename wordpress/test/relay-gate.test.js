// @ts-check
/**
 * The relay's gate (switch, rate limit, size) holds for every URL spelling
 * WordPress routes to it, counts visitors by address the way the settings
 * say (IPv4 address, IPv6 /64, a trusted proxy's header only when named),
 * and the relay reaches Keen only through wp_safe_remote_post.
 * WordPress 6.5 on PHP 8.3, one site for the file.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { PUBLIC_CHANNEL, RELAY_PATH, phpString, postToRelay, resetRateLimit, setSettings, startKeen } from './support/site.js';
import { readDebugLog, startWordPress } from './support/wordpress.js';

/** @type {import('./support/wordpress.js').RunningWordPress} */
let wordpress;
/** @type {import('./support/site.js').Keen} */
let keen;

before(async () => {
  [wordpress, keen] = await Promise.all([startWordPress({ wp: '6.5', php: '8.3' }), startKeen()]);
  // This file is not about spam checks (spam.test.js is): the relay asks for no challenge.
  await setSettings(wordpress, { channel: PUBLIC_CHANNEL, endpoint: keen.api, relay: true, challenge: 'none' });
});

after(async () => {
  await Promise.allSettled([keen?.close(), wordpress?.close()]);
});

beforeEach(async () => {
  await Promise.all([keen.reset(), resetRateLimit(wordpress)]);
});

const LIMIT = 10;
const lead = JSON.stringify({ action: 'lead_external', email: 'gate@example.com' });
const oversized = JSON.stringify({ action: 'lead_external', email: 'big@example.com', notes: 'x'.repeat(102_400) });
/** Refused by the relay's own validation after the gate has counted it: costs Keen nothing. */
const cheap = '{}';

/**
 * Every way of writing the relay's URL that WordPress routes to it: it
 * matches routes case-insensitively, drops a trailing slash, and also takes
 * the route from ?rest_route= (on any front-controller URL).
 */
const SPELLINGS = [
  RELAY_PATH,
  '/wp-json/keen-lead-form/v1/LEAD',
  '/wp-json/Keen-Lead-Form/V1/Lead',
  '/wp-json/keen-lead-form/v1/lead/',
  '/wp-json/KEEN-LEAD-FORM/v1/lead/',
  '/?rest_route=/keen-lead-form/v1/lead',
  '/?rest_route=/KEEN-LEAD-FORM/V1/LEAD',
  '/?rest_route=/keen-lead-form/v1/lead/',
  '/index.php?rest_route=%2Fkeen-lead-form%2Fv1%2FLead',
];

/** Sends `count` requests that only the gate counts, and checks none was refused by the limit. */
async function spendLimit(/** @type {number} */ count, /** @type {Parameters<typeof postToRelay>[2]} */ options = {}) {
  for (let i = 1; i <= count; i++) {
    const answer = await postToRelay(wordpress, cheap, options);
    assert.equal(answer.status, 400, `request ${i}: ${answer.text}`);
  }
}

describe('every spelling of the relay URL meets the same gate', () => {
  for (const path of SPELLINGS) {
    test(`${path}: WordPress routes it to the relay (a lead goes through)`, async () => {
      const answer = await postToRelay(wordpress, lead, { path });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.json.lead.channels_id, PUBLIC_CHANNEL);
      assert.equal((await keen.leads()).length, 1);
    });
  }

  test('every spelling is refused with 404 while the relay is switched off, even with a malformed body', async () => {
    await setSettings(wordpress, { relay: false });
    try {
      for (const path of SPELLINGS) {
        for (const body of [lead, '{"action": ']) {
          const answer = await postToRelay(wordpress, body, { path });
          assert.equal(answer.status, 404, `${path}: ${answer.text}`);
          assert.deepEqual(answer.json, { error: 'The relay is switched off' }, path);
        }
      }
    } finally {
      await setSettings(wordpress, { relay: true });
    }
    assert.deepEqual(await keen.requests(), [], 'nothing reached Keen');
  });

  test('every spelling refuses a body over 100 KB with 413, malformed or not', async () => {
    for (const path of SPELLINGS) {
      for (const body of [oversized, `${oversized.slice(0, -1)},`]) {
        const answer = await postToRelay(wordpress, body, { path });
        assert.equal(answer.status, 413, `${path}: ${answer.text.slice(0, 200)}`);
        assert.match(answer.json.error, /too large/, path);
      }
      await resetRateLimit(wordpress);
    }
    assert.deepEqual(await keen.requests(), [], 'nothing reached Keen');
  });

  test('every spelling shares one rate limit and answers 429 once it is spent', async () => {
    await spendLimit(LIMIT);
    for (const path of SPELLINGS) {
      const answer = await postToRelay(wordpress, lead, { path });
      assert.equal(answer.status, 429, `${path}: ${answer.text}`);
      assert.match(answer.json.error, /Too many requests/);
      assert.ok(Number(answer.headers.get('retry-after')) > 0, `${path}: Retry-After ${answer.headers.get('retry-after')}`);
    }
    assert.deepEqual(await keen.requests(), [], 'nothing reached Keen');
  });

  test('requests through the odd spellings count against the same limit as the plain one', async () => {
    for (let i = 0; i < LIMIT; i++) {
      const path = /** @type {string} */ (SPELLINGS[1 + (i % (SPELLINGS.length - 1))]);
      const answer = await postToRelay(wordpress, cheap, { path });
      assert.equal(answer.status, 400, `${path}: ${answer.text}`);
    }
    const answer = await postToRelay(wordpress, lead);
    assert.equal(answer.status, 429, answer.text);
  });

  test('malformed JSON still gets the relay\'s own answer, in Keen\'s error shape', async () => {
    const answer = await postToRelay(wordpress, '{"action": ', { path: '/wp-json/KEEN-LEAD-FORM/v1/lead' });
    assert.equal(answer.status, 400, answer.text);
    assert.deepEqual(answer.json, { error: 'Malformed JSON' });
  });
});

describe('the rate limit counts by client address', () => {
  /** @param {string} ip */
  const bucket = (ip) => wordpress.php(`<?php echo keen_lead_form_rate_limit_bucket( ${phpString(ip)} );`);

  test('IPv4 by address, IPv6 by /64, IPv4-mapped IPv6 as its IPv4 address', async () => {
    const cases = [
      ['192.0.2.1', '192.0.2.1'],
      ['192.0.2.2', '192.0.2.2'],
      ['::ffff:192.0.2.1', '192.0.2.1'],
      ['::FFFF:c000:0201', '192.0.2.1'],
      ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
      ['2001:DB8:0001:0002::ffff', '2001:db8:1:2::/64'],
      ['2001:db8:1:3::1', '2001:db8:1:3::/64'],
      ['::1', '::/64'],
    ];
    const results = [];
    for (const [ip] of cases) results.push([ip, await bucket(/** @type {string} */ (ip))]);
    assert.deepEqual(results, cases);
  });

  /**
   * The address the relay would count for a request with these server variables.
   * @param {Record<string, string>} server  $_SERVER entries
   * @param {string} proxyHeader  the setting
   */
  async function clientIp(server, proxyHeader) {
    return wordpress.php(`<?php
      update_option( 'keen_lead_form_proxy_header', ${phpString(proxyHeader)} );
      foreach ( json_decode( ${phpString(JSON.stringify(server))}, true ) as $k => $v ) { $_SERVER[ $k ] = $v; }
      echo keen_lead_form_client_ip();
      update_option( 'keen_lead_form_proxy_header', '' );`);
  }

  test('REMOTE_ADDR unless a trusted proxy header is named; then the last address in it', async () => {
    const visitor = { REMOTE_ADDR: '10.0.0.5', HTTP_X_FORWARDED_FOR: '198.51.100.1, 203.0.113.7', HTTP_CF_CONNECTING_IP: '2001:db8::9' };
    assert.equal(await clientIp(visitor, ''), '10.0.0.5', 'no header named: forwarded headers are ignored');
    assert.equal(await clientIp(visitor, 'X-Forwarded-For'), '203.0.113.7', 'the entry the proxy appended, not the visitor\'s');
    assert.equal(await clientIp(visitor, 'CF-Connecting-IP'), '2001:db8::9');
    assert.equal(await clientIp(visitor, 'X-Real-IP'), '10.0.0.5', 'the named header is missing: REMOTE_ADDR');
    assert.equal(await clientIp({ ...visitor, HTTP_X_FORWARDED_FOR: '203.0.113.7, not-an-address' }, 'X-Forwarded-For'), '10.0.0.5', 'no valid address in it: REMOTE_ADDR');
  });

  test('a visitor-set X-Forwarded-For changes nothing while no proxy header is configured', async () => {
    await spendLimit(LIMIT, { headers: { 'X-Forwarded-For': '198.51.100.1' } });
    for (const forwarded of ['198.51.100.2', '2001:db8:9::1', '198.51.100.3, 198.51.100.4']) {
      const answer = await postToRelay(wordpress, lead, { headers: { 'X-Forwarded-For': forwarded, 'X-Real-IP': forwarded } });
      assert.equal(answer.status, 429, `X-Forwarded-For: ${forwarded}: ${answer.text}`);
    }
  });

  describe('behind a trusted proxy that sets X-Forwarded-For', () => {
    before(async () => {
      await setSettings(wordpress, { proxyHeader: 'X-Forwarded-For' });
    });
    after(async () => {
      await setSettings(wordpress, { proxyHeader: '' });
    });

    /** @param {string} forwarded */
    const from = (forwarded) => ({ headers: { 'X-Forwarded-For': forwarded } });

    test('another address in the same IPv6 /64 shares the limit; the next /64 does not', async () => {
      await spendLimit(LIMIT, from('2001:db8:1:2::1'));
      for (const sameNetwork of ['2001:db8:1:2::2', '2001:db8:1:2:ffff:ffff:ffff:ffff', '198.51.100.1, 2001:DB8:1:2::abcd']) {
        const answer = await postToRelay(wordpress, lead, from(sameNetwork));
        assert.equal(answer.status, 429, `${sameNetwork}: ${answer.text}`);
      }
      const otherNetwork = await postToRelay(wordpress, lead, from('2001:db8:1:3::1'));
      assert.equal(otherNetwork.status, 200, otherNetwork.text);
      const visitorPrepended = await postToRelay(wordpress, lead, from('2001:db8:1:2::1, 2001:db8:1:4::1'));
      assert.equal(visitorPrepended.status, 200, `only the last entry counts: ${visitorPrepended.text}`);
    });

    test('IPv4 addresses count one by one, and an IPv4-mapped IPv6 address as its IPv4 address', async () => {
      await spendLimit(LIMIT, from('::ffff:198.51.100.7'));
      const sameAddress = await postToRelay(wordpress, lead, from('198.51.100.7'));
      assert.equal(sameAddress.status, 429, sameAddress.text);
      const neighbour = await postToRelay(wordpress, lead, from('198.51.100.8'));
      assert.equal(neighbour.status, 200, neighbour.text);
    });
  });
});

describe('forwarding to Keen', () => {
  test('goes through wp_safe_remote_post: without the tests\' loopback allowance, 127.0.0.1 is refused', async () => {
    const strict = (/** @type {boolean} */ on) => wordpress.php(`<?php update_option( 'keen_test_strict_http', ${on ? 1 : 0} );`, { shortInit: true });
    await strict(true);
    try {
      const refused = await postToRelay(wordpress, lead);
      assert.equal(refused.status, 502, refused.text);
      assert.deepEqual(refused.json, { error: 'Could not reach Keen' });
      assert.deepEqual(await keen.requests(), [], 'WordPress refused before connecting');
    } finally {
      await strict(false);
    }
    const allowed = await postToRelay(wordpress, lead);
    assert.equal(allowed.status, 200, allowed.text);
  });
});

test('the plugin logged no PHP errors, warnings or notices', async () => {
  const ours = (await readDebugLog(wordpress)).split('\n').filter((line) => line.includes('keen-lead-form'));
  assert.deepEqual(ours, []);
});
