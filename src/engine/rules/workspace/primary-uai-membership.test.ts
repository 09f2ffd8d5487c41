import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { primaryUaiMembership } from './primary-uai-membership';

const uais = `user_assigned_identities:
  - { name: uai-a, resource_group: rg-ml }
  - { name: uai-b, resource_group: rg-ml }
`;
const UAI_B = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-b';

function workspace(primary: string, update = ''): string {
  return `    identity:
      type: system_assigned,user_assigned
      user_assigned_identities: [uai-a]
    primary_user_assigned_identity: ${primary}${update}`;
}

describe('AML-WS-004 primary identity membership', () => {
  it('fires when the primary identity is not attached to the workspace', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: workspace('uai-b'), extra: uais }));
    const findings = runRuleOn(primaryUaiMembership, estate);
    expectOnlyFinding(findings, {
      severity: 'error',
      subjects: [UAI_B, estate.workspaces[0]?.id],
      message: ['uai-b', 'only uai-a is attached'],
      bicep: [`'${UAI_B}': {}`],
      terraform: [`primary_user_assigned_identity = "${UAI_B}"`],
    });
  });

  it('stays quiet when the primary identity is one of the attached ones', () => {
    expect(runRuleOn(primaryUaiMembership, estateFromYaml(baseEstateYaml({ workspace: workspace('uai-a'), extra: uais })))).toEqual([]);
  });

  it('checks a planned update that names a primary identity it does not attach', () => {
    const update = `
    planned_update:
      identity:
        type: system_assigned,user_assigned
        user_assigned_identities: [uai-a]
      primary_user_assigned_identity: uai-b`;
    const findings = runRuleOn(primaryUaiMembership, estateFromYaml(baseEstateYaml({ workspace: workspace('uai-a', update), extra: uais })));
    expectOnlyFinding(findings, { message: ['planned update of ws-ml'] });
    expect(findings[0]?.id).toContain('planned-update');
  });

  it('stays quiet for a planned update that attaches its new primary identity', () => {
    const update = `
    planned_update:
      identity:
        type: system_assigned,user_assigned
        user_assigned_identities: [uai-a, uai-b]
      primary_user_assigned_identity: uai-b`;
    expect(runRuleOn(primaryUaiMembership, estateFromYaml(baseEstateYaml({ workspace: workspace('uai-a', update), extra: uais })))).toEqual([]);
  });
});
