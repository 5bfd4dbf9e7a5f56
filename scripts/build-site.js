// @ts-check
/*
 * `npm run build:site`: the form builder as a static site in dist/site/,
 * hostable on any static host (every URL in it is relative). It keeps the
 * repository's layout (demo/builder/ beside dist/cdn/), so the page loads the
 * built CDN file and its report (version, SRI hash) by the same relative
 * URLs as in `npm start`. There is no emulator or relay here: demo/config.js
 * says so, and the preview sends to whatever endpoint the user enters.
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { BUILDER_GENERATOR } from './build-builder-generator.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} [out] where to write the site */
export function buildSite(out = join(root, 'dist/site')) {
  const cdn = join(root, 'dist/cdn');
  for (const file of ['keen-lead-form.js', 'report.json']) {
    if (!existsSync(join(cdn, file))) throw new Error(`dist/cdn/${file} is missing: run \`npm run build\` first`);
  }
  if (!existsSync(join(root, BUILDER_GENERATOR))) throw new Error(`${BUILDER_GENERATOR} is missing: run \`npm run build\` first`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'dist/cdn'), { recursive: true });
  cpSync(join(root, 'demo/builder'), join(out, 'demo/builder'), { recursive: true });
  for (const file of ['keen-lead-form.js', 'report.json']) cpSync(join(cdn, file), join(out, 'dist/cdn', file));
  // The builder writes the HTML-first snippets with the generator, loaded beside the CDN file.
  cpSync(join(root, BUILDER_GENERATOR), join(out, BUILDER_GENERATOR));
  writeFileSync(join(out, 'demo/config.js'), "// The static builder has no emulator or relay: the preview sends where the user says.\nexport const emulatorUrl = '';\nexport const relayUrl = '';\n");
  writeFileSync(
    join(out, 'index.html'),
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n<title>keen-lead-form builder</title>\n' +
      '<meta http-equiv="refresh" content="0; url=demo/builder/" />\n</head>\n<body>\n<p><a href="demo/builder/">Open the keen-lead-form builder</a></p>\n</body>\n</html>\n',
  );
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const out = buildSite();
    console.log(`Builder site written to ${out} (open index.html through any static server)`);
  } catch (error) {
    console.error(`build:site: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
