// @ts-check

/*
 * The one list of browser tests that run in Chromium only, each with the
 * reason. Everything else runs in Chromium, Firefox and WebKit.
 *
 * A test belongs here only when another engine cannot put the page into the
 * state the test is about, and no honest substitute exists (a window size or a
 * container width for layout, Firefox's own preferences for a fixed state):
 * Playwright emulates media features per page through the Chrome DevTools
 * Protocol; WebDriver BiDi (Firefox) and WebKitGTK's WebDriver have no media
 * emulation, and Firefox's preferences apply browser-wide at launch only.
 *
 * In Firefox and WebKit a root `beforeEach` (test/browser/helpers.ts) marks
 * these tests as skipped; the summary counts them per engine, and fails the run
 * if a test is skipped without being listed here or an entry matches nothing.
 * `file` is the test file; `title` is a regular expression over mocha's full title (suite titles and the
 * test title, joined by spaces).
 */

const NO_COLOR_SCHEME =
  'needs prefers-color-scheme: dark; Firefox (WebDriver BiDi) and WebKitGTK (WebDriver) cannot emulate it per page ' +
  '(the light half of the same table runs everywhere; theme="dark" is tested everywhere)';

const A11Y = 'test/browser/accessibility.test.ts';

/** @type {readonly { readonly file: string, readonly title: string, readonly reason: string }[]} */
export const CHROMIUM_ONLY = [
  {
    file: 'test/browser/spam-and-consent.test.ts',
    title: "^spam defences: the honeypot Chromium's address autofill",
    reason:
      "drives Chromium's own autofill through the DevTools protocol (Autofill.trigger); Firefox and WebKit expose no autofill to automation " +
      '(the honeypot test beside it checks, in every engine, what keeps autofill and password managers away)',
  },
  { file: A11Y, title: '^accessibility \\(axe-core, WCAG 2\\.2 A/AA\\) .*, dark: no violations$', reason: NO_COLOR_SCHEME },
  { file: A11Y, title: '^contrast of the default theme .* in dark$', reason: NO_COLOR_SCHEME },
  {
    file: A11Y,
    title: '^layout for everyone shows borders and a focus ring in forced-colors mode$',
    reason: 'needs forced-colors: active; only Chromium can emulate it per page',
  },
  {
    file: A11Y,
    title: '^layout for everyone has no transitions when the visitor prefers reduced motion$',
    reason: 'needs prefers-reduced-motion: reduce; only Chromium can emulate it per page',
  },
  {
    file: 'test/browser/theme-presets.test.ts',
    title: '^theme presets: the visitor’s colour scheme a preset follows prefers-color-scheme unless a scheme is given$',
    reason: NO_COLOR_SCHEME,
  },
  {
    file: 'test/browser/html-first.test.ts',
    title: '^HTML-first: no layout shift on the upgrade .*, dark: ',
    reason: NO_COLOR_SCHEME,
  },
];
