import index from '../../../public/samples/index.json';
import { analyze, type Analysis } from '../../engine/analysis/analyze';
import type { Estate } from '../../engine/model/types';
import { estateFromYaml } from '../../engine/testing/estates';

// The sample files as text, bundled by Vite: the tests read exactly what the app fetches.
const FILES = import.meta.glob<string>('../../../public/samples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** A sample of public/samples by its index id, read with the engine's reader (tests only). */
export function sampleEstate(id: string): Estate {
  const entry = (index as { id: string; file: string }[]).find((sample) => sample.id === id);
  if (!entry) throw new Error(`No sample "${id}" in public/samples/index.json.`);
  const text = FILES[`../../../public/samples/${entry.file}`];
  if (text === undefined) throw new Error(`The sample file "${entry.file}" is not in public/samples.`);
  return estateFromYaml(text, entry.file);
}

const analyses = new WeakMap<Estate, Analysis>();

/** The analysis of an estate, once per estate object (tests only). */
export function analysed(estate: Estate): Analysis {
  let analysis = analyses.get(estate);
  if (!analysis) {
    analysis = analyze(estate);
    analyses.set(estate, analysis);
  }
  return analysis;
}
