import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../engine/analysis/analyze';
import { AnalysisAssembler, analysisParts } from './analysis-protocol';

function fakeAnalysis(paths: number, findings: number): Analysis {
  return {
    paths: Array.from({ length: paths }, (_, i) => ({ id: `p${i}` })),
    findings: Array.from({ length: findings }, (_, i) => ({ id: `f${i}` })),
    automaticAssignments: [{ id: 'auto' }],
    summary: { findings: { error: 1, warning: 2, info: 3 }, paths: { allowed: paths } },
  } as unknown as Analysis;
}

describe('analysis parts', () => {
  it('splits a large analysis into bounded parts and puts it back together unchanged', () => {
    const analysis = fakeAnalysis(1_234, 501);
    const parts = analysisParts(7, analysis, 500);
    expect(parts.map((p) => p.part)).toEqual([
      'head',
      'paths',
      'paths',
      'paths',
      'findings',
      'findings',
      'done',
    ]);
    expect(parts.every((p) => p.id === 7)).toBe(true);
    for (const part of parts) if ('items' in part) expect(part.items.length).toBeLessThanOrEqual(500);
    const assembler = new AnalysisAssembler();
    const results = parts.map((part) => assembler.add(part));
    expect(results.slice(0, -1).every((r) => r === undefined)).toBe(true);
    expect(results.at(-1)).toEqual(analysis);
  });

  it('sends an empty analysis as a head and a done', () => {
    const parts = analysisParts(1, fakeAnalysis(0, 0));
    expect(parts.map((p) => p.part)).toEqual(['head', 'done']);
    const assembler = new AnalysisAssembler();
    expect(parts.map((part) => assembler.add(part)).at(-1)).toEqual(fakeAnalysis(0, 0));
  });

  it('turns an error part into an exception carrying the worker message', () => {
    expect(() => new AnalysisAssembler().add({ id: 1, part: 'error', error: 'rule exploded' })).toThrow(
      'rule exploded',
    );
  });

  it('refuses a done that came without a head', () => {
    expect(() => new AnalysisAssembler().add({ id: 1, part: 'done' })).toThrow('without sending');
  });

  it('applies a delta to the analysis the request said it held, and refuses one made against another', () => {
    const base = fakeAnalysis(3, 1);
    const delta = {
      rest: { automaticAssignments: [], summary: base.summary },
      paths: { order: Int32Array.from([2, -1, 0]), items: [{ id: 'new' }] },
      findings: { order: Int32Array.from([0]), items: [] },
    } as never;
    const next = new AnalysisAssembler({ id: 4, analysis: base }).add({
      id: 5,
      part: 'delta',
      since: 4,
      delta,
    });
    expect(next?.paths.map((p) => p.id)).toEqual(['p2', 'new', 'p0']);
    expect(next?.paths[0]).toBe(base.paths[2]);
    expect(() =>
      new AnalysisAssembler({ id: 3, analysis: base }).add({ id: 5, part: 'delta', since: 4, delta }),
    ).toThrow('does not hold');
  });

  it('marks the error of a worker that lost the estate, so that the whole estate is sent again', () => {
    let caught: unknown;
    try {
      new AnalysisAssembler().add({ id: 1, part: 'error', error: 'no estate', code: 'no-base' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ message: 'no estate', code: 'no-base' });
  });
});
