/*
 * Checks a captcha token with its provider's siteverify API (Cloudflare
 * Turnstile, hCaptcha, Friendly Captcha v2). A provider that cannot be asked
 * (down, slow, or refusing our secret) is "unavailable": the relay answers
 * 503 and the widget keeps the lead and tries again, because forwarding an
 * unverified lead would defeat the check and refusing it would lose a person.
 */

export type CaptchaProvider = 'turnstile' | 'hcaptcha' | 'friendlycaptcha';

export interface RelayCaptcha {
  readonly provider: CaptchaProvider;
  /** The provider's secret (Turnstile/hCaptcha) or API key (Friendly Captcha). Read it from the environment. */
  readonly secret: string;
  /** The site key: sent to hCaptcha and Friendly Captcha, which check the token was made for it. */
  readonly sitekey?: string;
  /** Default: the provider's own siteverify URL; tests point it at a local fake. */
  readonly siteverifyUrl?: string;
}

export const SITEVERIFY_URLS: Readonly<Record<CaptchaProvider, string>> = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
  friendlycaptcha: 'https://global.frcapi.com/api/v2/captcha/siteverify',
};

export type CaptchaVerdict = 'ok' | 'missing' | 'invalid' | 'unavailable';

export interface CaptchaCheck {
  readonly provider: string;
  readonly token: string;
  readonly remoteIp?: string | undefined;
}

export function checkCaptchaSettings(settings: RelayCaptcha): void {
  if (!Object.hasOwn(SITEVERIFY_URLS, settings.provider)) {
    throw new Error('captcha.provider must be "turnstile", "hcaptcha" or "friendlycaptcha"');
  }
  if (typeof settings.secret !== 'string' || settings.secret === '') throw new Error('captcha.secret is required (the provider\'s secret or API key)');
  new URL(settings.siteverifyUrl ?? SITEVERIFY_URLS[settings.provider]);
}

function siteverifyRequest(settings: RelayCaptcha, check: CaptchaCheck): RequestInit {
  if (settings.provider === 'friendlycaptcha') {
    return {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': settings.secret },
      body: JSON.stringify({ response: check.token, ...(settings.sitekey === undefined ? {} : { sitekey: settings.sitekey }) }),
    };
  }
  const form = new URLSearchParams({ secret: settings.secret, response: check.token });
  if (check.remoteIp !== undefined) form.set('remoteip', check.remoteIp);
  if (settings.provider === 'hcaptcha' && settings.sitekey !== undefined) form.set('sitekey', settings.sitekey);
  return { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() };
}

/** Error codes (Turnstile, hCaptcha) that blame our secret or the provider, not the visitor's token: the lead must wait, not be refused. */
const NOT_THE_TOKENS_FAULT = new Set(['missing-input-secret', 'invalid-input-secret', 'sitekey-secret-mismatch', 'internal-error']);

/** Friendly Captcha answers 200 with `success: false` for a bad token; a 4xx names a problem with our request or key instead. */
function isTokenRefusal(status: number, body: Record<string, unknown>): boolean {
  const codes = body['error-codes'];
  if (Array.isArray(codes) && codes.some((code) => NOT_THE_TOKENS_FAULT.has(String(code)))) return false;
  if (status === 200) return body['success'] === false;
  const error = body['error'];
  const code = typeof error === 'object' && error !== null ? (error as Record<string, unknown>)['error_code'] : undefined;
  return status === 400 && typeof code === 'string' && code.startsWith('response_');
}

export async function verifyCaptcha(
  settings: RelayCaptcha,
  check: CaptchaCheck,
  { fetch: doFetch, timeoutMs }: { fetch: typeof fetch; timeoutMs: number },
): Promise<CaptchaVerdict> {
  if (check.token === '') return 'missing';
  // A token made for another provider cannot be checked here, and is not ours.
  if (check.provider !== settings.provider) return 'invalid';
  let response: Response;
  let body: unknown;
  try {
    response = await doFetch(settings.siteverifyUrl ?? SITEVERIFY_URLS[settings.provider], {
      ...siteverifyRequest(settings, check),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = await response.json();
  } catch {
    return 'unavailable';
  }
  if (typeof body !== 'object' || body === null) return 'unavailable';
  const answer = body as Record<string, unknown>;
  if (response.status === 200 && answer['success'] === true) return 'ok';
  return isTokenRefusal(response.status, answer) ? 'invalid' : 'unavailable';
}
