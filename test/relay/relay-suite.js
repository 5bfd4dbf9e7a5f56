// @ts-check
/*
 * The node:test scaffolding the relay's gate tests share (relay-harness.js
 * starts things; this wires them into a test file): one emulator per file,
 * reset before each test, the same relay started once per runtime, and a
 * fresh visitor address per request so one test's hits never count against
 * another's rate limit.
 */
import { after, before, beforeEach, describe } from 'node:test';
import { startEmulator } from '../../emulator/server.js';
import { RUNTIMES } from './relay-harness.js';

/**
 * @typedef {object} EmulatorHandle
 * @property {string} url  the emulator's base URL (once started)
 * @property {string} endpoint  Keen's API URL on it, for a relay's `endpoint`
 * @property {() => Promise<Response>} reset  forgets leads, requests and faults
 * @property {(fault: { status?: number, body?: string, headers?: Record<string, string>, drop?: true }) => Promise<Response>} fault  Keen's next answer
 */

/**
 * Starts the emulator (Keen) on a free port before the file's tests and stops it after.
 * @returns {EmulatorHandle}
 */
export function useEmulator() {
  /** @type {Awaited<ReturnType<typeof startEmulator>> | undefined} */
  let emulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(() => emulator?.close());
  const url = () => {
    if (emulator === undefined) throw new Error('the emulator starts in before(): use it inside tests and hooks');
    return emulator.url;
  };
  return {
    get url() {
      return url();
    },
    get endpoint() {
      return `${url()}/functions/v1/keen-api`;
    },
    reset: () => fetch(`${url()}/__emulator/reset`, { method: 'POST' }),
    fault: (fault) => fetch(`${url()}/__emulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fault) }),
  };
}

/**
 * @typedef {object} RuntimeRelay
 * @property {import('./relay-harness.js').Runtime} runtime
 * @property {string} url  the running relay's URL (inside tests)
 * @property {(address: string, headers?: Record<string, string>) => Record<string, string>} as  headers that make a request come from `address`, as the runtime's platform or proxy reports it
 */

/**
 * A `describe` per runtime (Node with memory and Redis stores, workerd), each
 * with one relay in front of the emulator started from `spec`, and the
 * emulator reset before each test.
 * @param {string} title  `<title> in <runtime>`
 * @param {EmulatorHandle} emulator
 * @param {Omit<import('./relay-harness.js').RelaySpec, 'endpoint'>} spec
 * @param {(relay: RuntimeRelay) => void} tests
 */
export function describeEachRuntime(title, emulator, spec, tests) {
  for (const runtime of RUNTIMES) {
    describe(`${title} in ${runtime.name}`, () => {
      /** @type {import('./relay-harness.js').RunningRelay | undefined} */
      let running;
      before(async () => {
        running = await runtime.start({ endpoint: emulator.endpoint, ...spec });
      });
      after(() => running?.close());
      beforeEach(() => emulator.reset());
      tests({
        runtime,
        get url() {
          if (running === undefined) throw new Error('the relay starts in before(): use it inside tests');
          return running.url;
        },
        as: (address, headers = {}) => ({ [runtime.addressHeader]: address, ...headers }),
      });
    });
  }
}

let clientNumber = 0;
/** A visitor address no other request of this process has used, in IPv4 and as an IPv6 /64 prefix (`2001:db8:n::`). */
export function nextClient() {
  clientNumber += 1;
  return { v4: `198.51.100.${clientNumber}`, v6: `2001:db8:${clientNumber.toString(16)}::` };
}
