// @ts-check
// The demo as a running site: the Keen emulator plus a static server for
// index.html, demo/ and dist/, with demo/config.js pointing at the emulator.
// Used by `npm start`, the screenshot script and tests.
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/server.js';
import { startStaticServer } from './static-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A port the demo needs is taken; says which server wanted it. */
export class PortInUseError extends Error {
  /**
   * @param {'emulator' | 'site'} server
   * @param {number} port
   * @param {unknown} cause
   */
  constructor(server, port, cause) {
    super(`Port ${port} (${server === 'emulator' ? 'the Keen emulator' : 'the demo site'}) is already in use`, { cause });
    this.name = 'PortInUseError';
    this.server = server;
    this.port = port;
  }
}

/**
 * @param {{ emulatorPort?: number, sitePort?: number }} [options]
 */
export async function startDemoSite({ emulatorPort = 0, sitePort = 0 } = {}) {
  const emulator = await startEmulator({ port: emulatorPort }).catch((error) => {
    throw isAddressInUse(error) ? new PortInUseError('emulator', emulatorPort, error) : error;
  });
  let site;
  try {
    site = await startStaticServer({
      root,
      port: sitePort,
      virtualFile: (path) =>
        path === '/demo/config.js'
          ? { type: 'text/javascript; charset=utf-8', body: `export const emulatorUrl = ${JSON.stringify(emulator.url)};\n` }
          : undefined,
    });
  } catch (error) {
    // Otherwise the emulator would keep the process (and its port) alive.
    await emulator.close();
    throw isAddressInUse(error) ? new PortInUseError('site', sitePort, error) : error;
  }
  const running = site;
  return {
    url: running.url,
    emulator,
    close: async () => {
      await Promise.all([running.close(), emulator.close()]);
    },
  };
}

/** @param {unknown} error */
function isAddressInUse(error) {
  return /** @type {{ code?: unknown }} */ (error)?.code === 'EADDRINUSE';
}
