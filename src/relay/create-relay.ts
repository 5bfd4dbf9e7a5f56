/*
 * The relay: a standard Fetch handler that takes what <keen-lead-form relay>
 * posts, checks it with the widget's own schema, adds the channel id (and,
 * in create_lead mode, the API key) on the server, and passes Keen's answer
 * back in the widget's terms. Refusals come before any request to Keen, in
 * this order: CORS preflight → origin → method → content type → body size →
 * UTF-8/JSON → channel_id → honeypot → proof of work or captcha → rate limit
 * → schema. Spam is refused before the rate limit so that a bot's posts never
 * use up a real visitor's allowance behind the same address.
 * A form-encoded POST is the HTML-first form posted without script
 * (contract F): answer-form-post.ts answers it with HTML pages.
 * `GET ?action=challenge` hands out a proof-of-work challenge. When the
 * operator turns on `channelFields`, `GET ?action=fields` answers the
 * channel's form configuration (see channel-fields-source.ts) to any page an
 * allowed origin serves.
 */
import { parseLeadPayload } from '../schema/lead-payload.js';
import { addressFromHeader, clientBucket } from './client-address.js';
import { createChannelFieldsSource, DEFAULT_CHANNEL_FIELDS_CACHE_MS } from './channel-fields-source.js';
import { AllowedOrigins, corsHeaders, preflightHeaders } from './cors.js';
import { forwardToKeen, redact, type RelayAnswer } from './forward-to-keen.js';
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit-store.js';
import { createProofOfWork, type ProofOfWork, type RelayChallenge } from './proof-of-work.js';
import { readLimitedBody } from './read-limited-body.js';
import { answerFormPost, isFormPost, type RateLimitVerdict } from './answer-form-post.js';
import { checkCaptchaSettings, verifyCaptcha, type RelayCaptcha } from './verify-captcha.js';
import { counterSet, type RefusalReason, type RelayCounters } from './relay-counters.js';

export const DEFAULT_KEEN_ENDPOINT = 'https://data.keenpartner.com/functions/v1/keen-api';
export const DEFAULT_BODY_LIMIT_BYTES = 102_400;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RATE_LIMIT = { max: 10, windowMs: 10 * 60_000 } as const;

export type RelayMode = 'lead_external' | 'create_lead';

export interface RelayRateLimit {
  /** Leads one client address (IPv6: one /64) may send per window; default 10. */
  readonly max?: number;
  /** Default 10 minutes. */
  readonly windowMs?: number;
  /** Default: a {@link MemoryRateLimitStore}; use a `RedisRateLimitStore` when several instances run. */
  readonly store?: RateLimitStore;
}

/** What the relay reports about each request, for a log line. Never holds the key or the lead's contents. */
export interface RelayEvent {
  readonly outcome: 'forwarded' | 'refused' | 'preflight' | 'challenge' | 'fields';
  readonly status: number;
  /** Why it was refused, or Keen's error; already free of the API key. */
  readonly reason?: string;
  /** Which gate refused it (the key the counters use). */
  readonly refused?: RefusalReason;
  /** `form` when the request was a no-script form post (answered with an HTML page). */
  readonly via?: 'form';
  readonly client: string;
  readonly durationMs: number;
}

export interface RelayOptions {
  /** The Keen channel id (or public uuid) every lead goes to. Stays on the server. */
  readonly channelId: string;
  /** Origins whose pages may post, e.g. `['https://www.example.com']`; `'*'` allows any (and weakens the gate). */
  readonly allowedOrigins: readonly string[];
  /** Keen's API URL; default {@link DEFAULT_KEEN_ENDPOINT}. */
  readonly endpoint?: string;
  /**
   * `lead_external` (default, no key) or `create_lead`, which needs `apiKey`
   * and makes Keen send the channel's webhook and in-app notification.
   */
  readonly mode?: RelayMode;
  /** The company's Keen API key, for `create_lead`. Read it from the environment (`KEEN_API_KEY`), never from code. */
  readonly apiKey?: string;
  /**
   * Serve the channel's form configuration at `GET <relay URL>?action=fields`
   * for `<keen-lead-form fields-from="relay">`: built from get_channels with
   * `apiKey` (required then, in either mode), kept `cacheMs` (default 60 s).
   */
  readonly channelFields?: boolean | { readonly cacheMs?: number };
  /** Largest request body accepted, in bytes (default 100 KB, as Keen). */
  readonly bodyLimitBytes?: number;
  /** Per-client limit; `false` turns it off (e.g. when the platform limits already). */
  readonly rateLimit?: RelayRateLimit | false;
  /**
   * A header your own proxy or platform sets to the visitor's address
   * (`x-forwarded-for` → its last entry; `cf-connecting-ip`). Only name one
   * that your infrastructure overwrites: visitors can send any header.
   * Without it, the address is the one the runtime reports (the socket).
   */
  readonly trustProxyHeader?: string;
  /** How long to wait for Keen (then 504, which the widget retries) and for the rate-limit store (then 503), in ms; default 10 s. */
  readonly timeoutMs?: number;
  /**
   * Proof of work (ALTCHA): on by default, with a random key per process.
   * Give `hmacKey` (e.g. from env `KEEN_RELAY_CHALLENGE_KEY`) when several
   * instances run, so a challenge from one verifies on another. `false` turns it off.
   */
  readonly challenge?: RelayChallenge | false;
  /** A captcha provider's token check instead of the proof of work. */
  readonly captcha?: RelayCaptcha;
  /**
   * Take the HTML-first form posted without script (form-encoded; default
   * `true`): checked with the honeypot and the rate limit, answered with
   * HTML pages. A relay with a `captcha` refuses them with a page saying the
   * form needs JavaScript (keeping the input). `false` answers a 415 page.
   */
  readonly formPosts?: boolean;
  /** Called once per request, e.g. to log. */
  readonly onEvent?: (event: RelayEvent) => void;
  /** For tests and unusual runtimes. */
  readonly fetch?: typeof fetch;
}

/** What the runtime knows about the request besides the request itself. */
export interface RelayContext {
  /** The peer address of the connection (Node's `req.socket.remoteAddress`, Deno's `remoteAddr`, Bun's `requestIP`). */
  readonly clientAddress?: string | undefined;
}

export type RelayHandler = (request: Request, context?: RelayContext) => Promise<Response>;

function missing(message: string): never {
  throw new Error(message);
}

/** The relay's handler, with the counts an operator can read (e.g. for a metrics endpoint). */
export interface Relay extends RelayHandler {
  /** A snapshot of how many requests ended how, since the relay was created. */
  counters(): RelayCounters;
}

/** What a spam refusal answers: final for the widget (403), except `renew`, on which it solves a new challenge and resends. */
interface SpamRefusal {
  readonly refused: 'honeypot' | 'challenge' | 'captcha';
  readonly error: string;
  readonly renew?: true;
}

/** Keen's answer passed on, or a spam refusal with its extra fields. */
type Answer = RelayAnswer | { readonly status: number; readonly body: SpamRefusal; readonly retryAfter?: undefined };

function verificationOf(json: Record<string, unknown>): Record<string, unknown> {
  const verification = json['verification'];
  return typeof verification === 'object' && verification !== null && !Array.isArray(verification) ? (verification as Record<string, unknown>) : {};
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number`);
  return value;
}

/** A store that hangs (e.g. a client queueing commands while Redis is down) must not hang the visitor. */
function withinTime<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createRelay(options: RelayOptions): Relay {
  const channelId = options.channelId?.trim() ?? '';
  if (channelId === '') throw new Error('channelId is required: the Keen channel id the leads go to');
  const mode: RelayMode = options.mode ?? 'lead_external';
  if (mode !== 'lead_external' && mode !== 'create_lead') throw new Error('mode must be "lead_external" or "create_lead"');
  // lead_external takes no key, so a key given anyway is never sent.
  const apiKey = mode !== 'create_lead' || options.apiKey === undefined || options.apiKey === '' ? undefined : options.apiKey;
  if (mode === 'create_lead' && apiKey === undefined) throw new Error('mode "create_lead" needs apiKey (set KEEN_API_KEY)');
  const endpoint = new URL(options.endpoint ?? DEFAULT_KEEN_ENDPOINT).href;
  const origins = new AllowedOrigins(options.allowedOrigins);
  const bodyLimit = positive('bodyLimitBytes', options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES);
  const timeoutMs = positive('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const rateLimit =
    options.rateLimit === false
      ? undefined
      : {
          max: positive('rateLimit.max', options.rateLimit?.max ?? DEFAULT_RATE_LIMIT.max),
          windowMs: positive('rateLimit.windowMs', options.rateLimit?.windowMs ?? DEFAULT_RATE_LIMIT.windowMs),
          store: options.rateLimit?.store ?? new MemoryRateLimitStore(),
        };
  const proxyHeader = options.trustProxyHeader?.trim().toLowerCase() || undefined;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  // Any key given is kept out of every answer, also one only channelFields uses.
  const secret = options.apiKey || undefined;
  const channelFields =
    options.channelFields === undefined || options.channelFields === false
      ? undefined
      : createChannelFieldsSource({
          endpoint,
          channelId,
          apiKey: secret ?? missing('channelFields needs apiKey (set KEEN_API_KEY): get_channels is an authenticated action'),
          timeoutMs,
          fetch: doFetch,
          cacheMs: positive('channelFields.cacheMs', (options.channelFields === true ? undefined : options.channelFields.cacheMs) ?? DEFAULT_CHANNEL_FIELDS_CACHE_MS),
        });
  const captcha = options.captcha;
  if (captcha !== undefined) checkCaptchaSettings(captcha);
  // A captcha replaces the proof of work: one check per lead is enough.
  const proofOfWork: ProofOfWork | undefined =
    captcha !== undefined || options.challenge === false ? undefined : createProofOfWork(options.challenge ?? {});
  const counters = counterSet();

  /** One hit on the client's allowance; `unavailable` when the store does not answer in time. */
  async function hitRateLimit(client: string): Promise<RateLimitVerdict> {
    if (rateLimit === undefined) return { ok: true };
    let hit;
    try {
      hit = await withinTime(rateLimit.store.hit(client, rateLimit.windowMs), timeoutMs);
    } catch {
      return { ok: false, unavailable: true };
    }
    return hit.count > rateLimit.max ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(hit.resetInMs / 1000)) } : { ok: true };
  }

  /** A checked lead to Keen, the channel (and key) added here. */
  function forwardLead(lead: Readonly<Record<string, unknown>>): Promise<RelayAnswer> {
    // Keen's documented order: action and channel first, then the lead's fields.
    const keenBody: Record<string, unknown> = { action: mode, channel_id: channelId };
    for (const [key, value] of Object.entries(lead)) if (key !== 'action') keenBody[key] = value;
    return forwardToKeen({ endpoint, body: keenBody, apiKey, timeoutMs, fetch: doFetch });
  }

  const formPostChecks = rateLimit === undefined ? ['honeypot'] : ['honeypot', 'rate-limit'];

  /** The honeypot, then the challenge or captcha; `undefined` when the lead may go on. */
  async function spamRefusal(verification: Record<string, unknown>, remoteIp: string | undefined): Promise<SpamRefusal | undefined> {
    const honeypot = verification['honeypot'];
    if (typeof honeypot === 'string' ? honeypot !== '' : honeypot !== undefined && honeypot !== null) {
      return { refused: 'honeypot', error: 'Refused as spam: a field people never see was filled' };
    }
    if (proofOfWork !== undefined) {
      const verdict = await withinTime(proofOfWork.verify(verification['altcha']), timeoutMs);
      if (verdict === 'missing') return { refused: 'challenge', error: 'The spam check is missing: solve a new challenge', renew: true };
      if (verdict === 'expired') return { refused: 'challenge', error: 'The spam check expired: solve a new challenge', renew: true };
      if (verdict === 'replayed') return { refused: 'challenge', error: 'Refused as spam: this spam check was already used' };
      if (verdict === 'invalid') return { refused: 'challenge', error: 'Refused as spam: the spam check is not valid' };
    }
    if (captcha !== undefined) {
      const given = verificationOf({ verification: verification['captcha'] });
      const token = typeof given['token'] === 'string' ? given['token'] : '';
      const provider = typeof given['provider'] === 'string' ? given['provider'] : captcha.provider;
      const verdict = await verifyCaptcha(captcha, { provider, token, remoteIp }, { fetch: doFetch, timeoutMs });
      if (verdict === 'unavailable') throw new Error('captcha provider unavailable');
      if (verdict === 'missing') return { refused: 'captcha', error: 'The captcha answer is missing' };
      if (verdict === 'invalid') return { refused: 'captcha', error: 'Refused as spam: the captcha answer is not valid' };
    }
    return undefined;
  }

  async function relayLead(request: Request, context: RelayContext = {}): Promise<Response> {
    const started = Date.now();
    const origin = request.headers.get('origin');
    const address = proxyHeader === undefined ? context.clientAddress : addressFromHeader(request.headers, proxyHeader);
    const client = clientBucket(address);
    const cors = origins.allows(origin) ? corsHeaders(origin) : {};

    const finish = (
      outcome: RelayEvent['outcome'],
      answer: Answer,
      headers: Record<string, string> = {},
      refused?: RefusalReason,
    ): Response => {
      const reason = 'error' in answer.body ? redact(answer.body.error, secret) : undefined;
      counters.count(outcome, refused);
      options.onEvent?.({
        outcome,
        status: answer.status,
        client,
        durationMs: Date.now() - started,
        ...(reason === undefined ? {} : { reason }),
        ...(refused === undefined ? {} : { refused }),
      });
      const allHeaders: Record<string, string> = {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        ...cors,
        ...headers,
      };
      if (answer.retryAfter !== undefined) allHeaders['Retry-After'] = answer.retryAfter;
      const body = reason === undefined ? answer.body : { ...answer.body, error: reason };
      return new Response(redact(JSON.stringify(body), secret), { status: answer.status, headers: allHeaders });
    };
    const refuse = (status: number, error: string, refused: RefusalReason, headers?: Record<string, string>): Response =>
      finish('refused', { status, body: { error } }, headers, refused);

    if (request.method === 'OPTIONS') {
      if (!origins.allows(origin)) return refuse(403, 'Origin not allowed', 'origin');
      counters.count('preflight');
      options.onEvent?.({ outcome: 'preflight', status: 204, client, durationMs: Date.now() - started });
      return new Response(null, { status: 204, headers: preflightHeaders(origin) });
    }
    if (request.method === 'GET' && new URL(request.url).searchParams.get('action') === 'fields') {
      // A same-origin GET carries no Origin: the configuration is what the page shows anyway, so only a foreign origin is refused.
      if (origin !== null && !origins.allows(origin)) return refuse(403, 'Origin not allowed', 'origin');
      if (channelFields === undefined) return refuse(404, "This relay does not serve the channel's fields (its operator has not turned on channelFields)", 'method');
      const answer = await channelFields();
      if (!answer.ok) {
        // The reason (Keen's refusal, a timeout) is for the operator's log; the page learns only that it failed.
        options.onEvent?.({ outcome: 'fields', status: 502, client, durationMs: Date.now() - started, reason: redact(answer.error, secret) });
        return new Response(JSON.stringify({ error: "The relay could not load the channel's fields from Keen" }), {
          status: 502,
          headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...cors },
        });
      }
      counters.count('fields');
      options.onEvent?.({ outcome: 'fields', status: 200, client, durationMs: Date.now() - started });
      return new Response(redact(answer.json, secret), {
        status: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': `public, max-age=${answer.maxAgeSeconds}`, Vary: 'Origin', ...cors },
      });
    }
    if (request.method === 'GET' && new URL(request.url).searchParams.get('action') === 'challenge') {
      // Same-origin GETs carry no Origin; a challenge is no secret (anyone can
      // fetch one), so only a page of another site is turned away.
      if (origin !== null && !origins.allows(origin)) return refuse(403, 'Origin not allowed', 'origin');
      if (proofOfWork === undefined) return refuse(404, 'This relay does not use a proof-of-work challenge', 'method');
      const challenge = await proofOfWork.issue();
      counters.count('challenge');
      options.onEvent?.({ outcome: 'challenge', status: 200, client, durationMs: Date.now() - started });
      return new Response(JSON.stringify(challenge), {
        status: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...cors },
      });
    }
    if (isFormPost(request)) {
      counters.count('formPosts');
      return answerFormPost(request, client, {
        origins,
        enabled: options.formPosts !== false,
        bodyLimit,
        captcha: captcha !== undefined,
        checks: formPostChecks,
        rateLimit: hitRateLimit,
        forward: forwardLead,
        report(outcome, status, refused, reason) {
          counters.count(outcome, refused);
          options.onEvent?.({
            outcome,
            status,
            via: 'form',
            client,
            durationMs: Date.now() - started,
            ...(reason === undefined ? {} : { reason: redact(reason, secret) }),
            ...(refused === undefined ? {} : { refused }),
          });
        },
      });
    }
    // Browsers send Origin with every POST, same-origin ones included, so a
    // missing Origin is a script, not a page of the site.
    if (!origins.allows(origin)) return refuse(403, 'Origin not allowed', 'origin');
    if (request.method !== 'POST') {
      return refuse(405, 'Method not allowed', 'method', { Allow: channelFields === undefined && proofOfWork === undefined ? 'POST, OPTIONS' : 'GET, POST, OPTIONS' });
    }
    const contentType = request.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(contentType)) return refuse(415, 'Content-Type must be application/json', 'content-type');

    const body = await readLimitedBody(request, bodyLimit);
    if (!body.ok) return refuse(413, 'Request body too large', 'body-size');
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes));
    } catch {
      return refuse(400, 'Request body must be JSON in UTF-8', 'json');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return refuse(400, 'Request body must be a JSON object', 'json');
    if ('channel_id' in json) {
      // The relay owns the channel. Saying only "not accepted" (never whether it
      // matched) keeps the relay from being an oracle for guessing the id.
      return refuse(400, 'channel_id is not accepted: the relay adds it', 'channel-id');
    }
    // The verification travels beside the lead; the lead's schema never sees it.
    const lead = Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'verification'));
    let spam: SpamRefusal | undefined;
    try {
      spam = await spamRefusal(verificationOf(json as Record<string, unknown>), address);
    } catch {
      // The replay store or the captcha provider cannot answer: keep the lead waiting, never let it through unchecked.
      return refuse(503, 'The relay cannot check for spam right now; try again later', 'unavailable');
    }
    if (spam !== undefined) {
      return finish('refused', { status: 403, body: spam }, {}, spam.refused);
    }

    const limit = await hitRateLimit(client);
    if (!limit.ok) {
      // Fail closed but retryable: the widget keeps the lead and tries again.
      if ('unavailable' in limit) return refuse(503, 'The relay cannot check its rate limit right now', 'unavailable');
      return refuse(429, 'Too many leads from this address; try again later', 'rate-limit', { 'Retry-After': String(limit.retryAfterSeconds) });
    }

    const parsed = parseLeadPayload(lead, { forRelay: true });
    if (!parsed.ok) return refuse(400, parsed.problems.join('; '), 'schema');

    return finish('forwarded', await forwardLead(parsed.payload));
  }

  return Object.assign(relayLead, { counters: () => counters.snapshot() });
}
