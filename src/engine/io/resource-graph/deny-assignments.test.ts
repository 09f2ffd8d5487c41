import { describe, expect, it } from 'vitest';
import type { EntityId } from '../../model/ids';
import type { Estate } from '../../model/types';
import { buildRbacIndex, check } from '../../rbac';
import { readInputs } from '../inputs';
import denyRows from './fixtures/deny-assignments.json';
import authorization from './fixtures/authorization.json';

const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
const WS = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-prod`;

function read(files: Record<string, unknown>) {
  const result = readInputs(
    Object.entries(files).map(([file, value]) => ({ file, text: JSON.stringify(value, null, 2) })),
  );
  return { result, estate: result.estate as Estate };
}

describe('deny assignments from Resource Graph (authorizationresources)', () => {
  it('reads the rows of an `az graph query` page and lets each reach the decision', () => {
    const { result, estate } = read({ 'auth.json': authorization, 'deny.json': denyRows });
    expect(result.diagnostics.filter((d) => d.file === 'deny.json')).toEqual([]);
    expect(result.skipped ?? []).toEqual([]);
    expect(estate.denyAssignments.map((d) => d.name)).toEqual(
      denyRows.data.map((row) => row.properties.denyAssignmentName),
    );
    expect(estate.denyAssignments[0]).toMatchObject({
      scope: `${SUB}/resourceGroups/rg-ml`,
      principals: 'everyone',
    });
    const index = buildRbacIndex(estate);
    const holder = estate.roleAssignments.find(
      (a) => a.scope === WS && a.role === 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    );
    expect(holder).toBeDefined();
    const decision = check(index, {
      principal: holder?.principal as EntityId,
      action: 'Microsoft.MachineLearningServices/workspaces/computes/write',
      scope: WS,
    });
    expect(decision.effect).toBe('denied');
    expect(decision.deniedBy?.name).toContain('Deployment Stack');
  });

  it('reads the bare `data` array as well', () => {
    const { estate } = read({ 'deny.json': denyRows.data });
    expect(estate.denyAssignments).toHaveLength(denyRows.data.length);
    expect(estate.denyAssignments[1]?.condition).toContain("StringEquals 'raw'");
  });
});
