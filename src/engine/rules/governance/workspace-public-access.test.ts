import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { workspacePublicAccess } from './workspace-public-access';

describe('AML-GOV-003 workspace public network access', () => {
  it('fires for a workspace open to public networks, with the az fix', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: '    identity:\n      type: system_assigned\n    public_network_access: enabled' }));
    const findings = runRuleOn(workspacePublicAccess, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [estate.workspaces[0]?.id],
      message: ['438c38d2-3772-465a-a9cc-7a6666a275ce', 'Azure.ML.PublicAccess'],
      az: ['az ml workspace update --name ws-ml --resource-group rg-ml --public-network-access Disabled'],
      terraform: ['public_network_access_enabled = false'],
    });
  });

  it('stays quiet when public network access is disabled', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: '    identity:\n      type: system_assigned\n    public_network_access: disabled' }));
    expect(runRuleOn(workspacePublicAccess, estate)).toEqual([]);
  });
});
