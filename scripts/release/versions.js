#!/usr/bin/env node
// @ts-check
/*
 * One version for everything that ships, taken from package.json. The
 * WordPress plugin repeats it where WordPress reads it (plugin header,
 * KEEN_LEAD_FORM_VERSION, readme.txt Stable tag, block.json), and the
 * changelog needs a section for it; the CDN's versioned file name is derived
 * at build time (scripts/cdn-report.js).
 *
 *   node scripts/release/versions.js --check   exit 1, naming each mismatch
 *   node scripts/release/versions.js --sync    rewrite the copies from package.json,
 *                                              and date the changelog's Unreleased section
 * `npm version <x>` runs --sync through the package's "version" script.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where the version is repeated: a regular expression whose group 2 is the
 * version, between a prefix (group 1) and a suffix (group 3) kept as they are.
 * @type {readonly { file: string, what: string, pattern: RegExp }[]}
 */
export const VERSION_COPIES = [
  { file: 'wordpress/keen-lead-form/keen-lead-form.php', what: 'plugin header "Version:"', pattern: /^(\s*\*\s*Version:\s*)(\S+)(\s*)$/m },
  { file: 'wordpress/keen-lead-form/keen-lead-form.php', what: 'KEEN_LEAD_FORM_VERSION', pattern: /(define\(\s*'KEEN_LEAD_FORM_VERSION',\s*')([^']+)(')/ },
  { file: 'wordpress/keen-lead-form/readme.txt', what: 'readme.txt "Stable tag:"', pattern: /^(Stable tag:\s*)(\S+)(\s*)$/m },
  { file: 'wordpress/keen-lead-form/block/block.json', what: 'block.json "version"', pattern: /^(\t"version":\s*")([^"]+)(")/m },
];

/** @returns {string} the one version, from package.json */
export function packageVersion(root = ROOT) {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

/** @param {string} version */
function changelogHeading(version) {
  return new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm');
}

/**
 * @returns {string[]} one sentence per copy that disagrees with package.json (empty when all agree)
 */
export function findVersionMismatches(root = ROOT) {
  const version = packageVersion(root);
  const problems = [];
  for (const { file, what, pattern } of VERSION_COPIES) {
    const found = pattern.exec(readFileSync(join(root, file), 'utf8'))?.[2];
    if (found === undefined) problems.push(`${file}: no ${what} found`);
    else if (found !== version) problems.push(`${file}: ${what} is ${found}, package.json says ${version}`);
  }
  if (!changelogHeading(version).test(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'))) {
    problems.push(`CHANGELOG.md: no "## [${version}]" section for the version in package.json`);
  }
  return problems;
}

/** Writes package.json's version into every copy; turns "## [Unreleased]" into the version's section. */
export function syncVersions(root = ROOT) {
  const version = packageVersion(root);
  for (const { file, pattern } of VERSION_COPIES) {
    const path = join(root, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(pattern, (_match, before, _old, after) => `${before}${version}${after}`));
  }
  const changelogPath = join(root, 'CHANGELOG.md');
  const changelog = readFileSync(changelogPath, 'utf8');
  if (!changelogHeading(version).test(changelog)) {
    const today = new Date().toISOString().slice(0, 10);
    writeFileSync(changelogPath, changelog.replace(/^## \[Unreleased\]\n/m, `## [Unreleased]\n\n## [${version}] - ${today}\n`));
  }
}

/**
 * The changelog section of one version, without its heading.
 * @param {string} version
 * @returns {string}
 */
export function releaseNotes(version, root = ROOT) {
  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  const heading = changelogHeading(version).exec(changelog);
  if (heading === null) throw new Error(`CHANGELOG.md has no "## [${version}]" section`);
  const start = changelog.indexOf('\n', heading.index) + 1;
  const next = changelog.slice(start).search(/^## \[/m);
  const notes = (next < 0 ? changelog.slice(start) : changelog.slice(start, start + next)).trim();
  if (notes === '') throw new Error(`CHANGELOG.md: the ${version} section is empty`);
  return notes;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const mode = process.argv[2];
  if (mode === '--sync') {
    syncVersions();
    console.log(`Every copy of the version now says ${packageVersion()}`);
  } else if (mode === '--check') {
    const problems = findVersionMismatches();
    if (problems.length > 0) {
      console.error(`Version mismatch (package.json is the one source; run \`node scripts/release/versions.js --sync\`):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      process.exit(1);
    }
    console.log(`Versions agree: ${packageVersion()}`);
  } else {
    console.error('Usage: node scripts/release/versions.js --check | --sync');
    process.exit(2);
  }
}
