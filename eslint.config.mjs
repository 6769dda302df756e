// ESLint: typescript-eslint's recommended rules and React's rules of hooks (rules-of-hooks and
// exhaustive-deps as errors). `npm test` runs it (scripts/test.mjs) and counts its problems.
//
// typescript-eslint parses with TypeScript's JS API. The project compiles with TypeScript 7 (the
// native `tsc`), whose package has no JS API, so TypeScript 6's API is installed beside it
// (`@typescript/typescript6`, the package TypeScript publishes for running the two side by side),
// and the typescript-eslint packages are pointed at it here.
import Module from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'typescript' && /[\\/](@typescript-eslint|typescript-eslint|ts-api-utils)[\\/]/.test(parent?.filename ?? '')) {
    return resolve.call(this, '@typescript/typescript6', parent, ...rest);
  }
  return resolve.call(this, request, parent, ...rest);
};
// Imported after the redirect is in place (a static import would load first).
const { default: tseslint } = await import('typescript-eslint');

export default tseslint.config(
  { ignores: ['dist/**', 'reports/**', 'test-results/**', 'node_modules/**', 'src/format/ascii85-wasm.ts', 'scripts/summary.d.mts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Omitting fields by destructuring into a rest object (`{ data, ...rest }`) is how a copy drops them.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
  {
    // The React code: the app (src/format, the worker, the CLI have no React; a callback named
    // `use` there is not React's hook).
    files: ['src/app/**/*.{ts,tsx}', 'src/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly', Buffer: 'readonly' } },
  },
);
