/* global window, document */
/*
 * The one fake behind the three local stand-ins for the captcha providers'
 * scripts (turnstile.js, hcaptcha.js, friendlycaptcha.js), for the browser
 * tests. What differs between the providers is data (PROVIDERS): the global
 * the real script defines and the shape of its API, as each documents it:
 *   - Cloudflare Turnstile and hCaptcha: explicit render,
 *     `render(element, { sitekey, callback, 'expired-callback', … })` returns
 *     a widget id (a string), `reset(id)`;
 *   - Friendly Captcha v2: `frcaptcha.createWidget({ element, sitekey })`
 *     returns a handle with `reset()`, and the widget reports through DOM
 *     events on its element (`frc:widget.complete` with `detail.response`,
 *     `frc:widget.expire`).
 * Every widget is one button ("I am human"); pressing it issues a token that
 * test/support/fake-siteverify.js accepts ("fake-pass-…"), or, for the site
 * key "bad", one it refuses ("fake-fail-…"). `window.__fakeCaptcha.expire()`
 * lets a test expire the latest answer; `.resets` counts resets.
 */

/** @typedef {{ token: (token: string) => void, expired: () => void }} WidgetCallbacks */

/**
 * @type {Record<string,
 *   | { global: string, api: 'render', widgetIdPrefix: string }
 *   | { global: string, api: 'createWidget', events: { complete: string, expire: string } }>}
 */
const PROVIDERS = {
  turnstile: { global: 'turnstile', api: 'render', widgetIdPrefix: 'cf-chl-widget-' },
  hcaptcha: { global: 'hcaptcha', api: 'render', widgetIdPrefix: 'hcaptcha-widget-' },
  friendlycaptcha: { global: 'frcaptcha', api: 'createWidget', events: { complete: 'frc:widget.complete', expire: 'frc:widget.expire' } },
};

let issued = 0;

/** @returns {{ expire?: () => void, resets: number }} */
function testHandle() {
  return (/** @type {any} */ (window).__fakeCaptcha ??= { resets: 0 });
}

/**
 * The widget every provider renders here.
 * @param {HTMLElement} element
 * @param {string} sitekey
 * @param {WidgetCallbacks} on
 */
function fakeWidget(element, sitekey, on) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'I am human';
  button.dataset['fakeCaptcha'] = '';
  button.addEventListener('click', () => {
    issued += 1;
    const token = `${sitekey === 'bad' ? 'fake-fail-' : 'fake-pass-'}${Date.now()}-${issued}`;
    button.textContent = 'Verified';
    on.token(token);
  });
  element.append(button);
  const handle = testHandle();
  handle.expire = () => on.expired();
  return {
    reset() {
      handle.resets += 1;
      button.textContent = 'I am human';
    },
  };
}

/** Turnstile's and hCaptcha's explicit-render API. @param {string} widgetIdPrefix */
function renderApi(widgetIdPrefix) {
  /** @type {Map<string, { reset(): void }>} */
  const widgets = new Map();
  return {
    /** @param {HTMLElement} element @param {{ sitekey: string, callback: (token: string) => void, 'expired-callback'?: () => void }} options */
    render(element, options) {
      const id = `${widgetIdPrefix}${widgets.size + 1}`;
      widgets.set(id, fakeWidget(element, options.sitekey, { token: options.callback, expired: () => options['expired-callback']?.() }));
      return id;
    },
    /** @param {string} id */
    reset(id) {
      widgets.get(id)?.reset();
    },
  };
}

/** Friendly Captcha v2's API: a handle per widget, DOM events on its element. @param {{ complete: string, expire: string }} events */
function createWidgetApi(events) {
  return {
    /** @param {{ element: HTMLElement, sitekey: string }} options */
    createWidget({ element, sitekey }) {
      return fakeWidget(element, sitekey, {
        token: (response) => element.dispatchEvent(new CustomEvent(events.complete, { detail: { response }, bubbles: true })),
        expired: () => element.dispatchEvent(new CustomEvent(events.expire, { bubbles: true })),
      });
    },
  };
}

/**
 * Defines the provider's global, as its real script does when it runs.
 * @param {'turnstile' | 'hcaptcha' | 'friendlycaptcha'} provider
 */
export function installFakeCaptcha(provider) {
  const spec = PROVIDERS[provider];
  if (spec === undefined) throw new Error(`no fake for captcha provider "${provider}"`);
  /** @type {any} */ (window)[spec.global] = spec.api === 'render' ? renderApi(spec.widgetIdPrefix) : createWidgetApi(spec.events);
}
