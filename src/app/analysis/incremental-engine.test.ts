import { describe, expect, it } from 'vitest';
import { analyze, analyzeTracked, createAnalysisContext, estateEdit, reanalyze, type AnalysisContext, type Estate, type TrackedAnalysis } from '../../engine';
import { editsTestEstate } from '../../engine/testing/edits';
import { incrementalAnalyzer } from './incremental-engine';
import { shareContext, sharedContext } from './shared-contexts';

describe('incrementalAnalyzer', () => {
  it('analyses an edit of the last estate incrementally, with the result of a full analysis', () => {
    const calls: string[] = [];
    const engine = {
      analyzeTracked: (estate: Estate, options?: { context?: AnalysisContext }) => (calls.push('whole'), analyzeTracked(estate, options)),
      reanalyze: (previous: TrackedAnalysis, estate: Estate, context?: AnalysisContext) => (calls.push('edit'), reanalyze(previous, estate, context)),
    };
    const analyzer = incrementalAnalyzer(engine);
    const before = editsTestEstate();
    const registry = before.containerRegistries[0];
    if (!registry) throw new Error('the edits test estate has a registry');
    analyzer.warm?.(before);
    const after = estateEdit('setRegistryAccess', { registry: registry.id, adminUserEnabled: !registry.adminUserEnabled }, before).apply(before);
    expect(JSON.parse(JSON.stringify(analyzer(after)))).toEqual(JSON.parse(JSON.stringify(analyze(after))));
    expect(calls).toEqual(['whole', 'edit']);
  });

  it("shares each estate's context with the panels of the thread, built once for both", () => {
    const given: (AnalysisContext | undefined)[] = [];
    const analyzer = incrementalAnalyzer({
      analyzeTracked: (estate: Estate, options?: { context?: AnalysisContext }) => (given.push(options?.context), analyzeTracked(estate, options)),
      reanalyze,
    });
    const before = editsTestEstate();
    // The panels built the context of the estate first: the analysis is given that one.
    const panels = shareContext(createAnalysisContext(before));
    analyzer.warm?.(before);
    expect(given).toEqual([panels]);
    const registry = before.containerRegistries[0];
    if (!registry) throw new Error('the edits test estate has a registry');
    const after = estateEdit('setRegistryAccess', { registry: registry.id, adminUserEnabled: !registry.adminUserEnabled }, before).apply(before);
    // The edit is analysed first: the panels find its context built.
    expect(sharedContext(after)).toBeUndefined();
    expect(JSON.parse(JSON.stringify(analyzer(after)))).toEqual(JSON.parse(JSON.stringify(analyze(after))));
    expect(sharedContext(after)?.estate).toBe(after);
  });
});
