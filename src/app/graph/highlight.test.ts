import { describe, expect, it } from 'vitest';
import type { AccessPath, Analysis, Finding } from '../../engine';
import { revealTargets } from './highlight';

// Just what revealTargets reads of an analysis: a finding's subjects, a path's line.
const path = {
  id: 'p1',
  actor: 'user-a',
  via: ['cluster-1'],
  identity: { principal: 'cluster-1#system-identity' },
  target: 'storage-1',
} as unknown as AccessPath;
const finding = { id: 'f1', subjects: ['cluster-1', 'storage-1'], pathIds: ['p1'] } as unknown as Finding;
const analysis = { findings: [finding], paths: [path] } as unknown as Analysis;

describe('revealTargets', () => {
  it('names an entity itself, a finding its subjects, a path its actor, compute, identity and target', () => {
    expect(revealTargets({ kind: 'entity', id: 'cluster-7' as never }, analysis)).toEqual(['cluster-7']);
    expect(revealTargets({ kind: 'finding', id: 'f1' }, analysis)).toEqual(['cluster-1', 'storage-1']);
    expect(revealTargets({ kind: 'path', id: 'p1' }, analysis)).toEqual(['user-a', 'cluster-1', 'cluster-1#system-identity', 'storage-1']);
  });

  it("adds a tour step's nodes and paths, without duplicates", () => {
    expect(revealTargets({ kind: 'finding', id: 'f1' }, analysis, { nodes: ['storage-1', 'job-3'], paths: ['p1'] })).toEqual([
      'cluster-1',
      'storage-1',
      'job-3',
      'user-a',
      'cluster-1#system-identity',
    ]);
  });

  it('names nothing without a selection, or for a finding or path the analysis no longer has', () => {
    expect(revealTargets(undefined, analysis)).toEqual([]);
    expect(revealTargets({ kind: 'finding', id: 'gone' }, analysis)).toEqual([]);
    expect(revealTargets({ kind: 'path', id: 'p1' }, undefined)).toEqual([]);
    expect(revealTargets(undefined, analysis, { nodes: [], paths: ['gone'] })).toEqual([]);
  });
});
