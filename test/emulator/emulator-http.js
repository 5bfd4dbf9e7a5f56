// @ts-check
/**
 * Shared helpers for the emulator tests: one emulator per test file on a free
 * port, reset before every test, plus raw node:http requests for the
 * malformed cases fetch refuses to send.
 */
import { after, before, beforeEach } from 'node:test';
import { request as httpRequest } from 'node:http';
import { startEmulator } from '../../emulator/server.js';

export const API_PATH = '/functions/v1/keen-api';

export const PUBLIC_CHANNEL = {
  id: 'c0ffee00-0000-4000-8000-000000000001',
  uuid: '5b3e9a64-1f2d-4c8e-9a7b-2d4f6e8a0c11',
  firstStatusId: 'd0000000-0000-4000-8000-000000000001',
  property: {
    referralCode: 'a1000000-0000-4000-8000-000000000001',
    teamSize: 'a1000000-0000-4000-8000-000000000002',
    industry: 'a1000000-0000-4000-8000-000000000003',
    newsletter: 'a1000000-0000-4000-8000-000000000004',
    projectDetails: 'a1000000-0000-4000-8000-000000000005',
    /** visible: false */
    leadScore: 'a1000000-0000-4000-8000-000000000007',
  },
  webhookUrl: 'https://hooks.northwind.example/keen/new-lead',
};
export const PRIVATE_CHANNEL = {
  id: 'c0ffee00-0000-4000-8000-000000000002',
  uuid: '7e2d4c1a-9b3f-4e5d-8c6a-1f0e2d3c4b22',
  internalNote: 'a2000000-0000-4000-8000-000000000001',
};
/** A channel of another company (Fabrikam), which Northwind's key may not reach. */
export const FABRIKAM_CHANNEL = {
  id: 'c0ffee00-0000-4000-8000-000000000003',
  uuid: '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c33',
  firstStatusId: 'd0000000-0000-4000-8000-000000000005',
};
export const COMPANY = {
  northwind: 'e0000000-0000-4000-8000-000000000001',
  contoso: 'e0000000-0000-4000-8000-000000000002',
  fabrikam: 'e0000000-0000-4000-8000-000000000003',
};
/** The fixture's API keys (emulator/fixture.json), one per company. */
export const API_KEY = {
  northwind: 'keen-emulator-key-northwind',
  contoso: 'keen-emulator-key-contoso',
  fabrikam: 'keen-emulator-key-fabrikam',
};
export const UNKNOWN_CHANNEL_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Starts an emulator for the calling test file and resets it before each test.
 * @returns {{ readonly url: string }}
 */
export function useEmulator() {
  /** @type {import('../../emulator/server.js').RunningEmulator | undefined} */
  let emulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(() => emulator?.close());
  beforeEach(async () => {
    await control(current().url, 'POST', '/__emulator/reset');
  });
  const current = () => {
    if (!emulator) throw new Error('emulator not started yet');
    return emulator;
  };
  return {
    get url() {
      return current().url;
    },
  };
}

/**
 * @param {string} baseUrl
 * @param {Record<string, unknown>} payload
 * @param {RequestInit} [init]
 */
export function postLead(baseUrl, payload, init = {}) {
  return fetch(baseUrl + API_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    ...init,
  });
}

/**
 * A keyed action (create_lead, get_channels) as a server would send it.
 * @param {string} baseUrl
 * @param {string | undefined} apiKey  undefined sends no X-Api-Key header
 * @param {Record<string, unknown>} payload
 */
export function postWithKey(baseUrl, apiKey, payload) {
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json' };
  if (apiKey !== undefined) headers['x-api-key'] = apiKey;
  return fetch(baseUrl + API_PATH, { method: 'POST', headers, body: JSON.stringify(payload) });
}

/**
 * The body of a lead_external answer, typed as the emulator's lead.
 * @param {Response} response
 * @returns {Promise<{ lead: import('../../emulator/handler.js').Lead }>}
 */
export async function readLeadAnswer(response) {
  return /** @type {any} */ (await response.json());
}

/**
 * @param {string} baseUrl
 * @param {'GET' | 'POST'} method
 * @param {string} path
 * @param {unknown} [payload]
 * @returns {Promise<any>} the parsed JSON answer; throws unless 200
 */
export async function control(baseUrl, method, path, payload) {
  const response = await fetch(baseUrl + path, {
    method,
    ...(payload === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) }),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * @typedef {object} RawResponse
 * @property {number} status
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {string} text
 */

/**
 * A request with exactly the headers given (node:http adds no Content-Type)
 * and a body sent whole (`body`) or as a stream of chunks (`chunks`, which
 * makes it chunked when no Content-Length is given). Stops sending chunks
 * once the server answers, as a real client would.
 * @param {string} baseUrl
 * @param {{ method?: string, path?: string, headers?: Record<string, string>, body?: string | Buffer, chunks?: Buffer[] }} options
 * @returns {Promise<RawResponse>}
 */
export function rawRequest(baseUrl, { method = 'POST', path = API_PATH, headers = {}, body, chunks }) {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(baseUrl + path, { method, headers, agent: false }, (res) => {
      answered = true;
      /** @type {Buffer[]} */
      const parts = [];
      res.on('data', (part) => parts.push(part));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') });
        req.destroy();
      });
      res.on('error', reject);
    });
    req.setTimeout(5000, () => req.destroy(new Error(`no answer from ${method} ${path} within 5 s`)));
    // After the answer, the server may close while we still send: that is expected.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (chunks) {
      const queue = [...chunks];
      const sendNext = () => {
        const chunk = queue.shift();
        if (answered) return;
        if (chunk === undefined) req.end();
        else req.write(chunk, sendNext);
      };
      sendNext();
    } else {
      req.end(body);
    }
  });
}

/**
 * Polls until `check` passes or the time is up: for state the server settles
 * after the client has already given up (an aborted delayed request).
 * @template T
 * @param {() => Promise<T>} read
 * @param {(value: T) => boolean} check
 * @param {number} [timeoutMs]
 * @returns {Promise<T>}
 */
export async function eventually(read, check, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
