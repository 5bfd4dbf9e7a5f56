// @ts-check
/*
 * Reading a request's JSON body the way Keen's edge function does: size
 * limit, strict UTF-8, JSON. Shared by the Keen API and the control API.
 */
import { errorResponse } from './responses.js';

/** @typedef {import('./types.js').EmulatorRequest} EmulatorRequest */
/** @typedef {import('./types.js').EmulatorResponse} EmulatorResponse */

/** Keen's edge functions refuse bigger bodies; the emulator does the same. */
export const MAX_BODY_BYTES = 102_400;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * @param {EmulatorRequest} request
 * @returns {{ payload: unknown, text: string } | { response: EmulatorResponse }}
 */
export function parseJsonBody({ headers, body, bodyTruncated }) {
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

/** @param {string | undefined} value */
export function isJsonContentType(value) {
  return value?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
export function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
