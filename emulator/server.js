// @ts-check
/*
 * The node:http server around the emulator's pure handler: reads bodies
 * (stopping at the size limit), applies faults (delay, drop) and writes
 * responses. Importing this module has no side effects; `cli.js` runs it.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import {
  API_PATH,
  MAX_BODY_BYTES,
  createEmulatorState,
  errorResponse,
  handleRequest,
  isFaultInstruction,
  recordAbortedAttempt,
  settleFault,
} from './handler.js';

/**
 * @typedef {import('./handler.js').EmulatorState} EmulatorState
 * @typedef {import('./handler.js').EmulatorResponse} EmulatorResponse
 * @typedef {import('./handler.js').Fixture} Fixture
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 * @typedef {import('node:stream').Duplex} Duplex
 *
 * @typedef {object} RunningEmulator
 * @property {string} url  base URL without a trailing slash, e.g. http://127.0.0.1:8787
 * @property {number} port  the bound port (useful after asking for port 0)
 * @property {EmulatorState} state  live state, for in-process inspection
 * @property {() => Promise<void>} close  stops listening and cuts every open connection
 */

export const DEFAULT_PORT = 8787;

/** @returns {Promise<Fixture>} the seed data in emulator/fixture.json */
export async function readDefaultFixture() {
  return JSON.parse(await readFile(new URL('./fixture.json', import.meta.url), 'utf8'));
}

/**
 * @param {{ port?: number, host?: string, fixture?: Fixture }} [options]  port 0 picks a free port
 * @returns {Promise<RunningEmulator>}
 */
export async function startEmulator({ port = DEFAULT_PORT, host = '127.0.0.1', fixture } = {}) {
  const state = createEmulatorState(fixture ?? (await readDefaultFixture()));
  /**
   * The request being answered on each socket, so that a parse error on the
   * same socket does not cut in before its answer.
   * @type {WeakMap<Duplex, { req: IncomingMessage, res: ServerResponse }>}
   */
  const inFlight = new WeakMap();
  const listener = createEmulatorListener(state);
  const server = createServer((req, res) => {
    inFlight.set(req.socket, { req, res });
    res.once('close', () => inFlight.delete(req.socket));
    listener(req, res);
  });
  server.on('clientError', (/** @type {Error & { code?: string }} */ error, /** @type {Duplex} */ socket) => {
    const current = inFlight.get(socket);
    if (error.code === 'ECONNRESET' || !socket.writable) socket.destroy();
    // Garbage after a complete request (say, a body longer than its
    // Content-Length): answer that request first, then hang up.
    else if (current?.req.complete) current.res.once('close', () => socket.end());
    // The connection ended inside a request body: abort that request.
    else if (current) socket.destroy();
    else answerMalformedRequest(error, socket);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;

  /** @type {Promise<void> | undefined} */
  let closing;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    port: boundPort,
    state,
    close() {
      closing ??= new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and delayed requests would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * A node:http request listener serving the emulator from `state`, for
 * mounting in another Node server (a dev server, a test harness).
 * @param {EmulatorState} state
 * @returns {import('node:http').RequestListener}
 */
export function createEmulatorListener(state) {
  return (req, res) => {
    serveRequest(state, req, res).catch((error) => {
      console.error('Keen emulator: internal error', error);
      if (res.headersSent) res.destroy();
      else writeResponse(res, errorResponse(500, 'Emulator internal error'), true);
    });
  };
}

/**
 * @param {EmulatorState} state
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 */
async function serveRequest(state, req, res) {
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://emulator.invalid').pathname;
  const received = await readBody(req, MAX_BODY_BYTES);
  if (!received) {
    if (path === API_PATH && method !== 'OPTIONS') recordAbortedAttempt(state, method);
    return;
  }
  /** @type {import('./handler.js').EmulatorRequest} */
  const request = {
    method,
    path,
    headers: flattenHeaders(req.headers),
    body: received.body,
    bodyTruncated: received.truncated,
  };
  // A body we stopped reading leaves the connection unusable: close it after
  // answering. API connections are never reused either: a browser silently
  // repeats a request once when a reused keep-alive connection fails, which
  // would hide a dropped-connection fault and make the request log count more
  // requests than the widget made. One connection per API request keeps
  // "attempts" exact.
  const closeAfter = received.truncated || path === API_PATH;
  const reply = handleRequest(state, request);
  if (!isFaultInstruction(reply)) {
    writeResponse(res, reply, closeAfter);
    return;
  }
  const clientGone = await waitUnlessClientGone(res, reply.fault.delayMs ?? 0);
  const outcome = settleFault(state, reply, request, clientGone);
  if (outcome.action === 'respond') writeResponse(res, outcome.response, closeAfter);
  else if (outcome.action === 'drop') req.socket.destroy();
}

/**
 * Reads at most `limit + 1` bytes, then stops collecting (the rest is
 * discarded): enough to tell an oversized body without holding it.
 * @param {IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<{ body: Buffer, truncated: boolean } | null>} null if the client went away first
 */
function readBody(req, limit) {
  if (Number(req.headers['content-length']) > limit) {
    req.resume();
    return Promise.resolve({ body: Buffer.alloc(0), truncated: true });
  }
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    /** @param {{ body: Buffer, truncated: boolean } | null} result */
    const finish = (result) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
      resolve(result);
    };
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks.push(chunk.subarray(0, chunk.length - (size - limit - 1)));
      finish({ body: Buffer.concat(chunks), truncated: true });
      req.resume(); // keep discarding, so the client's sending is not stalled
    };
    const onEnd = () => finish({ body: Buffer.concat(chunks), truncated: false });
    const onGone = () => finish(null);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onGone);
    req.once('close', onGone);
  });
}

/**
 * @param {ServerResponse} res
 * @param {number} delayMs
 * @returns {Promise<boolean>} whether the client closed the connection before the delay was over
 */
function waitUnlessClientGone(res, delayMs) {
  if (res.destroyed || res.socket === null || res.socket.destroyed) return Promise.resolve(true);
  if (delayMs <= 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    /** @param {boolean} gone */
    const done = (gone) => {
      clearTimeout(timer);
      res.off('close', onClose);
      resolve(gone);
    };
    const onClose = () => done(true);
    const timer = setTimeout(done, delayMs, false);
    res.once('close', onClose);
  });
}

/**
 * @param {ServerResponse} res
 * @param {EmulatorResponse} response
 * @param {boolean} closeAfter
 */
function writeResponse(res, response, closeAfter) {
  if (res.destroyed) return;
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  if (closeAfter) res.setHeader('connection', 'close');
  // end() with the whole body lets node:http compute Content-Length.
  res.end(response.body);
}

/**
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @returns {Record<string, string>}
 */
function flattenHeaders(headers) {
  /** @type {Record<string, string>} */
  const flat = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * node:http could not parse the request; answer in the API's JSON style.
 * @param {Error & { code?: string }} error
 * @param {Duplex} socket
 */
function answerMalformedRequest(error, socket) {
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'Request headers too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'Request timeout']
        : [400, 'Bad Request', 'Malformed HTTP request'];
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Access-Control-Allow-Origin: *\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
}
