import { describe, expect, it } from 'vitest';
import { expectAzRoleAssignment, expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { UAI_WS_WORKSPACE, uaiWsIdentity } from '../../testing/workspaces';
import { workspaceUaiAcrPull } from './workspace-uai-acr-pull';

const uaiWorkspace = UAI_WS_WORKSPACE;
const uai = uaiWsIdentity('role_assignments:\n  - { principal: uai-ws, role: Contributor, scope: ws-ml }\n');

describe('AML-ACR-002 workspace UAI AcrPull', () => {
  it('reports the missing AcrPull with a fix for that identity on the registry', () => {
    const findings = runRuleOn(workspaceUaiAcrPull, estateFromYaml(baseEstateYaml({ workspace: uaiWorkspace, extra: uai })));
    const finding = expectOnlyFinding(findings, { severity: 'error' });
    expect(finding?.subjects[0]).toMatch(/userAssignedIdentities\/uai-ws$/);
    expect(finding?.subjects[1]).toMatch(/registries\/acrml$/);
    expectFinding(finding, { message: ['uai-ws', 'acrml'] });
    expectAzRoleAssignment(finding, '7f951dda-4ed3-4680-a7ca-43fe172d538d', '44444444-4444-4444-4444-444444444444', /--scope \/subscriptions\/.*\/Microsoft\.ContainerRegistry\/registries\/acrml/);
  });

  it('stays quiet once the identity holds AcrPull', () => {
    const granted = uai + '  - { principal: uai-ws, role: AcrPull, scope: acrml }\n';
    expect(runRuleOn(workspaceUaiAcrPull, estateFromYaml(baseEstateYaml({ workspace: uaiWorkspace, extra: granted })))).toEqual([]);
  });

  it('stays quiet when Contributor on the registry already covers the pull action', () => {
    const contributor = uai + '  - { principal: uai-ws, role: Contributor, scope: acrml }\n';
    expect(runRuleOn(workspaceUaiAcrPull, estateFromYaml(baseEstateYaml({ workspace: uaiWorkspace, extra: contributor })))).toEqual([]);
  });

  it('stays quiet for a system-assigned workspace', () => {
    expect(runRuleOn(workspaceUaiAcrPull, estateFromYaml(baseEstateYaml()))).toEqual([]);
  });
});
