// @ts-check

/**
 * The browser test files whose outcome depends on timing: those that measure
 * the main thread (a send leaving before the next animation frame in
 * fast-send, proof of work not blocking the page in challenge, a language
 * change painted in the next frame in sharp-edges), and reliability, whose
 * page-close tests need the closing page's last request to leave between two
 * retries (with three browsers on two cores a retry was still in flight when
 * the page closed, and the closing page rightly skips a lead in flight).
 * Beside other browsers on two cores these measured the machine, not the
 * widget, so scripts/test-browsers.js runs them one engine at a time after the
 * other files have run side by side.
 */
export const TIMING_FILES = /** @type {const} */ ([
  'test/browser/fast-send.test.ts',
  'test/browser/challenge.test.ts',
  'test/browser/sharp-edges.test.ts',
  'test/browser/reliability.test.ts',
]);
