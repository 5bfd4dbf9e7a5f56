// @ts-check
/*
 * `npx keen-lead-form …` as a user runs it, for the test files that need it
 * (cli.test.js, fields-cli.test.js): the packed tarball installed in an empty
 * project (test/support/packed-package.js: made once, shared by the files),
 * and an emulator of the file's own, reset before each test.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, beforeEach } from 'node:test';
import { startEmulator } from '../../emulator/server.js';
import { installedPackage } from '../support/packed-package.js';
import { runBin } from '../support/run-bin.js';

/**
 * Registers the file's hooks; the returned getters are valid inside its tests.
 */
export function useInstalledCli() {
  let bin = '';
  let project = '';
  /** @type {Awaited<ReturnType<typeof startEmulator>> | undefined} */
  let emulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    ({ bin, project } = await installedPackage());
  });
  after(async () => {
    await emulator?.close();
  });
  beforeEach(() => fetch(`${emulator?.url}/__emulator/reset`, { method: 'POST' }));

  return {
    /** The installed project: what `npx` runs from, where `import 'keen-lead-form/…'` resolves. */
    get project() {
      return project;
    },
    get emulatorUrl() {
      if (emulator === undefined) throw new Error('the emulator starts in before()');
      return emulator.url;
    },
    /** The emulator's Keen API URL, for --endpoint. */
    get keenUrl() {
      return `${this.emulatorUrl}/functions/v1/keen-api`;
    },
    /**
     * Runs the installed bin to completion.
     * @param {string[]} args
     * @param {Record<string, string>} [env]
     */
    run(args, env = {}) {
      return runBin(args, { bin, env });
    },
    /**
     * Starts `keen-lead-form relay …` and waits for the line with its URL.
     * @param {string[]} args
     * @param {Record<string, string>} [env]
     */
    startRelay(args, env = {}) {
      return startCliRelay(bin, args, env);
    },
  };
}

/**
 * @param {string} bin
 * @param {string[]} args
 * @param {Record<string, string>} env
 */
async function startCliRelay(bin, args, env) {
  const child = spawn(bin, ['relay', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /relay on (http:\/\/\S+?)\/? /.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}: ${stderr}`)));
  });
  return {
    url: /** @type {string} */ (url),
    output: () => ({ stdout, stderr }),
    /** Sends a signal and resolves with the exit code. */
    async stop(signal = /** @type {NodeJS.Signals} */ ('SIGTERM')) {
      const exited = once(child, 'exit');
      if (child.pid !== undefined) process.kill(child.pid, signal);
      const [code] = await exited;
      return /** @type {number | null} */ (code);
    },
  };
}
