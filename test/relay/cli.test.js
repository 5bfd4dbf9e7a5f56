// @ts-check
/*
 * `npx keen-lead-form relay` as a user gets it: `npm pack`, install the
 * tarball into an empty project, run its bin against the emulator. Also:
 * the package root and the CDN file carry no relay code.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { useInstalledCli } from './installed-cli.js';
import { PAGE_ORIGIN, PUBLIC_CHANNEL_ID, keenLeads, postLead, solvedChallenge } from './relay-harness.js';

const cli = useInstalledCli();

test('the bin lists its commands; unknown commands and bad flags exit 2 with one clear line', async () => {
  const help = await cli.run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /relay/);
  const relayHelp = await cli.run(['relay', '--help']);
  assert.equal(relayHelp.code, 0);
  assert.match(relayHelp.stdout, /--allow-origin/);

  /** @type {[string[], RegExp][]} */
  const cases = [
    [[], /Usage: keen-lead-form <command>/],
    [['serve'], /unknown command "serve"/],
    [['relay', '--allow-origin', PAGE_ORIGIN], /--channel <id> is required/],
    [['relay', '--channel', PUBLIC_CHANNEL_ID], /--allow-origin <origin> is required/],
    [['relay', '--channel', PUBLIC_CHANNEL_ID, '--allow-origin', 'example.com'], /not an origin/],
    [['relay', '--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--port', 'eighty'], /--port must be a whole number/],
    [['relay', '--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--colour', 'blue'], /Unknown option '--colour'/],
    [['relay', '--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--mode', 'create_lead'], /needs the KEEN_API_KEY/],
    [['relay', '--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--challenge', 'maybe'], /--challenge must be on or off/],
    [['relay', '--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--captcha', 'recaptcha'], /--captcha must be turnstile, hcaptcha or friendlycaptcha/],
    [['relay', '--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--captcha', 'turnstile'], /needs the KEEN_RELAY_CAPTCHA_SECRET/],
  ];
  for (const [args, message] of cases) {
    const result = await cli.run(args, { KEEN_API_KEY: '', KEEN_RELAY_CAPTCHA_SECRET: '' });
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    if (args.length > 0) assert.equal(result.stderr.trim().split('\n').length, 1, `one line: ${result.stderr}`);
  }
});

test('`keen-lead-form relay` prints its URL, relays a lead with the channel id added, and stops cleanly on SIGTERM and SIGINT', async () => {
  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
    await fetch(`${cli.emulatorUrl}/__emulator/reset`, { method: 'POST' });
    const relay = await cli.startRelay(
      ['--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--endpoint', cli.keenUrl, '--port', '0'],
      { KEEN_API_KEY: '' },
    );
    const verification = { honeypot: '', altcha: await solvedChallenge(relay.url) };
    const response = await postLead(relay.url, { body: JSON.stringify({ action: 'lead_external', first_name: 'Linus', verification }) });
    assert.equal(response.status, 200, await response.clone().text());
    const [stored] = await keenLeads(cli.emulatorUrl);
    assert.equal(stored?.lead['channels_id'], PUBLIC_CHANNEL_ID);
    assert.equal(stored?.lead['first_name'], 'Linus');
    assert.equal(await relay.stop(signal), 0);
    const { stdout } = relay.output();
    assert.match(stdout, /proof of work\)/, 'the banner names the spam check');
    assert.match(stdout, / 200 forwarded /, 'one log line per lead');
    assert.doesNotMatch(stdout, /Linus/, 'the log holds no lead contents');
  }
});

test('a busy port is one clear line and exit code 1', async () => {
  const first = await cli.startRelay(['--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--port', '0']);
  try {
    const port = new URL(first.url).port;
    const second = await cli.run(['relay', '--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--port', port]);
    assert.equal(second.code, 1);
    assert.match(second.stderr, new RegExp(`port ${port} is in use`));
  } finally {
    await first.stop();
  }
});

test('the package root and the CDN file hold no relay code', () => {
  /** @param {string} file @param {Set<string>} seen */
  const walk = (file, seen = new Set()) => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      walk(resolve(dirname(file), /** @type {string} */ (specifier)), seen);
    }
    return seen;
  };
  for (const entry of ['dist/lib/index.js', 'dist/lib/define.js']) {
    const reached = [...walk(resolve(entry))];
    assert.ok(reached.length > 3, `${entry} imports were followed`);
    assert.deepEqual(reached.filter((file) => file.includes('/dist/lib/relay/')), [], `${entry} reaches no relay module`);
  }
  const cdn = readFileSync('dist/cdn/keen-lead-form.js', 'utf8');
  for (const marker of ['the relay adds it', 'RedisRateLimitStore', 'KEEN_API_KEY', 'CF-Connecting-IP']) {
    assert.ok(!cdn.toLowerCase().includes(marker.toLowerCase()), `CDN file contains ${marker}`);
  }
});

test('create_lead from KEEN_API_KEY: a wrong key is a 403 for the widget, and its value is in no answer and no output', async () => {
  const wrongKey = 'sk-live-wrong-fedcba9876543210';
  const relay = await cli.startRelay(
    ['--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--endpoint', cli.keenUrl, '--port', '0', '--challenge', 'off'],
    { KEEN_API_KEY: wrongKey },
  );
  const response = await postLead(relay.url);
  const text = [...response.headers].join('\n') + (await response.text());
  assert.equal(response.status, 403, text);
  assert.equal(await relay.stop(), 0);
  const { stdout, stderr } = relay.output();
  assert.match(stdout, /create_lead/, 'the banner names the mode');
  assert.match(stdout, /no spam check\)/, '--challenge off is in force');
  assert.match(stdout, / 403 forwarded .*API key/, 'the log line says what is wrong');
  for (const [where, value] of Object.entries({ answer: text, stdout, stderr })) {
    assert.ok(!value.includes(wrongKey), `the key appears in the ${where}:\n${value}`);
  }
});

test("the README's Node recipe (docs/relay/node-http.js) runs against the installed package", async () => {
  const project = cli.project;
  const recipe = join(project, 'relay.mjs');
  writeFileSync(recipe, readFileSync('docs/relay/node-http.js', 'utf8'));
  const child = spawn(process.execPath, [recipe], {
    cwd: project,
    env: { ...process.env, KEEN_CHANNEL_ID: PUBLIC_CHANNEL_ID, RELAY_ALLOWED_ORIGINS: PAGE_ORIGIN, KEEN_ENDPOINT: cli.keenUrl, PORT: '0', KEEN_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /relay on (\S+)/.exec(output);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`recipe exited with ${code}: ${output}`)));
    });
    // Proof of work is on by default: a lead without a solution is refused, one with a solution passes.
    const unsolved = await postLead(/** @type {string} */ (url));
    assert.equal(unsolved.status, 403, await unsolved.clone().text());
    const verification = { honeypot: '', altcha: await solvedChallenge(/** @type {string} */ (url)) };
    const response = await postLead(/** @type {string} */ (url), { body: JSON.stringify({ action: 'lead_external', email: 'ada@example.com', verification }) });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal((await keenLeads(cli.emulatorUrl))[0]?.lead['channels_id'], PUBLIC_CHANNEL_ID);
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
});

test('`--captcha` with KEEN_RELAY_CAPTCHA_SECRET checks tokens at the given siteverify URL; the log line names the refusal', async () => {
  const { startFakeSiteverify, FAKE_SECRET, GOOD_TOKEN_PREFIX } = await import('../support/fake-siteverify.js');
  const siteverify = await startFakeSiteverify();
  try {
    const relay = await cli.startRelay(
      ['--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--endpoint', cli.keenUrl, '--port', '0',
        '--captcha', 'hcaptcha', '--captcha-sitekey', 'site-1', '--captcha-siteverify', siteverify.siteverifyUrl('hcaptcha')],
      { KEEN_API_KEY: '', KEEN_RELAY_CAPTCHA_SECRET: FAKE_SECRET },
    );
    const lead = (/** @type {string} */ token) =>
      postLead(relay.url, { body: JSON.stringify({ action: 'lead_external', first_name: 'Grace', verification: { honeypot: '', captcha: { provider: 'hcaptcha', token } } }) });
    assert.equal((await lead(`${GOOD_TOKEN_PREFIX}cli`)).status, 200);
    assert.equal((await lead('bad')).status, 403);
    assert.equal(siteverify.calls[0]?.sitekey, 'site-1');
    assert.equal(await relay.stop(), 0);
    const { stdout } = relay.output();
    assert.match(stdout, /hcaptcha\)/, 'the banner names the provider');
    assert.match(stdout, / 403 refused \[captcha\] /);
    assert.ok(!stdout.includes(FAKE_SECRET) && !stdout.includes('Grace') && !stdout.includes('127.0.0.1 '), stdout);
  } finally {
    await siteverify.close();
  }
});

test('`keen-lead-form relay` takes a form posted without script (a page, logged as a form post); `--no-form-posts` refuses it with a 415 page', async () => {
  await fetch(`${cli.emulatorUrl}/__emulator/reset`, { method: 'POST' });
  const body = new URLSearchParams({ keen_form: JSON.stringify({ v: 1, lang: 'en', fields: ['email'] }), keen_hp_reference: '', email: 'cli@example.com' }).toString();
  const post = (/** @type {string} */ url) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: PAGE_ORIGIN }, body, redirect: 'manual' });
  const base = ['--channel', PUBLIC_CHANNEL_ID, '--allow-origin', PAGE_ORIGIN, '--endpoint', cli.keenUrl, '--port', '0'];

  const relay = await cli.startRelay(base, { KEEN_API_KEY: '' });
  const taken = await post(relay.url);
  assert.equal(taken.status, 200, await taken.clone().text());
  assert.equal(taken.headers.get('keen-relay-checks'), 'honeypot, rate-limit');
  assert.equal((await keenLeads(cli.emulatorUrl))[0]?.lead['email'], 'cli@example.com');
  assert.equal(await relay.stop('SIGTERM'), 0);
  assert.match(relay.output().stdout, / 200 forwarded \(form post\) /);
  assert.doesNotMatch(relay.output().stdout, /cli@example/, 'the log holds no lead contents');

  const off = await cli.startRelay([...base, '--no-form-posts'], { KEEN_API_KEY: '' });
  const refused = await post(off.url);
  assert.equal(refused.status, 415);
  assert.match(await refused.text(), /can only be sent with JavaScript/);
  assert.equal((await keenLeads(cli.emulatorUrl)).length, 1, 'nothing more stored');
  assert.equal(await off.stop('SIGTERM'), 0);
});
