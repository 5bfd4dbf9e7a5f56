/* global window, document */
/* A local stand-in for Cloudflare Turnstile's explicit-render API (render, reset), for the browser tests; a classic script, like the real one. */
/*
 * The widget is one button ("I am human"); pressing it issues a token that
 * test/support/fake-siteverify.js accepts ("fake-pass-…"), or, for the site
 * key "bad", one it refuses ("fake-fail-…"). `window.__fakeCaptcha.expire()`
 * lets a test expire the answer; `.resets` counts resets.
 */
(() => {
let issued = 0;

/**
 * @param {HTMLElement} element
 * @param {string} sitekey
 * @param {{ token: (token: string) => void, expired: () => void }} on
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
  const fake = /** @type {{ expire?: () => void, resets: number }} */ ((/** @type {any} */ (window).__fakeCaptcha ??= { resets: 0 }));
  fake.expire = () => {
    on.expired();
  };
  return {
    reset() {
      fake.resets += 1;
      button.textContent = 'I am human';
    },
  };
}

/** @type {Map<number, { reset(): void }>} */
const widgets = new Map();
/** @type {any} */ (window).turnstile = {
  /** @param {HTMLElement} element @param {{ sitekey: string, callback: (token: string) => void, 'expired-callback'?: () => void }} options */
  render(element, options) {
    const id = widgets.size + 1;
    widgets.set(id, fakeWidget(element, options.sitekey, { token: options.callback, expired: () => options['expired-callback']?.() }));
    return id;
  },
  /** @param {number} id */
  reset(id) {
    widgets.get(id)?.reset();
  },
};
})();
