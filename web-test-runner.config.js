// @ts-check
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import * as puppeteer from 'puppeteer-core';
import { findFirefox } from './scripts/find-browsers.js';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.js';
import { emulatorPlugin } from './test/support/emulator-plugin.js';
import { redirectServerPlugin } from './test/support/redirect-server-plugin.js';
import { relayPlugin, relayProxyMiddleware } from './test/support/relay-plugin.js';
import { enginePlugin } from './test/support/engine-plugin.js';
import { autofillPlugin } from './test/support/autofill-plugin.js';
import { scriptGatePlugin } from './test/support/script-gate-plugin.js';
import { engineSummaryReporter } from './test/support/engine-summary-reporter.js';
import { TIMING_FILES } from './test/support/timing-files.js';

/*
 * One engine per run, chosen by KEEN_ENGINE (chromium by default, so
 * `npx web-test-runner test/browser/x.test.ts` still runs in Chromium).
 * scripts/test-browsers.js runs the engines one after another and, for
 * WebKit, starts Xvfb and WebKitWebDriver first (WEBKIT_DRIVER_PORT).
 */
const ENGINES = /** @type {const} */ (['chromium', 'firefox', 'webkit']);
const engine = /** @type {(typeof ENGINES)[number]} */ (process.env['KEEN_ENGINE'] ?? 'chromium');
if (!ENGINES.includes(engine)) throw new Error(`KEEN_ENGINE must be one of ${ENGINES.join(', ')}, not "${engine}"`);

/*
 * KEEN_TEST_GROUP picks which files run: 'timing' the few that measure the
 * main thread (they must run with the machine to themselves), 'rest' all the
 * others (these may share the machine with other engines), unset everything.
 * scripts/test-browsers.js runs 'rest' for all engines side by side, then
 * 'timing' one engine at a time.
 */
const group = process.env['KEEN_TEST_GROUP'];
if (group !== undefined && !['timing', 'rest'].includes(group)) throw new Error(`KEEN_TEST_GROUP must be timing or rest, not "${group}"`);
const files = group === 'timing' ? [...TIMING_FILES] : group === 'rest' ? ['test/browser/**/*.test.ts', ...TIMING_FILES.map((file) => `!${file}`)] : ['test/browser/**/*.test.ts'];

/** @returns {import('@web/test-runner').BrowserLauncher} */
function launcher() {
  if (engine === 'firefox') {
    // puppeteer-core over WebDriver BiDi (no geckodriver to be had). Each test
    // page gets its own window: a background tab's timers are throttled, which
    // made the retry tests time out.
    return chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: findFirefox(),
        headless: true,
        // A known state, whatever the machine's settings say.
        extraPrefsFirefox: {
          'layout.css.prefers-color-scheme.content-override': 1, // light
          'ui.prefersReducedMotion': 0,
          'browser.display.document_color_use': 0, // the page's colours, no forced colours
        },
      },
      createPage: ({ context }) => context.newPage({ type: 'window' }),
    });
  }
  if (engine === 'webkit') {
    const port = Number(process.env['WEBKIT_DRIVER_PORT']);
    if (!Number.isInteger(port) || port <= 0) {
      throw new Error('WebKit needs Xvfb and WebKitWebDriver running: use `npm run test:browser -- --engine webkit`, which starts them.');
    }
    return webdriverLauncher({
      hostname: '127.0.0.1',
      port,
      path: '/',
      logLevel: 'error',
      capabilities: { browserName: 'MiniBrowser', 'wdio:enforceWebDriverClassic': true },
    });
  }
  return playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS },
  });
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files,
  nodeResolve: true,
  // Test files are TypeScript; the widget under test is the built dist/ file,
  // served untouched to every engine ('esnext' only strips types; 'auto' would
  // lower the JS for WebKit, whose user agent it does not count as the latest Safari).
  middleware: [relayProxyMiddleware],
  plugins: [esbuildPlugin({ ts: true, target: 'esnext' }), emulatorPlugin(), redirectServerPlugin(), relayPlugin(), enginePlugin(engine), autofillPlugin(), scriptGatePlugin()],
  browsers: [launcher()],
  // One test file at a time in every engine. Firefox and WebKit drive one
  // window: a second page would be a background tab (Firefox) or an iframe
  // sharing the window's focus and keyboard (WebKit). Chromium with two pages
  // was no faster on our two cores, and slow enough under load that a test
  // timed out while its keys were still arriving, into the next test.
  concurrency: 1,
  reporters: [defaultReporter(), engineSummaryReporter(engine)],
  // Typing is one protocol round trip per key (or chord): on a busy machine a
  // test that types a few fields can take over 10 s in any engine.
  testFramework: { config: { timeout: 20000 } },
  // Starting Firefox or MiniBrowser took over the default 30 s on a busy machine.
  browserStartTimeout: 120000,
  testsFinishTimeout: 300000,
};
