// @ts-check
/*
 * Runs the built relay (dist/lib/relay) the ways sites run it, each on its
 * own free port over real HTTP in front of the emulator: in Node through
 * toNodeHandler (memory or Redis store) and in workerd through Miniflare as
 * a Worker module. Also starts a real redis-server and stops it by its pid.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

export const RELAY_DIST = new URL('../../dist/lib/relay/', import.meta.url);
export const PUBLIC_CHANNEL_ID = 'c0ffee00-0000-4000-8000-000000000001';
export const PAGE_ORIGIN = 'https://shop.example';

/** @returns {Promise<typeof import('../../dist/lib/relay/index.js')>} */
export async function importRelay() {
  return import(new URL('index.js', RELAY_DIST).href);
}

/**
 * @typedef {object} RelaySpec
 * @property {string} endpoint  Keen's (the emulator's) API URL
 * @property {string} [channelId]
 * @property {string[]} [allowedOrigins]
 * @property {'lead_external' | 'create_lead'} [mode]
 * @property {string} [apiKey]
 * @property {number} [bodyLimitBytes]
 * @property {{ max: number, windowMs: number } | false} [rateLimit]
 * @property {string} [redisUrl]  Node only: share the limit through this Redis
 * @property {string} [redisPrefix]
 * @property {boolean} [channelFields]  serve GET ?action=fields (with apiKey)
 * @property {string} [trustProxyHeader]  Node only (workerd always trusts CF-Connecting-IP)
 * @property {(line: string) => void} [log]
 * @property {{ hmacKey?: string, maxNumber?: number, expiresInMs?: number } | false} [challenge]  proof of work; default off here, so tests of other gates post plain leads
 * @property {{ provider: 'turnstile' | 'hcaptcha' | 'friendlycaptcha', secret: string, sitekey?: string, siteverifyUrl?: string }} [captcha]
 * @property {(relay: import('../../dist/lib/relay/index.js').Relay) => void} [onRelay]  Node only: receives the relay, e.g. to read its counters
 *
 * @typedef {object} RunningRelay
 * @property {string} url
 * @property {() => Promise<void>} close
 *
 * @typedef {object} Runtime
 * @property {string} name
 * @property {string} addressHeader  the header through which the test poses as the platform/proxy reporting the visitor's address
 * @property {(spec: RelaySpec) => Promise<RunningRelay>} start
 */

/** @param {import('node:http').Server} server */
async function listen(server) {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return `http://127.0.0.1:${address.port}`;
}

/** @param {RelaySpec} spec */
async function nodeRelayOptions(spec) {
  const { MemoryRateLimitStore, RedisRateLimitStore, RedisReplayStore } = await importRelay();
  /** @type {(() => Promise<void>)[]} */
  const cleanups = [];
  /** @type {import('../../dist/lib/relay/index.js').RateLimitStore} */
  let store = new MemoryRateLimitStore();
  /** @type {import('../../dist/lib/relay/index.js').ReplayStore | undefined} */
  let replayStore;
  if (spec.redisUrl !== undefined) {
    const { createClient } = await import('redis');
    // As an operator should: fail fast while Redis is away instead of queueing, and log errors instead of crashing.
    const client = createClient({ url: spec.redisUrl, disableOfflineQueue: true });
    client.on('error', () => undefined);
    await client.connect();
    cleanups.push(async () => {
      if (client.isReady) await client.quit();
      else if (client.isOpen) client.destroy(); // still reconnecting: stop trying
    });
    store = new RedisRateLimitStore(client, { prefix: spec.redisPrefix ?? 'test:' });
    replayStore = new RedisReplayStore(client, { prefix: `${spec.redisPrefix ?? 'test:'}used:` });
  }
  /** @type {import('../../dist/lib/relay/index.js').RelayOptions} */
  const options = {
    channelId: spec.channelId ?? PUBLIC_CHANNEL_ID,
    allowedOrigins: spec.allowedOrigins ?? [PAGE_ORIGIN],
    endpoint: spec.endpoint,
    ...(spec.mode === undefined ? {} : { mode: spec.mode }),
    ...(spec.apiKey === undefined ? {} : { apiKey: spec.apiKey }),
    ...(spec.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: spec.bodyLimitBytes }),
    ...(spec.channelFields === undefined ? {} : { channelFields: spec.channelFields }),
    ...(spec.trustProxyHeader === undefined ? {} : { trustProxyHeader: spec.trustProxyHeader }),
    rateLimit: spec.rateLimit === false ? false : { ...(spec.rateLimit ?? {}), store },
    onEvent: (event) => spec.log?.(JSON.stringify(event)),
    challenge: spec.challenge === undefined || spec.challenge === false ? false : { ...spec.challenge, ...(replayStore === undefined ? {} : { replayStore }) },
    ...(spec.captcha === undefined ? {} : { captcha: spec.captcha }),
  };
  return { options, cleanups };
}

/**
 * The relay in Node: `http.createServer(toNodeHandler(createRelay(options)))`.
 * @param {RelaySpec} spec
 * @returns {Promise<RunningRelay>}
 */
export async function startNodeRelay(spec) {
  const { createRelay, toNodeHandler } = await importRelay();
  const { options, cleanups } = await nodeRelayOptions(spec);
  const relay = createRelay(options);
  spec.onRelay?.(relay);
  const server = createServer(toNodeHandler(relay));
  const url = await listen(server);
  return {
    url,
    async close() {
      server.closeAllConnections();
      server.close();
      for (const cleanup of cleanups) await cleanup();
    },
  };
}

/** @type {Promise<string> | undefined} */
let workerBundle;

/** The Worker module as a deployer's bundler (wrangler uses esbuild too) would make it from the package. */
export function bundleWorker() {
  workerBundle ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      stdin: { contents: "export { default } from './worker.js';", resolveDir: fileURLToPath(RELAY_DIST), loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'import'],
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0]?.text ?? '';
  })();
  return workerBundle;
}

/**
 * The relay in workerd, through Miniflare, configured like a deployed Worker
 * (variables and a secret). Its outbound fetch reaches the emulator on 127.0.0.1.
 * @param {RelaySpec} spec
 * @returns {Promise<RunningRelay>}
 */
export async function startWorkerdRelay(spec) {
  if (spec.redisUrl !== undefined || spec.trustProxyHeader !== undefined) {
    throw new Error('The Worker relay uses its memory store and CF-Connecting-IP');
  }
  const { Miniflare, Log, LogLevel } = await import('miniflare');
  /** @type {Record<string, string>} */
  const bindings = {
    KEEN_CHANNEL_ID: spec.channelId ?? PUBLIC_CHANNEL_ID,
    RELAY_ALLOWED_ORIGINS: (spec.allowedOrigins ?? [PAGE_ORIGIN]).join(','),
    KEEN_ENDPOINT: spec.endpoint,
  };
  if (spec.mode !== undefined) bindings['RELAY_MODE'] = spec.mode;
  if (spec.apiKey !== undefined) bindings['KEEN_API_KEY'] = spec.apiKey;
  if (spec.channelFields === true) bindings['RELAY_CHANNEL_FIELDS'] = 'on';
  if (spec.bodyLimitBytes !== undefined) bindings['RELAY_BODY_LIMIT_BYTES'] = String(spec.bodyLimitBytes);
  if (spec.challenge === undefined || spec.challenge === false) bindings['RELAY_CHALLENGE'] = 'off';
  else if (spec.challenge.hmacKey !== undefined) bindings['KEEN_RELAY_CHALLENGE_KEY'] = spec.challenge.hmacKey;
  if (spec.challenge && spec.challenge.maxNumber !== undefined) bindings['RELAY_CHALLENGE_MAX_NUMBER'] = String(spec.challenge.maxNumber);
  if (spec.challenge && spec.challenge.expiresInMs !== undefined) throw new Error('The Worker relay takes no challenge expiry from its environment');
  if (spec.captcha !== undefined) {
    bindings['RELAY_CAPTCHA_PROVIDER'] = spec.captcha.provider;
    bindings['RELAY_CAPTCHA_SECRET'] = spec.captcha.secret;
    if (spec.captcha.sitekey !== undefined) bindings['RELAY_CAPTCHA_SITEKEY'] = spec.captcha.sitekey;
    if (spec.captcha.siteverifyUrl !== undefined) bindings['RELAY_CAPTCHA_SITEVERIFY_URL'] = spec.captcha.siteverifyUrl;
  }
  if (spec.rateLimit === false) throw new Error('The Worker relay always limits');
  if (spec.rateLimit !== undefined) {
    bindings['RELAY_RATE_LIMIT_MAX'] = String(spec.rateLimit.max);
    bindings['RELAY_RATE_LIMIT_WINDOW_SECONDS'] = String(spec.rateLimit.windowMs / 1000);
  }
  const mf = new Miniflare({
    modules: true,
    script: await bundleWorker(),
    compatibilityDate: '2025-12-01',
    cf: false, // no attempt to download Cloudflare's request metadata (no network here, none needed)
    bindings,
    host: '127.0.0.1',
    port: 0,
    log: new Log(LogLevel.WARN),
  });
  const url = (await mf.ready).origin;
  return { url, close: () => mf.dispose() };
}

/** @type {Runtime[]} */
export const RUNTIMES = [
  // In Node the tests stand in for the operator's proxy, which sets X-Real-IP.
  { name: 'Node, memory store', addressHeader: 'x-real-ip', start: (spec) => startNodeRelay({ trustProxyHeader: 'x-real-ip', ...spec }) },
  {
    name: 'Node, Redis store',
    addressHeader: 'x-real-ip',
    async start(spec) {
      const redis = await startRedisServer();
      const relay = await startNodeRelay({ trustProxyHeader: 'x-real-ip', ...spec, redisUrl: redis.url });
      return {
        url: relay.url,
        async close() {
          await relay.close();
          await redis.stop();
        },
      };
    },
  },
  { name: 'workerd (Miniflare)', addressHeader: 'cf-connecting-ip', start: startWorkerdRelay },
];

/**
 * @typedef {object} RunningRedis
 * @property {string} url
 * @property {number} pid
 * @property {() => Promise<void>} stop
 */

/** @returns {Promise<number>} a port that was free a moment ago */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * A throwaway redis-server (Debian's package; .ci/run installs it) on a free
 * port, with no persistence, stopped by its pid.
 * @returns {Promise<RunningRedis>}
 */
export async function startRedisServer() {
  let lastOutput = '';
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ready = await new Promise((resolve, reject) => {
      let output = '';
      const onData = (/** @type {Buffer} */ chunk) => {
        output += chunk.toString();
        lastOutput = output;
        if (output.includes('Ready to accept connections')) resolve(true);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', (error) =>
        reject(new Error(`Cannot start redis-server (${error.message}); install it: apt-get install -y redis-server`)),
      );
      child.once('exit', () => resolve(false)); // e.g. the port was taken meanwhile
    });
    if (ready && child.pid !== undefined) {
      const pid = child.pid;
      return {
        url: `redis://127.0.0.1:${port}`,
        pid,
        async stop() {
          if (child.exitCode !== null) return;
          const exited = once(child, 'exit');
          process.kill(pid, 'SIGTERM');
          await exited;
        },
      };
    }
  }
  throw new Error(`redis-server did not start:\n${lastOutput}`);
}

/**
 * @param {string} emulatorUrl
 * @returns {Promise<{ method: string, outcome: unknown }[]>} every API request the emulator (Keen) received
 */
export async function keenRequests(emulatorUrl) {
  const response = await fetch(`${emulatorUrl}/__emulator/requests`);
  return /** @type {{ requests: { method: string, outcome: unknown }[] }} */ (await response.json()).requests;
}

/**
 * @param {string} emulatorUrl
 * @returns {Promise<{ lead: Record<string, unknown>, request: { headers: Record<string, string>, body: string } }[]>}
 */
export async function keenLeads(emulatorUrl) {
  const response = await fetch(`${emulatorUrl}/__emulator/leads`);
  return /** @type {{ leads: any[] }} */ (await response.json()).leads;
}

/**
 * A POST like the widget's in relay mode (no channel id), from the page's origin.
 * @param {string} url
 * @param {{ body?: string | Uint8Array, headers?: Record<string, string>, method?: string }} [init]
 */
export function postLead(url, { body = JSON.stringify({ action: 'lead_external', email: 'ada@example.com' }), headers = {}, method = 'POST' } = {}) {
  return fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Origin: PAGE_ORIGIN, ...headers },
    body: method === 'GET' || method === 'HEAD' ? null : body,
  });
}

/**
 * A challenge solved as the widget solves it, as the base64 JSON payload it sends in `verification.altcha`.
 * @param {{ algorithm: string, challenge: string, maxnumber?: number, salt: string, signature: string }} challenge
 * @param {number} [numberOffset]  1 makes a wrong answer
 */
export async function solveChallengePayload(challenge, numberOffset = 0) {
  const { solveChallenge } = await import('altcha-lib/v1');
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error('the challenge has no solution below maxnumber');
  const payload = { algorithm: challenge.algorithm, challenge: challenge.challenge, number: solution.number + numberOffset, salt: challenge.salt, signature: challenge.signature };
  return btoa(JSON.stringify(payload));
}

/**
 * Fetches a challenge from the relay (as the page at PAGE_ORIGIN) and solves it.
 * @param {string} relayUrl
 */
export async function solvedChallenge(relayUrl) {
  const response = await fetch(`${relayUrl.replace(/\/$/, '')}/?action=challenge`, { headers: { Origin: PAGE_ORIGIN } });
  if (!response.ok) throw new Error(`challenge: ${response.status} ${await response.text()}`);
  return solveChallengePayload(/** @type {{ algorithm: string, challenge: string, maxnumber: number, salt: string, signature: string }} */ (await response.json()));
}
