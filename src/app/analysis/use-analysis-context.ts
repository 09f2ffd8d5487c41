import { useMemo } from 'react';
import { type AnalysisContext, createAnalysisContext, type Estate } from '../../engine';
import { useAppStore } from '../store/app-store';
import { selectEstate } from '../store/selectors';

// Same cache discipline as the analysis: one context per estate object. The panels need the RBAC index
// (with Azure ML's automatic grants in it) and the topology to look things up and to ask new questions.
const cache = new WeakMap<Estate, AnalysisContext>();

/** The analysis context of an estate (topology, RBAC index, memoised checks), built once per estate object. */
export function analysisContextOf(estate: Estate): AnalysisContext {
  let context = cache.get(estate);
  if (!context) {
    context = createAnalysisContext(estate);
    cache.set(estate, context);
  }
  return context;
}

/** The analysis context of the open estate; derived, never stored. */
export function useAnalysisContext(): AnalysisContext | undefined {
  const estate = useAppStore(selectEstate);
  return useMemo(() => (estate ? analysisContextOf(estate) : undefined), [estate]);
}
