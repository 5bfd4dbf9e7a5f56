// @ts-check
// The npm package as an SPA developer gets it: `npm pack`, install the
// tarball into a fresh Vite + TypeScript app, type-check it (including the
// React JSX typings), build it, serve it, and use it in headless Chromium.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { chromium } from 'playwright';
import { startEmulator } from '../../emulator/server.js';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.js';
import { startStaticServer } from '../../scripts/static-server.js';

const run = promisify(execFile);

/** @param {string} name @param {string} language */
function readmeSnippet(name, language) {
  const readme = readFileSync('README.md', 'utf8');
  const block = readme.slice(readme.indexOf(`<!-- ${name}:start`), readme.indexOf(`<!-- ${name}:end -->`));
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(block);
  if (!match?.[1]) throw new Error(`No ${name} in README.md`);
  return match[1];
}
const root = resolve('.');
const rootPackage = JSON.parse(readFileSync('package.json', 'utf8'));
const PUBLIC_CHANNEL = 'c0ffee00-0000-4000-8000-000000000001';

/** @type {string} */ let workDir;
/** @type {string} */ let appDir;
/** @type {{ filename: string, files: { path: string }[], size: number, unpackedSize: number }} */ let packed;

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'keen-spa-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: root });
  packed = JSON.parse(stdout)[0];
  appDir = join(workDir, 'app');
  cpSync(join(root, 'test/fixtures/spa'), appDir, { recursive: true });
  // The README's npm snippet, exactly as a developer would paste it.
  writeFileSync(join(appDir, 'src/readme-snippet.ts'), readmeSnippet('npm-snippet', 'ts'));
  writeFileSync(
    join(appDir, 'package.json'),
    JSON.stringify({
      name: 'spa-under-test',
      private: true,
      type: 'module',
      dependencies: { 'keen-lead-form': `file:${join(workDir, packed.filename)}` },
      // Same tool versions as this repository, from the registry.
      devDependencies: {
        vite: rootPackage.devDependencies.vite,
        typescript: rootPackage.devDependencies.typescript,
        '@types/react': '19.3.0',
        // Only their types are used: the framework typings are checked against them.
        preact: '10.29.8',
        vue: '3.5.45',
        svelte: '5.57.3',
      },
    }),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: appDir });
});

after(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('the tarball holds the built package and nothing else', () => {
  const files = packed.files.map((file) => file.path).sort();
  for (const required of [
    'package.json',
    'README.md',
    'LICENSE',
    'dist/lib/index.js',
    'dist/lib/index.d.ts',
    'dist/lib/define.js',
    'dist/lib/define.d.ts',
    'dist/cdn/keen-lead-form.js',
    'dist/custom-elements.json',
    'types/react.d.ts',
  ]) {
    assert.ok(files.includes(required), `${required} missing from the tarball`);
  }
  const unexpected = files.filter((file) => !/^(package\.json|README\.md|LICENSE|dist\/(lib|cdn)\/.+|dist\/custom-elements\.json|types\/.+|bin\/.+\.js)$/.test(file));
  assert.deepEqual(unexpected, []);
  assert.ok(!files.some((file) => file.startsWith('emulator/') || file.startsWith('test/') || file.startsWith('src/')));
});

test('the app type-checks against the package, JSX typings included', async () => {
  await run(join(appDir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: appDir });
});

for (const framework of ['preact', 'vue', 'svelte']) {
  test(`the ${framework} typings check attributes against ${framework}'s own types`, async () => {
    await run(join(appDir, 'node_modules/.bin/tsc'), ['-p', `frameworks/${framework}/tsconfig.json`], { cwd: appDir });
  });
}

test('the app builds, mounts, unmounts, remounts and sends a lead from each of two forms', async (t) => {
  await run(join(appDir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: appDir });
  const emulator = await startEmulator({ port: 0 });
  const site = await startStaticServer({ root: join(appDir, 'dist') });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  t.after(async () => {
    await browser.close();
    await site.close();
    await emulator.close();
  });
  const page = await browser.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${site.url}/`);
  const api = `${emulator.url}/functions/v1/keen-api`;

  // The page's own code runs in the browser; these strings call into it.
  const args = `${JSON.stringify(api)}, ${JSON.stringify(PUBLIC_CHANNEL)}`;
  await page.evaluate(`window.app.mountTwiceLikeStrictMode(${args})`);
  const strictModeForm = page.locator('#first');
  await strictModeForm.getByLabel('Email').fill('strict@example.com');
  await strictModeForm.getByRole('button', { name: 'Send' }).click();
  await page.waitForFunction('window.app.delivered.length === 1');

  await page.evaluate(`window.app.remountWithTwoForms(${args})`);
  for (const [id, email] of [['#first', 'first@example.com'], ['#second', 'second@example.com']]) {
    const form = page.locator(id);
    await form.getByLabel('First name').fill(id.slice(1));
    await form.getByLabel('Email').fill(email);
    await form.getByRole('button', { name: 'Send' }).click();
  }
  await page.waitForFunction('window.app.delivered.length === 3');

  const response = await fetch(`${emulator.url}/__emulator/leads`);
  const { leads } = /** @type {{ leads: { lead: { email: string, source: string } }[] }} */ (await response.json());
  assert.deepEqual(
    leads.map(({ lead }) => [lead.email, lead.source]),
    [
      ['strict@example.com', 'SPA first form'],
      ['first@example.com', 'SPA first form'],
      ['second@example.com', 'SPA second form'],
    ],
  );
  assert.equal(await page.evaluate('window.app.isDefinedOnce() && window.app.classIsExported()'), true);
  // The README snippet's form, mounted by the snippet itself.
  const snippetForm = page.locator('#contact keen-lead-form');
  await snippetForm.getByLabel('How can we help?').waitFor();
  assert.equal(await snippetForm.getAttribute('channel'), null); // set as a property, not an attribute
  const channel = await snippetForm.evaluate((element) => /** @type {{ channel?: string }} */ (/** @type {unknown} */ (element)).channel);
  assert.equal(channel, 'YOUR-CHANNEL-ID');
  assert.deepEqual(problems, []);
});
