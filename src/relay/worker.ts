/*
 * The relay as a Cloudflare Worker module (workerd): `export default
 * createRelayWorker()` in the Worker's entry file, and the settings as
 * variables and secrets. The client address is `CF-Connecting-IP`, which
 * Cloudflare's edge sets and a visitor cannot. The memory rate limit lives
 * per isolate; use a shared store for a hard limit across Cloudflare's edge.
 */
import { createRelay, type RelayHandler, type RelayMode, type RelayOptions } from './create-relay.js';
import type { CaptchaProvider } from './verify-captcha.js';

/** The Worker's variables (wrangler `vars`) and secrets (`wrangler secret put KEEN_API_KEY`). */
export interface RelayWorkerEnv {
  readonly KEEN_CHANNEL_ID?: string;
  /** Comma- or space-separated origins. */
  readonly RELAY_ALLOWED_ORIGINS?: string;
  readonly KEEN_ENDPOINT?: string;
  /** Set it (as a secret) to use create_lead; the mode follows unless RELAY_MODE says otherwise. */
  readonly KEEN_API_KEY?: string;
  readonly RELAY_MODE?: string;
  readonly RELAY_RATE_LIMIT_MAX?: string;
  readonly RELAY_RATE_LIMIT_WINDOW_SECONDS?: string;
  readonly RELAY_BODY_LIMIT_BYTES?: string;
  /** `on` serves the channel's form configuration at `GET ?action=fields` (needs KEEN_API_KEY). */
  readonly RELAY_CHANNEL_FIELDS?: string;
  /** How long the relay keeps that configuration; default 60. */
  readonly RELAY_CHANNEL_FIELDS_CACHE_SECONDS?: string;
  /** The proof-of-work signing key (a secret); without it each isolate makes its own, and a challenge from one isolate fails on another. */
  readonly KEEN_RELAY_CHALLENGE_KEY?: string;
  /** The proof of work's largest number (its cost for a visitor's device); default 100000. */
  readonly RELAY_CHALLENGE_MAX_NUMBER?: string;
  /** `off` turns the proof of work off (e.g. when a captcha or the platform already stops bots). */
  readonly RELAY_CHALLENGE?: string;
  /** `turnstile`, `hcaptcha` or `friendlycaptcha`: check this provider's token instead of the proof of work. */
  readonly RELAY_CAPTCHA_PROVIDER?: string;
  /** The provider's secret or API key (a secret). */
  readonly RELAY_CAPTCHA_SECRET?: string;
  readonly RELAY_CAPTCHA_SITEKEY?: string;
  readonly RELAY_CAPTCHA_SITEVERIFY_URL?: string;
  /** `off` refuses the HTML-first form posted without script (a 415 page); default on. */
  readonly RELAY_FORM_POSTS?: string;
}

export interface RelayWorker {
  fetch(request: Request, env: RelayWorkerEnv): Promise<Response>;
}

function numberOrUndefined(text: string | undefined): number | undefined {
  return text === undefined || text.trim() === '' ? undefined : Number(text);
}

/** Relay options from a Worker's environment. */
export function relayOptionsFromEnv(env: RelayWorkerEnv): RelayOptions {
  const windowSeconds = numberOrUndefined(env.RELAY_RATE_LIMIT_WINDOW_SECONDS);
  const rateLimitMax = numberOrUndefined(env.RELAY_RATE_LIMIT_MAX);
  const options: { -readonly [K in keyof RelayOptions]: RelayOptions[K] } = {
    channelId: env.KEEN_CHANNEL_ID ?? '',
    allowedOrigins: (env.RELAY_ALLOWED_ORIGINS ?? '').split(/[\s,]+/).filter((origin) => origin !== ''),
    trustProxyHeader: 'cf-connecting-ip',
    rateLimit: {
      ...(rateLimitMax === undefined ? {} : { max: rateLimitMax }),
      ...(windowSeconds === undefined ? {} : { windowMs: windowSeconds * 1000 }),
    },
  };
  if (env.KEEN_ENDPOINT) options.endpoint = env.KEEN_ENDPOINT;
  if (env.KEEN_API_KEY) {
    options.apiKey = env.KEEN_API_KEY;
    options.mode = 'create_lead';
  }
  if (env.RELAY_MODE) options.mode = env.RELAY_MODE as RelayMode;
  if (env.RELAY_CHANNEL_FIELDS !== undefined && /^(on|true|1)$/i.test(env.RELAY_CHANNEL_FIELDS.trim())) {
    const cacheSeconds = numberOrUndefined(env.RELAY_CHANNEL_FIELDS_CACHE_SECONDS);
    options.channelFields = cacheSeconds === undefined ? true : { cacheMs: cacheSeconds * 1000 };
  }
  if (env.RELAY_FORM_POSTS !== undefined && /^(off|false|0)$/i.test(env.RELAY_FORM_POSTS.trim())) options.formPosts = false;
  if (env.RELAY_CHALLENGE === 'off') options.challenge = false;
  else {
    const maxNumber = numberOrUndefined(env.RELAY_CHALLENGE_MAX_NUMBER);
    options.challenge = {
      ...(env.KEEN_RELAY_CHALLENGE_KEY ? { hmacKey: env.KEEN_RELAY_CHALLENGE_KEY } : {}),
      ...(maxNumber === undefined ? {} : { maxNumber }),
    };
  }
  if (env.RELAY_CAPTCHA_PROVIDER) {
    options.captcha = {
      provider: env.RELAY_CAPTCHA_PROVIDER as CaptchaProvider,
      secret: env.RELAY_CAPTCHA_SECRET ?? '',
      ...(env.RELAY_CAPTCHA_SITEKEY ? { sitekey: env.RELAY_CAPTCHA_SITEKEY } : {}),
      ...(env.RELAY_CAPTCHA_SITEVERIFY_URL ? { siteverifyUrl: env.RELAY_CAPTCHA_SITEVERIFY_URL } : {}),
    };
  }
  const bodyLimit = numberOrUndefined(env.RELAY_BODY_LIMIT_BYTES);
  if (bodyLimit !== undefined) options.bodyLimitBytes = bodyLimit;
  return options;
}

/**
 * A Worker whose relay is built on the first request from `env` (through
 * `options`, default {@link relayOptionsFromEnv}) and then kept, so its
 * memory rate limit persists in the isolate.
 */
export function createRelayWorker(options: (env: RelayWorkerEnv) => RelayOptions = relayOptionsFromEnv): RelayWorker {
  // One relay per isolate, built from the first request's env (an isolate's env does not change).
  let relay: RelayHandler | undefined;
  return {
    async fetch(request, env) {
      try {
        relay ??= createRelay(options(env));
      } catch (error) {
        // A configuration mistake: say which setting (messages never hold the key), and let the widget retry later.
        const message = error instanceof Error ? error.message : 'bad configuration';
        return Response.json({ error: `Relay not configured: ${message}` }, { status: 500 });
      }
      return relay(request);
    },
  };
}

/** The Worker itself, configured from its environment: `export { default } from 'keen-lead-form/relay/worker'`. */
export default createRelayWorker();
