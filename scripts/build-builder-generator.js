// @ts-check
/*
 * The HTML-first generator (src/html/render-form-html.ts) as one
 * self-contained ES module for the form builder's page, which loads raw
 * files (no bundler, no node_modules in the static site): zod and the
 * catalogues are bundled in. It lives in dist/builder/, beside dist/cdn/, so
 * `npm start` and `npm run build:site` load it by the same relative URL. It
 * is a tool page's file, never the CDN file or the npm package's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

export const BUILDER_GENERATOR = 'dist/builder/render-form-html.js';

export async function buildBuilderGenerator() {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/html/render-form-html.ts'],
    outfile: BUILDER_GENERATOR,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Its types are the server module's (dist/lib/html, built by tsc): checked JS that imports the bundle sees them, not its minified code.
  writeFileSync(join(root, BUILDER_GENERATOR.replace(/\.js$/, '.d.ts')), "export * from '../lib/html/render-form-html.js';\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBuilderGenerator();
