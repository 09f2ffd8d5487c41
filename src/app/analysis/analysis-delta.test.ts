import { describe, expect, it } from 'vitest';
import { analyze, estateEdit, type Estate } from '../../engine';
import { endpointEstate, IDS } from '../../engine/testing/endpoints';
import { analysisDelta, applyAnalysisDelta, printAnalysis } from './analysis-delta';
import { applyEstatePatch, estatePatch } from './estate-patch';

// What crosses to the worker and back must survive a structured clone, as postMessage makes one.
const cross = <T>(value: T): T => structuredClone(value);

function edited(): { before: Estate; after: Estate } {
  const before = endpointEstate({
    endpoint: '    auth_mode: key\n',
    roles: ['{ principal: carol@contoso.com, role: AzureML Data Scientist, scope: ep }'],
  });
  const after = estateEdit(
    'setEndpointAuth',
    { endpoint: IDS.endpoint as never, authMode: 'aad_token' },
    before,
  ).apply(before);
  return { before, after };
}

describe('estate patches', () => {
  it('carry only the replaced entity and rebuild the edited estate from a copy of the old one', () => {
    const { before, after } = edited();
    const patch = estatePatch(before, after);
    expect(Object.keys(patch.collections)).toEqual(['onlineEndpoints']);
    expect(patch.collections.onlineEndpoints?.items).toEqual([after.onlineEndpoints[0]]);
    expect(patch.set).toEqual({});
    expect(applyEstatePatch(cross(before), cross(patch))).toEqual(after);
  });

  it('carry new and dropped fields and a reordered collection', () => {
    const { before } = edited();
    const after = { ...before, users: [...before.users].reverse(), name: 'renamed' } as Estate;
    delete (after as Partial<Estate>).provenance;
    const patch = estatePatch(before, after);
    expect(patch.collections.users?.items).toEqual([]);
    expect(patch.set).toEqual({ name: 'renamed' });
    expect(applyEstatePatch(cross(before), cross(patch))).toEqual(after);
  });

  it('refuse a patch that names more new entities than it carries', () => {
    const { before } = edited();
    const patch = {
      set: {},
      removed: [],
      collections: { users: { order: Int32Array.from([-1]), items: [] } },
    };
    expect(() => applyEstatePatch(before, patch)).toThrow('users');
  });
});

describe('analysis deltas', () => {
  it('send only the paths and findings an edit changed, and rebuild the new analysis around the old objects', () => {
    const { before, after } = edited();
    const old = cross(analyze(before));
    const next = analyze(after);
    const delta = analysisDelta(printAnalysis(analyze(before))!, next, printAnalysis(next)!);
    expect(delta.paths.items.length).toBeGreaterThan(0);
    expect(delta.paths.items.length).toBeLessThan(next.paths.length);
    const rebuilt = applyAnalysisDelta(old, cross(delta));
    expect(rebuilt).toEqual(next);
    const kept = rebuilt.paths.filter((path) => old.paths.includes(path));
    expect(kept.length).toBe(next.paths.length - delta.paths.items.length);
  });

  it('send nothing but the summary when nothing the analysis reads changed', () => {
    const { before } = edited();
    const first = analyze(before);
    const again = analyze(cross(before));
    const delta = analysisDelta(printAnalysis(first)!, again, printAnalysis(again)!);
    expect(delta.paths.items).toEqual([]);
    expect(delta.findings.items).toEqual([]);
    expect(applyAnalysisDelta(first, delta)).toEqual(again);
  });

  it('refuse a delta that does not fit the analysis held', () => {
    const { before } = edited();
    const analysis = analyze(before);
    const delta = analysisDelta(printAnalysis(analysis)!, analysis, printAnalysis(analysis)!);
    expect(() => applyAnalysisDelta({ ...analysis, paths: [] }, delta)).toThrow('does not fit');
  });
});
