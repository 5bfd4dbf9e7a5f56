// @ts-check
/*
 * The single-language CDN files (issue 17): each holds one language and
 * English. Read by vite.config.ts (which builds them), scripts/cdn-report.js
 * (sizes, SRI, budget), scripts/readme-sync.js and the release dry run.
 */

/** The languages that get a single-language CDN file of their own. */
export const VARIANT_LANGUAGES = /** @type {const} */ (['da', 'de', 'es', 'fr', 'nb', 'nl', 'sv']);

/** @param {string} language */
export const variantFileName = (language) => `keen-lead-form.${language}.js`;

/** Where the build leaves each CDN file's rendered code per part, for the report (not shipped). */
export const PARTS_DIR = 'dist/cdn-parts';
