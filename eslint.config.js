// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '**/node_modules/', '.tmp/', 'docs/', '**/.wp/', 'wordpress/keen-lead-form/assets/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['src/**/*.ts'],
    rules: {
      // The public API must be fully typed.
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Browser tests run in Chromium, Firefox and WebKit: keys and media go
    // through helpers.ts, which evens out the engines' differences.
    files: ['test/browser/**/*.ts'],
    ignores: ['test/browser/helpers.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@web/test-runner-commands',
              importNames: ['sendKeys', 'emulateMedia', 'setViewport'],
              message: 'Use typeInto/typeText/press/emulateMedia from ./helpers.js (they work in every engine; see its overview).',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: globals.node } },
  { files: ['demo/**/*.js'], ignores: ['demo/serve.js'], languageOptions: { globals: globals.browser } },
  // The block editor script runs in wp-admin, with WordPress's globals.
  { files: ['wordpress/keen-lead-form/**/*.js'], languageOptions: { globals: { ...globals.browser, wp: 'readonly' } } },
);
