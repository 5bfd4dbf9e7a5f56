// @ts-check
// `npm start` as a process: a busy or bad port is one line naming the
// variables to set (exit code 1, no stack), and SIGTERM to npm leaves no
// process behind and its ports (emulator, relay, site) free.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { test } from 'node:test';

const QUIET_ENV = { ...process.env, KEEN_DEMO_SKIP_BUILD: '1', DEMO_PORT: '0', KEEN_EMULATOR_PORT: '0' };

/**
 * Runs `node demo/serve.js` to its end.
 * @param {Record<string, string>} env
 */
async function runToExit(env) {
  const child = spawn(process.execPath, ['demo/serve.js'], { env: { ...QUIET_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A port held by this test process until `close()`. */
async function occupyPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  return { port: address.port, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** @param {number} port */
async function isPortFree(port) {
  const server = createServer();
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(undefined));
    });
    return true;
  } catch {
    return false;
  } finally {
    server.close();
  }
}

for (const [variable, name] of /** @type {const} */ ([
  ['DEMO_PORT', 'the demo site'],
  ['KEEN_EMULATOR_PORT', 'the Keen emulator'],
])) {
  test(`${variable} on a busy port: one line naming both variables, exit code 1`, async () => {
    const busy = await occupyPort();
    try {
      const { code, stdout, stderr } = await runToExit({ [variable]: String(busy.port) });
      assert.equal(code, 1);
      assert.equal(stdout, '');
      assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
      assert.ok(stderr.startsWith(`npm start: Port ${busy.port} (${name}) is already in use.`), stderr);
      assert.match(stderr, /DEMO_PORT/);
      assert.match(stderr, /KEEN_EMULATOR_PORT/);
      assert.doesNotMatch(stderr, /EADDRINUSE|\n\s+at /);
    } finally {
      await busy.close();
    }
  });
}

test('a port that is not a number: one line naming the variable, exit code 1', async () => {
  const { code, stderr } = await runToExit({ DEMO_PORT: '51a' });
  assert.equal(code, 1);
  assert.equal(stderr, 'npm start: DEMO_PORT must be a port number from 0 to 65535 (0 picks any free port), not "51a".\n');
});

/**
 * Every process below `rootPid`, as `ps` lists them now.
 * @param {number} rootPid
 * @returns {{ pid: number, command: string }[]}
 */
function descendantsOf(rootPid) {
  const rows = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, pid, ppid, command]) => ({ pid: Number(pid), ppid: Number(ppid), command: String(command) }));
  const found = [];
  const parents = [rootPid];
  for (let parent = parents.pop(); parent !== undefined; parent = parents.pop()) {
    for (const row of rows.filter((candidate) => candidate.ppid === parent)) {
      found.push({ pid: row.pid, command: row.command });
      parents.push(row.pid);
    }
  }
  return found;
}

/** A process that exited but was not reaped yet (a zombie) counts as gone. @param {number} pid */
function isAlive(pid) {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false; // ps exits 1 when the pid does not exist
  }
}

test('SIGTERM to `npm start` stops every process it started and frees its ports', async () => {
  // Under `npm run`, npm_execpath is npm's own script; otherwise use npm from PATH.
  const npmExecPath = process.env['npm_execpath'];
  const [command, args] = npmExecPath?.endsWith('.js')
    ? [process.execPath, [npmExecPath, 'start']]
    : ['npm', ['start']];
  const npm = spawn(command, args, { env: QUIET_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  npm.stdout.setEncoding('utf8').on('data', (text) => (output += text));
  npm.stderr.setEncoding('utf8').on('data', (text) => (output += text));
  const exited = once(npm, 'exit');
  /** @type {{ pid: number, command: string }[]} */
  let tree = [];
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${output}`)), 30_000);
      npm.stdout.on('data', () => {
        if (!output.includes('Press Ctrl+C to stop.')) return;
        clearTimeout(timer);
        resolve(undefined);
      });
      exited.then(() => reject(new Error(`npm start exited early:\n${output}`)));
    });
    const ports = [...output.matchAll(/http:\/\/127\.0\.0\.1:(\d+)\//g)].map((match) => Number(match[1]));
    assert.equal(new Set(ports).size, 3, output); // emulator, relay, site
    tree = descendantsOf(/** @type {number} */ (npm.pid));
    assert.ok(
      tree.some((process) => process.command.includes('demo/serve.js')),
      `serve.js should run below npm: ${JSON.stringify(tree)}`,
    );
    npm.kill('SIGTERM');
    await exited;

    const deadline = Date.now() + 10_000;
    while (tree.some(({ pid }) => isAlive(pid)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(
      tree.filter(({ pid }) => isAlive(pid)),
      [],
      'processes left running after SIGTERM',
    );
    for (const port of ports) assert.ok(await isPortFree(port), `port ${port} still taken`);
  } finally {
    // Never leave a demo running if an assertion failed: end exactly the pids seen.
    for (const { pid } of tree) {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (npm.exitCode === null) npm.kill('SIGKILL');
  }
});
