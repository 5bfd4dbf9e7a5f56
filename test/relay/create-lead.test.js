// @ts-check
/*
 * create_lead mode, in Node and in workerd: the relay sends the key, so Keen
 * (the emulator) stores the lead and records the webhook and in-app
 * notification lead_external never triggers. A wrong key is a final
 * configuration failure for the widget, and the key's value never comes
 * back out: not in the answer, its headers, or the relay's log.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startEmulator } from '../../emulator/server.js';
import { PUBLIC_CHANNEL_ID, RUNTIMES, keenLeads, postLead } from './relay-harness.js';

const NORTHWIND_KEY = 'keen-emulator-key-northwind'; // the company that created the public channel (emulator/fixture.json)
const WRONG_KEY = 'sk-live-wrong-0123456789abcdef';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0 });
});
after(() => emulator.close());
beforeEach(() => fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' }));

/** @param {string} path */
async function control(path) {
  return /** @type {Record<string, any[]>} */ (await (await fetch(`${emulator.url}/__emulator/${path}`)).json());
}

/** Everything a visitor's browser gets back, as one text. */
async function everything(/** @type {Response} */ response) {
  return [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n') + '\n' + (await response.text());
}

let client = 0;
for (const runtime of RUNTIMES) {
  describe(`create_lead mode in ${runtime.name}`, () => {
    /** @type {string[]} */
    const log = [];
    /** @param {string} apiKey */
    const start = (apiKey) =>
      runtime.start({ endpoint: `${emulator.url}/functions/v1/keen-api`, mode: 'create_lead', apiKey, log: (line) => log.push(line) });
    const from = () => ({ [runtime.addressHeader]: `192.0.2.${(client += 1)}` });

    test('stores the lead, and Keen records the webhook and the in-app notification', async () => {
      const relay = await start(NORTHWIND_KEY);
      try {
        const response = await postLead(relay.url, { headers: from(), body: JSON.stringify({ action: 'lead_external', first_name: 'Ada', email: 'ada@example.com' }) });
        const text = await everything(response);
        assert.equal(response.status, 200, text);
        assert.ok(!text.includes(NORTHWIND_KEY), 'the key is not in the answer');
        const [stored] = await keenLeads(emulator.url);
        assert.equal(stored?.lead['channels_id'], PUBLIC_CHANNEL_ID);
        assert.equal(JSON.parse(stored?.request.body ?? '{}').action, 'create_lead');
        assert.equal(stored?.request.headers['x-api-key'], NORTHWIND_KEY);
        const { webhooks } = await control('webhooks');
        const { notifications } = await control('notifications');
        assert.equal(webhooks?.length, 1);
        assert.equal(webhooks?.[0].lead_id, stored?.lead['id']);
        assert.equal(notifications?.length, 1);
        assert.equal(notifications?.[0].lead_id, stored?.lead['id']);
      } finally {
        await relay.close();
      }
    });

    test('a wrong key is a final configuration failure (403) that never shows the key', async () => {
      log.length = 0;
      const relay = await start(WRONG_KEY);
      try {
        const response = await postLead(relay.url, { headers: from() });
        const text = await everything(response);
        assert.equal(response.status, 403, text);
        assert.match(text, /refused the relay's API key/);
        assert.ok(!text.includes(WRONG_KEY), `the key is not in the answer:\n${text}`);
        assert.ok(!log.join('\n').includes(WRONG_KEY), 'nor in the log');
        assert.deepEqual(await keenLeads(emulator.url), []);
      } finally {
        await relay.close();
      }
    });

    test('a Keen answer that echoes the key reaches the visitor without it', async () => {
      log.length = 0;
      const relay = await start(WRONG_KEY);
      try {
        for (const [status, body] of /** @type {const} */ ([
          [500, `{"error":"Key ${WRONG_KEY} is rate limited"}`],
          [400, `{"error":"Bad request from key=${WRONG_KEY}"}`],
          [200, `{"lead":{"id":"x","notes":"${WRONG_KEY}"}}`],
          [502, `<html>${WRONG_KEY}</html>`],
        ])) {
          await fetch(`${emulator.url}/__emulator/faults`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ status, body, headers: { 'content-type': 'application/json', 'x-echo': WRONG_KEY } }),
          });
          const response = await postLead(relay.url, { headers: from() });
          const text = await everything(response);
          assert.equal(response.status, status, text);
          assert.ok(!text.includes(WRONG_KEY), `the key is not in the answer:\n${text}`);
        }
        assert.ok(log.length === 0 || !log.join('\n').includes(WRONG_KEY), 'nor in the log');
      } finally {
        await relay.close();
      }
    });
  });
}
