/**
 * Real inputs the fuzzer starts from: the az ml corpus, the bundled samples and every reader's fixtures.
 * Loaded through Vite's glob import, so this file is for tests only (vitest runs it; the app never imports it).
 */

/** One real input: a path for messages and its text. */
export interface Seed {
  file: string;
  text: string;
}

function seeds(modules: Record<string, string>): Seed[] {
  return Object.entries(modules)
    .map(([file, text]) => ({ file: file.replace(/^(\.\.\/)+/, ''), text }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** az ml v2 YAML from Azure/azureml-examples. */
export const CORPUS_SEEDS = seeds(
  import.meta.glob<string>('../fixtures/corpus/azureml-examples/**/*.{yml,yaml}', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);
/** The native estates of the sample gallery. */
export const SAMPLE_SEEDS = seeds(
  import.meta.glob<string>('../public/samples/*.yaml', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);
/** az CLI JSON output. */
export const AZCLI_SEEDS = seeds(
  import.meta.glob<string>('../src/engine/io/azcli/fixtures/*.json', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);
/** Resource Graph result pages and row lists. */
export const RESOURCE_GRAPH_SEEDS = seeds(
  import.meta.glob<string>('../src/engine/io/resource-graph/fixtures/*.json', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);
/** Compiled ARM templates. */
export const ARM_SEEDS = seeds(
  import.meta.glob<string>('../src/engine/io/arm/fixtures/*.json', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);

/** Every seed, for the readers that must cope with any format (detection, readInputs). */
export const ALL_SEEDS = [
  ...SAMPLE_SEEDS,
  ...CORPUS_SEEDS,
  ...AZCLI_SEEDS,
  ...RESOURCE_GRAPH_SEEDS,
  ...ARM_SEEDS,
];
