import type { ValidatedLeadPayload } from '../schema/lead-payload.js';
import { isRecord, parseJson } from '../shared/json.js';

/*
 * The Keen client: posts one `lead_external` request and describes the outcome
 * as data. It never throws for a network or server problem, so callers decide
 * (show, queue, retry) from `kind` and `retryable` alone.
 */

export const DEFAULT_ENDPOINT = 'https://data.keenpartner.com/functions/v1/keen-api';
export const DEFAULT_TIMEOUT_MS = 15_000;

/** The lead as Keen stored it. Only `id` is relied on; the rest is passed through. */
export interface KeenLead {
  readonly id: string;
  readonly [field: string]: unknown;
}

export type SubmitFailureKind =
  /** No HTTP response: offline, DNS, refused, reset, or a CORS rejection. */
  | 'network'
  /** No answer within the timeout. */
  | 'timeout'
  /** The caller's signal aborted the attempt (e.g. the page is going away). */
  | 'aborted'
  /** An HTTP error with Keen's `{ "error": "..." }` JSON body. */
  | 'http'
  /** An HTTP error whose body is not Keen's JSON: an HTML page, empty, … */
  | 'http-non-json'
  /** A 2xx whose body is not `{ "lead": {...} }`. */
  | 'unexpected-response'
  /**
   * The endpoint answered with a redirect (3xx). Never followed: a browser
   * would re-send the lead as a GET. A configuration error, not retried.
   */
  | 'redirect';

export interface SubmitSuccess {
  readonly ok: true;
  readonly status: number;
  readonly lead: KeenLead;
}

export interface SubmitFailure {
  readonly ok: false;
  readonly kind: SubmitFailureKind;
  readonly status?: number;
  /** Keen's own error message when it sent one; otherwise a description for developers. */
  readonly message: string;
  /** Per the contract: network errors, timeouts, 408, 429 and 5xx may be retried. */
  readonly retryable: boolean;
  /** From a `Retry-After` header, when the server sent one. */
  readonly retryAfterMs?: number;
  /** The relay refused the proof-of-work solution as missing or expired: solve a new challenge and send again. */
  readonly renew?: true;
  /** Which spam check the relay refused the lead on (`honeypot`, `challenge`, `captcha`, `rate-limit`). */
  readonly refused?: string;
}

export type SubmitResult = SubmitSuccess | SubmitFailure;

export interface SubmitOptions {
  /** Keen's API URL; defaults to {@link DEFAULT_ENDPOINT}. */
  readonly endpoint?: string;
  readonly timeoutMs?: number;
  /** Aborts the attempt; the result is then a `kind: 'aborted'` failure. */
  readonly signal?: AbortSignal;
  /** Lets the request outlive the page (used for a last attempt on `pagehide`). */
  readonly keepalive?: boolean;
  /** For tests and unusual runtimes. */
  readonly fetch?: typeof fetch;
  /** Relay mode only: the spam checks (honeypot, proof of work, captcha token), sent beside the lead. */
  readonly verification?: Readonly<Record<string, unknown>>;
}

/** The contract's retry table. Anything else (400, 401, 403, 404, 413, …) is final. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Browsers fire longer timers at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function failure(
  kind: SubmitFailureKind,
  message: string,
  retryable: boolean,
  extra: { status?: number; retryAfterMs?: number | undefined; renew?: boolean; refused?: unknown } = {},
): SubmitFailure {
  const result: { -readonly [K in keyof SubmitFailure]: SubmitFailure[K] } = { ok: false, kind, message, retryable };
  if (extra.status !== undefined) result.status = extra.status;
  if (extra.renew === true) result.renew = true;
  if (typeof extra.refused === 'string') result.refused = extra.refused;
  if (extra.retryAfterMs !== undefined) result.retryAfterMs = extra.retryAfterMs;
  return result;
}

/** Posts a validated lead to Keen. Resolves with a result; never rejects. */
export async function submitLead(payload: ValidatedLeadPayload, options: SubmitOptions = {}): Promise<SubmitResult> {
  const endpoint = options.endpoint ?? DEFAULT_ENDPOINT;
  // A timer of NaN, 0 or more than 2^31-1 ms fires at once: every attempt would "time out".
  const asked = options.timeoutMs;
  const timeoutMs = asked !== undefined && asked > 0 && asked <= MAX_TIMER_MS ? asked : DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  // One controller for both the timeout and the caller's signal, so either
  // stops the request and we can tell afterwards which one did.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const abortFromCaller = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', abortFromCaller, { once: true });

  try {
    let response: Response;
    let text: string;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        // The one header Keen needs. Never an API key: lead_external takes none,
        // and anything on a public page is public.
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(options.verification === undefined ? payload : { ...payload, verification: options.verification }),
        credentials: 'omit',
        mode: 'cors',
        cache: 'no-store',
        // A 301/302/303 would turn the POST into a GET without the lead: see below.
        redirect: 'manual',
        keepalive: options.keepalive === true,
        signal: controller.signal,
      });
      text = await response.text();
    } catch (error) {
      if (timedOut) return failure('timeout', `No answer from Keen within ${timeoutMs} ms`, true);
      if (controller.signal.aborted) return failure('aborted', 'The request was aborted', true);
      const detail = error instanceof Error ? error.message : String(error);
      return failure('network', `Could not reach Keen at ${endpoint}: ${detail}`, true);
    }

    const status = response.status;
    // Browsers hide a manual redirect's status and Location ('opaqueredirect',
    // status 0); other runtimes hand over the 3xx itself.
    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
      const location = response.headers.get('Location');
      // Never followed: the browser would re-send the lead as a GET, without it.
      return failure(
        'redirect',
        `The endpoint ${endpoint} answered with a redirect${location ? ` to ${location}` : ''}: set endpoint to the final URL`,
        false,
        status === 0 ? {} : { status },
      );
    }
    const body = parseJson(text);
    if (response.ok) {
      if (isRecord(body) && isRecord(body['lead']) && typeof body['lead']['id'] === 'string') {
        return { ok: true, status, lead: body['lead'] as KeenLead };
      }
      // The lead may well be stored; retrying can duplicate it (see README, "Reliability").
      return failure('unexpected-response', `Keen answered ${status} without a lead`, true, { status });
    }

    const retryable = isRetryableStatus(status);
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
    if (isRecord(body) && typeof body['error'] === 'string') {
      return failure('http', body['error'], retryable, { status, retryAfterMs, renew: body['renew'] === true, refused: body['refused'] });
    }
    const described = text.trim() === '' ? 'an empty body' : 'a body that is not JSON';
    return failure('http-non-json', `Keen answered ${status} with ${described}`, retryable, { status, retryAfterMs });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', abortFromCaller);
  }
}
