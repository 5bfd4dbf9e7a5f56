import { defineConfig, type Plugin } from 'vite';

/**
 * Lit's css`` templates reach the bundle as written: comments, indentation
 * and all. Comments and runs of whitespace can go (interpolated fragments are
 * minified where they are defined); every visitor downloads fewer bytes.
 */
function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    // Only after a colon: before one, a space is a descendant combinator
    // (`:host([theme~='contrast']) :focus-visible` is not `:host(…):focus-visible`).
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

function minifyCssTemplates(): Plugin {
  return {
    name: 'keen-minify-css-templates',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      return code.replace(/css`([^`]*)`/g, (_match, body: string) => {
        // Interpolations (`${fragment}`) are kept as they are; only the CSS between them changes.
        const minified = body
          .split(/(\$\{[^}]*\})/)
          .map((part) => (part.startsWith('${') ? part : minifyCss(part)))
          .join('');
        return `css\`${minified.trim()}\``;
      });
    },
  };
}

// The CDN build: the whole widget (lit and zod/mini inside) as one minified
// ES module that registers <keen-lead-form> when loaded.
export default defineConfig({
  plugins: [minifyCssTemplates()],
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: {
      entry: 'src/cdn.ts',
      formats: ['es'],
      fileName: () => 'keen-lead-form.js',
    },
    rolldownOptions: {
      output: {
        minify: true,
        comments: false,
        codeSplitting: false,
      },
    },
  },
});
