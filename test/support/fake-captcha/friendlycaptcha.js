/* global window, document */
/* A local stand-in for Friendly Captcha v2's SDK (window.frcaptcha.createWidget, frc:widget.* events), for the browser tests; a classic script, like the real one. */
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

/** @type {any} */ (window).frcaptcha = {
  /** @param {{ element: HTMLElement, sitekey: string }} options */
  createWidget({ element, sitekey }) {
    return fakeWidget(element, sitekey, {
      token: (response) => element.dispatchEvent(new CustomEvent('frc:widget.complete', { detail: { response }, bubbles: true })),
      expired: () => element.dispatchEvent(new CustomEvent('frc:widget.expire', { bubbles: true })),
    });
  },
};
})();
