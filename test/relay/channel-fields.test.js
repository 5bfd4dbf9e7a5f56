// @ts-check
/*
 * `GET <relay>?action=fields`, the same way in Node and in workerd: the
 * channel's form configuration (as the CLI prints it) for allowed origins,
 * cached so Keen is asked once; refused when the operator has not turned it
 * on; and the key in no answer, whatever happens.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator } from '../../emulator/server.js';
import { expectedChannelFields } from './channel-fields-fixture.js';
import { PAGE_ORIGIN, RUNTIMES, keenRequests } from './relay-harness.js';

const NORTHWIND_KEY = 'keen-emulator-key-northwind';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0 });
});
after(() => emulator.close());

/**
 * @param {string} relayUrl
 * @param {Record<string, string>} [headers]
 */
async function getFields(relayUrl, headers = { Origin: PAGE_ORIGIN }) {
  const response = await fetch(`${relayUrl}/?action=fields`, { headers });
  const text = await response.text();
  return { response, text, everything: [...response.headers].join('\n') + text };
}

for (const runtime of RUNTIMES) {
  describe(`?action=fields in ${runtime.name}`, () => {
    /** @type {import('./relay-harness.js').RunningRelay} */
    let relay;
    /** @type {import('./relay-harness.js').RunningRelay} */
    let plainRelay;
    before(async () => {
      const endpoint = `${emulator.url}/functions/v1/keen-api`;
      [relay, plainRelay] = await Promise.all([
        runtime.start({ endpoint, apiKey: NORTHWIND_KEY, channelFields: true }),
        runtime.start({ endpoint, apiKey: NORTHWIND_KEY }),
      ]);
    });
    after(() => Promise.all([relay?.close(), plainRelay?.close()]));
    beforeEach(() => fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' }));

    test("serves the channel's configuration to an allowed origin, cached: Keen is asked once", async () => {
      const first = await getFields(relay.url);
      assert.equal(first.response.status, 200, first.text);
      assert.deepEqual(JSON.parse(first.text), expectedChannelFields());
      assert.equal(first.text, JSON.stringify(expectedChannelFields(), null, 2), 'the same text the CLI prints');
      assert.equal(first.response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
      assert.equal(first.response.headers.get('access-control-allow-credentials'), null);
      const cacheControl = first.response.headers.get('cache-control') ?? '';
      const maxAge = Number(/^public, max-age=(\d+)$/.exec(cacheControl)?.[1]);
      assert.ok(maxAge > 0 && maxAge <= 60, `a modest public max-age: ${cacheControl}`);
      assert.ok(!first.everything.includes(NORTHWIND_KEY), 'the key is in the answer');

      // A same-origin page sends no Origin on a GET: served too (the page shows these fields anyway).
      const sameOrigin = await getFields(relay.url, {});
      assert.equal(sameOrigin.response.status, 200);
      assert.equal(sameOrigin.text, first.text);
      const requests = await keenRequests(emulator.url);
      assert.equal(requests.length, 1, 'the second answer came from the relay\'s cache');
    });

    test('refuses a foreign origin, and answers 404 where the operator did not turn it on; neither asks Keen', async () => {
      const foreign = await getFields(relay.url, { Origin: 'https://elsewhere.example' });
      assert.equal(foreign.response.status, 403, foreign.text);
      assert.equal(foreign.response.headers.get('access-control-allow-origin'), null);
      const off = await getFields(plainRelay.url);
      assert.equal(off.response.status, 404, off.text);
      assert.match(JSON.parse(off.text).error, /does not serve the channel's fields/);
      assert.equal(off.response.headers.get('access-control-allow-origin'), PAGE_ORIGIN, 'the page may read why');
      assert.ok(!off.everything.includes(NORTHWIND_KEY));
      assert.deepEqual(await keenRequests(emulator.url), []);
    });
  });
}

describe('?action=fields when Keen refuses', () => {
  test('a wrong key is a 502 without details for the page (the reason goes to the log), never the key', async () => {
    const wrongKey = 'sk-live-wrong-0123456789abcdef';
    for (const runtime of RUNTIMES.filter((candidate) => candidate.name !== 'Node, Redis store')) {
      /** @type {string[]} */
      const log = [];
      const relay = await runtime.start({ endpoint: `${emulator.url}/functions/v1/keen-api`, apiKey: wrongKey, channelFields: true, log: (line) => log.push(line) });
      try {
        const answer = await getFields(relay.url);
        assert.equal(answer.response.status, 502, `${runtime.name}: ${answer.text}`);
        assert.equal(answer.response.headers.get('cache-control'), 'no-store', 'a failure is not cached');
        assert.match(JSON.parse(answer.text).error, /could not load the channel's fields/);
        assert.ok(!answer.everything.includes(wrongKey), `${runtime.name}: the key is in the answer`);
        if (runtime.name.startsWith('Node')) {
          assert.match(log.join('\n'), /Keen refused the API key/);
          assert.ok(!log.join('\n').includes(wrongKey));
        }
      } finally {
        await relay.close();
      }
    }
  });
});
