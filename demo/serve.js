// @ts-check
// `npm start`: builds the widget, starts the Keen emulator and serves the demo.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import { startDemoSite } from '../scripts/demo-site.js';

/** @param {string | undefined} value @param {number} fallback */
function portFrom(value, fallback) {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Not a port: ${value}`);
  return port;
}

// The test suite builds once before it runs, and sets this so a test of the
// demo does not rebuild dist/ under the other tests' feet.
if (process.env['KEEN_DEMO_SKIP_BUILD'] !== '1') {
  await build({ root: fileURLToPath(new URL('..', import.meta.url)), logLevel: 'warn' });
}
const demo = await startDemoSite({
  emulatorPort: portFrom(process.env['KEEN_EMULATOR_PORT'], 8787),
  sitePort: portFrom(process.env['DEMO_PORT'], 5173),
});

console.log(`Keen emulator: ${demo.emulator.url}/functions/v1/keen-api (leads: ${demo.emulator.url}/__emulator/leads)`);
console.log('Seeded channels: c0ffee00-0000-4000-8000-000000000001 (public), c0ffee00-0000-4000-8000-000000000002 (public API off → 403)');
console.log(`\n  Demo ready: open ${demo.url}/\n`);
console.log('Press Ctrl+C to stop.');

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, async () => {
    await demo.close();
    process.exit(0);
  });
}
