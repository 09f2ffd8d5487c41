/**
 * Real files the mixed sets are drawn from besides the generated ones: the bundled native samples, the az ml
 * YAML corpus, the readers' az CLI and Resource Graph fixtures, and a few compiled ARM templates from
 * Azure/azure-quickstart-templates (corpus/arm, MIT; see ../shared/corpus/azure-quickstart-templates/SOURCES.md).
 * Loaded through Vite's glob import: tests only.
 */

/** One real input: a path for messages and its text. */
export interface MixedSeed {
  file: string;
  text: string;
}

function seeds(modules: Record<string, string>): MixedSeed[] {
  return Object.entries(modules)
    .map(([file, text]) => ({ file: file.replace(/^(\.\.\/|\.\/)+/, ''), text }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** Native estates of the sample gallery. */
export const NATIVE_SEEDS = seeds(
  import.meta.glob<string>('../../public/samples/*.yaml', { query: '?raw', import: 'default', eager: true }),
);
/** az ml v2 YAML from Azure/azureml-examples (jobs, computes, endpoints, datastores, environments). */
export const AZML_SEEDS = seeds(
  import.meta.glob<string>('../../fixtures/corpus/azureml-examples/**/*.{yml,yaml}', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);
/** az CLI JSON output captured for the reader's tests. */
export const AZCLI_SEEDS = seeds(
  import.meta.glob<string>('../../src/engine/io/azcli/fixtures/*.json', { query: '?raw', import: 'default', eager: true }),
);
/** Resource Graph result pages. */
export const RESOURCE_GRAPH_SEEDS = seeds(
  import.meta.glob<string>('../../src/engine/io/resource-graph/fixtures/*.json', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);
/** Compiled ARM templates: the reader's fixture and real quickstart templates. */
export const ARM_SEEDS = seeds({
  ...import.meta.glob<string>('../../src/engine/io/arm/fixtures/*.json', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>('./corpus/arm/*.json', { query: '?raw', import: 'default', eager: true }),
});
