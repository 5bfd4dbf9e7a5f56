/*
 * The three captcha providers' browser APIs, the minimal subset we use:
 * load the provider's script once per page (only for a form that names the
 * provider), render its widget into an element, and hear about tokens,
 * expiry and errors. No DOM of ours and nothing of Lit: the element's
 * challenge controller owns the container and the state.
 */
import type { CaptchaProvider } from '../schema/form-config.js';

/** How long a provider's script may take to load and be ready before the visitor is told it is blocked. */
export const CAPTCHA_LOAD_WAIT_MS = 10_000;

export const CAPTCHA_SCRIPT_URLS: Readonly<Record<CaptchaProvider, string>> = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit',
  hcaptcha: 'https://js.hcaptcha.com/1/api.js?render=explicit&recaptchacompat=off',
  friendlycaptcha: 'https://cdn.jsdelivr.net/npm/@friendlycaptcha/sdk@0.1.x/site.min.js',
};

export interface CaptchaCallbacks {
  readonly token: (token: string) => void;
  /** The token aged out (or the widget broke): the visitor must solve again. */
  readonly lost: () => void;
}

export interface CaptchaWidget {
  /** Clears the widget for a new answer (a token is good for one lead). */
  reset(): void;
}

/** Turnstile and hCaptcha share the explicit-render shape. */
interface RenderApi {
  render(element: HTMLElement, options: Record<string, unknown>): string | number;
  reset(id?: string | number): void;
}
interface FriendlyApi {
  createWidget(options: { element: HTMLElement; sitekey: string }): { reset(): void };
}

const GLOBALS: Readonly<Record<CaptchaProvider, string>> = { turnstile: 'turnstile', hcaptcha: 'hcaptcha', friendlycaptcha: 'frcaptcha' };

const loads = new Map<CaptchaProvider, Promise<unknown>>();

function readyApi(provider: CaptchaProvider): unknown {
  return (window as unknown as Record<string, unknown>)[GLOBALS[provider]];
}

/** Inserts the provider's script (once per page) and resolves its API; rejects on a load error or after {@link CAPTCHA_LOAD_WAIT_MS}. */
function loadApi(provider: CaptchaProvider, url: string): Promise<unknown> {
  let loading = loads.get(provider);
  if (loading === undefined) {
    loading = new Promise((resolve, reject) => {
      const deadline = Date.now() + CAPTCHA_LOAD_WAIT_MS;
      const script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.addEventListener('error', () => reject(new Error(`${provider} script failed to load`)));
      // The API may appear a moment after the load event (Friendly Captcha sets it up on its own schedule).
      const poll = (): void => {
        const api = readyApi(provider);
        if (api !== undefined) resolve(api);
        else if (Date.now() > deadline) reject(new Error(`${provider} was not ready in time`));
        else setTimeout(poll, 50);
      };
      poll();
      document.head.append(script);
    });
    // A failed load may be retried (the visitor allowed the provider, or came back online).
    loading.catch(() => loads.delete(provider));
    loads.set(provider, loading);
  }
  return loading;
}

/** Loads the provider and renders its widget into `element`. */
export async function renderCaptcha(
  provider: CaptchaProvider,
  sitekey: string,
  scriptUrl: string | undefined,
  element: HTMLElement,
  on: CaptchaCallbacks,
): Promise<CaptchaWidget> {
  const api = await loadApi(provider, scriptUrl ?? CAPTCHA_SCRIPT_URLS[provider]);
  if (provider === 'friendlycaptcha') {
    element.addEventListener('frc:widget.complete', (event) => on.token(String((event as CustomEvent<{ response?: unknown }>).detail?.response ?? '')));
    element.addEventListener('frc:widget.expire', on.lost);
    element.addEventListener('frc:widget.error', on.lost);
    const handle = (api as FriendlyApi).createWidget({ element, sitekey });
    return { reset: () => handle.reset() };
  }
  const renderer = api as RenderApi;
  const id = renderer.render(element, { sitekey, callback: on.token, 'expired-callback': on.lost, 'error-callback': on.lost });
  return { reset: () => renderer.reset(id) };
}
