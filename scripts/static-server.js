// @ts-check
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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
 * @property {boolean} [compress] compress text answers as a CDN does (brotli where the
 *   browser accepts it, else gzip), so a benchmark's throttled network carries what
 *   a visitor's would; off by default (tests read the files as built)
 */

/** Text types a CDN compresses. */
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

/**
 * @param {Buffer} body
 * @param {string | undefined} accepted the request's Accept-Encoding
 * @returns {{ body: Buffer, encoding?: string }}
 */
function encode(body, accepted = '') {
  const encodings = accepted.split(',').map((part) => part.trim().split(';')[0]);
  const encoding = encodings.includes('br') ? 'br' : encodings.includes('gzip') ? 'gzip' : undefined;
  if (encoding === undefined) return { body };
  // Compressed once per content, as a CDN keeps it: brotli -q 11 of the CDN
  // file takes longer than the throttled network it is measured over.
  const key = `${encoding}:${createHash('sha1').update(body).digest('hex')}`;
  let encoded = compressed.get(key);
  if (encoded === undefined) {
    encoded = encoding === 'br' ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(body, { level: 9 });
    compressed.set(key, encoded);
  }
  return { body: encoded, encoding };
}
/** @type {Map<string, Buffer>} */
const compressed = new Map();

/**
 * A plain static file server: what a CDN or a simple host does, with no
 * transforms, so what the browser gets is the file as built.
 * @param {StaticServerOptions} options
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startStaticServer({ root, port = 0, host = '127.0.0.1', virtualFile, headers = {}, compress = false }) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const virtual = virtualFile?.(path);
    if (virtual !== undefined) {
      const encoded = compress ? encode(Buffer.from(virtual.body), request.headers['accept-encoding']) : { body: Buffer.from(virtual.body) };
      response.writeHead(200, {
        ...headers,
        'Content-Type': virtual.type,
        'Cache-Control': 'no-store',
        'Access-Control-Allow-Origin': '*',
        ...(encoded.encoding === undefined ? {} : { 'Content-Encoding': encoded.encoding, Vary: 'Accept-Encoding' }),
      });
      response.end(encoded.body);
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end('Forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const encoded = compress && COMPRESSIBLE.test(type) ? encode(await readFile(file), request.headers['accept-encoding']) : { body: await readFile(file) };
      response.writeHead(200, {
        ...headers,
        'Content-Type': type,
        'Cache-Control': 'no-store',
        // The CDN file is loaded cross-origin with `crossorigin` for SRI.
        'Access-Control-Allow-Origin': '*',
        ...(encoded.encoding === undefined ? {} : { 'Content-Encoding': encoded.encoding, Vary: 'Accept-Encoding' }),
      });
      response.end(request.method === 'HEAD' ? undefined : encoded.body);
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
