// @ts-check
// `npm start`: builds the widget, starts the Keen emulator and serves the demo.
// Problems a person can fix (a busy port, a bad port value) are one line on
// stderr and exit code 1, never a stack trace.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PortInUseError, startDemoSite } from '../scripts/demo-site.js';

const PORT_HINT = 'Set DEMO_PORT and KEEN_EMULATOR_PORT to free ports (0 picks any free port), e.g. DEMO_PORT=0 KEEN_EMULATOR_PORT=0 npm start';

/**
 * @param {'DEMO_PORT' | 'KEEN_EMULATOR_PORT'} name
 * @param {number} fallback
 * @returns {number | undefined} undefined after reporting a bad value
 */
function readPort(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (/^\d+$/.test(value) && port <= 65535) return port;
  console.error(`npm start: ${name} must be a port number from 0 to 65535 (0 picks any free port), not ${JSON.stringify(value)}.`);
  return undefined;
}

// Watched from the first moment: a stop during the build must work too.
const parentPid = process.ppid;
/** @type {Awaited<ReturnType<typeof startDemoSite>> | undefined} */
let demo;
/** @type {Promise<void> | undefined} */
let stopping;
function stop() {
  stopping ??= (demo?.close() ?? Promise.resolve()).then(() => process.exit(0));
}
// A second Ctrl+C falls through to Node's default and ends at once.
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
// `npm start` runs this file through `sh -c`. On SIGTERM npm signals the
// shell, which dies without passing the signal on, so this process would
// live on as an orphan holding both ports. Stop when the parent is gone.
setInterval(() => {
  if (!isRunning(parentPid)) stop();
}, 250).unref();

async function main() {
  const emulatorPort = readPort('KEEN_EMULATOR_PORT', 8787);
  const sitePort = readPort('DEMO_PORT', 5173);
  if (emulatorPort === undefined || sitePort === undefined) return 1;

  // The test suite builds once before it runs, and sets this so a test of the
  // demo does not rebuild dist/ under the other tests' feet.
  if (process.env['KEEN_DEMO_SKIP_BUILD'] !== '1') {
    // Imported here, not at the top: vite takes a while to load, and the
    // signal handlers and parent watch must be in place before anything slow.
    const { build } = await import('vite');
    await build({ root: fileURLToPath(new URL('..', import.meta.url)), logLevel: 'warn' });
    buildRelay();
    // The builder's HTML-first snippets: the generator bundled for its raw-file page.
    const { buildBuilderGenerator } = await import('../scripts/build-builder-generator.js');
    await buildBuilderGenerator();
  }
  try {
    demo = await startDemoSite({ emulatorPort, sitePort });
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    console.error(`npm start: ${error.message}. ${PORT_HINT}.`);
    return 1;
  }

  console.log(`Keen emulator: ${demo.emulator.url}/functions/v1/keen-api (leads: ${demo.emulator.url}/__emulator/leads)`);
  console.log('Seeded channels: c0ffee00-0000-4000-8000-000000000001 (public), c0ffee00-0000-4000-8000-000000000002 (public API off → 403)');
  console.log(`Relay (adds the channel id for the "Through a relay" form): ${demo.relayUrl}`);
  console.log(`\n  Demo ready: open ${demo.url}/\n`);
  console.log('Press Ctrl+C to stop.');
  return 0;
}

/** The demo's relay runs from dist/lib/relay, which tsc (not vite) builds. */
function buildRelay() {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.relay.build.json'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
}

/**
 * Orphans get a new parent on Unix; Windows keeps the old pid, so also ask
 * whether that process still exists.
 * @param {number} parentPid
 */
function isRunning(parentPid) {
  if (process.ppid !== parentPid) return false;
  try {
    process.kill(parentPid, 0);
    return true;
  } catch (error) {
    return /** @type {{ code?: string }} */ (error).code === 'EPERM';
  }
}

process.exitCode = await main();
