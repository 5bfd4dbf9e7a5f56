// @ts-check
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
});

/**
 * @typedef {object} StaticServerOptions
 * @property {string} root folder to serve
 * @property {number} [port] 0 picks a free port
 * @property {string} [host]
 * @property {(path: string) => { type: string, body: string } | undefined} [virtualFile]
 *   answers some paths from memory (e.g. a generated config module)
 * @property {Record<string, string>} [headers] added to every answer (e.g. a Content-Security-Policy)
 */

/**
 * A plain static file server: what a CDN or a simple host does, with no
 * transforms, so what the browser gets is the file as built.
 * @param {StaticServerOptions} options
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startStaticServer({ root, port = 0, host = '127.0.0.1', virtualFile, headers = {} }) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const virtual = virtualFile?.(path);
    if (virtual !== undefined) {
      response.writeHead(200, { ...headers, 'Content-Type': virtual.type, 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' });
      response.end(virtual.body);
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end('Forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, {
        ...headers,
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        // The CDN file is loaded cross-origin with `crossorigin` for SRI.
        'Access-Control-Allow-Origin': '*',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Static server has no port');
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
