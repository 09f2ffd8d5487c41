import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layering is a lint error, not a convention (see ../shared/ARCHITECTURE.md):
// the engine is pure TypeScript that runs in a browser, a worker and Node alike.
const engineForbidden = {
  patterns: [
    { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'src/engine must stay free of React.' },
    { group: ['@xyflow/*', 'zustand', 'zustand/*', '@tanstack/*'], message: 'src/engine must stay free of UI libraries.' },
    { group: ['node:*'], message: 'src/engine must not import Node built-ins; the CLI shell does I/O.' },
    { group: ['**/app/**', '**/cli/**', '../app', '../cli', '../../app', '../../cli'], message: 'src/engine must not import the shells.' },
  ],
  paths: ['fs', 'fs/promises', 'path', 'os', 'child_process', 'url', 'crypto', 'util', 'stream', 'zlib', 'events', 'buffer', 'process', 'worker_threads', 'assert', 'http', 'https', 'net', 'readline'].map((name) => ({
    name,
    message: 'src/engine must not import Node built-ins; the CLI shell does I/O.',
  })),
};

// The same modules as a pattern for `import('…')`, which no-restricted-imports does not check.
// (esquery ends a regular expression at its first `/`, so a separator is written `\\W`.)
const engineForbiddenDynamic = [
  '^(react|react-dom|zustand|@xyflow|@tanstack)(\\W|$)',
  '^node:',
  `^(${engineForbidden.paths.map((p) => p.name.replace('/', '\\W')).join('|')})(\\W|$)`,
  '(^|\\W)(app|cli)(\\W|$)',
].join('|');

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'playwright-report/**', 'test-results/**', 'e2e/output/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No raw HTML: user data must never become markup.' },
      ],
    },
  },
  {
    // .tsx too: a component file in the engine would be the first step to React in it.
    files: ['src/engine/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', engineForbidden],
      // no-restricted-imports does not see `import('…')`; the compiler's engine config has no Node or DOM
      // types, but a package's own types (React's) still resolve, so a dynamic import is checked here.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No raw HTML: user data must never become markup.' },
        {
          selector: `ImportExpression[source.value=/${engineForbiddenDynamic}/]`,
          message: 'src/engine must not load React, UI libraries, Node built-ins or the shells, not even on demand.',
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cli/**', '../cli', '../../cli'], message: 'The app shell must not import the CLI shell.' },
            { group: ['node:*'], message: 'The app runs in the browser.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**', '../app', '../../app'], message: 'The CLI shell must not import the app shell.' },
            { group: ['react', 'react-dom', '@xyflow/*', 'zustand', '@tanstack/*'], message: 'The CLI has no UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['e2e/**/*.ts', 'fuzz/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bench/**/*.ts', 'bin/**/*.js', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
