// @ts-check
/*
 * Visual regression: every theme preset (and the default) × state (empty,
 * errors, sending, queued, success) × colour scheme × width, screenshotted in
 * headless Chromium from the built CDN file against the emulator over real
 * HTTP, and compared with the references in test/visual/references/.
 *
 *   npm run test:visual                      compare (after `npm run build`)
 *   npm run test:visual -- --update          rewrite the references and the README's pictures
 *   npm run test:visual -- --only rounded    only the shots whose name contains "rounded"
 *
 * Chromium only: fonts and antialiasing differ between engines, so a picture
 * from Firefox or WebKit would differ everywhere without anything being wrong.
 * Deterministic on purpose: a fixed viewport and font (Liberation Sans, which
 * the check insists on), no animations or transitions (reduced motion), the
 * caret hidden, fonts and two frames awaited before each picture.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { startEmulator } from '../emulator/server.js';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.js';
import { startStaticServer } from './static-server.js';

const REFERENCES = 'test/visual/references';
const OUTPUT = '.tmp/visual';
const IMAGES = 'docs/images';
const CDN_FILE = 'dist/cdn/keen-lead-form.js';
/** pixelmatch's per-pixel colour distance (0–1): small, to absorb antialiasing noise only. */
const PIXEL_THRESHOLD = 0.1;
/** Share of a picture's pixels that may differ before it fails: 0.1 %. */
const MAX_DIFF_RATIO = 0.001;

const PRESETS = /** @type {const} */ (['default', 'minimal', 'rounded', 'contrast']);
const SCHEMES = /** @type {const} */ (['light', 'dark']);
/** Page width in CSS px; the form gets it less the page's 16 px padding on each side. */
const WIDTHS = /** @type {const} */ ({ desktop: 720, narrow: 320 });
const PAGE_BACKGROUND = { light: '#ffffff', dark: '#0b1220' };

const CONFIG = {
  fields: [
    { name: 'first_name', width: 'half', required: true },
    { name: 'last_name', width: 'half' },
    { name: 'email', label: 'Work email', required: true, help: 'We reply to this address.' },
    { property: 'a1000000-0000-4000-8000-000000000003', type: 'select', label: 'Industry', options: ['Software', 'Retail'] },
    { name: 'notes', label: 'How can we help?' },
    { property: 'a1000000-0000-4000-8000-000000000004', type: 'checkbox', label: 'Send me the newsletter' },
  ],
};

/**
 * @typedef {import('playwright').Page} Page
 * @typedef {{ url: string }} Emulator
 * @typedef {(page: Page, emulator: Emulator) => Promise<void>} Reach
 */

/** @param {Emulator} emulator @param {object} fault */
async function queueFault(emulator, fault) {
  const response = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify(fault) });
  if (!response.ok) throw new Error(`emulator refused the fault: ${await response.text()}`);
}

/*
 * The states are reached in the page with one script each: a picture needs
 * the state, not the typing (the browser tests type with real keys), and
 * every round trip to the browser costs time on a loaded machine.
 */
const IN_PAGE_HELPERS = `
  const root = document.querySelector('keen-lead-form').shadowRoot;
  const control = (label) => root.getElementById([...root.querySelectorAll('label')].find((l) => l.textContent.startsWith(label)).htmlFor);
  const set = (label, value) => {
    const element = control(label);
    if (element.type === 'checkbox') element.checked = value; else element.value = value;
    element.dispatchEvent(new Event(element.type === 'checkbox' || element.localName === 'select' ? 'change' : 'input', { bubbles: true, composed: true }));
  };
  const fillValid = () => {
    set('First name', 'Ada');
    set('Last name', 'Lovelace');
    set('Work email', 'ada@example.com');
    set('Industry', 'Software');
    set('How can we help?', 'A partner programme for 40 resellers.');
    set('Send me the newsletter', true);
  };
  const send = () => root.querySelector('button[part="submit"]').click();
`;

/**
 * Runs a state's script in the page, then waits until `ready` (a selector in the form's shadow root) is there.
 * @param {Page} page @param {string} script @param {string} ready
 */
async function reachInPage(page, script, ready) {
  await page.evaluate(`{ ${IN_PAGE_HELPERS} ${script} }`);
  await page.waitForFunction(`document.querySelector('keen-lead-form').shadowRoot.querySelector(${JSON.stringify(ready)}) !== null`, undefined, {
    polling: 50,
  });
}

/**
 * A panel takes focus for screen readers; its ring would only frame the
 * picture (the focus ring has its own tests).
 * @param {Page} page
 */
const blurPanel = (page) => page.evaluate("document.querySelector('keen-lead-form').shadowRoot.activeElement?.blur()");

/** How a visitor reaches each state. @type {Record<string, Reach>} */
const STATES = {
  empty: async () => {},
  errors: (page) => reachInPage(page, "set('Work email', 'ada@'); send();", '[part="alert"]'),
  sending: async (page, emulator) => {
    await queueFault(emulator, { delayMs: 60_000 });
    await reachInPage(page, 'fillValid(); send();', 'form[aria-busy="true"]');
  },
  queued: async (page, emulator) => {
    await queueFault(emulator, { status: 503, count: 20 });
    await reachInPage(page, 'fillValid(); send();', '[part="queued"]');
    await blurPanel(page);
  },
  success: async (page) => {
    await reachInPage(page, 'fillValid(); send();', '[part="success"]');
    await blurPanel(page);
  },
};

/** The page every shot is taken on; each shot puts a fresh form into #shot. */
const PAGE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<style>
  html { font: 16px/1.5 'Liberation Sans', sans-serif; }
  body { margin: 0; padding: 16px; background: ${PAGE_BACKGROUND.light}; }
  @media (prefers-color-scheme: dark) { body { background: ${PAGE_BACKGROUND.dark}; } }
  #shot { padding: 16px; }
</style>
<script type="module" src="/${CDN_FILE}"></script></head>
<body><div id="shot"></div></body></html>`;

/** @param {string} apiUrl @param {(typeof PRESETS)[number]} preset */
function formHtml(apiUrl, preset) {
  // min-time="0": the pictures are of the look; waiting out the spam check's minimum would only add 2.5 s to every send.
  const theme = preset === 'default' ? '' : ` theme="${preset}"`;
  return `<keen-lead-form channel="c0ffee00-0000-4000-8000-000000000001" endpoint="${apiUrl}" draft="off" min-time="0"${theme}>
<script type="application/json">${JSON.stringify(CONFIG)}</script></keen-lead-form>`;
}

/** Every shot, grouped by viewport and colour scheme (changing those is slow). */
function allShots() {
  return (/** @type {(keyof typeof WIDTHS)[]} */ (Object.keys(WIDTHS))).flatMap((width) =>
    SCHEMES.flatMap((scheme) =>
      PRESETS.flatMap((preset) =>
        Object.keys(STATES).map((state) => ({ name: `${preset}-${state}-${scheme}-${width}`, preset, state, scheme, width })),
      ),
    ),
  );
}

/**
 * Differing pixels between two PNGs (a size change counts as all of them).
 * @param {Buffer} expected @param {Buffer} actual
 */
function compare(expected, actual) {
  const a = PNG.sync.read(expected);
  const b = PNG.sync.read(actual);
  if (a.width !== b.width || a.height !== b.height) {
    return { ratio: 1, why: `size ${b.width}×${b.height}, expected ${a.width}×${a.height}`, diff: undefined };
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const pixels = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: PIXEL_THRESHOLD });
  return { ratio: pixels / (a.width * a.height), why: `${pixels} pixels differ`, diff: PNG.sync.write(diff) };
}

/**
 * Pictures side by side on a neutral strip, for the README.
 * @param {Buffer[]} pictures
 */
function sideBySide(pictures) {
  const images = pictures.map((picture) => PNG.sync.read(picture));
  const gap = 16;
  const width = images.reduce((sum, image) => sum + image.width, 0) + gap * (images.length - 1);
  const height = Math.max(...images.map((image) => image.height));
  const out = new PNG({ width, height });
  out.data.fill(255);
  let x = 0;
  for (const image of images) {
    PNG.bitblt(image, out, 0, 0, image.width, image.height, x, 0);
    x += image.width + gap;
  }
  return PNG.sync.write(out);
}

/** The README's pictures, made from the references just written. */
function writeReadmeImages() {
  const reference = (/** @type {string} */ name) => readFileSync(`${REFERENCES}/${name}.png`);
  for (const preset of PRESETS) {
    writeFileSync(
      `${IMAGES}/theme-${preset}.png`,
      sideBySide([reference(`${preset}-empty-light-desktop`), reference(`${preset}-empty-dark-desktop`)]),
    );
  }
  writeFileSync(`${IMAGES}/look-after.png`, reference('default-empty-light-desktop'));
  writeFileSync(
    `${IMAGES}/look-states.png`,
    sideBySide(['errors', 'queued', 'success'].map((state) => reference(`default-${state}-light-narrow`))),
  );
  console.log(`${IMAGES}/theme-*.png, look-after.png, look-states.png`);
}

async function main() {
  const { values } = parseArgs({ options: { update: { type: 'boolean', default: false }, only: { type: 'string' } } });
  if (!existsSync(CDN_FILE)) throw new Error(`${CDN_FILE} is missing: run \`npm run build\` first`);
  const shots = allShots().filter((shot) => values.only === undefined || shot.name.includes(values.only));
  if (shots.length === 0) throw new Error(`no shot name contains "${values.only}"`);
  mkdirSync(REFERENCES, { recursive: true });
  rmSync(OUTPUT, { recursive: true, force: true });

  const started = Date.now();
  const emulator = await startEmulator({ port: 0 });
  const apiUrl = `${emulator.url}/functions/v1/keen-api`;
  const site = await startStaticServer({
    root: '.',
    virtualFile: (path) => (path === '/visual.html' ? { type: 'text/html; charset=utf-8', body: PAGE_HTML } : undefined),
  });
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, '--font-render-hinting=none'] });
  /** @type {string[]} */
  const failures = [];
  // One page, loaded once, for every shot: a new page or a reload costs
  // seconds on a loaded machine.
  const context = await browser.newContext({ deviceScaleFactor: 1, reducedMotion: 'reduce', locale: 'en-US' });
  const page = await context.newPage();
  /** @type {string | undefined} */
  let scheme;
  try {
    await page.goto(`${site.url}/visual.html`);
    await page.waitForFunction("customElements.get('keen-lead-form') !== undefined");
    if (!(await page.evaluate(`document.fonts.check("16px 'Liberation Sans'")`))) {
      throw new Error('Liberation Sans is not installed (Debian: fonts-liberation); the references are drawn with it');
    }
    for (const shot of shots) {
      if (page.viewportSize()?.width !== WIDTHS[shot.width]) await page.setViewportSize({ width: WIDTHS[shot.width], height: 600 });
      if (shot.scheme !== scheme) await page.emulateMedia({ colorScheme: (scheme = shot.scheme) });
      // A fresh form, after stopping the last one's outbox (a queued lead
      // retries) and clearing storage, so no lead of one shot reaches the next.
      await page.evaluate(`(async () => {
        await customElements.get('keen-lead-form').resetOutboxes();
        localStorage.clear();
        sessionStorage.clear();
        document.getElementById('shot').innerHTML = ${JSON.stringify(formHtml(apiUrl, shot.preset))};
        await document.querySelector('keen-lead-form').updateComplete;
      })()`);
      await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
      await STATES[shot.state]?.(page, emulator);
      // Playwright waits for fonts and a stable frame before it takes the picture.
      const picture = await page.locator('#shot').screenshot({ animations: 'disabled', caret: 'hide' });
      if (shot.state === 'sending') {
        // Its request is held by the emulator for a minute, and stopping the
        // outbox waits for it: a fresh page drops it at once instead.
        await page.goto(`${site.url}/visual.html`);
        await page.waitForFunction("customElements.get('keen-lead-form') !== undefined");
      }
      const file = `${REFERENCES}/${shot.name}.png`;
      if (values.update) {
        writeFileSync(file, picture);
        continue;
      }
      if (!existsSync(file)) {
        failures.push(`${shot.name}: no reference (run \`npm run test:visual -- --update\`)`);
        continue;
      }
      const result = compare(readFileSync(file), picture);
      if (result.ratio > MAX_DIFF_RATIO) {
        mkdirSync(OUTPUT, { recursive: true });
        writeFileSync(`${OUTPUT}/${shot.name}.actual.png`, picture);
        if (result.diff) writeFileSync(`${OUTPUT}/${shot.name}.diff.png`, result.diff);
        failures.push(`${shot.name}: ${result.why} (${(result.ratio * 100).toFixed(2)} %); see ${OUTPUT}/${shot.name}.*.png`);
      }
    }
  } finally {
    await browser.close();
    await site.close();
    await emulator.close();
  }
  if (values.update && values.only === undefined) writeReadmeImages();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (values.update) {
    console.log(`visual: wrote ${shots.length} references to ${REFERENCES}/ in ${seconds} s`);
    return;
  }
  for (const failure of failures) console.error(`  ✗ ${failure}`);
  console.log(`visual: ${shots.length - failures.length} of ${shots.length} match their references (${seconds} s)`);
  if (failures.length > 0) process.exitCode = 1;
}

await main();
