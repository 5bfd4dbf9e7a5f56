// @ts-check
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readZip } from '../../scripts/zip-archive.js';

/**
 * Unpacks a zip into a folder, refusing entries that would land outside it.
 * @param {Buffer} zip
 * @param {string} target
 */
export function unzipTo(zip, target) {
  const root = resolve(target);
  for (const entry of readZip(zip)) {
    const path = resolve(join(root, entry.name));
    if (path !== root && !path.startsWith(root + '/')) throw new Error(`unsafe path in zip: ${entry.name}`);
    if (entry.isDirectory) {
      mkdirSync(path, { recursive: true });
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, entry.data);
    }
  }
}
