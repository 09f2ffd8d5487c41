import { describe, expect, it } from 'vitest';
import { analyze, analyzeTracked, estateEdit, reanalyze, type Estate, type TrackedAnalysis } from '../../engine';
import { editsTestEstate } from '../../engine/testing/edits';
import { incrementalAnalyzer } from './incremental-engine';

describe('incrementalAnalyzer', () => {
  it('analyses an edit of the last estate incrementally, with the result of a full analysis', () => {
    const calls: string[] = [];
    const engine = {
      analyzeTracked: (estate: Estate) => (calls.push('whole'), analyzeTracked(estate)),
      reanalyze: (previous: TrackedAnalysis, estate: Estate) => (calls.push('edit'), reanalyze(previous, estate)),
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
});
