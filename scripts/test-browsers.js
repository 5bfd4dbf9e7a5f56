// @ts-check
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFirefox, findWebKitDriver, findXvfb } from './find-browsers.js';
import { findChromium } from './find-chromium.js';
import { startWebKitDriver } from './webkit-driver.js';

/*
 * `npm run test:browser`: the browser suite in Chromium, Firefox and WebKit,
 * one engine after another (each is a separate web-test-runner run with
 * KEEN_ENGINE set), then one summary line per engine. For WebKit it starts
 * Xvfb and WebKitWebDriver first and stops them afterwards, also on failure
 * or Ctrl-C.
 *
 *   npm run test:browser                          all three engines
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
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
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
  return { engines: engines.length > 0 ? engines : [...ENGINES], rest };
}

const TEST_RUNNER = fileURLToPath(new URL('../node_modules/@web/test-runner/dist/bin.js', import.meta.url));

/** @type {import('node:child_process').ChildProcess | undefined} */
let runner;
/** @type {(() => Promise<void>) | undefined} */
let stopWebKit;

/**
 * @param {Engine} engine
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>} the exit code
 */
function runTestRunner(engine, args, env) {
  runner = spawn(process.execPath, [TEST_RUNNER, ...args], { stdio: 'inherit', env: { ...env, KEEN_ENGINE: engine } });
  return new Promise((resolve) => runner?.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128))));
}

async function main() {
  const { engines, rest } = parseArgs(process.argv.slice(2));
  // Every engine's browser first, so a missing one fails in a second, not after the others ran.
  for (const engine of engines) FIND[engine]();

  const summaryDir = mkdtempSync(join(tmpdir(), 'keen-engines-'));
  const summaryFile = join(summaryDir, 'summary.jsonl');
  /** @type {{ engine: Engine, code: number, seconds: number }[]} */
  const runs = [];
  try {
    for (const engine of engines) {
      console.log(`\n== Browser tests in ${engine}`);
      const started = Date.now();
      /** @type {NodeJS.ProcessEnv} */
      const env = { ...process.env, KEEN_ENGINE_SUMMARY: summaryFile };
      if (engine === 'webkit') {
        const webkit = await startWebKitDriver();
        stopWebKit = webkit.stop;
        env['WEBKIT_DRIVER_PORT'] = String(webkit.port);
      }
      try {
        runs.push({ engine, code: await runTestRunner(engine, rest, env), seconds: Math.round((Date.now() - started) / 1000) });
      } finally {
        await stopWebKit?.();
        stopWebKit = undefined;
      }
    }
    const summaries = readFileSync(summaryFile, { encoding: 'utf8', flag: 'a+' })
      .split('\n')
      .filter(Boolean)
      .map((line) => /** @type {import('../test/support/engine-summary-reporter.js').EngineSummary} */ (JSON.parse(line)));
    const { summaryLine } = await import('../test/support/engine-summary-reporter.js');
    console.log('\n== Browser tests, per engine');
    let failed = false;
    for (const run of runs) {
      const summary = summaries.find((candidate) => candidate.engine === run.engine);
      const ok = run.code === 0 && summary !== undefined && summary.problems.length === 0;
      failed ||= !ok;
      const line = summary === undefined ? `${run.engine}: no results` : summaryLine(summary);
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${line} (${run.seconds} s)`);
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
    runner?.kill(signal);
    void (stopWebKit?.() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
