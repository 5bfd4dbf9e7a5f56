// @ts-check
import { CHROMIUM_ONLY } from './chromium-only.js';

/*
 * Test commands that behave the same in every engine, for test/browser/helpers.ts.
 * They have their own names (`keen-*`) rather than overriding the runner's
 * default commands, and they use only the launchers' public APIs:
 * - `keen-engine`: which engine runs this page, and the Chromium-only list.
 * - `keen-keys`: `{ type }` or `{ press }`. WebKit's WebDriver (through
 *   webdriverio's `keys()`, the launcher's public sendKeys) presses every key
 *   of a call before releasing any, so a letter repeated within one call is
 *   lost: we split the text where a key would repeat (one round trip per
 *   character made typing too slow for the longer tests). Firefox's BiDi
 *   keyboard has no key named "Space": we send ' '.
 */

/** @typedef {'chromium' | 'firefox' | 'webkit'} Engine */
/** @typedef {{ type: string } | { press: string }} KeysPayload */

/**
 * @param {unknown} payload
 * @returns {payload is KeysPayload}
 */
function isKeysPayload(payload) {
  if (typeof payload !== 'object' || payload === null) return false;
  const { type, press } = /** @type {{ type?: unknown, press?: unknown }} */ (payload);
  return (typeof type === 'string') !== (typeof press === 'string');
}

/**
 * The page's keyboard where the launcher hands out pages (Playwright, puppeteer).
 * @param {{ id: string, browser: import('@web/test-runner').BrowserLauncher }} session
 * @returns {{ type(text: string): Promise<void>, press(key: string): Promise<void> } | undefined}
 */
function keyboardOf(session) {
  if (session.browser.type === 'playwright') {
    return /** @type {import('@web/test-runner-playwright').PlaywrightLauncher} */ (session.browser).getPage(session.id).keyboard;
  }
  if (session.browser.type === 'puppeteer') {
    return /** @type {import('@web/test-runner-chrome').ChromeLauncher} */ (session.browser).getPage(session.id).keyboard;
  }
  return undefined;
}

/**
 * `text` cut into runs in which no key repeats ('a' and 'A' are one key), in order.
 * @param {string} text
 * @returns {string[][]}
 */
export function chordsWithoutRepeats(text) {
  /** @type {string[][]} */
  const chords = [];
  /** @type {Set<string>} */
  let held = new Set();
  for (const character of text) {
    const key = character.toLowerCase();
    if (held.has(key) || chords.length === 0) {
      chords.push([]);
      held = new Set();
    }
    chords.at(-1)?.push(character);
    held.add(key);
  }
  return chords;
}

/** @param {string} key */
function firefoxKey(key) {
  return key === 'Space' ? ' ' : key;
}

/**
 * @param {Engine} engine
 * @returns {import('@web/test-runner').TestRunnerPlugin<unknown>}
 */
export function enginePlugin(engine) {
  return {
    name: 'keen-engine',
    async executeCommand({ command, payload, session }) {
      if (command === 'keen-engine') return { engine, chromiumOnly: CHROMIUM_ONLY };
      if (command !== 'keen-keys') return undefined;
      if (!isKeysPayload(payload)) throw new Error('keen-keys wants { type: string } or { press: string }');
      const keyboard = keyboardOf(session);
      if (keyboard !== undefined) {
        if ('type' in payload) await keyboard.type(payload.type);
        else await keyboard.press(engine === 'firefox' ? firefoxKey(payload.press) : payload.press);
        return true;
      }
      if (session.browser.type === 'webdriver') {
        const webdriver = /** @type {import('@web/test-runner-webdriver').WebdriverLauncher} */ (session.browser);
        const chords = 'type' in payload ? chordsWithoutRepeats(payload.type) : [[payload.press]];
        for (const chord of chords) await webdriver.sendKeys(session.id, chord);
        return true;
      }
      throw new Error(`keen-keys: no keyboard for ${engine} (${session.browser.type})`);
    },
  };
}
