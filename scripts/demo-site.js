// @ts-check
// The demo as a running site: the Keen emulator plus a static server for
// index.html, demo/ and dist/, with demo/config.js pointing at the emulator.
// Used by `npm start`, the screenshot script and tests.
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/server.js';
import { startStaticServer } from './static-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {{ emulatorPort?: number, sitePort?: number }} [options]
 */
export async function startDemoSite({ emulatorPort = 0, sitePort = 0 } = {}) {
  const emulator = await startEmulator({ port: emulatorPort });
  const site = await startStaticServer({
    root,
    port: sitePort,
    virtualFile: (path) =>
      path === '/demo/config.js'
        ? { type: 'text/javascript; charset=utf-8', body: `export const emulatorUrl = ${JSON.stringify(emulator.url)};\n` }
        : undefined,
  });
  return {
    url: site.url,
    emulator,
    close: async () => {
      await Promise.all([site.close(), emulator.close()]);
    },
  };
}
