import type { Analysis, AnalysisContext, Estate, TrackedAnalysis } from '../../engine';
import type { AnalyzeFn } from './analysis-runner';
import { shareContext, sharedContext } from './shared-contexts';

/** What the engine's analysis chunk offers for incremental analysis (see src/engine/analysis/incremental.ts). */
export interface IncrementalModule {
  analyzeTracked: (estate: Estate, options?: { context?: AnalysisContext }) => TrackedAnalysis;
  reanalyze: (previous: TrackedAnalysis, estate: Estate, context?: AnalysisContext) => TrackedAnalysis;
}

/**
 * An `analyze` for this thread that keeps the last estate it analysed with what each rule and path resolver
 * read, and analyses the next one (a what-if edit of it, sharing structure) by redoing only what the edit
 * reaches. An unrelated estate is analysed whole. The result is always what a full analysis gives. The
 * context of each estate is shared with the panels of this thread (./shared-contexts.ts): built once for both.
 */
export function incrementalAnalyzer(engine: IncrementalModule): AnalyzeFn {
  let last: TrackedAnalysis | undefined;
  const whole = (estate: Estate): TrackedAnalysis => {
    const context = sharedContext(estate);
    return engine.analyzeTracked(estate, context ? { context } : {});
  };
  const analyze = (estate: Estate): Analysis => {
    last = last === undefined ? whole(estate) : engine.reanalyze(last, estate, sharedContext(estate));
    shareContext(last.context);
    return last.analysis;
  };
  return Object.assign(analyze, {
    warm: (estate: Estate) => {
      if (last?.estate === estate) return;
      last = whole(estate);
      shareContext(last.context);
    },
  });
}
