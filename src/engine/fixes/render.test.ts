import { describe, expect, it } from 'vitest';
import starter from '../../../public/samples/starter.yaml?raw';
import { createAnalysisContext } from '../context/analysis-context';
import type { EntityId, RoleId } from '../model/ids';
import { estateFromYaml } from '../testing/estates';
import { renderFix } from './render';

const BLOB_DATA_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1' as RoleId;
const FILE_PRIVILEGED_READER = 'b8eda974-7b85-4f76-af95-65846b26df6d' as RoleId;

describe('renderFix', () => {
  const estate = estateFromYaml(starter, 'starter.yaml');
  const context = createAnalysisContext(estate);
  const storage = estate.storageAccounts.find((s) => s.name === 'stchurnprod');
  const alice = estate.users.find((u) => u.name === 'alice');

  it('declares the resource two assignments share once, so that the Bicep compiles', () => {
    if (!storage || !alice) throw new Error('starter sample lacks stchurnprod or alice');
    const assign = (role: RoleId) => ({ kind: 'assign-role' as const, principal: alice.id as EntityId, role, scope: storage.armId });
    const fix = renderFix('two data roles', [assign(BLOB_DATA_READER), assign(FILE_PRIVILEGED_READER)], context.topology, context.rbac.catalog);
    const symbols = [...fix.bicep.matchAll(/^resource ([a-z_0-9]+) /gm)].map((m) => m[1]);
    expect(symbols).toHaveLength(3);
    expect(new Set(symbols).size).toBe(3);
    expect(fix.bicep.match(/existing = \{/g)).toHaveLength(1);
    // Both assignments are still there, in az, Bicep and Terraform.
    expect(fix.az.filter((line) => line.startsWith('az role assignment create'))).toHaveLength(2);
    expect(fix.bicep.match(/Microsoft\.Authorization\/roleAssignments@/g)).toHaveLength(2);
    expect(fix.terraform.match(/resource "azurerm_role_assignment"/g)).toHaveLength(2);
  });
});
