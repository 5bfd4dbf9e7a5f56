// @ts-check
/*
 * The relay's gate, run the same way in Node and in workerd: each refusal
 * answers its status and reaches Keen (the emulator) not at all; a good lead
 * goes through with the channel id added on the server.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PAGE_ORIGIN, PUBLIC_CHANNEL_ID, keenLeads, keenRequests, postLead } from './relay-harness.js';
import { describeEachRuntime, nextClient, useEmulator } from './relay-suite.js';

const LIMIT = 3;
const BODY_LIMIT = 2048;

const emulator = useEmulator();

describeEachRuntime('relay', emulator, { rateLimit: { max: LIMIT, windowMs: 60_000 }, bodyLimitBytes: BODY_LIMIT }, (relay) => {
  const { as } = relay;

  /**
   * @param {Response} response
   * @param {number} status
   */
  async function assertRefusedUnforwarded(response, status) {
    const text = await response.text();
    assert.equal(response.status, status, text);
    assert.equal(typeof JSON.parse(text).error, 'string', `a JSON { error }: ${text}`);
    assert.deepEqual(await keenRequests(emulator.url), [], 'nothing reached Keen');
  }

  test('a good lead reaches Keen with the channel id added, as one JSON UTF-8 request with Content-Length', async () => {
    const body = JSON.stringify({ action: 'lead_external', first_name: 'Søren', email: 'soren@example.dk', notes: 'Hej 👋' });
    const response = await postLead(relay.url, { body, headers: as(nextClient().v4) });
    const answer = /** @type {{ lead: { id: unknown } }} */ (await response.json());
    assert.equal(response.status, 200, JSON.stringify(answer));
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.equal(response.headers.get('access-control-allow-credentials'), null, 'never with cookies');
    assert.equal(typeof answer.lead.id, 'string');
    const [stored] = await keenLeads(emulator.url);
    assert.ok(stored);
    assert.equal(stored.lead['channels_id'], PUBLIC_CHANNEL_ID);
    assert.equal(stored.lead['first_name'], 'Søren');
    assert.equal(stored.lead['notes'], 'Hej 👋');
    assert.deepEqual(JSON.parse(stored.request.body), { action: 'lead_external', channel_id: PUBLIC_CHANNEL_ID, first_name: 'Søren', email: 'soren@example.dk', notes: 'Hej 👋' });
    assert.match(stored.request.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(stored.request.headers['content-length'], String(Buffer.byteLength(stored.request.body)));
    assert.equal(stored.request.headers['x-api-key'], undefined, 'lead_external mode sends no key');
  });

  test('a preflight from an allowed origin allows POST with Content-Type, without credentials', async () => {
    const response = await fetch(relay.url, {
      method: 'OPTIONS',
      headers: { Origin: PAGE_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /content-type/i);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
  });

  test('refuses a preflight from another origin: 403 without CORS headers', async () => {
    const response = await fetch(relay.url, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    await assertRefusedUnforwarded(response, 403);
  });

  test('refuses a POST from another origin (403) and one with no Origin (403)', async () => {
    const other = await postLead(relay.url, { headers: as(nextClient().v4, { Origin: 'https://evil.example' }) });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    await assertRefusedUnforwarded(other, 403);
    const none = await fetch(relay.url, {
      method: 'POST',
      headers: as(nextClient().v4, { 'Content-Type': 'application/json' }),
      body: JSON.stringify({ action: 'lead_external', email: 'a@example.com' }),
    });
    await assertRefusedUnforwarded(none, 403);
  });

  test('refuses a wrong method: 405 with Allow', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await postLead(relay.url, { method, headers: as(nextClient().v4) });
      assert.equal(response.headers.get('allow'), 'POST, OPTIONS');
      await assertRefusedUnforwarded(response, 405);
    }
  });

  test('refuses a body that is not JSON: 415 for another Content-Type, 400 for bad JSON or bad UTF-8', async () => {
    await assertRefusedUnforwarded(await postLead(relay.url, { headers: as(nextClient().v4, { 'Content-Type': 'text/plain' }), body: 'email=a@example.com' }), 415);
    await assertRefusedUnforwarded(await postLead(relay.url, { headers: as(nextClient().v4), body: '{"action":"lead_external",' }), 400);
    await assertRefusedUnforwarded(await postLead(relay.url, { headers: as(nextClient().v4), body: new Uint8Array([0x7b, 0xff, 0x7d]) }), 400);
    await assertRefusedUnforwarded(await postLead(relay.url, { headers: as(nextClient().v4), body: '[1,2]' }), 400);
  });

  test('refuses a body over the limit: 413, whether declared or not', async () => {
    const big = JSON.stringify({ action: 'lead_external', notes: 'x'.repeat(BODY_LIMIT) });
    await assertRefusedUnforwarded(await postLead(relay.url, { headers: as(nextClient().v4), body: big }), 413);
    // Streamed in chunks, with no Content-Length to go by.
    const sendStreamed = () =>
      fetch(relay.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: PAGE_ORIGIN, ...as(nextClient().v4) },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 8; i += 1) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"notes":"' : 'x'.repeat(1000)));
            controller.close();
          },
        }),
        duplex: 'half', // Node's fetch needs it for a stream body
      });
    // The relay answers 413 as soon as the limit is passed, without reading
    // the rest; on a loaded machine workerd can then close the connection
    // while the client is still writing, and the client sees only a reset
    // (seen once in 3 runs at load 15+). That is the transport, not the
    // relay's answer: sent again, the 413 itself is what is checked.
    let streamed;
    for (let attempt = 1; streamed === undefined; attempt += 1) {
      try {
        streamed = await sendStreamed();
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await assertRefusedUnforwarded(streamed, 413);
  });

  test('refuses extra or unknown fields: 400 naming them', async () => {
    for (const extra of [{ password: 'x' }, { action: 'create_lead' }, { properties: [{ property_definitions_id: 'p', value: 1, extra: 2 }] }, { email: 42 }]) {
      const body = JSON.stringify({ action: 'lead_external', email: 'a@example.com', ...extra });
      await assertRefusedUnforwarded(await postLead(relay.url, { headers: as(nextClient().v4), body }), 400);
    }
  });

  test('refuses a channel_id from the page, the right one included: 400', async () => {
    for (const channelId of ['c0ffee00-0000-4000-8000-000000000002', PUBLIC_CHANNEL_ID]) {
      const body = JSON.stringify({ action: 'lead_external', channel_id: channelId, email: 'a@example.com' });
      const response = await postLead(relay.url, { headers: as(nextClient().v4), body });
      await assertRefusedUnforwarded(response, 400);
    }
  });

  test(`the request after ${LIMIT} from one address is refused: 429 with Retry-After, not forwarded`, async () => {
    const { v4 } = nextClient();
    for (let i = 0; i < LIMIT; i += 1) assert.equal((await postLead(relay.url, { headers: as(v4) })).status, 200);
    await emulator.reset();
    const refused = await postLead(relay.url, { headers: as(v4) });
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(refused.headers.get('access-control-allow-origin'), PAGE_ORIGIN, 'the widget can read the 429');
    assert.match(refused.headers.get('access-control-expose-headers') ?? '', /retry-after/i);
    await assertRefusedUnforwarded(refused, 429);
    // Another visitor is not affected.
    assert.equal((await postLead(relay.url, { headers: as(nextClient().v4) })).status, 200);
  });

  test('another address in the same IPv6 /64 shares the limit; IPv4-mapped IPv6 is the IPv4 address', async () => {
    const { v6 } = nextClient();
    for (let i = 0; i < LIMIT; i += 1) assert.equal((await postLead(relay.url, { headers: as(`${v6}${i + 1}`) })).status, 200);
    await emulator.reset();
    await assertRefusedUnforwarded(await postLead(relay.url, { headers: as(`${v6}ffff:1234:5678:9abc`) }), 429);

    const { v4 } = nextClient();
    for (let i = 0; i < LIMIT; i += 1) assert.equal((await postLead(relay.url, { headers: as(i % 2 ? `::ffff:${v4}` : v4) })).status, 200);
    await emulator.reset();
    await assertRefusedUnforwarded(await postLead(relay.url, { headers: as(`::ffff:${v4}`) }), 429);
  });

  test('a visitor-set X-Forwarded-For does not change the address', async () => {
    const { v4 } = nextClient();
    for (let i = 0; i < LIMIT; i += 1) {
      assert.equal((await postLead(relay.url, { headers: as(v4, { 'X-Forwarded-For': `203.0.113.${i}` }) })).status, 200);
    }
    await emulator.reset();
    await assertRefusedUnforwarded(await postLead(relay.url, { headers: as(v4, { 'X-Forwarded-For': '203.0.113.99' }) }), 429);
  });

  test("Keen's refusals and faults come back with the same status and error, so the widget's retry rules hold", async () => {
    /** @type {[{ status?: number, body?: string, headers?: Record<string, string>, drop?: true }, number, RegExp][]} */
    const cases = [
      [{ status: 500, body: '{"error":"Internal error"}', headers: { 'content-type': 'application/json' } }, 500, /Internal error/],
      [{ status: 503, body: '<html>down</html>', headers: { 'retry-after': '7' } }, 503, /not JSON/],
      [{ status: 429, body: '{"error":"slow down"}', headers: { 'content-type': 'application/json', 'retry-after': '30' } }, 429, /slow down/],
      [{ status: 408, body: '' }, 408, /empty body/],
      [{ status: 400, body: '{"error":"Property value is required"}', headers: { 'content-type': 'application/json' } }, 400, /Property value/],
      [{ status: 404, body: '{"error":"Channel not found"}', headers: { 'content-type': 'application/json' } }, 404, /Channel not found/],
      [{ drop: true }, 502, /could not reach Keen/],
    ];
    for (const [fault, status, message] of cases) {
      await emulator.fault(fault);
      const response = await postLead(relay.url, { headers: as(nextClient().v4) });
      const answer = /** @type {{ error: string }} */ (await response.json());
      assert.equal(response.status, status, `${JSON.stringify(fault)} → ${JSON.stringify(answer)}`);
      assert.match(answer.error, message);
      const retryAfter = fault.headers?.['retry-after'];
      if (retryAfter !== undefined) assert.equal(response.headers.get('retry-after'), retryAfter);
    }
  });
});
