import { describe, expect, it } from 'vitest';
import { buildGraphModel } from '../../graph/graph-model';
import { highlightFor } from '../../graph/highlight';
import { withTourHighlight } from './graph-highlight';
import { pathRef, ref, resolveEntity, resolvePaths } from './refs';
import { analysed, sampleEstate } from '../../testing/tours';

const estate = sampleEstate('starter');
const analysis = analysed(estate);
const model = buildGraphModel(estate, analysis);
const cluster = resolveEntity(estate, ref('compute', 'cpu-cluster'))!;
const registry = resolveEntity(estate, ref('containerRegistry', 'acrchurnprod'))!;
const [pull] = resolvePaths(
  estate,
  analysis,
  pathRef('compute-image-pull', ref('compute', 'cpu-cluster'), ref('containerRegistry', 'acrchurnprod')),
);

describe('withTourHighlight', () => {
  it('leaves the selection’s highlight alone when the tour lights nothing', () => {
    const base = highlightFor({ kind: 'entity', id: cluster }, analysis, model);
    expect(withTourHighlight(base, undefined, analysis, model)).toBe(base);
    expect(withTourHighlight(base, { nodes: [], paths: [] }, analysis, model)).toBe(base);
  });
  it('lights the step’s nodes and paths and dims the rest', () => {
    const lit = withTourHighlight(undefined, { nodes: [registry], paths: [pull!.id] }, analysis, model)!;
    expect(lit.dim).toBe(true);
    expect(lit.nodes.has(registry)).toBe(true);
    expect(lit.nodes.has(cluster)).toBe(true);
    expect(
      [...lit.edges].some((id) => model.edges.find((edge) => edge.id === id)?.pathIds?.includes(pull!.id)),
    ).toBe(true);
  });
  it('keeps what the person selected lit as well', () => {
    const job = resolveEntity(estate, ref('job', 'train-churn'))!;
    const lit = withTourHighlight(
      highlightFor({ kind: 'entity', id: job }, analysis, model),
      { nodes: [registry], paths: [] },
      analysis,
      model,
    )!;
    expect(lit.nodes.has(job)).toBe(true);
    expect(lit.nodes.has(registry)).toBe(true);
  });
});
