// @ts-check
/*
 * `POST /functions/v1/keen-api`: the checks every action shares, in the order
 * Keen applies them (method, Content-Type, size, UTF-8, JSON, action, key),
 * then the action itself. Every non-preflight request is logged as a delivery
 * attempt and consumes the next queued fault, if any.
 */
import { createLead } from './actions/create-lead.js';
import { getChannels } from './actions/get-channels.js';
import { leadExternal } from './actions/lead-external.js';
import { isJsonContentType, isPlainObject, parseJsonBody } from './request-body.js';
import { errorResponse, faultResponse, preflightResponse } from './responses.js';
import { findApiKey } from './state.js';

/**
 * @typedef {import('./types.js').EmulatorState} EmulatorState
 * @typedef {import('./types.js').EmulatorRequest} EmulatorRequest
 * @typedef {import('./types.js').EmulatorResponse} EmulatorResponse
 * @typedef {import('./types.js').AttemptRecord} AttemptRecord
 * @typedef {import('./types.js').FaultInstruction} FaultInstruction
 * @typedef {import('./types.js').FaultOutcome} FaultOutcome
 */

export const API_PATH = '/functions/v1/keen-api';

/** Documented by Keen but not needed by this project, so not emulated. */
const UNEMULATED_ACTIONS = new Set([
  'get_leads',
  'get_lead_by_id',
  'get_lead_by_legacy_id',
  'update_lead',
  'update_status',
  'update_status_id',
  'create_purchase',
]);

/**
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
  const received = { headers: { ...request.headers }, body: text };
  if (action === 'lead_external') return leadExternal(state, payload, received);

  // Every other action needs a key, checked before the action's name, so a
  // caller without a valid key learns nothing about which actions exist.
  const apiKey = findApiKey(state, request.headers['x-api-key']);
  if (!apiKey) return errorResponse(401, 'Invalid API key');
  const caller = { companyId: apiKey.company_id, request: received };
  if (action === 'create_lead') return createLead(state, payload, caller);
  if (action === 'get_channels') return getChannels(state, caller);
  if (UNEMULATED_ACTIONS.has(action)) return errorResponse(501, `The emulator does not implement ${action}`);
  return errorResponse(400, 'Unknown action');
}
