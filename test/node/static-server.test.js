// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startStaticServer } from '../../scripts/static-server.js';

/*
 * The bench's static server compresses as a CDN does, so the throttled
 * network carries the CDN file's real transfer size; tests and the demo get
 * the files as built.
 */

/**
 * A raw GET (fetch would decompress and hide the encoding).
 * @param {string} url
 * @param {string} acceptEncoding
 * @returns {Promise<{ encoding: string | undefined, body: Buffer }>}
 */
function get(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
      /** @type {Buffer[]} */
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

test('compress: brotli where accepted, else gzip, else none; the bytes are the file', async () => {
  const file = readFileSync('package.json');
  const server = await startStaticServer({ root: '.', compress: true });
  try {
    const br = await get(`${server.url}/package.json`, 'gzip, deflate, br');
    assert.equal(br.encoding, 'br');
    assert.deepEqual(brotliDecompressSync(br.body), file);
    assert.ok(br.body.length < file.length / 2, `brotli ${br.body.length} B of ${file.length} B`);
    const gzip = await get(`${server.url}/package.json`, 'gzip, deflate');
    assert.equal(gzip.encoding, 'gzip');
    assert.deepEqual(gunzipSync(gzip.body), file);
    const none = await get(`${server.url}/package.json`, 'identity');
    assert.equal(none.encoding, undefined);
    assert.deepEqual(none.body, file);
  } finally {
    await server.close();
  }
});

test('without compress, the file as built whatever the browser accepts', async () => {
  const server = await startStaticServer({ root: '.' });
  try {
    const answer = await get(`${server.url}/package.json`, 'gzip, deflate, br');
    assert.equal(answer.encoding, undefined);
    assert.deepEqual(answer.body, readFileSync('package.json'));
  } finally {
    await server.close();
  }
});
