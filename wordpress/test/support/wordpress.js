// @ts-check
/**
 * A real WordPress for the tests, offline: WordPress Playground's CLI run
 * in-process (PHP as WebAssembly, SQLite), on a WordPress tree unpacked from
 * @wp-playground/wordpress-builds with the plugin mounted from the repo.
 *
 * Playground's wp-<version>.zip lacks static assets (jQuery, block editor
 * CSS…); the same version's asset tree in the package's public/ folder is
 * laid over it. The pristine tree is unpacked once into wordpress/.wp/ and
 * copied per boot, because installing writes into it (database, wp-config).
 */
import { cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCLI } from '@wp-playground/cli';
import { unzipTo } from './unzip.js';

const require = createRequire(import.meta.url);
const BUILDS_DIR = dirname(require.resolve('@wp-playground/wordpress-builds/package.json'));
const BUILDS_VERSION = JSON.parse(readFileSync(join(BUILDS_DIR, 'package.json'), 'utf8')).version;
const CACHE_DIR = fileURLToPath(new URL('../../.wp/', import.meta.url));
export const PLUGIN_DIR = fileURLToPath(new URL('../../keen-lead-form/', import.meta.url));
export const PLUGIN_FILE = 'keen-lead-form/keen-lead-form.php';
/** Must-use plugins that every test site gets (test scaffolding, never shipped). */
const TEST_MU_PLUGINS_DIR = fileURLToPath(new URL('./mu-plugins/', import.meta.url));
/** Playground installs WordPress with this administrator (password "password"). */
export const ADMIN = { username: 'admin' };

/**
 * The full WordPress tree for a version, unpacked once and reused.
 * @param {string} wpVersion  e.g. "6.5" (a file name in the builds package)
 * @returns {string}
 */
function pristineTree(wpVersion) {
  const tree = join(CACHE_DIR, `wordpress-${wpVersion}-builds-${BUILDS_VERSION}`);
  const marker = join(tree, '.keen-unpacked');
  if (existsSync(marker)) return tree;
  // Test files run two at a time: each unpacks into its own folder and
  // renames it into place, so no file ever boots a half-unpacked tree; the
  // loser of a race drops its copy and uses the winner's.
  mkdirSync(CACHE_DIR, { recursive: true });
  const unpacking = mkdtempSync(join(CACHE_DIR, `unpacking-${wpVersion}-`));
  unzipTo(readFileSync(join(BUILDS_DIR, 'src', 'wordpress', `wp-${wpVersion}.zip`)), unpacking);
  cpSync(join(BUILDS_DIR, 'public', `wp-${wpVersion}`), unpacking, { recursive: true });
  writeFileSync(join(unpacking, '.keen-unpacked'), `${BUILDS_VERSION}\n`);
  if (existsSync(tree) && !existsSync(marker)) rmSync(tree, { recursive: true, force: true }); // an older run's leftover
  try {
    renameSync(unpacking, tree);
  } catch (error) {
    rmSync(unpacking, { recursive: true, force: true });
    if (!existsSync(marker)) throw error;
  }
  return tree;
}

/** Core folders WordPress never writes into here (updates are off): linked, not copied. */
const READ_ONLY_CORE = ['wp-admin', 'wp-includes'];

/**
 * A site's own tree: wp-admin/ and wp-includes/ (most of the 69 MB and 2,900
 * files) as hard links to the pristine tree's files, everything else copied.
 * Not all of it linked: installing writes the tree's own
 * wp-content/database/.ht.sqlite in place, which through a link would change
 * the pristine tree for every later boot.
 * @param {string} from
 * @param {string} to
 */
function layOutSite(from, to) {
  cpSync(from, to, { recursive: true, filter: (source) => !READ_ONLY_CORE.some((folder) => source === join(from, folder)) });
  for (const folder of READ_ONLY_CORE) linkFolder(join(from, folder), join(to, folder));
}

function linkFolder(/** @type {string} */ from, /** @type {string} */ to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) linkFolder(join(from, entry.name), join(to, entry.name));
    else linkSync(join(from, entry.name), join(to, entry.name));
  }
}

/** @returns {Promise<number>} a port that was free a moment ago */
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * @typedef {object} RunningWordPress
 * @property {string} url  e.g. http://127.0.0.1:40123 (no trailing slash)
 * @property {string} wpVersion
 * @property {string} phpVersion
 * @property {(code: string, options?: { shortInit?: boolean }) => Promise<string>} php  runs PHP with WordPress loaded
 *   (with `shortInit`, only its database and option functions: 10× faster); returns the output, throws on a fatal error
 * @property {(path: string, init?: RequestInit) => Promise<Response>} fetch  an anonymous visitor's request, following redirects
 * @property {() => Promise<void>} close
 */

/**
 * Boots WordPress with the plugin mounted and activated.
 * @param {{ wp?: string, php?: import('@php-wasm/universal').SupportedPHPVersion, pluginDir?: string }} [options]
 *   wp: a version the builds package ships (6.2 … 6.5); pluginDir: the plugin folder to mount (default: the repo's)
 * @returns {Promise<RunningWordPress>}
 */
export async function startWordPress({ wp = '6.5', php = '8.3', pluginDir = PLUGIN_DIR } = {}) {
  const siteDir = mkdtempSync(join(tmpdir(), `keen-wp-${wp}-`));
  layOutSite(pristineTree(wp), siteDir);
  // Lets wp_safe_remote_post reach the emulator on 127.0.0.1 (see the file).
  cpSync(TEST_MU_PLUGINS_DIR, join(siteDir, 'wp-content', 'mu-plugins'), { recursive: true });
  const port = await freePort();

  /** @type {import('@wp-playground/cli').RunCLIServer} */
  let running;
  try {
    running = await runCLI({
      command: 'server',
      port,
      quiet: true,
      verbosity: 'quiet',
      workers: 1,
      wordpressInstallMode: 'install-from-existing-files',
      'mount-before-install': [{ hostPath: siteDir, vfsPath: '/wordpress' }],
      mount: [{ hostPath: pluginDir, vfsPath: '/wordpress/wp-content/plugins/keen-lead-form' }],
      blueprint: {
        // With a blueprint, these win over the CLI's --wp/--php.
        preferredVersions: { php, wp },
        // No `login`: Playground's auto-login answers every cookie-less request
        // with a redirect to itself, which breaks the widget's credential-less
        // POST to the relay. Admin tests get auth cookies instead (site.js).
        steps: [
          {
            step: 'defineWpConfigConsts',
            consts: {
              // No internet here: without these, WordPress tries it and admin pages take 15 s+.
              WP_HTTP_BLOCK_EXTERNAL: true,
              WP_ACCESSIBLE_HOSTS: '127.0.0.1,localhost',
              AUTOMATIC_UPDATER_DISABLED: true,
              DISABLE_WP_CRON: true,
              // Notices from the plugin go to a log the tests read, not into pages.
              WP_DEBUG: true,
              WP_DEBUG_LOG: '/wordpress/wp-content/debug.log',
              WP_DEBUG_DISPLAY: false,
            },
          },
          { step: 'activatePlugin', pluginPath: PLUGIN_FILE },
        ],
      },
    });
  } catch (error) {
    rmSync(siteDir, { recursive: true, force: true });
    throw error;
  }
  const url = running.serverUrl.replace(/\/$/, '');
  /** @type {RunningWordPress['fetch']} */
  const visitorFetch = (path, init = {}) => fetch(new URL(path, url + '/'), { redirect: 'follow', ...init });
  // Playground answers its very first request with a redirect to itself; spend it here.
  await fetch(url + '/', { redirect: 'manual' }).then((response) => response.arrayBuffer());

  return {
    url,
    wpVersion: wp,
    phpVersion: php,
    async php(code, { shortInit = false } = {}) {
      const load = `${shortInit ? "define( 'SHORTINIT', true ); " : ''}require_once '/wordpress/wp-load.php';`;
      const request = { code: `<?php ${load} ?>${code}` };
      try {
        return (await running.playground.run(request)).text;
      } catch (error) {
        // WP_DEBUG_DISPLAY is off, so the reason is in the debug log.
        const log = await running.playground
          .run({ code: `<?php echo @file_get_contents('/wordpress/wp-content/debug.log');` })
          .then((/** @type {{ text: string }} */ response) => response.text.split('\n').slice(-8).join('\n'))
          .catch(() => '');
        throw new Error(`PHP failed: ${error instanceof Error ? error.message : error}\n--- debug.log (end) ---\n${log}`, { cause: error });
      }
    },
    fetch: visitorFetch,
    async close() {
      await running[Symbol.asyncDispose]();
      rmSync(siteDir, { recursive: true, force: true });
    },
  };
}

/** Reads the debug log WordPress wrote (empty when nothing was logged). */
export async function readDebugLog(/** @type {RunningWordPress} */ wordpress) {
  return wordpress.php(`<?php $f = WP_CONTENT_DIR . '/debug.log'; echo file_exists( $f ) ? file_get_contents( $f ) : '';`);
}
