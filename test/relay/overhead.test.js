// @ts-check
/*
 * What the relay costs per lead: the same lead sent 50 times straight to
 * Keen (the emulator) and 50 times through each relay, in one run,
 * alternating so machine load hits both alike. Prints the medians; asserts
 * that every lead arrived (timings on a shared machine are reported, not judged).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEmulator } from '../../emulator/server.js';
import { PAGE_ORIGIN, PUBLIC_CHANNEL_ID, keenLeads, startNodeRelay, startWorkerdRelay } from './relay-harness.js';

const SENDS = 50;

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0 });
});
after(() => emulator.close());

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * @param {string} url
 * @param {object} body
 */
async function timedPost(url, body) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: PAGE_ORIGIN },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  assert.equal(response.status, 200);
  return performance.now() - started;
}

test(`relay overhead per lead: median of ${SENDS} sends, direct vs through the relay`, async (t) => {
  const endpoint = `${emulator.url}/functions/v1/keen-api`;
  const spec = { endpoint, rateLimit: /** @type {false} */ (false) };
  const nodeRelay = await startNodeRelay(spec);
  const workerdRelay = await startWorkerdRelay({ endpoint, rateLimit: { max: 1000, windowMs: 60_000 } });
  try {
    const lead = { action: 'lead_external', first_name: 'Bench', email: 'bench@example.com', notes: 'x'.repeat(200) };
    /** @type {Record<string, number[]>} */
    const times = { direct: [], node: [], workerd: [] };
    // One warm-up each (connection setup, JIT), not counted.
    await timedPost(endpoint, { ...lead, channel_id: PUBLIC_CHANNEL_ID });
    await timedPost(nodeRelay.url, lead);
    await timedPost(workerdRelay.url, lead);
    for (let i = 0; i < SENDS; i += 1) {
      times['direct']?.push(await timedPost(endpoint, { ...lead, channel_id: PUBLIC_CHANNEL_ID }));
      times['node']?.push(await timedPost(nodeRelay.url, lead));
      times['workerd']?.push(await timedPost(workerdRelay.url, lead));
    }
    assert.equal((await keenLeads(emulator.url)).length, 3 * (SENDS + 1), 'every lead arrived');
    const direct = median(times['direct'] ?? []);
    for (const [name, values] of Object.entries(times)) {
      const value = median(values);
      t.diagnostic(`${name}: median ${value.toFixed(2)} ms${name === 'direct' ? '' : ` (overhead ${(value - direct).toFixed(2)} ms)`}`);
    }
  } finally {
    await Promise.all([nodeRelay.close(), workerdRelay.close()]);
  }
});
