import { defineConfig } from 'vite';

// The CDN build: the whole widget (lit and zod/mini inside) as one minified
// ES module that registers <keen-lead-form> when loaded.
export default defineConfig({
  build: {
    outDir: 'dist/cdn',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: {
      entry: 'src/define.ts',
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
