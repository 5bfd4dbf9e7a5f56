// @ts-check
/**
 * The Keen API emulator's logic, kept free of sockets and timers so it can be
 * tested with plain values and mounted in-process: request values in,
 * response values (or a fault instruction) out. `server.js` does the I/O.
 * The behaviour follows /work/shared/keen-api.md (the contract).
 */
import { randomUUID } from 'node:crypto';

export const API_PATH = '/functions/v1/keen-api';
export const CONTROL_PREFIX = '/__emulator/';
/** Keen's edge functions refuse bigger bodies; the emulator does the same. */
export const MAX_BODY_BYTES = 102_400;
/** A fault's delay is capped so a typo cannot hang a test run. */
export const MAX_FAULT_DELAY_MS = 60_000;
const MAX_FAULT_COUNT = 1000;

/** Optional contact fields of lead_external, in the order the lead lists them. */
const LEAD_TEXT_FIELDS = /** @type {const} */ ([
  'email',
  'first_name',
  'last_name',
  'phone',
  'company_name',
  'source',
  'employee',
  'notes',
  'business_id',
]);

/**
 * @typedef {object} LeadStatus
 * @property {string} id
 * @property {string} name
 * @property {number} order
 *
 * @typedef {object} PropertyDefinition
 * @property {string} id
 * @property {string} name
 * @property {string} type  "text", "number", "select", "boolean", ...
 * @property {number} order
 * @property {boolean} visible
 * @property {string[]} [options]  only for "select"
 *
 * @typedef {object} Channel
 * @property {string} id
 * @property {string} uuid
 * @property {string} name
 * @property {boolean} no_auth_api
 * @property {LeadStatus[]} lead_statuses
 * @property {PropertyDefinition[]} property_definitions
 *
 * @typedef {object} Fixture
 * @property {Channel[]} channels
 *
 * @typedef {typeof LEAD_TEXT_FIELDS[number]} LeadTextField
 *
 * @typedef {object} LeadProperty
 * @property {string} property_definitions_id
 * @property {string} value  always text: Keen stores property values as text
 *
 * @typedef {{ [field in LeadTextField]: string | null }} LeadContact
 *
 * @typedef {object} LeadIdentity
 * @property {string} id
 * @property {string} created_at
 *
 * @typedef {object} LeadPlacement
 * @property {string} channels_id  the channel's primary id, even when found by uuid
 * @property {string | null} status  name of the channel's first (lowest order) lead status
 * @property {string | null} lead_status_id
 * @property {LeadProperty[]} properties
 *
 * @typedef {LeadIdentity & LeadContact & LeadPlacement} Lead
 *
 * @typedef {object} StoredLead
 * @property {Lead} lead
 * @property {{ headers: Record<string, string>, body: string }} request  as received
 *
 * @typedef {number | 'pending' | 'dropped' | 'aborted'} AttemptOutcome
 *   'pending' only while a delayed request is still waiting.
 *
 * @typedef {object} AttemptRecord
 * @property {string} method
 * @property {string} at  ISO time of arrival
 * @property {AttemptOutcome} outcome
 * @property {boolean} fault  whether a queued fault was consumed
 *
 * @typedef {object} Fault
 * @property {number} [status]
 * @property {string} [body]
 * @property {Record<string, string>} [headers]
 * @property {number} [delayMs]
 * @property {true} [drop]
 * @property {true} [commit]
 *
 * @typedef {object} EmulatorState
 * @property {Channel[]} channels
 * @property {StoredLead[]} leads
 * @property {AttemptRecord[]} requests
 * @property {Fault[]} faults  one entry per request still to be faulted
 *
 * @typedef {object} EmulatorRequest
 * @property {string} method
 * @property {string} path  the URL's pathname; the query is ignored
 * @property {Readonly<Record<string, string>>} headers  names lower-cased
 * @property {Buffer} body
 * @property {boolean} [bodyTruncated]  reading stopped after MAX_BODY_BYTES
 *
 * @typedef {object} EmulatorResponse
 * @property {number} status
 * @property {Record<string, string>} headers  names lower-cased
 * @property {string} body
 *
 * @typedef {object} FaultInstruction  the server must apply `fault`, then call settleFault
 * @property {Fault} fault
 * @property {AttemptRecord} attempt
 * @property {EmulatorResponse | null} committed  the normal answer, already stored, for `commit` faults
 *
 * @typedef {{ action: 'respond', response: EmulatorResponse } | { action: 'drop' } | { action: 'abandon' }} FaultOutcome
 */

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** On every response, so a browser page on another origin can read it all. */
const CORS_HEADERS = Object.freeze({
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Retry-After',
});
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * @param {Fixture} fixture
 * @returns {EmulatorState}
 */
export function createEmulatorState(fixture) {
  if (!fixture || !Array.isArray(fixture.channels)) {
    throw new TypeError('Emulator fixture needs a "channels" array');
  }
  return { channels: structuredClone(fixture.channels), leads: [], requests: [], faults: [] };
}

/**
 * Routes any request the emulator's port receives.
 * @param {EmulatorState} state
 * @param {EmulatorRequest} request
 * @returns {EmulatorResponse | FaultInstruction}
 */
export function handleRequest(state, request) {
  if (request.path === API_PATH) return handleApiRequest(state, request);
  if (request.path.startsWith(CONTROL_PREFIX)) return handleControlRequest(state, request);
  return errorResponse(404, 'Not found');
}

/**
 * @param {EmulatorResponse | FaultInstruction} reply
 * @returns {reply is FaultInstruction}
 */
export function isFaultInstruction(reply) {
  return 'fault' in reply;
}

/**
 * `POST /functions/v1/keen-api`. Every non-preflight request is logged as a
 * delivery attempt and consumes the next queued fault, if any.
 * @param {EmulatorState} state
 * @param {EmulatorRequest} request
 * @returns {EmulatorResponse | FaultInstruction}
 */
export function handleApiRequest(state, request) {
  if (request.method === 'OPTIONS') return preflightResponse('POST, OPTIONS');
  /** @type {AttemptRecord} */
  const attempt = { method: request.method, at: new Date().toISOString(), outcome: 'pending', fault: false };
  state.requests.push(attempt);
  const fault = state.faults.shift();
  if (fault) {
    attempt.fault = true;
    // A commit fault stores the lead first: the answer is lost after the fact.
    return { fault, attempt, committed: fault.commit ? answerApiRequest(state, request) : null };
  }
  const response = answerApiRequest(state, request);
  attempt.outcome = response.status;
  return response;
}

/**
 * Decides what a faulted request gets once its delay (if any) is over.
 * @param {EmulatorState} state
 * @param {FaultInstruction} instruction
 * @param {EmulatorRequest} request
 * @param {boolean} clientGone  the client closed the connection meanwhile
 * @returns {FaultOutcome}
 */
export function settleFault(state, instruction, request, clientGone) {
  const { fault, attempt, committed } = instruction;
  if (clientGone) {
    attempt.outcome = 'aborted';
    return { action: 'abandon' };
  }
  if (fault.drop) {
    attempt.outcome = 'dropped';
    return { action: 'drop' };
  }
  const response =
    fault.status === undefined ? (committed ?? answerApiRequest(state, request)) : faultResponse(fault, fault.status);
  attempt.outcome = response.status;
  return { action: 'respond', response };
}

/**
 * For an API request whose body never arrived in full.
 * @param {EmulatorState} state
 * @param {string} method
 */
export function recordAbortedAttempt(state, method) {
  state.requests.push({ method, at: new Date().toISOString(), outcome: 'aborted', fault: false });
}

/**
 * The API's own checks, in the order Keen applies them.
 * @param {EmulatorState} state
 * @param {EmulatorRequest} request
 * @returns {EmulatorResponse}
 */
function answerApiRequest(state, request) {
  if (request.method !== 'POST') {
    return errorResponse(405, 'Method not allowed', { allow: 'POST, OPTIONS' });
  }
  if (!isJsonContentType(request.headers['content-type'])) {
    return errorResponse(415, 'Content-Type must be application/json');
  }
  const parsed = parseJsonBody(request);
  if ('response' in parsed) return parsed.response;
  const { payload, text } = parsed;
  if (!isPlainObject(payload)) return errorResponse(400, 'Request body must be a JSON object');
  const { action } = payload;
  if (typeof action !== 'string' || action === '') return errorResponse(400, 'action required');
  if (action !== 'lead_external') {
    // The emulator holds no API keys, so every keyed action fails the same way
    // whatever its name, which also never reveals which actions exist.
    const key = request.headers['x-api-key'];
    return errorResponse(401, key?.trim() ? 'Invalid API key' : 'Missing API key');
  }
  return createExternalLead(state, payload, { headers: { ...request.headers }, body: text });
}

/**
 * @param {EmulatorRequest} request
 * @returns {{ payload: unknown, text: string } | { response: EmulatorResponse }}
 */
function parseJsonBody({ headers, body, bodyTruncated }) {
  const declaredLength = Number(headers['content-length']);
  if (bodyTruncated || body.length > MAX_BODY_BYTES || declaredLength > MAX_BODY_BYTES) {
    return { response: errorResponse(413, 'Request body too large') };
  }
  let text;
  try {
    text = utf8.decode(body);
  } catch {
    return { response: errorResponse(400, 'Request body must be valid UTF-8') };
  }
  try {
    // A leading byte-order mark is accepted, as fetch's Response.json() does.
    return { payload: JSON.parse(text.replace(/^\uFEFF/, '')), text };
  } catch {
    return { response: errorResponse(400, 'Invalid JSON body') };
  }
}

/**
 * @param {EmulatorState} state
 * @param {Record<string, unknown>} payload
 * @param {StoredLead['request']} received
 * @returns {EmulatorResponse}
 */
function createExternalLead(state, payload, received) {
  const channelId = payload.channel_id;
  if (typeof channelId !== 'string' || channelId === '') return errorResponse(400, 'channel_id required');

  const contact = /** @type {LeadContact} */ ({});
  for (const field of LEAD_TEXT_FIELDS) {
    const value = payload[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return errorResponse(400, `${field} must be a string`);
    }
    contact[field] = value ?? null;
  }

  const channel = findChannel(state.channels, channelId);
  if (!channel) return errorResponse(404, 'Channel not found');
  if (!channel.no_auth_api) return errorResponse(403, 'Public API not enabled for this channel');

  const properties = readProperties(channel, payload.properties);
  if (typeof properties === 'string') return errorResponse(400, properties);

  const firstStatus = channel.lead_statuses.reduce(
    /** @param {LeadStatus | null} first */ (first, status) => (first && first.order <= status.order ? first : status),
    null,
  );
  /** @type {Lead} */
  const lead = {
    id: randomUUID(),
    created_at: new Date().toISOString(),
    ...contact,
    channels_id: channel.id,
    status: firstStatus?.name ?? null,
    lead_status_id: firstStatus?.id ?? null,
    properties,
  };
  state.leads.push({ lead, request: received });
  return jsonResponse(200, { lead });
}

/**
 * Ids are uuids, which Postgres compares case-insensitively.
 * @param {Channel[]} channels
 * @param {string} channelId
 */
function findChannel(channels, channelId) {
  const wanted = channelId.toLowerCase();
  return channels.find((channel) => channel.id.toLowerCase() === wanted || channel.uuid.toLowerCase() === wanted);
}

/**
 * Validates every item before anything is stored, so a bad item stores nothing.
 * @param {Channel} channel
 * @param {unknown} raw
 * @returns {LeadProperty[] | string} the properties, or an error message
 */
function readProperties(channel, raw) {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return 'properties must be an array';
  /** @type {LeadProperty[]} */
  const properties = [];
  for (const item of raw) {
    if (!isPlainObject(item) || typeof item.property_definitions_id !== 'string' || item.property_definitions_id === '') {
      return 'property_definitions_id required';
    }
    const wanted = item.property_definitions_id.toLowerCase();
    const definition = channel.property_definitions.find((candidate) => candidate.id.toLowerCase() === wanted);
    if (!definition) return `Property definition ${item.property_definitions_id} not found on this channel`;
    const { value } = item;
    if (value === undefined || value === null) return 'Property value is required';
    // Parsed JSON leaves only strings, numbers, booleans and objects (arrays
    // count as objects) here, so there is no other type to refuse.
    properties.push({
      property_definitions_id: definition.id,
      value: typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value),
    });
  }
  return properties;
}

// ---------------------------------------------------------------------------
// Control API: lets tests read what was stored and queue faults.

/** @typedef {(state: EmulatorState, request: EmulatorRequest) => EmulatorResponse} ControlHandler */

/** @type {Record<string, Partial<Record<string, ControlHandler>>>} */
const CONTROL_ROUTES = {
  [`${CONTROL_PREFIX}leads`]: { GET: (state) => jsonResponse(200, { leads: state.leads }) },
  [`${CONTROL_PREFIX}channels`]: { GET: (state) => jsonResponse(200, { channels: state.channels }) },
  [`${CONTROL_PREFIX}requests`]: { GET: (state) => jsonResponse(200, { requests: state.requests }) },
  [`${CONTROL_PREFIX}faults`]: {
    GET: (state) => jsonResponse(200, { faults: state.faults }),
    POST: queueFault,
  },
  [`${CONTROL_PREFIX}reset`]: {
    POST: (state) => {
      state.leads.length = 0;
      state.requests.length = 0;
      state.faults.length = 0;
      return jsonResponse(200, { ok: true });
    },
  },
};

/**
 * `/__emulator/*`. Not part of Keen: never logged as an attempt, never faulted.
 * @param {EmulatorState} state
 * @param {EmulatorRequest} request
 * @returns {EmulatorResponse}
 */
export function handleControlRequest(state, request) {
  const route = Object.hasOwn(CONTROL_ROUTES, request.path) ? CONTROL_ROUTES[request.path] : undefined;
  if (!route) return errorResponse(404, 'Not found');
  if (request.method === 'OPTIONS') return preflightResponse('GET, POST, OPTIONS');
  const handler = Object.hasOwn(route, request.method) ? route[request.method] : undefined;
  if (!handler) {
    return errorResponse(405, 'Method not allowed', { allow: [...Object.keys(route), 'OPTIONS'].join(', ') });
  }
  return handler(state, request);
}

/** @type {ControlHandler} */
function queueFault(state, request) {
  const parsed = parseJsonBody(request);
  if ('response' in parsed) return parsed.response;
  const result = parseFault(parsed.payload);
  if (typeof result === 'string') return errorResponse(400, result);
  for (let i = 0; i < result.count; i += 1) state.faults.push(structuredClone(result.fault));
  return jsonResponse(200, { ok: true, queued: state.faults.length });
}

const FAULT_FIELDS = new Set(['status', 'body', 'headers', 'delayMs', 'drop', 'commit', 'count']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * @param {unknown} input
 * @returns {{ fault: Fault, count: number } | string} the fault, or an error message
 */
function parseFault(input) {
  if (!isPlainObject(input)) return 'A fault must be a JSON object';
  const unknownField = Object.keys(input).find((key) => !FAULT_FIELDS.has(key));
  if (unknownField !== undefined) return `Unknown fault field "${unknownField}"`;
  const { status, body, headers, delayMs, drop, commit, count = 1 } = input;
  /** @type {Fault} */
  const fault = {};
  if (status !== undefined) {
    if (!Number.isInteger(status) || Number(status) < 200 || Number(status) > 599) {
      return 'status must be an integer from 200 to 599';
    }
    fault.status = Number(status);
  }
  if (body !== undefined) {
    if (typeof body !== 'string') return 'body must be a string';
    fault.body = body;
  }
  if (headers !== undefined) {
    if (!isPlainObject(headers)) return 'headers must be an object of header names to string values';
    /** @type {Record<string, string>} */
    const checked = {};
    for (const [name, value] of Object.entries(headers)) {
      if (!HEADER_NAME.test(name)) return `Invalid header name "${name}"`;
      if (typeof value !== 'string' || !HEADER_VALUE.test(value)) return `Invalid value for header "${name}"`;
      checked[name] = value;
    }
    fault.headers = checked;
  }
  if (delayMs !== undefined) {
    if (typeof delayMs !== 'number' || !(delayMs >= 0 && delayMs <= MAX_FAULT_DELAY_MS)) {
      return `delayMs must be a number from 0 to ${MAX_FAULT_DELAY_MS}`;
    }
    fault.delayMs = delayMs;
  }
  if (drop !== undefined && typeof drop !== 'boolean') return 'drop must be a boolean';
  if (commit !== undefined && typeof commit !== 'boolean') return 'commit must be a boolean';
  if (drop) fault.drop = true;
  if (commit) fault.commit = true;
  if (!Number.isInteger(count) || Number(count) < 1 || Number(count) > MAX_FAULT_COUNT) {
    return `count must be an integer from 1 to ${MAX_FAULT_COUNT}`;
  }
  if (fault.drop && (fault.status !== undefined || fault.body !== undefined || fault.headers !== undefined)) {
    return 'drop cannot be combined with status, body or headers';
  }
  if (fault.status === undefined && (fault.body !== undefined || fault.headers !== undefined)) {
    return 'body and headers need a status';
  }
  if (fault.status === undefined && fault.delayMs === undefined && !fault.drop) {
    return 'A fault needs status, delayMs or drop';
  }
  return { fault, count: Number(count) };
}

// ---------------------------------------------------------------------------
// Responses

/**
 * @param {number} status
 * @param {unknown} payload
 * @param {Record<string, string>} [extraHeaders]
 * @returns {EmulatorResponse}
 */
function jsonResponse(status, payload, extraHeaders = {}) {
  return {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, ...CORS_HEADERS, ...extraHeaders },
    body: JSON.stringify(payload),
  };
}

/**
 * Every error is `{ "error": message }`, as in Keen.
 * @param {number} status
 * @param {string} message
 * @param {Record<string, string>} [extraHeaders]
 * @returns {EmulatorResponse}
 */
export function errorResponse(status, message, extraHeaders) {
  return jsonResponse(status, { error: message }, extraHeaders);
}

/**
 * Only `content-type` is allowed: a widget that sends X-Api-Key fails CORS,
 * which is what should happen to a widget that holds a key.
 * @param {string} methods
 * @returns {EmulatorResponse}
 */
function preflightResponse(methods) {
  return {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      'access-control-allow-methods': methods,
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    },
    body: '',
  };
}

/**
 * The fault's raw answer. Its headers win over the CORS ones, so a test can
 * also fake a CORS failure (e.g. another Access-Control-Allow-Origin).
 * @param {Fault} fault
 * @param {number} status
 * @returns {EmulatorResponse}
 */
function faultResponse(fault, status) {
  const body = fault.body ?? '';
  /** @type {Record<string, string>} */
  const headers = { ...CORS_HEADERS };
  if (fault.headers) {
    for (const [name, value] of Object.entries(fault.headers)) headers[name.toLowerCase()] = value;
  } else if (body !== '') {
    headers['content-type'] = 'text/plain; charset=utf-8';
  }
  return { status, headers, body };
}

/** @param {string | undefined} value */
function isJsonContentType(value) {
  return value?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
