#!/usr/bin/env node
// @ts-check
/*
 * `npm run release:dry`: makes every artifact a release publishes, in one
 * folder (dist/release/ by default), and checks them; publishes nothing.
 * The release workflow runs this, then uploads the folder as it is.
 *
 *   keen-lead-form-<v>.tgz         the npm package (`npm pack`)
 *   keen-lead-form.js              the CDN file
 *   keen-lead-form-<v>.js          its versioned copy (never changes once published)
 *   keen-lead-form.<lang>.js       the single-language files (da, de, es, fr, nb, nl, sv: each with English)
 *   cdn-manifest.json              sizes (raw, gzip, brotli), sha384 SRI, CDN URLs
 *   keen-lead-form-wordpress-<v>.zip   the WordPress plugin, after the offline plugin checks
 *   RELEASE_NOTES.md               the version's CHANGELOG.md section + the artifact table
 *   SHA256SUMS                     `sha256sum -c` format, over every file above
 *
 *   node scripts/release-dry.js [--no-build] [--out DIR]
 * --no-build uses the dist/ an earlier `npm run build` made (the tests do, so
 * they never rebuild dist/ under other tests).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { VARIANT_LANGUAGES, variantFileName } from './cdn-variants.js';
import { ROOT, findVersionMismatches, packageVersion, releaseNotes } from './release/versions.js';

const CDN_FILE = join(ROOT, 'dist/cdn/keen-lead-form.js');
const CDN_BASE_URL = 'https://cdn.jsdelivr.net/npm';

/** @param {string} message */
function fail(message) {
  console.error(`release:dry: ${message}`);
  process.exit(1);
}

/** @param {string} command @param {string[]} args @param {{ cwd?: string, quiet?: boolean }} [options] */
function run(command, args, { cwd = ROOT, quiet = false } = {}) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'inherit'] });
}

/** @param {Buffer} data */
function sizesOf(data) {
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** @param {string} algorithm @param {Buffer} data @param {'hex' | 'base64'} encoding */
const digest = (algorithm, data, encoding) => createHash(algorithm).update(data).digest(encoding);

/**
 * @param {{ build: boolean, outDir: string }} options
 * @returns {Promise<{ version: string, outDir: string, artifacts: { file: string, bytes: number, sha256: string }[] }>}
 */
async function releaseDry({ build, outDir }) {
  const mismatches = findVersionMismatches();
  if (mismatches.length > 0) {
    fail(`versions disagree with package.json (run \`node scripts/release/versions.js --sync\`):\n${mismatches.map((p) => `  - ${p}`).join('\n')}`);
  }
  const version = packageVersion();
  const notes = releaseNotes(version);

  if (build) run('npm', ['run', 'build']);
  if (!existsSync(CDN_FILE)) fail(`${relative(ROOT, CDN_FILE)} is missing: run \`npm run build\` (or drop --no-build)`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // Reproducible archives: the zip's timestamps come from the last commit unless the caller fixed them.
  process.env['SOURCE_DATE_EPOCH'] ??= gitCommitTime() ?? String(Math.floor(Date.now() / 1000));

  // 1. The npm package, exactly what `npm publish` would upload.
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', outDir], { quiet: true }));
  const tarball = /** @type {string} */ (packed.filename);

  // 2. The CDN file, its versioned copy and the manifest.
  const cdn = readFileSync(CDN_FILE);
  const versionedName = `keen-lead-form-${version}.js`;
  copyFileSync(CDN_FILE, join(outDir, 'keen-lead-form.js'));
  copyFileSync(CDN_FILE, join(outDir, versionedName));
  const integrity = `sha384-${digest('sha384', cdn, 'base64')}`;
  const manifest = {
    name: 'keen-lead-form',
    version,
    files: ['keen-lead-form.js', versionedName].map((file) => ({
      file,
      url: `${CDN_BASE_URL}/keen-lead-form@${version}/dist/cdn/${file}`,
      bytes: sizesOf(cdn),
      integrity,
      sha256: digest('sha256', cdn, 'hex'),
    })),
    snippet: `<script type="module" src="${CDN_BASE_URL}/keen-lead-form@${version}/dist/cdn/keen-lead-form.js" integrity="${integrity}" crossorigin="anonymous"></script>`,
  };
  // The single-language files, listed with their own hashes.
  const variantNames = VARIANT_LANGUAGES.map(variantFileName);
  for (const file of variantNames) {
    const path = join(ROOT, 'dist/cdn', file);
    if (!existsSync(path)) fail(`dist/cdn/${file} is missing: run \`npm run build\``);
    const data = readFileSync(path);
    copyFileSync(path, join(outDir, file));
    manifest.files.push({
      file,
      url: `${CDN_BASE_URL}/keen-lead-form@${version}/dist/cdn/${file}`,
      bytes: sizesOf(data),
      integrity: `sha384-${digest('sha384', data, 'base64')}`,
      sha256: digest('sha256', data, 'hex'),
    });
  }
  writeFileSync(join(outDir, 'cdn-manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  // 3. The WordPress plugin zip, checked as it ships. Its tooling has its own dependencies.
  if (!existsSync(join(ROOT, 'wordpress/node_modules/@php-wasm/node'))) {
    run('npm', ['ci', '--prefix', 'wordpress', '--no-audit', '--no-fund']);
  }
  const { copyWidget, buildPluginZip, checkPlugin } = await importWordPressTooling();
  copyWidget();
  const zip = buildPluginZip({ outputDir: outDir });
  // "keen-lead-form-<v>.zip" beside "keen-lead-form-<v>.tgz" reads like the same package: name the platform.
  const zipName = `keen-lead-form-wordpress-${version}.zip`;
  renameSync(zip.path, join(outDir, zipName));
  const pluginCheck = await checkPlugin(join(outDir, zipName), { version });
  if (pluginCheck.problems.length > 0) {
    fail(`the plugin zip fails its checks:\n${pluginCheck.problems.map((p) => `  - ${p}`).join('\n')}`);
  }

  // 4. Checksums over every artifact, then the notes that list them.
  const artifactNames = [tarball, 'keen-lead-form.js', versionedName, ...variantNames, 'cdn-manifest.json', zipName];
  const artifacts = artifactNames.map((file) => {
    const data = readFileSync(join(outDir, file));
    return { file, bytes: data.length, sha256: digest('sha256', data, 'hex') };
  });
  const table = [
    '| file | bytes | sha256 |',
    '|---|---|---|',
    ...artifacts.map(({ file, bytes, sha256 }) => `| \`${file}\` | ${bytes} | \`${sha256}\` |`),
  ].join('\n');
  const cdnSizes = manifest.files[0]?.bytes;
  writeFileSync(
    join(outDir, 'RELEASE_NOTES.md'),
    `# keen-lead-form ${version}\n\n${notes}\n\n## Install\n\n` +
      `- npm: \`npm install keen-lead-form@${version}\`\n` +
      `- CDN (${cdnSizes?.brotli} B brotli, ${cdnSizes?.gzip} B gzip):\n\n  \`\`\`html\n  ${manifest.snippet}\n  \`\`\`\n` +
      `- WordPress: Plugins → Add New → Upload Plugin → \`${zipName}\`\n\n` +
      `## Artifacts\n\n${table}\n\nVerify a download with \`sha256sum -c SHA256SUMS --ignore-missing\`.\n`,
  );
  writeFileSync(join(outDir, 'SHA256SUMS'), artifacts.map(({ file, sha256 }) => `${sha256}  ${file}\n`).join(''));

  const unexpected = readdirSync(outDir).filter((file) => ![...artifactNames, 'RELEASE_NOTES.md', 'SHA256SUMS'].includes(file));
  if (unexpected.length > 0) fail(`unexpected files in ${outDir}: ${unexpected.join(', ')}`);
  console.log(`\nRelease ${version} (dry run) in ${relative(process.cwd(), outDir) || '.'}:`);
  for (const { file, bytes, sha256 } of artifacts) console.log(`  ${file.padEnd(36)} ${String(bytes).padStart(8)} B  sha256:${sha256}`);
  console.log(`  plugin checks passed (${pluginCheck.phpLintRuns} php -l runs); CDN file ${cdnSizes?.brotli} B brotli, ${integrity}`);
  return { version, outDir, artifacts };
}

/**
 * The plugin's own packaging and checks. Imported by computed URL so that the
 * root's type check does not follow them into wordpress/node_modules, which
 * exists only after `npm ci --prefix wordpress`.
 * @returns {Promise<{
 *   copyWidget: () => string,
 *   buildPluginZip: (options: { outputDir: string }) => { path: string, version: string, entries: number },
 *   checkPlugin: (target: string, expected: { version?: string }) => Promise<{ problems: string[], phpLintRuns: number }>,
 * }>}
 */
async function importWordPressTooling() {
  /** @param {string} file */
  const load = (file) => import(new URL(`../wordpress/scripts/${file}`, import.meta.url).href);
  const [{ copyWidget }, { buildPluginZip }, { checkPlugin }] = await Promise.all([load('copy-widget.js'), load('zip.js'), load('plugin-check.js')]);
  return { copyWidget, buildPluginZip, checkPlugin };
}

/** @returns {string | undefined} the last commit's time, in seconds since the epoch */
function gitCommitTime() {
  try {
    return execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outDir = resolve(outAt >= 0 ? /** @type {string} */ (args[outAt + 1]) : join(ROOT, 'dist/release'));
try {
  await releaseDry({ build: !args.includes('--no-build'), outDir });
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
// php-wasm (the plugin's php -l) keeps sockets open: exit explicitly.
process.exit();
