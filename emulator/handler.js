// @ts-check
/*
 * The Keen API emulator's entry point, kept free of sockets and timers so it
 * can be tested with plain values and mounted in-process: request values in,
 * response values (or a fault instruction) out. `server.js` does the I/O.
 * The behaviour follows keen-api.md (the contract); the work is done by
 *   keen-api.js     the API route: shared checks, then actions/*
 *   control-api.js  /__emulator/*: read-back, faults, reset
 *   responses.js    JSON, error, CORS and fault answers
 *   state.js        fixture -> in-memory Keen, and its lookups
 * This module also re-exports what callers use, so they need one import.
 */
import { API_PATH, handleApiRequest } from './keen-api.js';
import { CONTROL_PREFIX, handleControlRequest } from './control-api.js';
import { errorResponse } from './responses.js';

export { API_PATH, handleApiRequest, recordAbortedAttempt, settleFault } from './keen-api.js';
export { CONTROL_PREFIX, handleControlRequest } from './control-api.js';
export { MAX_FAULT_DELAY_MS } from './faults.js';
export { MAX_PROPERTY_VALUE_DEPTH } from './leads.js';
export { MAX_BODY_BYTES } from './request-body.js';
export { errorResponse } from './responses.js';
export { createEmulatorState } from './state.js';

/**
 * @typedef {import('./types.js').LeadStatus} LeadStatus
 * @typedef {import('./types.js').PropertyDefinition} PropertyDefinition
 * @typedef {import('./types.js').Company} Company
 * @typedef {import('./types.js').ApiKey} ApiKey
 * @typedef {import('./types.js').Channel} Channel
 * @typedef {import('./types.js').Fixture} Fixture
 * @typedef {import('./types.js').LeadTextField} LeadTextField
 * @typedef {import('./types.js').LeadProperty} LeadProperty
 * @typedef {import('./types.js').LeadContact} LeadContact
 * @typedef {import('./types.js').Lead} Lead
 * @typedef {import('./types.js').StoredLead} StoredLead
 * @typedef {import('./types.js').WebhookRecord} WebhookRecord
 * @typedef {import('./types.js').NotificationRecord} NotificationRecord
 * @typedef {import('./types.js').AttemptOutcome} AttemptOutcome
 * @typedef {import('./types.js').AttemptRecord} AttemptRecord
 * @typedef {import('./types.js').Fault} Fault
 * @typedef {import('./types.js').EmulatorState} EmulatorState
 * @typedef {import('./types.js').EmulatorRequest} EmulatorRequest
 * @typedef {import('./types.js').EmulatorResponse} EmulatorResponse
 * @typedef {import('./types.js').FaultInstruction} FaultInstruction
 * @typedef {import('./types.js').FaultOutcome} FaultOutcome
 */

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
