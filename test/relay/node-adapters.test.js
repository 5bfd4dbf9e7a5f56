// @ts-check
/*
 * Node specifics: the address is the socket's unless the operator names a
 * header; the Express-style middleware; two instances sharing one Redis
 * share one limit; the pieces (address buckets, memory store) on plain values.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import express from 'express';
import { startEmulator } from '../../emulator/server.js';
import { PAGE_ORIGIN, PUBLIC_CHANNEL_ID, importRelay, keenLeads, keenRequests, postLead, startNodeRelay, startRedisServer } from './relay-harness.js';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
/** @type {string} */
let endpoint;
before(async () => {
  emulator = await startEmulator({ port: 0 });
  endpoint = `${emulator.url}/functions/v1/keen-api`;
});
after(() => emulator.close());
beforeEach(() => fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' }));

/**
 * A POST over node:http from a chosen local address (any 127.x.y.z works on Linux loopback).
 * @param {string} url
 * @param {{ localAddress?: string, headers?: Record<string, string>, body?: string }} options
 * @returns {Promise<number>} the status
 */
async function postFrom(url, { localAddress = '127.0.0.1', headers = {}, body = '{"action":"lead_external","email":"a@example.com"}' }) {
  const request = httpRequest(url, {
    method: 'POST',
    localAddress,
    headers: { 'Content-Type': 'application/json', Origin: PAGE_ORIGIN, 'Content-Length': Buffer.byteLength(body), ...headers },
  });
  request.end(body);
  const [response] = /** @type {[import('node:http').IncomingMessage]} */ (await once(request, 'response'));
  response.resume();
  await once(response, 'end');
  return response.statusCode ?? 0;
}

describe('client address in Node', () => {
  test('is the socket address: X-Forwarded-For and X-Real-IP from the visitor change nothing', async () => {
    const relay = await startNodeRelay({ endpoint, rateLimit: { max: 2, windowMs: 60_000 } });
    try {
      assert.equal(await postFrom(relay.url, { headers: { 'X-Forwarded-For': '203.0.113.1' } }), 200);
      assert.equal(await postFrom(relay.url, { headers: { 'X-Real-IP': '203.0.113.2', 'X-Forwarded-For': '203.0.113.2' } }), 200);
      assert.equal(await postFrom(relay.url, { headers: { 'X-Forwarded-For': '203.0.113.3' } }), 429);
      // Another socket address is another visitor.
      assert.equal(await postFrom(relay.url, { localAddress: '127.0.0.2' }), 200);
    } finally {
      await relay.close();
    }
  });

  test('is the last X-Forwarded-For entry when the operator trusts that header (their proxy appends it)', async () => {
    const relay = await startNodeRelay({ endpoint, rateLimit: { max: 1, windowMs: 60_000 }, trustProxyHeader: 'x-forwarded-for' });
    try {
      assert.equal(await postFrom(relay.url, { headers: { 'X-Forwarded-For': '203.0.113.9, 192.0.2.1' } }), 200);
      // The visitor changed the first entry; the proxy's (last) entry is the same address.
      assert.equal(await postFrom(relay.url, { headers: { 'X-Forwarded-For': '203.0.113.10, 192.0.2.1' } }), 429);
      assert.equal(await postFrom(relay.url, { headers: { 'X-Forwarded-For': '192.0.2.2' } }), 200);
    } finally {
      await relay.close();
    }
  });
});

describe('Express-style middleware', () => {
  /**
   * @param {(app: import('express').Express, middleware: import('../../dist/lib/relay/index.js').NodeMiddleware) => void} mount
   */
  async function withApp(mount) {
    const { createRelay, toExpressMiddleware } = await importRelay();
    const app = express();
    // Mounting is what these tests check; the proof of work has its own suite (spam-checks.test.js).
    mount(app, toExpressMiddleware(createRelay({ channelId: PUBLIC_CHANNEL_ID, allowedOrigins: [PAGE_ORIGIN], endpoint, challenge: false })));
    app.get('/health', (_req, res) => void res.send('ok'));
    const server = createServer(app);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
    return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
  }

  for (const [name, mount] of /** @type {const} */ ([
    ['mounted on a path', (/** @type {import('express').Express} */ app, /** @type {any} */ relay) => app.use('/keen-lead', relay)],
    ['after express.json()', (/** @type {import('express').Express} */ app, /** @type {any} */ relay) => app.use(express.json(), (req, res, next) => (req.path === '/keen-lead' ? relay(req, res, next) : next()))],
  ])) {
    test(`stores a lead and refuses a forged channel_id, ${name}; the app's other routes still work`, async () => {
      const app = await withApp(mount);
      try {
        const good = await postLead(`${app.url}/keen-lead`, { body: JSON.stringify({ action: 'lead_external', first_name: 'Grace' }) });
        assert.equal(good.status, 200, await good.clone().text());
        assert.equal(good.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
        const [stored] = await keenLeads(emulator.url);
        assert.equal(stored?.lead['channels_id'], PUBLIC_CHANNEL_ID);
        assert.equal(stored?.lead['first_name'], 'Grace');
        const forged = await postLead(`${app.url}/keen-lead`, { body: JSON.stringify({ action: 'lead_external', channel_id: 'x' }) });
        assert.equal(forged.status, 400);
        assert.equal((await keenRequests(emulator.url)).length, 1, 'the forged one never reached Keen');
        assert.equal(await (await fetch(`${app.url}/health`)).text(), 'ok');
      } finally {
        app.close();
      }
    });
  }
});

describe('Redis store', () => {
  /** @type {import('./relay-harness.js').RunningRedis} */
  let redis;
  before(async () => {
    redis = await startRedisServer();
  });
  after(() => redis.stop());

  test('two relay instances sharing one Redis share one limit', async () => {
    const spec = { endpoint, rateLimit: { max: 3, windowMs: 60_000 }, redisUrl: redis.url, redisPrefix: 'shared:' };
    const [first, second] = await Promise.all([startNodeRelay(spec), startNodeRelay(spec)]);
    try {
      assert.equal(await postFrom(first.url, {}), 200);
      assert.equal(await postFrom(second.url, {}), 200);
      assert.equal(await postFrom(first.url, {}), 200);
      assert.equal(await postFrom(second.url, {}), 429);
      assert.equal(await postFrom(first.url, {}), 429);
      assert.equal((await keenRequests(emulator.url)).length, 3);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  test('the window expires in Redis, and the Retry-After counts down to it', async () => {
    const { RedisRateLimitStore } = await importRelay();
    const { createClient } = await import('redis');
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const store = new RedisRateLimitStore(client, { prefix: 'expiry:' });
      const first = await store.hit('198.51.100.1', 300);
      assert.equal(first.count, 1);
      assert.ok(first.resetInMs > 0 && first.resetInMs <= 300);
      assert.equal((await store.hit('198.51.100.1', 300)).count, 2);
      assert.ok((await client.pTTL('expiry:198.51.100.1')) > 0, 'the key expires in Redis itself');
      // Wait for the condition, not a fixed time: the key is gone once its window ends.
      while ((await client.exists('expiry:198.51.100.1')) === 1) await new Promise((resolve) => setTimeout(resolve, 25));
      assert.equal((await store.hit('198.51.100.1', 300)).count, 1);
    } finally {
      await client.quit();
    }
  });

  test('when Redis is unreachable the relay answers 503 (retryable) and forwards nothing', async () => {
    const other = await startRedisServer();
    const relay = await startNodeRelay({ endpoint, redisUrl: other.url });
    try {
      await other.stop();
      assert.equal(await postFrom(relay.url, {}), 503);
      assert.deepEqual(await keenRequests(emulator.url), []);
    } finally {
      await relay.close().catch(() => undefined);
    }
  });
});

describe('address buckets and the memory store', () => {
  test('IPv4 by address, IPv6 by /64, IPv4-mapped IPv6 as IPv4, garbage in one bucket', async () => {
    const { clientBucket } = await importRelay();
    /** @type {[string | undefined, string][]} */
    const cases = [
      ['203.0.113.7', '203.0.113.7'],
      ['::ffff:203.0.113.7', '203.0.113.7'],
      ['::FFFF:cb00:7107', '203.0.113.7'],
      ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
      ['2001:0db8:0001:0002::9', '2001:db8:1:2::/64'],
      ['[2001:db8:1:2::1]', '2001:db8:1:2::/64'],
      ['fe80::1%eth0', 'fe80:0:0:0::/64'],
      ['::1', '0:0:0:0::/64'],
      ['2001:db8::1::2', 'unknown'],
      ['999.1.1.1', 'unknown'],
      ['evil', 'unknown'],
      [undefined, 'unknown'],
    ];
    for (const [address, bucket] of cases) assert.equal(clientBucket(address), bucket, String(address));
  });

  test('the memory store expires windows and stays within maxKeys', async () => {
    const { MemoryRateLimitStore } = await importRelay();
    let now = 1_000;
    const store = new MemoryRateLimitStore({ maxKeys: 3, now: () => now });
    assert.deepEqual(await store.hit('a', 100), { count: 1, resetInMs: 100 });
    now += 40;
    assert.deepEqual(await store.hit('a', 100), { count: 2, resetInMs: 60 });
    now += 60;
    assert.deepEqual(await store.hit('a', 100), { count: 1, resetInMs: 100 }, 'a new window');
    for (const key of ['b', 'c', 'd', 'e']) await store.hit(key, 100);
    assert.equal(store.size, 3);
  });
});
