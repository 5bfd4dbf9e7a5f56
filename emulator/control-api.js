// @ts-check
/*
 * `/__emulator/*`: not part of Keen. Lets tests read back what the API
 * stored and recorded, queue faults and reset. Never logged as an attempt,
 * never faulted.
 */
import { parseFault } from './faults.js';
import { parseJsonBody } from './request-body.js';
import { errorResponse, jsonResponse, preflightResponse } from './responses.js';
import { resetRecords } from './state.js';

/**
 * @typedef {import('./types.js').EmulatorState} EmulatorState
 * @typedef {import('./types.js').EmulatorRequest} EmulatorRequest
 * @typedef {import('./types.js').EmulatorResponse} EmulatorResponse
 * @typedef {(state: EmulatorState, request: EmulatorRequest) => EmulatorResponse} ControlHandler
 */

export const CONTROL_PREFIX = '/__emulator/';

/** @type {Record<string, Partial<Record<string, ControlHandler>>>} */
const CONTROL_ROUTES = {
  [`${CONTROL_PREFIX}leads`]: { GET: (state) => jsonResponse(200, { leads: state.leads }) },
  [`${CONTROL_PREFIX}channels`]: { GET: (state) => jsonResponse(200, { channels: state.channels }) },
  [`${CONTROL_PREFIX}webhooks`]: { GET: (state) => jsonResponse(200, { webhooks: state.webhooks }) },
  [`${CONTROL_PREFIX}notifications`]: { GET: (state) => jsonResponse(200, { notifications: state.notifications }) },
  [`${CONTROL_PREFIX}requests`]: { GET: (state) => jsonResponse(200, { requests: state.requests }) },
  [`${CONTROL_PREFIX}faults`]: {
    GET: (state) => jsonResponse(200, { faults: state.faults }),
    POST: queueFault,
  },
  [`${CONTROL_PREFIX}reset`]: {
    POST: (state) => {
      resetRecords(state);
      return jsonResponse(200, { ok: true });
    },
  },
};

/**
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
