import type { Analysis, Estate, EstateDiff } from '../../../engine';
import type { CompareGraph } from '../../graph/change-marks';
import { buildGraphModel } from '../../graph/graph-model';
import { loadAnalysisContext, loadDiff } from '../../../engine';

/** Everything the app shows of one comparison, derived from the two estates and never stored. */
export interface ComparisonResult {
  before: Estate;
  after: Estate;
  diff: EstateDiff;
  /** The graph drawn while comparing: the after estate plus what only the before estate had. */
  graph: CompareGraph;
  /** Both sides' paths and findings, so that a removed path or a closed finding can be lit up on the graph. */
  analysis: Analysis;
}

// Estates are replaced, never mutated: the pair of objects is the cache key, as for the analysis itself.
const cache = new WeakMap<Estate, WeakMap<Estate, ComparisonResult>>();

/** The comparison of `before` with `after` if it has been worked out already. */
export function peekComparison(before: Estate, after: Estate): ComparisonResult | undefined {
  return cache.get(before)?.get(after);
}

/**
 * Works out (once per pair of estate objects) the diff of two estates and the graph that shows it, from
 * both sides' analyses. The diff module is fetched on the first comparison: it brings the rules engine with
 * it, which the first paint of the explorer does not need.
 */
export async function compareEstates(
  before: Estate,
  after: Estate,
  beforeAnalysis: Analysis,
  afterAnalysis: Analysis,
): Promise<ComparisonResult> {
  const known = peekComparison(before, after);
  if (known) return known;
  // The comparison's graph comes with it too, in its own chunk.
  const [{ diffEstates }, { createRoleCatalog }, { compareGraphModel, unionAnalysis }] = await Promise.all([
    loadDiff(),
    loadAnalysisContext(),
    import('../../graph/change-marks'),
  ]);
  // Another caller may have finished the same pair while the module loaded.
  const raced = peekComparison(before, after);
  if (raced) return raced;
  const diff = diffEstates(before, after, { beforeAnalysis, afterAnalysis });
  const graph = compareGraphModel(
    {
      estate: before,
      analysis: beforeAnalysis,
      model: buildGraphModel(before, beforeAnalysis, createRoleCatalog(before.roleDefinitions)),
    },
    {
      estate: after,
      analysis: afterAnalysis,
      model: buildGraphModel(after, afterAnalysis, createRoleCatalog(after.roleDefinitions)),
    },
    diff,
  );
  const result: ComparisonResult = {
    before,
    after,
    diff,
    graph,
    analysis: unionAnalysis(beforeAnalysis, afterAnalysis),
  };
  let inner = cache.get(before);
  if (!inner) {
    inner = new WeakMap();
    cache.set(before, inner);
  }
  inner.set(after, result);
  return result;
}
