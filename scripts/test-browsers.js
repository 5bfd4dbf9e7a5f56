// @ts-check
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFirefox, findWebKitDriver, findXvfb } from './find-browsers.js';
import { findChromium } from './find-chromium.js';
import { startWebKitDriver } from './webkit-driver.js';

/*
 * `npm run test:browser`: the browser suite in Chromium, Firefox and WebKit
 * (each a web-test-runner run with KEEN_ENGINE set), then one summary line
 * per engine. For WebKit it starts Xvfb and WebKitWebDriver first and stops
 * them afterwards, also on failure or Ctrl-C.
 *
 * By default the engines run side by side (each on its own port, its lines
 * prefixed with its name) over every file except the few that measure
 * main-thread timing (test/support/timing-files.js); those run afterwards one
 * engine at a time, with the machine to themselves. On two cores this takes
 * about half the time of one engine after another. `--one-at-a-time` runs
 * each engine's whole suite alone, one after another; so does naming files.
 *
 *   npm run test:browser                          all three engines, side by side, then the timing files
 *   npm run test:browser -- --one-at-a-time       all three engines, one after another
 *   npm run test:browser -- --engine firefox      one engine (repeat for more)
 *   npm run test:browser -- --engine webkit --files test/browser/lead-form.test.ts
 *
 * Any other argument goes to web-test-runner as is.
 */

const ENGINES = /** @type {const} */ (['chromium', 'firefox', 'webkit']);
/** @typedef {(typeof ENGINES)[number]} Engine */

/** @type {Record<Engine, () => string>} */
const FIND = {
  chromium: findChromium,
  firefox: findFirefox,
  webkit: () => `${findWebKitDriver()} on ${findXvfb()}`,
};

/** @param {string[]} args */
function parseArgs(args) {
  /** @type {Engine[]} */
  const engines = [];
  /** @type {string[]} */
  const rest = [];
  let serial = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--one-at-a-time') {
      serial = true;
      continue;
    }
    if (arg === '--side-by-side') continue; // the default now; kept so older commands still work
    const value = arg === '--engine' ? args[++i] : arg.startsWith('--engine=') ? arg.slice('--engine='.length) : undefined;
    if (value === undefined) {
      rest.push(arg);
      continue;
    }
    for (const name of value.split(',')) {
      const engine = ENGINES.find((candidate) => candidate === name);
      if (engine === undefined) throw new Error(`--engine must be one of ${ENGINES.join(', ')}, not "${name}"`);
      engines.push(engine);
    }
  }
  const chosen = engines.length > 0 ? engines : [...ENGINES];
  // Named files, or a single engine, gain nothing from the two phases.
  const namesFiles = rest.some((arg) => arg === '--files' || arg.startsWith('--files='));
  return { engines: chosen, rest, serial: serial || namesFiles || chosen.length === 1 };
}

const TEST_RUNNER = fileURLToPath(new URL('../node_modules/@web/test-runner/dist/bin.js', import.meta.url));

/** The web-test-runner processes running now (two when engines run side by side). */
const runners = new Set(/** @type {import('node:child_process').ChildProcess[]} */ ([]));
/** @type {(() => Promise<void>) | undefined} */
let stopWebKit;

/** @returns {Promise<number>} a port that was free a moment ago */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * @param {Engine} engine
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @param {boolean} prefixed  side by side: each line prefixed with the engine, so two runs' output can be told apart
 * @returns {Promise<number>} the exit code
 */
async function runTestRunner(engine, args, env, prefixed) {
  // Side by side, each run gets its own port: web-test-runner's own pick
  // (the first free one from 8000) races when two start at once.
  const portArgs = prefixed && !args.includes('--port') ? ['--port', String(await freePort())] : [];
  const runner = spawn(process.execPath, [TEST_RUNNER, ...args, ...portArgs], {
    stdio: prefixed ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...env, KEEN_ENGINE: engine },
  });
  runners.add(runner);
  if (prefixed) {
    for (const stream of [runner.stdout, runner.stderr]) {
      if (stream === null) continue;
      const target = stream === runner.stdout ? process.stdout : process.stderr;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => target.write(`[${engine}] ${line}\n`));
    }
  }
  return new Promise((resolve) =>
    runner.once('exit', (code, signal) => {
      runners.delete(runner);
      resolve(code ?? (signal === null ? 1 : 128));
    }),
  );
}

/** @typedef {'timing' | 'rest' | undefined} Group  which files: see web-test-runner.config.js */

/**
 * One engine's run, with WebKit's driver started before and stopped after.
 * @param {Engine} engine
 * @param {string[]} args
 * @param {string} summaryFile
 * @param {boolean} prefixed
 * @param {Group} group
 * @returns {Promise<{ engine: Engine, code: number, seconds: number }>}
 */
async function runEngine(engine, args, summaryFile, prefixed, group) {
  const which = group === 'timing' ? ', the timing files alone' : group === 'rest' ? ', all but the timing files' : '';
  console.log(`\n== Browser tests in ${engine}${which}${prefixed ? ' (side by side; its lines start with its name)' : ''}`);
  const started = Date.now();
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, KEEN_ENGINE_SUMMARY: summaryFile };
  if (group !== undefined) env['KEEN_TEST_GROUP'] = group;
  if (engine === 'webkit') {
    const webkit = await startWebKitDriver();
    stopWebKit = webkit.stop;
    env['WEBKIT_DRIVER_PORT'] = String(webkit.port);
  }
  try {
    return { engine, code: await runTestRunner(engine, args, env, prefixed), seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    if (engine === 'webkit') {
      await stopWebKit?.();
      stopWebKit = undefined;
    }
  }
}

async function main() {
  const { engines, rest, serial } = parseArgs(process.argv.slice(2));
  // Every engine's browser first, so a missing one fails in a second, not after the others ran.
  for (const engine of engines) FIND[engine]();

  const summaryDir = mkdtempSync(join(tmpdir(), 'keen-engines-'));
  const summaryFile = join(summaryDir, 'summary.jsonl');
  /** @type {{ engine: Engine, code: number, seconds: number }[]} */
  const runs = [];
  try {
    if (serial) {
      for (const engine of engines) runs.push(await runEngine(engine, rest, summaryFile, false, undefined));
    } else {
      runs.push(...(await Promise.all(engines.map((engine) => runEngine(engine, rest, summaryFile, true, 'rest')))));
      for (const engine of engines) runs.push(await runEngine(engine, rest, summaryFile, false, 'timing'));
    }
    const summaries = readFileSync(summaryFile, { encoding: 'utf8', flag: 'a+' })
      .split('\n')
      .filter(Boolean)
      .map((line) => /** @type {import('../test/support/engine-summary-reporter.js').EngineSummary} */ (JSON.parse(line)));
    const { summaryLine, mergeSummaries } = await import('../test/support/engine-summary-reporter.js');
    console.log('\n== Browser tests, per engine');
    let failed = false;
    for (const engine of engines) {
      const own = runs.filter((run) => run.engine === engine);
      const summary = mergeSummaries(summaries.filter((candidate) => candidate.engine === engine));
      // Every run of the engine must have reported (a crashed run writes no summary).
      const reported = summaries.filter((candidate) => candidate.engine === engine).length === own.length;
      const ok = own.every((run) => run.code === 0) && reported && summary !== undefined && summary.problems.length === 0;
      failed ||= !ok;
      const line = summary === undefined ? `${engine}: no results` : summaryLine(summary);
      const seconds = own.map((run) => `${run.seconds} s`).join(' + ');
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${line} (${seconds})${reported ? '' : ', a run reported no results'}`);
      for (const problem of summary?.problems ?? []) console.log(`     problem: ${problem}`);
    }
    console.log('Chromium-only tests and why: test/support/chromium-only.js');
    process.exitCode = failed ? 1 : 0;
  } finally {
    rmSync(summaryDir, { recursive: true, force: true });
  }
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    for (const runner of runners) runner.kill(signal);
    void (stopWebKit?.() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
