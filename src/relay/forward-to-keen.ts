/*
 * One request to Keen and its answer, put in the widget's terms: the status
 * keeps its meaning (so 400/403/404 stay final and 408/429/5xx stay
 * retryable), the body is always `{ lead }` or `{ error }`, and the API key
 * cannot come back out, whatever Keen's answer contains.
 */

import { isRecord, parseJson } from '../shared/json.js';

export interface KeenRequest {
  readonly endpoint: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** Sent as `X-Api-Key` (create_lead mode); never echoed. */
  readonly apiKey?: string | undefined;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
}

export interface RelayAnswer {
  readonly status: number;
  readonly body: { readonly lead: Readonly<Record<string, unknown>> } | { readonly error: string };
  /** Keen's `Retry-After`, passed on so the widget waits as long as Keen asked. */
  readonly retryAfter?: string;
}

/** What the widget shows as "not set up correctly" (final), with nothing secret in it. */
export const KEY_REFUSED_MESSAGE =
  "Keen refused the relay's API key (KEEN_API_KEY); the site owner must set a valid key for this channel's company";

const REDACTED = '[redacted]';

/** Removes every spelling of the secret a JSON answer could carry (raw or JSON-escaped). */
export function redact(text: string, secret: string | undefined): string {
  if (secret === undefined || secret === '') return text;
  let result = text.split(secret).join(REDACTED);
  const escaped = JSON.stringify(secret).slice(1, -1);
  if (escaped !== secret) result = result.split(escaped).join(REDACTED);
  return result;
}

export async function forwardToKeen(request: KeenRequest): Promise<RelayAnswer> {
  const bytes = new TextEncoder().encode(JSON.stringify(request.body));
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    // Runtimes derive it from a byte body anyway; stated so no runtime falls back to chunked.
    'Content-Length': String(bytes.byteLength),
    Accept: 'application/json',
  };
  if (request.apiKey !== undefined) headers['X-Api-Key'] = request.apiKey;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await request.fetch(request.endpoint, {
      method: 'POST',
      headers,
      body: bytes,
      redirect: 'manual', // a redirect would re-send the key somewhere else
      signal: controller.signal,
    });
    text = redact(await response.text(), request.apiKey);
  } catch {
    // The error's own text is not passed on: it can name internal hosts.
    return controller.signal.aborted
      ? { status: 504, body: { error: `Keen did not answer the relay within ${request.timeoutMs} ms` } }
      : { status: 502, body: { error: 'The relay could not reach Keen' } };
  } finally {
    clearTimeout(timer);
  }

  const status = response.status;
  const json = parseJson(text);
  const retryAfter = response.headers.get('retry-after') ?? undefined;
  const withRetry = (answer: RelayAnswer): RelayAnswer => (retryAfter === undefined ? answer : { ...answer, retryAfter });

  if (status >= 200 && status < 300) {
    // lead_external answers { lead }; accept a bare lead too, the way create_lead may.
    if (isRecord(json) && isRecord(json['lead'])) return { status, body: { lead: json['lead'] } };
    if (isRecord(json) && typeof json['id'] === 'string') return { status, body: { lead: json } };
    return { status, body: { error: `Keen answered ${status} without a lead` } };
  }
  if (status === 401 && request.apiKey !== undefined) {
    // The visitor can do nothing about it, so it must be final for the widget: 403, as a misconfigured channel.
    return { status: 403, body: { error: KEY_REFUSED_MESSAGE } };
  }
  if (status >= 300 && status < 400) {
    return { status: 502, body: { error: `Keen answered ${status} (a redirect), which the relay does not follow` } };
  }
  if (isRecord(json) && typeof json['error'] === 'string') return withRetry({ status, body: { error: json['error'] } });
  const described = text.trim() === '' ? 'an empty body' : 'a body that is not JSON';
  return withRetry({ status, body: { error: `Keen answered ${status} with ${described}` } });
}
