// @ts-check
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.js';
import { emulatorPlugin } from './test/support/emulator-plugin.js';
import { redirectServerPlugin } from './test/support/redirect-server-plugin.js';

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // Test files are TypeScript; the widget under test is the built dist/ file,
  // served untouched (esbuild's 'auto' target leaves JS alone for Chromium).
  plugins: [esbuildPlugin({ ts: true }), emulatorPlugin(), redirectServerPlugin()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
};
