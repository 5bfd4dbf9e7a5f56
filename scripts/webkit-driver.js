// @ts-check
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { findWebKitDriver, findXvfb } from './find-browsers.js';

/*
 * What the WebKit tests need around them: a virtual X display (WebKitGTK's
 * MiniBrowser has no headless mode) and WebKitWebDriver on a free port.
 * Each runs in its own process group, so stop() ends it together with what it
 * started (MiniBrowser and WebKit's helper processes), by process id.
 */

/** @returns {Promise<number>} a TCP port that was free a moment ago */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** @param {import('node:child_process').ChildProcess} child */
function stopGroup(child) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return Promise.resolve(); // already gone
  }
  const forced = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  return exited.finally(() => clearTimeout(forced));
}

/**
 * Starts Xvfb on a free display number (it picks one and tells us through a pipe).
 * @returns {Promise<{ display: string, process: import('node:child_process').ChildProcess }>}
 */
function startXvfb() {
  const xvfb = spawn(findXvfb(), ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let number = '';
    let stderr = '';
    xvfb.stderr?.on('data', (chunk) => (stderr += chunk));
    xvfb.stdio[3]?.on('data', (chunk) => {
      number += chunk;
      if (number.includes('\n')) resolve({ display: `:${number.trim()}`, process: xvfb });
    });
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${stderr.trim()}`)));
  });
}

/**
 * @param {number} port
 * @param {import('node:child_process').ChildProcess} driver
 */
async function waitUntilReady(port, driver) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode}) before it was ready`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on port ${port} within 20 s`);
}

/** @returns {Promise<{ port: number, display: string, stop(): Promise<void> }>} */
export async function startWebKitDriver() {
  const driverPath = findWebKitDriver();
  const xvfb = await startXvfb();
  const port = await freePort();
  const driver = spawn(driverPath, [`--port=${port}`], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DISPLAY: xvfb.display },
  });
  const stop = async () => {
    await stopGroup(driver);
    await stopGroup(xvfb.process);
  };
  try {
    await waitUntilReady(port, driver);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, display: xvfb.display, stop };
}
