// @ts-check
/*
 * What a test may ask the emulator to do to the next API requests (answer a
 * status, wait, drop the connection, store first): the one checked shape
 * every queued fault goes through, with a message naming any problem.
 */
import { isPlainObject } from './request-body.js';

/** @typedef {import('./types.js').Fault} Fault */

/** A fault's delay is capped so a typo cannot hang a test run. */
export const MAX_FAULT_DELAY_MS = 60_000;
const MAX_FAULT_COUNT = 1000;

const FAULT_FIELDS = new Set(['status', 'body', 'headers', 'delayMs', 'drop', 'commit', 'count']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * @param {unknown} input
 * @returns {{ fault: Fault, count: number } | string} the fault, or an error message
 */
export function parseFault(input) {
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
