// @ts-check
// The handler is pure: these tests mount it in-process, with no socket at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_PATH,
  createEmulatorState,
  handleRequest,
  isFaultInstruction,
  settleFault,
} from '../../emulator/handler.js';
import { readDefaultFixture } from '../../emulator/server.js';
import { PUBLIC_CHANNEL } from './emulator-http.js';

const fixture = await readDefaultFixture();

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [payload]
 * @returns {import('../../emulator/handler.js').EmulatorRequest}
 */
const request = (method, path, payload) => ({
  method,
  path,
  headers: payload === undefined ? {} : { 'content-type': 'application/json' },
  body: Buffer.from(payload === undefined ? '' : JSON.stringify(payload)),
});
const LEAD = { action: 'lead_external', channel_id: PUBLIC_CHANNEL.uuid, first_name: 'In process' };

test('a lead goes in and comes back out of the control API, all as plain values', () => {
  const state = createEmulatorState(fixture);
  const reply = handleRequest(state, request('POST', API_PATH, LEAD));
  assert.ok(!isFaultInstruction(reply));
  assert.equal(reply.status, 200);
  assert.equal(JSON.parse(reply.body).lead.first_name, 'In process');
  const listed = handleRequest(state, request('GET', '/__emulator/leads'));
  assert.ok(!isFaultInstruction(listed));
  assert.equal(JSON.parse(listed.body).leads[0].lead.first_name, 'In process');
});

test('the state is a copy: changing it leaves the fixture alone', () => {
  const state = createEmulatorState(fixture);
  const [channel] = state.channels;
  assert.ok(channel);
  channel.title = 'changed';
  channel.lead_status.length = 0;
  assert.equal(fixture.channels[0]?.title, 'Website leads (public)');
  assert.equal(fixture.channels[0]?.lead_status?.length, 3);
});

test('a queued fault comes back as an instruction; settleFault decides what the client gets', () => {
  const state = createEmulatorState(fixture);
  handleRequest(state, request('POST', '/__emulator/faults', { status: 500, commit: true, count: 2 }));

  const first = handleRequest(state, request('POST', API_PATH, LEAD));
  assert.ok(isFaultInstruction(first));
  assert.equal(first.attempt.outcome, 'pending');
  assert.equal(state.leads.length, 1, 'a commit fault stores before answering');
  assert.deepEqual(settleFault(state, first, request('POST', API_PATH, LEAD), false), {
    action: 'respond',
    response: {
      status: 500,
      headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Retry-After' },
      body: '',
    },
  });
  assert.equal(first.attempt.outcome, 500);

  const second = handleRequest(state, request('POST', API_PATH, LEAD));
  assert.ok(isFaultInstruction(second));
  assert.deepEqual(settleFault(state, second, request('POST', API_PATH, LEAD), true), { action: 'abandon' });
  assert.equal(second.attempt.outcome, 'aborted');
  assert.deepEqual(
    state.requests.map((attempt) => attempt.outcome),
    [500, 'aborted'],
  );
});

test('a bad fixture is refused', () => {
  assert.throws(() => createEmulatorState(/** @type {any} */ ({})), TypeError);
});
