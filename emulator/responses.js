// @ts-check
/*
 * Every answer the emulator writes, as plain values: JSON bodies, Keen's
 * `{ "error": message }` errors, CORS preflights and the raw answers of
 * queued faults. The CORS headers go on everything, so a page on another
 * origin can read every answer, errors included.
 */

/** @typedef {import('./types.js').EmulatorResponse} EmulatorResponse */
/** @typedef {import('./types.js').Fault} Fault */

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const CORS_HEADERS = Object.freeze({
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Retry-After',
});

/**
 * @param {number} status
 * @param {unknown} payload
 * @param {Record<string, string>} [extraHeaders]
 * @returns {EmulatorResponse}
 */
export function jsonResponse(status, payload, extraHeaders = {}) {
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
export function preflightResponse(methods) {
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
export function faultResponse(fault, status) {
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
