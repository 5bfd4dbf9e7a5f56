// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/server.js';
import { eventually, postLead, readLeadAnswer } from './emulator-http.js';

test('close() returns promptly despite keep-alive and delayed requests, and twice is fine', async () => {
  const emulator = await startEmulator({ port: 0 });
  // fetch keeps its connection alive after this one.
  assert.equal((await fetch(`${emulator.url}/__emulator/leads`)).status, 200);
  emulator.state.faults.push({ delayMs: 30_000 });
  const stuck = postLead(emulator.url, { action: 'lead_external' });
  await eventually(async () => emulator.state.requests.length, (count) => count === 1);

  const started = performance.now();
  await Promise.all([emulator.close(), emulator.close()]);
  assert.ok(performance.now() - started < 1000);
  await assert.rejects(stuck, TypeError);
  await eventually(async () => emulator.state.requests[0]?.outcome, (outcome) => outcome === 'aborted');
  assert.equal(emulator.state.requests[0]?.outcome, 'aborted');
  await assert.rejects(fetch(`${emulator.url}/__emulator/leads`), TypeError);
});

test('a custom fixture replaces the default one', async () => {
  const emulator = await startEmulator({
    port: 0,
    fixture: {
      channels: [
        {
          id: 'custom-id',
          uuid: 'custom-uuid',
          name: 'Custom',
          no_auth_api: true,
          lead_statuses: [{ id: 'status-1', name: 'Fresh', order: 1 }],
          property_definitions: [],
        },
      ],
    },
  });
  try {
    const response = await postLead(emulator.url, { action: 'lead_external', channel_id: 'custom-uuid' });
    assert.equal(response.status, 200);
    const { lead } = await readLeadAnswer(response);
    assert.deepEqual([lead.channels_id, lead.status, lead.lead_status_id], ['custom-id', 'Fresh', 'status-1']);
  } finally {
    await emulator.close();
  }
});

test('a port in use is reported, not swallowed', async () => {
  const first = await startEmulator({ port: 0 });
  try {
    await assert.rejects(startEmulator({ port: first.port }), { code: 'EADDRINUSE' });
  } finally {
    await first.close();
  }
});
