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
  paths: ['fs', 'path', 'os', 'child_process', 'url', 'crypto', 'util', 'stream', 'zlib', 'events'].map((name) => ({
    name,
    message: 'src/engine must not import Node built-ins; the CLI shell does I/O.',
  })),
};

// Each input format reads its own files on the shared reading floor (io/core) and never reaches into another
// format: what two formats share belongs in io/core. io/inputs.ts is the one place that knows every format.
const INPUT_FORMATS = ['native', 'azml', 'azcli', 'resource-graph', 'arm', 'terraform', 'powershell'];
const formatZones = INPUT_FORMATS.map((format) => ({
  files: [`src/engine/io/${format}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        ...engineForbidden,
        patterns: [
          ...engineForbidden.patterns,
          {
            group: INPUT_FORMATS.filter((other) => other !== format).flatMap((other) => [
              `../${other}`,
              `../${other}/**`,
              `**/io/${other}`,
              `**/io/${other}/**`,
            ]),
            message: `io/${format} must not import another input format; move what formats share into io/core.`,
          },
        ],
      },
    ],
  },
}));

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
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: { 'no-restricted-imports': ['error', engineForbidden] },
  },
  ...formatZones,
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
    files: ['e2e/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'bench/**/*.ts', 'bin/**/*.js', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
