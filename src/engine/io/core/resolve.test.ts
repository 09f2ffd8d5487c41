import { describe, expect, it } from 'vitest';
import { entityId, type EntityId } from '../../model/ids';
import type { Group, Job } from '../../model/types';
import { rewriteReferences } from './resolve';

const WS = entityId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws');

describe('rewriteReferences', () => {
  it('rewrites every reference of a copy, keeps the source object and the serverless sentinel, and leaves the original alone', () => {
    const source = { file: 'job.yaml', line: 3 };
    const job: Job = {
      id: entityId(`${WS}/jobs/j`),
      armId: `${WS}/jobs/j`,
      kind: 'job',
      name: 'j',
      workspace: WS,
      jobType: 'pipeline',
      compute: 'serverless',
      identity: { type: 'unset' },
      inputs: [{ name: 'raw', datastore: entityId(`${WS}/datastores/raw`) }],
      outputs: [],
      steps: [{ name: 's', compute: entityId(`${WS}/computes/cpu`), identity: { type: 'unset' }, inputs: [], outputs: [] }],
      source,
    };
    const copy = rewriteReferences(job, (id) => id.toLowerCase() as EntityId);
    expect(copy).not.toBe(job);
    expect(copy.source).toBe(source);
    expect(copy.workspace).toBe(WS.toLowerCase());
    expect(copy.compute).toBe('serverless');
    expect(copy.steps[0]?.compute).toBe(`${WS}/computes/cpu`.toLowerCase());
    expect(copy.inputs[0]?.datastore).toBe(`${WS}/datastores/raw`.toLowerCase());
    expect(job.workspace).toBe(WS);
  });

  it('drops the duplicates a rewrite makes among group members', () => {
    const group: Group = {
      id: entityId('group:g'),
      kind: 'group',
      name: 'g',
      members: [entityId('user:alice'), entityId('user:alice@contoso.com'), entityId('user:bob')],
    };
    const merged = rewriteReferences(group, (id) => (id === 'user:alice@contoso.com' ? entityId('user:alice') : id));
    expect(merged.members).toEqual(['user:alice', 'user:bob']);
    expect('source' in merged).toBe(false);
  });
});
