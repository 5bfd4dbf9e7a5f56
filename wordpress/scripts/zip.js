#!/usr/bin/env node
// @ts-check
/**
 * Packs the installable plugin: <repo>/dist/wordpress/keen-lead-form-<version>.zip
 * with everything under one top folder, keen-lead-form/, as WordPress's
 * "Upload Plugin" expects. Run copy-widget.js first (the widget is part of it).
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createZip } from './zip-archive.js';

export const PLUGIN_DIR = fileURLToPath(new URL('../keen-lead-form/', import.meta.url));
export const OUTPUT_DIR = fileURLToPath(new URL('../../dist/wordpress/', import.meta.url));
const REQUIRED_FILES = ['keen-lead-form.php', 'readme.txt', 'LICENSE', 'assets/keen-lead-form.js', 'includes/messages.php', 'includes/pre-upgrade-style.php', 'block/block.json'];

/** @returns {string} the `Version:` in the plugin header */
export function readPluginVersion() {
  const header = readFileSync(join(PLUGIN_DIR, 'keen-lead-form.php'), 'utf8');
  const match = /^\s*\*\s*Version:\s*(\S+)\s*$/m.exec(header);
  if (match === null) throw new Error('keen-lead-form.php has no "Version:" header');
  return /** @type {string} */ (match[1]);
}

/** Files under the plugin, sorted, without dotfiles (editor and OS litter). */
function listFiles(/** @type {string} */ dir) {
  /** @type {string[]} */
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(path + '/', ...listFiles(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/**
 * @param {{ outputDir?: string }} [options]  outputDir: <repo>/dist/wordpress/ by default
 * @returns {{ path: string, version: string, entries: number }}
 */
export function buildPluginZip({ outputDir = OUTPUT_DIR } = {}) {
  const version = readPluginVersion();
  for (const file of REQUIRED_FILES) {
    try {
      statSync(join(PLUGIN_DIR, file));
    } catch {
      throw new Error(
        `keen-lead-form/${file} is missing.` +
          (file.startsWith('assets/') || file.startsWith('includes/') ? ' Run `npm run build` at the root, then `node wordpress/scripts/copy-widget.js`.' : ''),
      );
    }
  }
  // SOURCE_DATE_EPOCH makes the archive byte-for-byte reproducible.
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  const fixedDate = epoch !== undefined && epoch !== '' ? new Date(Number(epoch) * 1000) : undefined;
  const entries = [{ name: 'keen-lead-form/', modified: fixedDate ?? statSync(PLUGIN_DIR).mtime }, ...listFiles(PLUGIN_DIR).map((path) => {
    const name = 'keen-lead-form/' + relative(PLUGIN_DIR, path).split('\\').join('/') + (path.endsWith('/') ? '/' : '');
    const modified = fixedDate ?? statSync(path).mtime;
    return path.endsWith('/') ? { name, modified } : { name, modified, data: readFileSync(path) };
  })];
  mkdirSync(outputDir, { recursive: true });
  const path = join(outputDir, `keen-lead-form-${version}.zip`);
  writeFileSync(path, createZip(entries));
  return { path, version, entries: entries.length };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { path, entries } = buildPluginZip();
    console.log(`Wrote ${relative(process.cwd(), path)} (${entries} entries, ${statSync(path).size} bytes)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
