// ESLint flat config: `npm run lint` (= `eslint .`).
// TypeScript (server, tests, benchmarks, console) is linted with type information, so the guard rails of
// docs/engineering.md §2 hold: no `any`, no floating promises, exhaustive switches. Plain JS (scripts, bin, the bare
// bench server) gets the core recommended rules. Style is left to the editor: no formatting rules here.
import fs from 'node:fs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node's globals for the plain-JS files (the TS files get them from @types/node). */
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'performance', 'structuredClone',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask',
    'TextEncoder', 'TextDecoder', 'AbortController', 'globalThis',
  ].map((name) => [name, 'readonly']),
);

/**
 * Module borders (ARCHITECTURE.md, docs/adr/0016): another module only through its index.ts; the portal and the
 * shared building blocks import no module at run time; commands, repositories and domain files never import http/
 * (routes, pages and the module's index may). Generated per module so each module's own files stay free.
 */
const MODULES = fs.readdirSync(new URL('./src/modules/', import.meta.url), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const otherModule = (own) => ({
  regex: `^(?:\\.\\./)+(?:modules/)?(?:${MODULES.filter((m) => m !== own).join('|')})/(?!index\\.js$)`,
  message: 'Another module only through its index.ts (its public face).',
});
const anyModule = { regex: '^(?:\\.\\./)+modules/', message: 'The portal and src/shared know no module: modules register with them (http/modules.ts).', allowTypeImports: true };
const httpLayer = { regex: '^(?:\\.\\./)+http/', message: 'Commands, repositories and domain code do not depend on HTTP: move the building block to src/shared.' };
const HTTP_FACES = ['**/*.routes.ts', '**/*.pages.ts', '**/pages/**', '**/index.ts', '**/module.ts'];
const boundaries = [
  ...MODULES.flatMap((m) => [
    {
      files: [`src/modules/${m}/**/*.ts`],
      ignores: ['**/*.test.ts', ...HTTP_FACES],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [otherModule(m), httpLayer] }] },
    },
    {
      files: HTTP_FACES.map((g) => `src/modules/${m}/${g}`),
      ignores: ['**/*.test.ts'],
      rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [otherModule(m)] }] },
    },
  ]),
  {
    files: ['src/portal/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [anyModule] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [anyModule, httpLayer] }] },
  },
  {
    // The app and the command line use a module's public face; only http/modules.ts reads the descriptors (module.ts).
    files: ['src/http/**/*.ts', 'src/cli.ts', 'src/cli/**/*.ts', 'src/main.ts'],
    ignores: ['**/*.test.ts', 'src/http/modules.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '^(?:\\.\\./|\\./)+modules/[^/]+/(?!index\\.js$)', message: 'A module only through its index.ts.' }] }] },
  },
  {
    files: ['src/http/modules.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./modules/[^/]+/(?!(?:index|module)\\.js$)', message: 'The list of modules reads their descriptors (module.ts) only.' }] }] },
  },
];

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'test-output/', 'bench/results/', 'data/', 'coverage/'],
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: nodeGlobals },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Each file is checked with its nearest tsconfig: tsconfig.json (src, test, bench, vitest.config.ts)
        // or web/console/tsconfig.json (console sources). Vite's config is outside both projects.
        projectService: { allowDefaultProject: ['web/console/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // docs/engineering.md §2 guard rails.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Fastify route handlers and React event handlers may be async: a promise passed where a void callback is
      // expected is fine for those (both frameworks handle it); conditions and spreads are still checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      // `_req`, `_reply`: unused by design in handler signatures.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Fastify handlers are `async` by contract (return the payload), and register*/plugin functions keep one
      // async signature whether or not they await today. An async function without await is harmless.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read responses with `res.json()` (light-my-request types it `any`) and assert the shape with
    // expect(); flagging every member access on it would bury real findings. Explicit `any` stays an error.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  ...boundaries,
);
