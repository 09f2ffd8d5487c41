import { useMemo } from 'react';
import { analyze, type Analysis } from '../../engine/analysis/analyze';
import type { Estate } from '../../engine/model/types';
import { selectEstate } from '../store/selectors';
import { useAppStore } from '../store/app-store';

// Estates are replaced, never mutated, so the estate object is the cache key: every component asking for
// the analysis of the same estate shares one result, and an edit invalidates it by producing a new object.
const cache = new WeakMap<Estate, Analysis>();

/** The analysis of an estate, computed once per estate object. */
export function analysisOf(estate: Estate): Analysis {
  let analysis = cache.get(estate);
  if (!analysis) {
    analysis = analyze(estate);
    cache.set(estate, analysis);
  }
  return analysis;
}

/**
 * Records an analysis computed elsewhere (the loading worker) for an estate, so the first render does not
 * analyse it again on the main thread. Only for an analysis of exactly this estate.
 */
export function primeAnalysis(estate: Estate, analysis: Analysis): void {
  if (!cache.has(estate)) cache.set(estate, analysis);
}

/** The analysis (findings and paths) of the open estate; derived, never stored. */
export function useAnalysis(): Analysis | undefined {
  const estate = useAppStore(selectEstate);
  return useMemo(() => (estate ? analysisOf(estate) : undefined), [estate]);
}
