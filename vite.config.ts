import { mkdirSync, writeFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { PARTS_DIR, VARIANT_LANGUAGES, variantFileName } from './scripts/cdn-variants.js';
import { manglePrivateMembers } from './scripts/mangle-private-members.js';

/**
 * Lit's css`` templates reach the bundle as written: comments, indentation
 * and all. Comments and runs of whitespace can go (interpolated fragments are
 * minified where they are defined); every visitor downloads fewer bytes.
 * Then the shorter spellings of the same values: `#fff` for `#ffffff`, `.5`
 * for `0.5`, `[type=checkbox]` for `[type='checkbox']` (the value is an
 * identifier, so the quotes are optional).
 */
function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    // Only after a colon: before one, a space is a descendant combinator
    // (`:host([theme~='contrast']) :focus-visible` is not `:host(…):focus-visible`).
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/#([0-9a-f])\1([0-9a-f])\2([0-9a-f])\3\b/gi, '#$1$2$3')
    .replace(/(^|[^\w.-])0\.(\d)/g, '$1.$2')
    .replace(/=(['"])([A-Za-z_][\w-]*)\1\]/g, '=$2]');
}

/**
 * The styles' own custom properties (`--_accent`, set on :host and read only
 * in the same file; the public ones are `--keen-*`) get short names:
 * `--_a`, `--_b`, … in order of use, the same in every template of the file.
 */
function shortCustomProperties(code: string): (css: string) => string {
  const uses = new Map<string, number>();
  for (const [name] of code.matchAll(/--_[\w-]+/g)) uses.set(name, (uses.get(name) ?? 0) + 1);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const names = [...uses.keys()].sort((a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0) || (a < b ? -1 : 1));
  if (names.length > letters.length) throw new Error('more private custom properties than one-letter names: extend shortCustomProperties');
  const short = new Map(names.map((name, index) => [name, `--_${letters[index]}`]));
  return (css) => css.replace(/--_[\w-]+/g, (name) => short.get(name) ?? name);
}

function minifyCssTemplates(): Plugin {
  return {
    name: 'keen-minify-css-templates',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      const shorten = shortCustomProperties(code);
      return code.replace(/css`([^`]*)`/g, (_match, body: string) => {
        // Interpolations (`${fragment}`) are kept as they are; only the CSS between them changes.
        const minified = body
          .split(/(\$\{[^}]*\})/)
          .map((part) => (part.startsWith('${') ? part : shorten(minifyCss(part))))
          .join('');
        return `css\`${minified.trim()}\``;
      });
    },
  };
}


/**
 * For a single-language file: the catalogue table keeps English and that
 * language, so the other six catalogues are tree-shaken out. Nothing else
 * changes; a page whose language is not in the file gets English.
 */
function singleLanguageCatalogues(language: string): Plugin {
  return {
    name: 'keen-single-language-catalogues',
    transform(code, id) {
      if (!id.endsWith('/src/i18n/catalogues.ts')) return null;
      const table = /Object\.freeze\(\{\s*en,[\sa-z,]+\}\)/;
      if (!table.test(code)) this.error('src/i18n/catalogues.ts: the CATALOGUES table is not where the language variants expect it');
      return code.replace(table, `Object.freeze({ en, ${language} })`);
    },
  };
}

/** The part of the CDN file a module belongs to, for the build's bytes-per-part report. */
function cdnPartOf(id: string): string {
  const path = id.replace(/\\/g, '/');
  if (/\/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(path)) return 'Lit';
  if (path.includes('/node_modules/zod/')) return 'zod';
  if (path.includes('/src/i18n/')) return 'catalogues';
  if (path.includes('/src/outbox/')) return 'outbox';
  if (path.endsWith('.styles.ts')) return 'CSS';
  if (path.includes('/src/spam/') || /\/src\/element\/(spam|consent|challenge)-[^/]*\.ts$/.test(path)) return 'spam defences';
  if (path.includes('/src/forms/') || /\/src\/element\/(steps|show-if|channel-fields)-[^/]*\.ts$/.test(path)) return 'qualifying forms';
  if (path.includes('/src/element/')) return 'element';
  if (path.includes('/src/schema/')) return 'schema';
  if (path.includes('/src/attribution/')) return 'attribution';
  return 'other';
}

/**
 * Writes the rendered code of each part (tree-shaken, before minification)
 * to dist/cdn-parts/ (not shipped), for scripts/cdn-report.js to measure.
 */
function partsReport(fileName: string): Plugin {
  return {
    name: 'keen-cdn-parts',
    generateBundle(_options, bundle) {
      const chunk = bundle[fileName];
      if (chunk?.type !== 'chunk') return;
      const parts: Record<string, string> = {};
      for (const [id, module] of Object.entries(chunk.modules)) {
        const part = cdnPartOf(id);
        parts[part] = (parts[part] ?? '') + (module.code ?? '') + '\n';
      }
      mkdirSync(PARTS_DIR, { recursive: true });
      writeFileSync(`${PARTS_DIR}/${fileName.replace(/\.js$/, '.json')}`, JSON.stringify(parts));
    },
  };
}

// The CDN build: the whole widget (lit and zod/mini inside) as one minified
// ES module that registers <keen-lead-form> when loaded. `--mode <language>`
// (scripts/build-cdn-variants.js) builds that language's single-language file.
export default defineConfig(({ mode }) => {
  const language = (VARIANT_LANGUAGES as readonly string[]).includes(mode) ? mode : undefined;
  const fileName = language === undefined ? 'keen-lead-form.js' : variantFileName(language);
  return {
    plugins: [
      manglePrivateMembers({ root: import.meta.dirname }),
      minifyCssTemplates(),
      ...(language === undefined ? [] : [singleLanguageCatalogues(language)]),
      partsReport(fileName),
    ],
    build: {
      outDir: 'dist/cdn',
      // The variants are built after the all-language file, into the same folder.
      emptyOutDir: language === undefined,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      lib: {
        entry: 'src/cdn.ts',
        formats: ['es'],
        fileName: () => fileName,
      },
      rolldownOptions: {
        output: {
          minify: true,
          comments: false,
          codeSplitting: false,
        },
      },
    },
  };
});
