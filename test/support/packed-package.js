// @ts-check
/*
 * The npm package as users get it, for the Node tests that run it: the
 * tarball `npm pack` makes of this checkout, and an empty project with that
 * tarball installed (`npm install <tgz>`, as `npx keen-lead-form` finds it).
 *
 * Packing and installing take seconds and several test files need them, in
 * parallel (`node --test --test-concurrency=3`) and again on the next run. So
 * both are made once per state of the packed files and kept in the system's
 * temporary folder, under a key that hashes every file the tarball is made
 * of (package.json's `files`, package.json, README.md, LICENSE): a rebuild or
 * an edit is a new key, an unchanged tree reuses the last one. One process
 * makes an entry while holding a lock (an atomic mkdir naming its pid); the
 * others wait for its `ready` marker, and take the lock over if its holder
 * died. Entries unused for a day are removed. Nothing in an entry may be
 * changed by a test beyond adding its own files.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// KEEN_PACKED_CACHE: another folder, for the helper's own test.
const CACHE = process.env['KEEN_PACKED_CACHE'] || join(tmpdir(), 'keen-lead-form-packed');
const UNUSED_FOR_MS = 24 * 60 * 60 * 1000;
const WAIT_FOR_OTHER_MS = 5 * 60 * 1000;

/** @typedef {{ filename: string, files: { path: string }[], size: number, unpackedSize: number }} PackResult */

/** Every file below `path` (or `path` itself), sorted. @param {string} path @returns {string[]} */
function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

/** The key of the files `npm pack` reads: paths and contents. */
function packedFilesKey() {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const hash = createHash('sha256');
  for (const entry of ['package.json', 'README.md', 'LICENSE', ...(/** @type {string[]} */ (manifest.files ?? []))]) {
    for (const file of filesUnder(join(ROOT, entry))) {
      hash.update(`${relative(ROOT, file)}\0`).update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 20);
}

/** @param {number} pid */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {{ code?: string }} */ (error).code === 'EPERM';
  }
}

/** Removes entries nobody used for a day (their `ready` marker is touched on every use). */
function pruneUnused() {
  if (!existsSync(CACHE)) return;
  for (const name of readdirSync(CACHE)) {
    const marker = join(CACHE, name, 'ready');
    if (existsSync(marker) && Date.now() - statSync(marker).mtimeMs > UNUSED_FOR_MS) rmSync(join(CACHE, name), { recursive: true, force: true });
  }
}

/**
 * The entry `name`, made by `make(dir)` exactly once however many processes ask at the same time.
 * @param {string} name
 * @param {(dir: string) => Promise<void>} make
 * @returns {Promise<string>} the entry's folder
 */
async function cachedEntry(name, make) {
  const dir = join(CACHE, name);
  const ready = join(dir, 'ready');
  const lock = join(CACHE, `${name}.lock`);
  const deadline = Date.now() + WAIT_FOR_OTHER_MS;
  mkdirSync(CACHE, { recursive: true });
  for (;;) {
    if (existsSync(ready)) {
      const now = new Date();
      utimesSync(ready, now, now);
      return dir;
    }
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch (error) {
      if (/** @type {{ code?: string }} */ (error).code !== 'EEXIST') throw error;
    }
    if (mine) {
      try {
        writeFileSync(join(lock, 'pid'), String(process.pid));
        if (existsSync(ready)) continue; // made by the holder just before us (finally releases the lock)
        rmSync(dir, { recursive: true, force: true }); // what a holder that died left half made
        mkdirSync(dir, { recursive: true });
        await make(dir);
        writeFileSync(ready, '');
        pruneUnused();
        return dir;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    // Another process is making it: wait for its marker; take over if it died.
    let holder = NaN;
    try {
      holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    } catch {
      // The lock is a moment old (no pid yet) or just gone.
    }
    if (Number.isInteger(holder) && holder > 0 && !isRunning(holder)) rmSync(lock, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`waited ${WAIT_FOR_OTHER_MS / 1000} s for another process to make ${dir} (lock ${lock})`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/**
 * The tarball of this checkout, as `npm pack` makes it (run `npm run build` first).
 * @returns {Promise<{ tarball: string, packed: PackResult }>} packed: npm pack's own report (file list, sizes)
 */
export async function packedPackage() {
  return packOnce(packedFilesKey());
}

/** @param {string} key */
async function packOnce(key) {
  const dir = await cachedEntry(`pack-${key}`, async (into) => {
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', into], { cwd: ROOT });
    writeFileSync(join(into, 'pack.json'), JSON.stringify(JSON.parse(stdout)[0]));
  });
  /** @type {PackResult} */
  const packed = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'));
  return { tarball: join(dir, packed.filename), packed };
}

/**
 * An empty project (`site/`) with the tarball installed: its bin is what `npx keen-lead-form` runs.
 * @returns {Promise<{ project: string, bin: string }>}
 */
export async function installedPackage() {
  const key = packedFilesKey();
  const { tarball } = await packOnce(key);
  // The same tarball under another Node (test:node-versions) gets its own install.
  const dir = await cachedEntry(`site-${key}-node${process.versions.node}`, async (into) => {
    const project = join(into, 'site');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'site', private: true }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project });
  });
  const project = join(dir, 'site');
  return { project, bin: join(project, 'node_modules/.bin/keen-lead-form') };
}
