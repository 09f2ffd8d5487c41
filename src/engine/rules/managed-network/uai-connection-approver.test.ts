import { describe, expect, it } from 'vitest';
import { assignRole, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { managedNetworkWorkspace, UAI_WS_WORKSPACE, uaiWsIdentity } from '../../testing/workspaces';
import { uaiConnectionApprover } from './uai-connection-approver';

const RG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml';
const UAI = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-ws`;
const uai = uaiWsIdentity();

function workspace(mode: string): string {
  return `${UAI_WS_WORKSPACE}
    managed_network:
      isolation_mode: ${mode}`;
}

describe('AML-MNET-001 managed network approver role for a user-assigned workspace identity', () => {
  it('fires when the identity may not approve private endpoints on the storage account and registry', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: workspace('allow_only_approved_outbound'), extra: uai }));
    const findings = runRuleOn(uaiConnectionApprover, estate);
    const finding = expectOnlyFinding(findings, {
      severity: 'error',
      subjects: [
        UAI,
        `${RG}/providers/Microsoft.Storage/storageAccounts/stml`,
        `${RG}/providers/Microsoft.ContainerRegistry/registries/acrml`,
        estate.workspaces[0]?.id,
      ],
      message: ['uai-ws', 'stml and acrml', 'allow_only_approved_outbound'],
      fixActions: [assignRole(UAI, 'b556d68e-0be0-4f35-a333-ad7ee1ce17ea', RG)],
    });
    expect(finding?.fix?.az.join('\n')).toContain('--assignee-object-id 44444444-4444-4444-4444-444444444444');
  });

  it('stays quiet once the identity holds Azure AI Enterprise Network Connection Approver on the group', () => {
    const grants = 'role_assignments:\n  - { principal: uai-ws, role: Azure AI Enterprise Network Connection Approver, scope: rg-ml }\n';
    expect(runRuleOn(uaiConnectionApprover, estateFromYaml(baseEstateYaml({ workspace: workspace('allow_internet_outbound'), extra: uai + grants })))).toEqual([]);
  });

  it('stays quiet without a managed network', () => {
    expect(runRuleOn(uaiConnectionApprover, estateFromYaml(baseEstateYaml({ workspace: workspace('disabled'), extra: uai })))).toEqual([]);
  });

  it('stays quiet for a system-assigned workspace identity', () => {
    const sai = managedNetworkWorkspace('allow_only_approved_outbound');
    expect(runRuleOn(uaiConnectionApprover, estateFromYaml(baseEstateYaml({ workspace: sai })))).toEqual([]);
  });
});
