// The house rules of src/, checked by `npm run check:deps` (scripts/check-dependencies.mjs runs
// dependency-cruiser's API with this file; `npx depcruise src` reads it too, on Node 22 and later).
//
// 1. No circle of imports anywhere in src/ (type-only imports count: a circle of types is still a circle).
// 2. The engine's floors, lowest first. A file may import its own floor and the floors listed below it (and
//    theirs, transitively); anything else in the engine is an upward or sideways import:
//
//      model            the estate's types, ids, topology (model/validate.ts excepted: it reads RBAC's roles)
//      rbac             role definitions, scopes, the access check
//      validation       what makes an estate valid: model/validate.ts, review/entry.ts
//      context          the analysis context (topology, automatic grants, RBAC index, memoised check),
//                       the operations vocabulary, the sources; fixes/shell.ts (quoting, used by rules)
//      paths            access path resolution
//      rules            the rules and their types
//      fixes            rendering a rule's fix as az, Bicep and Terraform
//      analysis         analyze(): paths, rules and fixes together
//      questions        what-can, who-can (routes through Azure ML), refusal decoding, least role: built on
//                       the analysis, and naming the what-if edit that adds a role
//      io readers       io/ except writers: core, the formats, detection, inputs, secrets; they stand on
//                       validation only (reading never needs the analysis)
//      edits            what-if edits (they name new entities the way the readers do)
//      compare, review  diff/ and review/summary.ts: built on the analysis
//      io writers       reports and fix scripts: built on the analysis and the review
//      surface          index.ts and on-demand/*: the engine's entries, which may import any floor
//
// 3. A format folder of src/engine/io (native, azml, azcli, resource-graph, arm) imports no other format; what
//    they share lives in io/core.
// 4. The app and the CLI import the engine only through src/engine/index.ts. What the app loads on demand, it
//    loads through the surface's loaders (loadAnalysis, loadReaders, ...), whose import() of
//    src/engine/on-demand/* makes one chunk each; nothing else imports those entries (an import() of the index
//    itself would put all of the engine in the first bundle). The engine imports neither shell, and the shells do
//    not import each other.
//
// Tests and test helpers stand outside the floors (they may reach anything) but not outside rule 1.

/** A test, a test helper, or a type declaration for a test-only package. */
const TESTS = [
  '^src/(app|cli)/testing/',
  '\\.test\\.tsx?$',
  '/test-[^/]+\\.ts$',
  '^src/engine/testing/',
  '^src/engine/io/writers/hcl2-parser\\.d\\.ts$',
];

/** The floors, lowest first; `on` lists the floors directly below that a floor may import. */
export const FLOORS = [
  { name: 'model', paths: ['^src/engine/model/(?!validate\\.ts$)'], on: [] },
  { name: 'rbac', paths: ['^src/engine/rbac/'], on: ['model'] },
  {
    name: 'validation',
    paths: ['^src/engine/model/validate\\.ts$', '^src/engine/review/entry\\.ts$'],
    on: ['rbac'],
  },
  { name: 'context', paths: ['^src/engine/context/', '^src/engine/fixes/shell\\.ts$'], on: ['rbac'] },
  { name: 'paths', paths: ['^src/engine/paths/'], on: ['context'] },
  { name: 'rules', paths: ['^src/engine/rules/'], on: ['paths'] },
  { name: 'fixes', paths: ['^src/engine/fixes/(?!shell\\.ts$)'], on: ['rules'] },
  { name: 'analysis', paths: ['^src/engine/analysis/'], on: ['fixes'] },
  { name: 'questions', paths: ['^src/engine/questions/'], on: ['analysis', 'edits'] },
  { name: 'io readers', paths: ['^src/engine/io/(?!writers/)'], on: ['validation'] },
  { name: 'edits', paths: ['^src/engine/edits/'], on: ['io readers'] },
  {
    name: 'compare, review',
    paths: ['^src/engine/diff/', '^src/engine/review/(?!entry\\.ts$)'],
    on: ['analysis', 'validation'],
  },
  { name: 'io writers', paths: ['^src/engine/io/writers/'], on: ['compare, review'] },
  {
    name: 'surface',
    paths: ['^src/engine/index\\.ts$', '^src/engine/platform\\.d\\.ts$', '^src/engine/on-demand/'],
    on: ['io writers', 'edits', 'io readers', 'questions'],
  },
];

/** The io folders that read one format each. */
export const FORMATS = ['native', 'azml', 'azcli', 'resource-graph', 'arm', 'terraform', 'powershell'];

/** Every floor a floor may import: itself, and what the floors it stands on may import. */
function reachable(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  const floor = FLOORS.find((f) => f.name === name);
  if (!floor) throw new Error(`.dependency-cruiser.mjs: floor "${name}" is named but not defined`);
  for (const below of floor.on) reachable(below, seen);
  return seen;
}

const floorRules = FLOORS.map((floor) => {
  const allowed = [...reachable(floor.name)].flatMap((name) => FLOORS.find((f) => f.name === name).paths);
  return {
    name: `floor:${floor.name}`,
    comment: `The ${floor.name} floor imports only ${[...reachable(floor.name)].join(', ')} (see the floor list at the top of .dependency-cruiser.mjs).`,
    severity: 'error',
    from: { path: floor.paths, pathNot: TESTS },
    to: { path: '^src/engine/', pathNot: [...allowed, ...TESTS] },
  };
});

const formats = FORMATS.join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A circle of imports (type-only ones included). Move what both sides need one floor down.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...floorRules,
    {
      name: 'engine-file-on-no-floor',
      comment: 'Every engine file stands on a floor: add its folder to FLOORS in .dependency-cruiser.mjs.',
      severity: 'error',
      from: { path: '^src/engine/', pathNot: [...FLOORS.flatMap((f) => f.paths), ...TESTS] },
      to: {},
    },
    {
      name: 'format-imports-another-format',
      comment: 'An io format folder imports only io/core and lower floors, never another format.',
      severity: 'error',
      from: { path: `^src/engine/io/(${formats})/`, pathNot: TESTS },
      to: { path: `^src/engine/io/(${formats})/`, pathNot: '^src/engine/io/$1/' },
    },
    {
      name: 'shell-behind-engine-surface',
      comment:
        'The app and the CLI import the engine through src/engine/index.ts (its loaders fetch the on-demand parts).',
      severity: 'error',
      from: { path: '^src/(app|cli)/', pathNot: TESTS },
      to: { path: '^src/engine/', pathNot: '^src/engine/index\\.ts$' },
    },
    {
      name: 'on-demand-entry-outside-its-loader',
      comment:
        "src/engine/on-demand/* exist for the surface's loaders, whose import() makes their chunks; any other import of them defeats that.",
      severity: 'error',
      from: { pathNot: '^src/engine/index\\.ts$' },
      to: { path: '^src/engine/on-demand/' },
    },
    {
      name: 'engine-surface-loaded-on-demand',
      comment: 'An import() of src/engine/index.ts puts every part of the engine into the first bundle.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/engine/index\\.ts$', dependencyTypes: ['dynamic-import'] },
    },
    {
      name: 'engine-imports-a-shell',
      comment: 'The engine is pure: it imports neither the app nor the CLI.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/(app|cli)/' },
    },
    {
      name: 'shells-import-each-other',
      comment: 'The app and the CLI share code only through the engine.',
      severity: 'error',
      from: { path: '^src/(app|cli)/' },
      to: { path: '^src/(app|cli)/', pathNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules'] },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] },
  },
};
