// @ts-check
// The npm package as an SPA developer gets it: `npm pack`, install the
// tarball into a fresh Vite + TypeScript app that uses Lit itself, type-check
// it (including the React JSX typings), build it, serve it, and use it in
// headless Chromium. Twice: with the newest and with the oldest lit and zod
// the package's ranges allow, each time with one Lit in the app's bundle.
// The same tarball's emulator (bin and Node module) is used as a site's own
// tests would use it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { chromium } from 'playwright';
import { startEmulator } from '../../emulator/server.js';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.js';
import { startStaticServer } from '../../scripts/static-server.js';
import { sendLeadAndReadBack, startEmulatorProcess } from '../support/emulator-process.js';
import { packedPackage } from '../support/packed-package.js';

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

/** The lowest version a caret range allows: "^3.1.0" -> "3.1.0". */
function floorOf(/** @type {string} */ range) {
  const match = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  if (match === null) throw new Error(`${range}: the package's runtime dependencies must be caret ranges`);
  return /** @type {string} */ (match[1]);
}

const LIT_RANGE = rootPackage.dependencies.lit;
const ZOD_RANGE = rootPackage.dependencies.zod;

/** @type {string} */ let workDir;
/** @type {import('../support/packed-package.js').PackResult} */ let packed;
/** @type {string} */ let tarball;
/** Both apps install at once (mostly waiting on disk and network); each suite awaits its own. */
/** @type {{ newest: Promise<string>, oldest: Promise<string> }} */ let apps;

before(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'keen-spa-'));
  ({ packed, tarball } = await packedPackage());
  apps = {
    newest: installApp('newest', {
      lit: LIT_RANGE,
      devDependencies: {
        // Only their types are used: the framework typings are checked against them.
        preact: '10.29.8',
        vue: '3.5.45',
        svelte: '5.57.3',
        // A site's Node-side tests import keen-lead-form/emulator.
        '@types/node': rootPackage.devDependencies['@types/node'],
      },
    }),
    oldest: installApp('oldest', { lit: floorOf(LIT_RANGE), zod: floorOf(ZOD_RANGE) }),
  };
  // Failures surface in the suite that awaits the install, not as unhandled rejections.
  for (const install of Object.values(apps)) install.catch(() => {});
});

after(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/**
 * A fresh app from test/fixtures/spa with the packed package installed.
 * @param {string} name
 * @param {{ lit: string, zod?: string, devDependencies?: Record<string, string> }} versions
 *   lit: the app's own Lit (the app uses Lit itself); zod: pins zod when given
 * @returns {Promise<string>} the app's folder
 */
async function installApp(name, { lit, zod, devDependencies = {} }) {
  const appDir = join(workDir, name);
  cpSync(join(root, 'test/fixtures/spa'), appDir, { recursive: true });
  // The README's npm snippet, exactly as a developer would paste it.
  writeFileSync(join(appDir, 'src/readme-snippet.ts'), readmeSnippet('npm-snippet', 'ts'));
  writeFileSync(
    join(appDir, 'package.json'),
    JSON.stringify({
      name: `spa-under-test-${name}`,
      private: true,
      type: 'module',
      dependencies: {
        'keen-lead-form': `file:${tarball}`,
        lit,
        ...(zod === undefined ? {} : { zod }),
      },
      // Same tool versions as this repository, from the registry.
      devDependencies: {
        vite: rootPackage.devDependencies.vite,
        typescript: rootPackage.devDependencies.typescript,
        '@types/react': '19.3.0',
        ...devDependencies,
      },
    }),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: appDir });
  return appDir;
}

/** @param {string} appDir @param {string} name */
function installedVersion(appDir, name) {
  return JSON.parse(readFileSync(join(appDir, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/**
 * Builds the app and counts Lit's version markers (each copy of lit-html,
 * reactive-element and lit-element pushes its version onto a global array
 * with this name) in the production bundle.
 * @param {string} appDir
 */
async function buildAndCountLit(appDir) {
  await run(join(appDir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: appDir });
  const assets = join(appDir, 'dist/assets');
  const bundle = readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(assets, file), 'utf8'))
    .join('\n');
  /** @param {string} marker */
  const count = (marker) => bundle.split(marker).length - 1;
  return { bundle, litHtml: count('litHtmlVersions'), reactiveElement: count('reactiveElementVersions'), litElement: count('litElementVersions') };
}

test('the tarball holds the built package, the emulator and its bin, and nothing else', () => {
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
    'bin/keen-lead-form.js',
    'emulator/index.js',
    'emulator/fixture.json',
    'dist/emulator-types/index.d.ts',
  ]) {
    assert.ok(files.includes(required), `${required} missing from the tarball`);
  }
  const unexpected = files.filter(
    (file) =>
      !/^(package\.json|README\.md|LICENSE|dist\/(lib|cdn|emulator-types)\/.+|dist\/custom-elements\.json|types\/.+|emulator\/([^/]+\/)?[^/]+\.(js|json)|bin\/.+\.js)$/.test(file),
  );
  assert.deepEqual(unexpected, []);
  assert.ok(!files.some((file) => file.startsWith('test/') || file.startsWith('src/')));
});

/**
 * The app in Chromium: mount, unmount, remount, two forms, leads delivered.
 * @param {string} appDir  built
 */
async function useTheAppInChromium(appDir) {
  const emulator = await startEmulator({ port: 0 });
  const site = await startStaticServer({ root: join(appDir, 'dist') });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
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
    // The app's own Lit component renders beside the forms, on the same Lit.
    assert.equal(await page.locator('spa-header h1').textContent(), 'Contact us');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await site.close();
    await emulator.close();
  }
}

describe(`with the newest lit (${LIT_RANGE}) and zod (${ZOD_RANGE}) the package allows`, () => {
  /** @type {string} */ let appDir;
  before(async () => {
    appDir = await apps.newest;
  });

  test('the app type-checks against the package, JSX typings included', async () => {
    await run(join(appDir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: appDir });
  });

  for (const framework of ['preact', 'vue', 'svelte']) {
    test(`the ${framework} typings check attributes against ${framework}'s own types`, async () => {
      await run(join(appDir, 'node_modules/.bin/tsc'), ['-p', `frameworks/${framework}/tsconfig.json`], { cwd: appDir });
    });
  }

  test('npm installed one lit and one zod, the newest in range', () => {
    // One copy each: nothing nested under keen-lead-form.
    assert.deepEqual(readdirSync(join(appDir, 'node_modules/keen-lead-form')).includes('node_modules'), false);
    console.log(`newest allowed: lit ${installedVersion(appDir, 'lit')}, zod ${installedVersion(appDir, 'zod')}`);
  });

  test('the production bundle holds one Lit, and the app works in Chromium', async () => {
    const { bundle, ...copies } = await buildAndCountLit(appDir);
    assert.deepEqual(copies, { litHtml: 1, reactiveElement: 1, litElement: 1 });
    // The emulator is Node-only: nothing of it reaches a browser bundle.
    assert.equal(bundle.includes('__emulator'), false);
    await useTheAppInChromium(appDir);
  });

  test('its emulator module type-checks and runs under Node', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { startEmulator, API_PATH } from 'keen-lead-form/emulator';
         const emulator = await startEmulator({ port: 0 });
         const response = await fetch(emulator.url + API_PATH, { method: 'POST', headers: { 'content-type': 'application/json' },
           body: JSON.stringify({ action: 'lead_external', channel_id: '${PUBLIC_CHANNEL}', email: 'module@example.com' }) });
         console.log(response.status, emulator.state.leads.length);
         await emulator.close();`,
      ],
      { cwd: appDir },
    );
    assert.equal(stdout.trim(), '200 1');
    writeFileSync(
      join(appDir, 'emulator-check.ts'),
      `import { startEmulator, API_PATH, type RunningEmulator } from 'keen-lead-form/emulator';
       const emulator: RunningEmulator = await startEmulator({ port: 0 });
       const endpoint: string = emulator.url + API_PATH;
       void endpoint;
       await emulator.close();
       export {};\n`,
    );
    await run(
      join(appDir, 'node_modules/.bin/tsc'),
      ['--noEmit', '--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--types', 'node', 'emulator-check.ts'],
      { cwd: appDir },
    );
  });

  test('npx keen-lead-form html: prints the HTML-first form from the packed files; renderFormHtml is importable from keen-lead-form/relay', async () => {
    writeFileSync(join(appDir, 'html-form.json'), JSON.stringify({ fields: ['first_name', 'email'] }));
    const { stdout } = await run(join(appDir, 'node_modules/.bin/keen-lead-form'), ['html', '--config', 'html-form.json', '--relay', 'https://site.example/relay', '--lang', 'da'], { cwd: appDir });
    assert.match(stdout, /^<keen-lead-form relay endpoint="https:\/\/site\.example\/relay" lang="da">\n<form class="keen-html" method="post" action="https:\/\/site\.example\/relay"/);
    assert.match(stdout, /<label for="keen-html-email">E-mail<span aria-hidden="true"> \*<\/span><\/label>/);
    const { stdout: imported } = await run(
      process.execPath,
      ['--input-type=module', '-e', `import { renderFormBody } from 'keen-lead-form/relay'; console.log(renderFormBody({ config: {}, attributes: { channel: 'c' } }).includes('name="email"'));`],
      { cwd: appDir },
    );
    assert.equal(imported.trim(), 'true');
  });

  test('npx keen-lead-form emulator: prints its URL, stores a lead, gives it back through the control API', async () => {
    const { child, url, output } = await startEmulatorProcess(join(appDir, 'node_modules/.bin/keen-lead-form'), ['emulator', '--port', '0'], { cwd: appDir });
    try {
      assert.match(output(), new RegExp(`API endpoint: ${url}/functions/v1/keen-api`));
      assert.match(output(), new RegExp(`Control API: ${url}/__emulator/`));
      assert.deepEqual(await sendLeadAndReadBack(url, 'bin@example.com'), { status: 200, emails: ['bin@example.com'] });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});

describe(`with the oldest lit (${floorOf(LIT_RANGE)}) and zod (${floorOf(ZOD_RANGE)}) the package allows`, () => {
  /** @type {string} */ let appDir;
  before(async () => {
    appDir = await apps.oldest;
  });

  test('npm installed exactly those, once', () => {
    assert.equal(installedVersion(appDir, 'lit'), floorOf(LIT_RANGE));
    assert.equal(installedVersion(appDir, 'zod'), floorOf(ZOD_RANGE));
    assert.deepEqual(readdirSync(join(appDir, 'node_modules/keen-lead-form')).includes('node_modules'), false);
  });

  test('the app type-checks against the package', async () => {
    await run(join(appDir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: appDir });
  });

  test('the production bundle holds one Lit, and the app works in Chromium', async () => {
    const { litHtml, reactiveElement, litElement } = await buildAndCountLit(appDir);
    assert.deepEqual({ litHtml, reactiveElement, litElement }, { litHtml: 1, reactiveElement: 1, litElement: 1 });
    await useTheAppInChromium(appDir);
  });
});
