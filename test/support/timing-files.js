// @ts-check

/**
 * The browser test files that measure main-thread timing: a send leaving
 * before the next animation frame (fast-send), proof of work not blocking the
 * page (challenge), a language change painted in the next frame
 * (sharp-edges). Beside another browser on two cores these measured the
 * machine, not the widget, so scripts/test-browsers.js runs them one engine at
 * a time after the other files have run side by side.
 */
export const TIMING_FILES = /** @type {const} */ (['test/browser/fast-send.test.ts', 'test/browser/challenge.test.ts', 'test/browser/sharp-edges.test.ts']);
