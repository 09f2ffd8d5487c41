import { describe, expect, it } from 'vitest';
import { expectAzRoleAssignment, expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { computeSection, UAI_TRAIN_IDENTITY } from '../../testing/computes';
import { identityAssignPermission } from './identity-assign-permission';

const setup = (grants: string) => `user_assigned_identities:
  - name: uai-train
    resource_group: rg-ml
${computeSection('cpu-cluster', 'amlcompute', UAI_TRAIN_IDENTITY)}role_assignments:
  - { principal: alice@contoso.com, role: AzureML Compute Operator, scope: ws-ml }
  - { principal: bob@contoso.com, role: Contributor, scope: rg-ml }
  - { principal: carol@contoso.com, role: AzureML Data Scientist, scope: ws-ml }
${grants}`;

describe('AML-CMP-005 compute creators and the identities computes carry', () => {
  it('warns about a compute operator who may not assign the cluster identity, with the exact fix', () => {
    const findings = runRuleOn(identityAssignPermission, estateFromYaml(baseEstateYaml({ extra: setup('') })));
    const finding = expectOnlyFinding(findings, { severity: 'warning' });
    expect(finding?.subjects[0]).toBe('user:11111111-1111-1111-1111-111111111111');
    expect(finding?.subjects[1]).toMatch(/userAssignedIdentities\/uai-train$/);
    expectFinding(finding, { message: ['alice@contoso.com', 'cpu-cluster'] });
    expectAzRoleAssignment(finding, 'f1a07417-d97a-45cb-824c-7a7467783830', '11111111-1111-1111-1111-111111111111', /--scope \/subscriptions\/.*\/userAssignedIdentities\/uai-train/);
  });

  it('stays quiet once the operator may assign the identity', () => {
    const grant = '  - { principal: alice@contoso.com, role: Managed Identity Operator, scope: uai-train }\n';
    expect(runRuleOn(identityAssignPermission, estateFromYaml(baseEstateYaml({ extra: setup(grant) })))).toEqual([]);
  });
});
