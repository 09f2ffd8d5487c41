import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layering is a lint error, not a convention (see ../shared/ARCHITECTURE.md):
// the engine is pure TypeScript that runs in a browser, a worker and Node alike.
const engineForbidden = {
  patterns: [
    {
      group: ['react', 'react/*', 'react-dom', 'react-dom/*'],
      message: 'src/engine must stay free of React.',
    },
    {
      group: ['@xyflow/*', 'zustand', 'zustand/*', '@tanstack/*'],
      message: 'src/engine must stay free of UI libraries.',
    },
    { group: ['node:*'], message: 'src/engine must not import Node built-ins; the CLI shell does I/O.' },
    {
      group: ['**/app/**', '**/cli/**', '../app', '../cli', '../../app', '../../cli'],
      message: 'src/engine must not import the shells.',
    },
  ],
  paths: [
    'fs',
    'fs/promises',
    'path',
    'os',
    'child_process',
    'url',
    'crypto',
    'util',
    'stream',
    'zlib',
    'events',
    'buffer',
    'process',
    'worker_threads',
    'assert',
    'http',
    'https',
    'net',
    'readline',
  ].map((name) => ({
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

// The same modules as a pattern for `import('…')`, which no-restricted-imports does not check.
// (esquery ends a regular expression at its first `/`, so a separator is written `\\W`.)
const engineForbiddenDynamic = [
  '^(react|react-dom|zustand|@xyflow|@tanstack)(\\W|$)',
  '^node:',
  `^(${engineForbidden.paths.map((p) => p.name.replace('/', '\\W')).join('|')})(\\W|$)`,
  '(^|\\W)(app|cli)(\\W|$)',
].join('|');

const noRawHtml = {
  selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
  message: 'No raw HTML: user data must never become markup.',
};

// The shells see the engine through its public surface, src/engine/index.ts, so that modules behind it are
// free to move (npm run check:deps checks the same). What the app loads on demand it loads through the
// surface's loaders (loadAnalysis, loadReaders, ...), so a shell never import()s the engine itself.
// Written per folder depth, because the app has an `engine` folder of its own (app/tours/engine): a shell file
// `depth` folders below its shell's folder reaches the engine as `../` repeated `depth` times, then `engine`.
const engineSurfaceOnly = (depth) => ({
  group: [`${'../'.repeat(depth)}engine/**`],
  message:
    'Import the engine through its public surface: from the engine folder itself (src/engine/index.ts).',
});
/** One config block per folder depth of a shell, adding the surface rule to the shell's own forbidden imports. */
const surfaceBlocks = (shell, extensions, forbidden) =>
  [1, 2, 3, 4, 5].map((depth) => ({
    files: [`src/${shell}/${'*/'.repeat(depth - 1)}*.${extensions}`],
    ignores: ['**/*.test.*', '**/testing/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...forbidden, engineSurfaceOnly(depth)] }] },
  }));
const engineOnDemandOnly = [
  {
    selector: 'ImportExpression[source.value=/(^|\\W)engine(\\W|$)/]',
    message:
      "Load a part of the engine on demand with the surface's loaders (loadAnalysis, loadReaders, ...), not import().",
  },
];
const appForbidden = [
  { group: ['**/cli/**', '../cli', '../../cli'], message: 'The app shell must not import the CLI shell.' },
  { group: ['node:*'], message: 'The app runs in the browser.' },
];
const cliForbidden = [
  { group: ['**/app/**', '../app', '../../app'], message: 'The CLI shell must not import the app shell.' },
  { group: ['react', 'react-dom', '@xyflow/*', 'zustand', '@tanstack/*'], message: 'The CLI has no UI.' },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'playwright-report/**',
      'test-results/**',
      'e2e/output/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', noRawHtml],
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
        noRawHtml,
        {
          selector: `ImportExpression[source.value=/${engineForbiddenDynamic}/]`,
          message:
            'src/engine must not load React, UI libraries, Node built-ins or the shells, not even on demand.',
        },
      ],
    },
  },
  ...formatZones,
  {
    files: ['src/app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-syntax': ['error', noRawHtml, ...engineOnDemandOnly],
      'no-restricted-imports': [
        'error',
        {
          patterns: appForbidden,
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-syntax': ['error', noRawHtml, ...engineOnDemandOnly],
      'no-restricted-imports': [
        'error',
        {
          patterns: cliForbidden,
        },
      ],
    },
  },
  ...surfaceBlocks('app', '{ts,tsx}', appForbidden),
  ...surfaceBlocks('cli', 'ts', cliForbidden),
  {
    // Tests may reach behind the engine's surface (its test helpers, the internals they test); the shell
    // rules still hold.
    files: ['src/app/**/*.test.{ts,tsx}', 'src/app/testing/**'],
    rules: {
      'no-restricted-syntax': ['error', noRawHtml],
      'no-restricted-imports': ['error', { patterns: appForbidden }],
    },
  },
  {
    files: ['src/cli/**/*.test.ts', 'src/cli/testing/**'],
    rules: {
      'no-restricted-syntax': ['error', noRawHtml],
      'no-restricted-imports': ['error', { patterns: cliForbidden }],
    },
  },
  {
    files: [
      'e2e/**/*.ts',
      'fuzz/**/*.ts',
      'scripts/**/*.{js,mjs,ts}',
      'bench/**/*.ts',
      'bin/**/*.js',
      '*.config.{js,ts}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
);
