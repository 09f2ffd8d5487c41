import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { identityTypeRevert } from './identity-type-revert';

const uai = 'user_assigned_identities:\n  - { name: uai-a, resource_group: rg-ml }\n';

describe('AML-WS-007 identity type transitions', () => {
  it('fires when a planned update takes system_assigned,user_assigned back to system_assigned', () => {
    const workspace = `    identity:
      type: system_assigned,user_assigned
      user_assigned_identities: [uai-a]
    planned_update:
      identity:
        type: system_assigned`;
    const estate = estateFromYaml(baseEstateYaml({ workspace, extra: uai }));
    const findings = runRuleOn(identityTypeRevert, estate);
    expectOnlyFinding(findings, {
      severity: 'error',
      subjects: [estate.workspaces[0]?.id],
      message: ['from system_assigned,user_assigned back to system_assigned'],
    });
  });

  it('stays quiet for the allowed move from system_assigned to system_assigned,user_assigned', () => {
    const workspace = `    identity:
      type: system_assigned
    planned_update:
      identity:
        type: system_assigned,user_assigned
        user_assigned_identities: [uai-a]`;
    expect(runRuleOn(identityTypeRevert, estateFromYaml(baseEstateYaml({ workspace, extra: uai })))).toEqual([]);
  });
});
