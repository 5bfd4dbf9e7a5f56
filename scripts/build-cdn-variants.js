// @ts-check
/*
 * After `vite build` (the all-language CDN file): the single-language files
 * dist/cdn/keen-lead-form.<language>.js, each that language plus English
 * (vite.config.ts, `--mode <language>`). scripts/cdn-report.js measures them.
 */
import { build } from 'vite';
import { VARIANT_LANGUAGES } from './cdn-variants.js';

for (const language of VARIANT_LANGUAGES) {
  await build({ mode: language, logLevel: 'warn' });
}
