import type { Analysis, Estate, TrackedAnalysis } from '../../engine';
import type { AnalyzeFn } from './analysis-runner';

/** What the engine's analysis chunk offers for incremental analysis (see src/engine/analysis/incremental.ts). */
export interface IncrementalModule {
  analyzeTracked: (estate: Estate) => TrackedAnalysis;
  reanalyze: (previous: TrackedAnalysis, estate: Estate) => TrackedAnalysis;
}

/**
 * An `analyze` for this thread that keeps the last estate it analysed with what each rule and path resolver
 * read, and analyses the next one (a what-if edit of it, sharing structure) by redoing only what the edit
 * reaches. An unrelated estate is analysed whole. The result is always what a full analysis gives.
 */
export function incrementalAnalyzer(engine: IncrementalModule): AnalyzeFn {
  let last: TrackedAnalysis | undefined;
  const analyze = (estate: Estate): Analysis => {
    last = last === undefined ? engine.analyzeTracked(estate) : engine.reanalyze(last, estate);
    return last.analysis;
  };
  return Object.assign(analyze, {
    warm: (estate: Estate) => {
      if (last?.estate !== estate) last = engine.analyzeTracked(estate);
    },
  });
}
