// @ts-check
// `npm start`: builds the widget, starts the Keen emulator and serves the demo.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/server.js';
import { startStaticServer } from '../scripts/static-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string | undefined} value @param {number} fallback */
function portFrom(value, fallback) {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Not a port: ${value}`);
  return port;
}

await build({ root, logLevel: 'warn' });
const emulator = await startEmulator({ port: portFrom(process.env['KEEN_EMULATOR_PORT'], 8787) });
const site = await startStaticServer({
  root,
  port: portFrom(process.env['DEMO_PORT'], 5173),
  // The demo pages read the emulator's address from here, so any port works.
  virtualFile: (path) =>
    path === '/demo/config.js'
      ? { type: 'text/javascript; charset=utf-8', body: `export const emulatorUrl = ${JSON.stringify(emulator.url)};\n` }
      : undefined,
});

console.log(`Keen emulator: ${emulator.url}/functions/v1/keen-api (leads: ${emulator.url}/__emulator/leads)`);
console.log(`\n  Demo ready: open ${site.url}/\n`);
console.log('Press Ctrl+C to stop.');

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, async () => {
    await Promise.all([site.close(), emulator.close()]);
    process.exit(0);
  });
}
