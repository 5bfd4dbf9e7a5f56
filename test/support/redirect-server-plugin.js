// @ts-check
import { createServer } from 'node:http';

/*
 * A test server that answers every API request with a redirect, the way a
 * misconfigured endpoint does (http -> https, a moved path). It lets CORS
 * through (preflight and the 3xx itself), so the browser gets as far as the
 * redirect. Kept apart from the Keen emulator: a redirect is not something
 * Keen does. Test files call `executeServerCommand('redirect-server-start',
 * { location, status })` for its URL and `redirect-server-requests` for what it saw.
 */

const CORS = { 'access-control-allow-origin': '*' };

/** @returns {import('@web/test-runner').TestRunnerPlugin<unknown>} */
export function redirectServerPlugin() {
  /** @type {Map<string, { server: import('node:http').Server, requests: { method: string, path: string }[] }>} */
  const servers = new Map();

  /** @param {string} location @param {number} status */
  async function start(location, status) {
    /** @type {{ method: string, path: string }[]} */
    const requests = [];
    const server = createServer((request, response) => {
      requests.push({ method: request.method ?? '', path: request.url ?? '' });
      request.resume();
      if (request.method === 'OPTIONS') {
        response.writeHead(204, {
          ...CORS,
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': 'content-type',
        });
      } else {
        response.writeHead(status, { ...CORS, location, 'content-type': 'text/plain' });
      }
      response.end();
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const url = `http://127.0.0.1:${address.port}`;
    servers.set(url, { server, requests });
    return url;
  }

  return {
    name: 'redirect-server',
    async executeCommand({ command, payload }) {
      const input = /** @type {{ location?: string, status?: number, url?: string } | undefined} */ (payload);
      if (command === 'redirect-server-start') {
        return { url: await start(input?.location ?? 'https://example.invalid/', input?.status ?? 302) };
      }
      if (command === 'redirect-server-requests') {
        return servers.get(input?.url ?? '')?.requests ?? [];
      }
      return undefined;
    },
    async serverStop() {
      await Promise.all([...servers.values()].map(({ server }) => new Promise((resolve) => server.close(resolve))));
      servers.clear();
    },
  };
}
