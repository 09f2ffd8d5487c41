import { describe, expect, it } from 'vitest';
import { createAnalysisContext } from '../context/analysis-context';
import { BLOB_READ, questionEstate, STORAGE } from './test-estate';
import { whatCan } from './what-can';

describe('what can X do here', () => {
  it('groups by provider and plane, with the assignment and the nested groups that grant each operation', () => {
    const answer = whatCan(createAnalysisContext(questionEstate()), 'bob@contoso.com', STORAGE);
    const data = answer?.groups.find((g) => g.provider === 'Microsoft.Storage' && g.plane === 'data');
    const read = data?.permissions.find((p) => p.action === BLOB_READ);
    expect(read?.effect).toBe('allowed');
    expect(read?.grants.map((g) => [g.roleName, g.viaGroups])).toEqual([['Storage Blob Data Reader', ['group:data-team', 'group:ml-readers']]]);
    expect(read?.grants[0]?.assignedScope).toContain('/resourceGroups/rg-ml');
    // Storage Blob Data Reader reads; it never writes.
    expect(data?.permissions.some((p) => p.action.endsWith('/blobs/write'))).toBe(false);
  });

  it('shows what NotActions removed (AzureML Data Scientist may not delete computes)', () => {
    const answer = whatCan(createAnalysisContext(questionEstate()), '11111111-1111-1111-1111-111111111111', 'ws-ml');
    const ml = answer?.groups.find((g) => g.provider === 'Microsoft.MachineLearningServices' && g.plane === 'control');
    expect(ml?.permissions.some((p) => p.action === 'Microsoft.MachineLearningServices/workspaces/jobs/write')).toBe(true);
    const removed = ml?.removed.find((p) => p.action === 'Microsoft.MachineLearningServices/workspaces/computes/delete');
    expect(removed?.removed?.byNotActions).toEqual([
      expect.objectContaining({ roleName: 'AzureML Data Scientist', notPattern: 'Microsoft.MachineLearningServices/workspaces/computes/*/delete' }),
    ]);
  });

  it('shows what a deny assignment removed', () => {
    const deny = `deny_assignments:
  - name: no-data
    scope: stml
    principals: [bob@contoso.com]
    data_actions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read']
`;
    const answer = whatCan(createAnalysisContext(questionEstate({ extra: deny })), 'bob@contoso.com', 'stml');
    const data = answer?.groups.find((g) => g.plane === 'data');
    expect(data?.permissions.some((p) => p.action === BLOB_READ)).toBe(false);
    expect(data?.removed.find((p) => p.action === BLOB_READ)?.removed?.byDeny?.name).toBe('no-data');
  });

  it('answers nothing for a principal with no role there, and undefined for an unknown principal', () => {
    const context = createAnalysisContext(questionEstate());
    expect(whatCan(context, 'bob@contoso.com', 'ws-ml')?.groups.filter((g) => g.provider.startsWith('Microsoft.MachineLearning'))).toEqual([]);
    expect(whatCan(context, 'nobody', 'ws-ml')).toBeUndefined();
  });
});
