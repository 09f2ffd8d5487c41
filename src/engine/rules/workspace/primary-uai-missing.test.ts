import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { primaryUaiMissing } from './primary-uai-missing';

const uais = `user_assigned_identities:
  - { name: uai-a, resource_group: rg-ml }
`;
const UAI_A = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-a';

describe('AML-WS-005 user-assigned identities without a primary one', () => {
  it('fires as an error for a workspace with only user-assigned identities and no primary', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: '    identity:\n      type: user_assigned\n      user_assigned_identities: [uai-a]', extra: uais }));
    const findings = runRuleOn(primaryUaiMissing, estate);
    expectOnlyFinding(findings, {
      severity: 'error',
      subjects: [estate.workspaces[0]?.id],
      message: ['only user-assigned identities (uai-a)'],
      az: [`az ml workspace update --name ws-ml --resource-group rg-ml --primary-user-assigned-identity ${UAI_A}`],
    });
  });

  it('warns when the system identity is there too, since the workspace keeps running as it', () => {
    const estate = estateFromYaml(
      baseEstateYaml({ workspace: '    identity:\n      type: system_assigned,user_assigned\n      user_assigned_identities: [uai-a]', extra: uais }),
    );
    const findings = runRuleOn(primaryUaiMissing, estate);
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
    expect(findings[0]?.message).toContain('still runs as its system-assigned identity');
  });

  it('stays quiet once a primary identity is named', () => {
    const estate = estateFromYaml(
      baseEstateYaml({ workspace: '    identity:\n      type: user_assigned\n      user_assigned_identities: [uai-a]\n    primary_user_assigned_identity: uai-a', extra: uais }),
    );
    expect(runRuleOn(primaryUaiMissing, estate)).toEqual([]);
  });
});
