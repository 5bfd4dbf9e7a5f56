// @ts-check
// The demo as a running site: the Keen emulator, a relay in front of it (the
// built dist/lib/relay, as `keen-lead-form relay` runs it) and a static server
// for index.html, demo/ and dist/, with demo/config.js pointing at both.
// Used by `npm start`, the screenshot script and tests.
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import { once } from 'node:events';
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
  let relayUrl = '';
  let site;
  try {
    site = await startStaticServer({
      root,
      port: sitePort,
      virtualFile: (path) =>
        path === '/demo/config.js'
          ? {
              type: 'text/javascript; charset=utf-8',
              body: `export const emulatorUrl = ${JSON.stringify(emulator.url)};\nexport const relayUrl = ${JSON.stringify(relayUrl)};\n`,
            }
          : undefined,
    });
  } catch (error) {
    // Otherwise the emulator would keep the process (and its port) alive.
    await emulator.close();
    throw isAddressInUse(error) ? new PortInUseError('site', sitePort, error) : error;
  }
  const running = site;
  const relay = await startDemoRelay(emulator.url, running.url);
  relayUrl = relay.url;
  return {
    url: running.url,
    emulator,
    relayUrl,
    close: async () => {
      await Promise.all([running.close(), relay.close(), emulator.close()]);
    },
  };
}

/**
 * The demo's relay: adds the public channel's id to what the "relay" form
 * posts, and serves that channel's fields (`?action=fields`, with the
 * emulator's fixture key for the channel's company) to the "fields from the
 * channel" form. On a free port; only the demo site's origin may post.
 * @param {string} emulatorUrl
 * @param {string} siteUrl
 */
async function startDemoRelay(emulatorUrl, siteUrl) {
  const { createRelay, toNodeHandler } = await import('../dist/lib/relay/index.js');
  const site = new URL(siteUrl);
  const relay = createRelay({
    channelId: 'c0ffee00-0000-4000-8000-000000000001',
    allowedOrigins: [site.origin, `${site.protocol}//localhost:${site.port}`],
    endpoint: `${emulatorUrl}/functions/v1/keen-api`,
    // Leads still go as lead_external (no key sent); the key serves get_channels only.
    apiKey: 'keen-emulator-key-northwind',
    channelFields: true,
  });
  const server = createServer(toNodeHandler(relay));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/** @param {unknown} error */
function isAddressInUse(error) {
  return /** @type {{ code?: unknown }} */ (error)?.code === 'EADDRINUSE';
}
