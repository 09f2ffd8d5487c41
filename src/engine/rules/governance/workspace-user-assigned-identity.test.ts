import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { UAI_WS_WORKSPACE } from '../../testing/workspaces';
import { workspaceUserAssignedIdentity } from './workspace-user-assigned-identity';

describe('AML-GOV-001 workspace user-assigned identity baseline', () => {
  it('fires for a workspace that runs as its system identity, naming the policy and PSRule rule', () => {
    const estate = estateFromYaml(baseEstateYaml());
    const findings = runRuleOn(workspaceUserAssignedIdentity, estate);
    const finding = expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [estate.workspaces[0]?.id],
      message: ['5f0c7d88-c7de-45b8-ac49-db49e72eaa78', 'Azure.ML.UserManagedIdentity'],
    });
    const az = finding?.fix?.az.join('\n') ?? '';
    expect(az).toContain('az identity create --name ws-ml-identity --resource-group rg-ml');
    expect(az).toContain(
      '--primary-user-assigned-identity /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ws-ml-identity',
    );
  });

  it('stays quiet for a workspace with a primary user-assigned identity', () => {
    const workspace = UAI_WS_WORKSPACE;
    const extra = 'user_assigned_identities:\n  - { name: uai-ws, resource_group: rg-ml }\n';
    expect(runRuleOn(workspaceUserAssignedIdentity, estateFromYaml(baseEstateYaml({ workspace, extra })))).toEqual([]);
  });
});
