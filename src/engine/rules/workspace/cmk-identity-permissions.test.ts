import { describe, expect, it } from 'vitest';
import { expectAzRoleAssignment, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { CMK_WORKSPACE, UAI_CMK } from '../../testing/workspaces';
import { cmkIdentityPermissions } from './cmk-identity-permissions';

const RG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml';
const uai = UAI_CMK;
const workspace = CMK_WORKSPACE;

describe('AML-WS-008 customer-managed-key identity permissions', () => {
  it('fires when the CMK identity may not create storage, search and Cosmos DB resources in the group', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace, extra: uai }));
    const findings = runRuleOn(cmkIdentityPermissions, estate);
    const finding = expectOnlyFinding(findings, {
      severity: 'error',
      subjects: [`${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-cmk`, estate.workspaces[0]?.id],
      message: ['uai-cmk', 'storage accounts, search services and Cosmos DB accounts'],
    });
    expect(finding?.evidence.filter((e) => e.kind === 'decision')).toHaveLength(3);
    expectAzRoleAssignment(finding, 'b24988ac-6180-42a0-ab88-20f7382dd24c', '55555555-5555-5555-5555-555555555555', RG);
  });

  it('stays quiet when the CMK identity is Contributor on the resource group', () => {
    const grants = 'role_assignments:\n  - { principal: uai-cmk, role: Contributor, scope: rg-ml }\n';
    expect(runRuleOn(cmkIdentityPermissions, estateFromYaml(baseEstateYaml({ workspace, extra: uai + grants })))).toEqual([]);
  });

  it('stays quiet for a planned system-identity workspace, whose group role Azure ML grants', () => {
    const sai = '    identity:\n      type: system_assigned\n    customer_managed_key:\n      key_vault: kv-ml\n      key_uri: https://kv-ml.vault.azure.net/keys/cmk/1';
    expect(runRuleOn(cmkIdentityPermissions, estateFromYaml(baseEstateYaml({ workspace: sai })))).toEqual([]);
  });
});
