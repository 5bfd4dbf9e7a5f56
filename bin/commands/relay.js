// @ts-check
/*
 * `keen-lead-form relay`: the relay as a standalone Node server, for people
 * who want a process rather than code. The API key comes only from the
 * environment (KEEN_API_KEY), never from a flag: flags show up in `ps` and
 * shell history. Nothing it prints contains the key.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import { KEEN_API_URL, UsageError, httpUrl, loadBuilt, oneOf, parseOptions, requiredText, runCommand, wholeNumber } from '../command-line.js';

export const DEFAULT_PORT = 8788;

export const usage = `Usage: keen-lead-form relay --channel <id> --allow-origin <origin> [options]

Runs the relay: your pages post leads to it (<keen-lead-form relay endpoint="<its URL>">),
it adds the channel id and forwards them to Keen.

  --channel <id>             the Keen channel id (or public uuid) leads go to (required)
  --allow-origin <origin>    an origin whose pages may post, e.g. https://www.example.com;
                             repeat for several (required)
  --endpoint <url>           Keen's API URL (default ${KEEN_API_URL})
  --port <n>                 port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host <address>           address to listen on (default 127.0.0.1; 0.0.0.0 or :: for all)
  --mode <mode>              lead_external or create_lead (default: create_lead when
                             KEEN_API_KEY is set, else lead_external)
  --rate-limit <n>           leads per client address (IPv6: per /64) per window (default 10)
  --rate-window <seconds>    the rate limit's window (default 600)
  --body-limit <bytes>       largest request body (default 102400)
  --channel-fields           also answer GET <relay URL>?action=fields with the channel's form
                             configuration, for <keen-lead-form fields-from="relay"> (needs
                             KEEN_API_KEY; kept 60 s)
  --trust-proxy-header <h>   take the client address from this header (e.g. x-forwarded-for,
                             its last entry) because your own proxy sets it
  --challenge <on|off>       the proof-of-work spam check (default on; the widget solves it)
  --captcha <provider>       check a captcha token instead: turnstile, hcaptcha or friendlycaptcha
                             (needs KEEN_RELAY_CAPTCHA_SECRET)
  --captcha-sitekey <key>    your site key (sent to hCaptcha and Friendly Captcha when checking)
  --captcha-siteverify <url> the provider's siteverify URL (default: the provider's own)
  --no-form-posts            refuse the HTML-first form posted without script (default: taken,
                             checked with the honeypot and the rate limit, answered with pages)

Environment:
  KEEN_API_KEY               your company's Keen API key, for create_lead mode (Keen then sends
                             the channel's webhook and in-app notification for every lead) and
                             for --channel-fields
  KEEN_RELAY_CHALLENGE_KEY   the proof-of-work signing key; give every instance the same one
                             (default: a random key per process)
  KEEN_RELAY_CAPTCHA_SECRET  the captcha provider's secret (Friendly Captcha: the API key)

Stops on Ctrl-C or SIGTERM. Exit codes: 0 stopped, 1 could not start, 2 bad usage.`;

/**
 * @param {string | undefined} text
 * @param {string} flag
 * @param {{ min: number, max?: number }} range
 */
function optionalWholeNumber(text, flag, range) {
  return text === undefined ? undefined : wholeNumber(text, flag, range);
}

/** @param {string[]} args */
function parseSettings(args) {
  const parsed = parseOptions(args, {
    channel: { type: 'string' },
    'allow-origin': { type: 'string', multiple: true },
    endpoint: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    mode: { type: 'string' },
    'rate-limit': { type: 'string' },
    'rate-window': { type: 'string' },
    'body-limit': { type: 'string' },
    'trust-proxy-header': { type: 'string' },
    'channel-fields': { type: 'boolean' },
    'no-form-posts': { type: 'boolean' },
    challenge: { type: 'string' },
    captcha: { type: 'string' },
    'captcha-sitekey': { type: 'string' },
    'captcha-siteverify': { type: 'string' },
  });
  const channel = requiredText(parsed.channel, '--channel <id>', 'your Keen channel id');
  const origins = parsed['allow-origin'] ?? [];
  if (origins.length === 0) throw new UsageError('--allow-origin <origin> is required (the site whose pages post leads)');
  const apiKey = process.env['KEEN_API_KEY'] || undefined;
  const mode = oneOf(parsed.mode ?? (apiKey === undefined ? 'lead_external' : 'create_lead'), '--mode', /** @type {const} */ (['lead_external', 'create_lead']));
  if (mode === 'create_lead' && apiKey === undefined) throw new UsageError('--mode create_lead needs the KEEN_API_KEY environment variable');
  const channelFields = parsed['channel-fields'] === true;
  if (channelFields && apiKey === undefined) throw new UsageError('--channel-fields needs the KEEN_API_KEY environment variable (get_channels needs a key)');
  const endpoint = parsed.endpoint === undefined ? undefined : httpUrl(parsed.endpoint, '--endpoint');
  const challenge = oneOf(parsed.challenge ?? 'on', '--challenge', /** @type {const} */ (['on', 'off']));
  const provider = parsed.captcha === undefined ? undefined : oneOf(parsed.captcha, '--captcha', /** @type {const} */ (['turnstile', 'hcaptcha', 'friendlycaptcha']));
  const captchaSecret = process.env['KEEN_RELAY_CAPTCHA_SECRET'] || undefined;
  if (provider !== undefined && captchaSecret === undefined) throw new UsageError('--captcha needs the KEEN_RELAY_CAPTCHA_SECRET environment variable');
  const siteverifyUrl = parsed['captcha-siteverify'] === undefined ? undefined : httpUrl(parsed['captcha-siteverify'], '--captcha-siteverify');
  const challengeKey = process.env['KEEN_RELAY_CHALLENGE_KEY'] || undefined;
  const max = optionalWholeNumber(parsed['rate-limit'], '--rate-limit', { min: 1 });
  const windowSeconds = optionalWholeNumber(parsed['rate-window'], '--rate-window', { min: 1 });
  const bodyLimitBytes = optionalWholeNumber(parsed['body-limit'], '--body-limit', { min: 1 });
  return {
    port: optionalWholeNumber(parsed.port, '--port', { min: 0, max: 65535 }) ?? DEFAULT_PORT,
    host: parsed.host ?? '127.0.0.1',
    /** @type {import('../../dist/lib/relay/index.js').RelayOptions} */
    options: {
      channelId: channel,
      allowedOrigins: origins,
      mode,
      ...(mode === 'create_lead' || channelFields ? { apiKey } : {}),
      ...(channelFields ? { channelFields: true } : {}),
      ...(parsed['no-form-posts'] === true ? { formPosts: false } : {}),
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(parsed['trust-proxy-header'] === undefined ? {} : { trustProxyHeader: parsed['trust-proxy-header'] }),
      ...(bodyLimitBytes === undefined ? {} : { bodyLimitBytes }),
      rateLimit: { ...(max === undefined ? {} : { max }), ...(windowSeconds === undefined ? {} : { windowMs: windowSeconds * 1000 }) },
      challenge: challenge === 'off' ? false : challengeKey === undefined ? {} : { hmacKey: challengeKey },
      ...(provider === undefined || captchaSecret === undefined
        ? {}
        : {
            captcha: {
              provider,
              secret: captchaSecret,
              ...(parsed['captcha-sitekey'] === undefined ? {} : { sitekey: parsed['captcha-sitekey'] }),
              ...(siteverifyUrl === undefined ? {} : { siteverifyUrl }),
            },
          }),
    },
  };
}

/**
 * The settings, then the relay built from them: createRelay's own checks
 * (an origin that is not one, …) are bad usage too.
 * @param {string[]} args
 */
async function parse(args) {
  const settings = parseSettings(args);
  const { createRelay, formatRelayEvent, toNodeHandler } = await loadBuilt(() => import('../../dist/lib/relay/index.js'));
  let relay;
  try {
    relay = createRelay({
      ...settings.options,
      // One line per request: never the lead's contents, the visitor's address or the key (the relay scrubs reasons).
      onEvent: (event) => console.log(formatRelayEvent(event)),
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return { ...settings, handler: toNodeHandler(relay) };
}

/**
 * Serves until SIGINT or SIGTERM.
 * @param {Awaited<ReturnType<typeof parse>>} config
 * @returns {Promise<number>}
 */
async function serve(config) {
  const server = createServer(config.handler);
  server.listen(config.port, config.host);
  try {
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    console.error(
      code === 'EADDRINUSE'
        ? `keen-lead-form relay: port ${config.port} is in use; pick another with --port (0 = any free port)`
        : `keen-lead-form relay: cannot listen on ${config.host}:${config.port} (${code ?? String(error)})`,
    );
    return 1;
  }
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const mode = config.options.mode ?? 'lead_external';
  const spamCheck = config.options.captcha?.provider ?? (config.options.challenge === false ? 'no spam check' : 'proof of work');
  console.log(
    `keen-lead-form relay on http://${host}:${address.port}/ (${mode}, channel ${config.options.channelId}, origins ${config.options.allowedOrigins.join(' ')}, ${spamCheck}${config.options.channelFields ? ', fields at ?action=fields' : ''})`,
  );

  const signal = await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  console.log(`keen-lead-form relay: ${signal[0] ?? 'signal'}, stopping`);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return 0;
}

/** @param {string[]} args @returns {Promise<number>} */
export function run(args) {
  return runCommand({ name: 'relay', usage, parse, execute: serve }, args);
}
