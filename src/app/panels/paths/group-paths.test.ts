import { describe, expect, it } from 'vitest';
import type { EntityId } from '../../../engine/model/ids';
import type { AccessPath, PathKind, PathStatus } from '../../../engine/paths/types';
import { filterPaths, groupPaths, pathInvolves } from './group-paths';

const id = (value: string) => value as EntityId;
function path(kind: PathKind, status: PathStatus, actor: string, target: string, principal?: string): AccessPath {
  return {
    id: `${kind}|${actor}|${target}`,
    kind,
    title: `${actor} to ${target}`,
    actor: id(actor),
    target,
    via: [id('via')],
    identity: { kind: 'managed-identity', label: `${principal ?? 'none'} (identity)`, chosen: 'explicit', ...(principal ? { principal: id(principal) } : {}) },
    trace: [],
    requirements: [],
    status,
    confidence: 'documented',
    findingIds: [],
  };
}

const paths = [
  path('endpoint-invoke', 'granted', 'bob', 'endpoint'),
  path('compute-image-pull', 'missing', 'cluster', 'acr', 'uai-train'),
  path('job-datastore', 'granted', 'job', 'datastore', 'uai-train'),
];
const nameOf = (value: string) => value;

describe('paths panel helpers', () => {
  it('groups by kind in the engine order', () => {
    expect(groupPaths(paths).map((group) => group.kind)).toEqual(['job-datastore', 'compute-image-pull', 'endpoint-invoke']);
  });

  it('filters by status and by words in names and the identity', () => {
    expect(filterPaths(paths, { status: 'missing', text: '' }, nameOf)).toHaveLength(1);
    expect(filterPaths(paths, { text: 'uai-train' }, nameOf)).toHaveLength(2);
    expect(filterPaths(paths, { text: 'uai-train datastore' }, nameOf)).toHaveLength(1);
    expect(filterPaths(paths, { text: 'pulling' }, nameOf)).toHaveLength(1);
  });

  it('knows which entities a path involves', () => {
    const [, pull] = paths;
    expect(['cluster', 'acr', 'via', 'uai-train'].map((entity) => pathInvolves(pull!, entity))).toEqual([true, true, true, true]);
    expect(pathInvolves(pull!, 'bob')).toBe(false);
  });

  it('finds a path that covers several principals by any of them, and knows it involves each', () => {
    const shared = { ...path('endpoint-manage', 'missing', 'alice', 'endpoint'), principals: [id('alice'), id('carol')] };
    expect(filterPaths([shared], { text: 'carol' }, nameOf)).toHaveLength(1);
    expect(filterPaths([shared], { text: 'dave' }, nameOf)).toHaveLength(0);
    expect(pathInvolves(shared, 'carol')).toBe(true);
    expect(pathInvolves(shared, 'dave')).toBe(false);
  });
});
