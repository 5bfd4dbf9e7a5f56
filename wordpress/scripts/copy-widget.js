#!/usr/bin/env node
// @ts-check
/**
 * Copies the widget's CDN build into the plugin, which serves it from its own
 * assets/ folder (no third-party CDN on a WordPress site), and writes the
 * plugin's strings from the widget's catalogues (generate-messages.js). Run
 * `npm run build` at the repository root first.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMessages } from './generate-messages.js';

export const WIDGET_BUILD = fileURLToPath(new URL('../../dist/cdn/keen-lead-form.js', import.meta.url));
export const PLUGIN_ASSET = fileURLToPath(new URL('../keen-lead-form/assets/keen-lead-form.js', import.meta.url));

/** @returns {string} the copied file's path */
export function copyWidget() {
  if (!existsSync(WIDGET_BUILD)) {
    throw new Error(
      `The widget is not built: ${relative(process.cwd(), WIDGET_BUILD)} is missing. ` +
        'Run `npm run build` at the repository root first.',
    );
  }
  const source = readFileSync(WIDGET_BUILD, 'utf8');
  if (!source.includes('keen-lead-form')) {
    throw new Error(`${WIDGET_BUILD} does not look like the widget build (no "keen-lead-form" in it).`);
  }
  mkdirSync(dirname(PLUGIN_ASSET), { recursive: true });
  copyFileSync(WIDGET_BUILD, PLUGIN_ASSET);
  return PLUGIN_ASSET;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const target = copyWidget();
    console.log(`Copied the widget to ${relative(process.cwd(), target)}`);
    console.log(`Wrote ${relative(process.cwd(), await generateMessages())}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
