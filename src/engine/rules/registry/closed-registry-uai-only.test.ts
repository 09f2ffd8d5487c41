import { describe, expect, it } from 'vitest';
import { expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { UAI_WS_WORKSPACE, uaiWsIdentity } from '../../testing/workspaces';
import { registryClosedUaiOnly } from './closed-registry-uai-only';

const uaiWorkspace = UAI_WS_WORKSPACE;
const uai = uaiWsIdentity('role_assignments:\n  - { principal: uai-ws, role: AcrPull, scope: acrml }\n');
const closed = (yaml: string) => yaml.replace('    admin_user_enabled: false\n', '    admin_user_enabled: false\n    public_network_access: Disabled\n');

describe('AML-ACR-001 closed registry reached only through a user-assigned identity', () => {
  it('warns (unconfirmed) when the registry is closed, the admin user off and the workspace has only a UAI', () => {
    const findings = runRuleOn(registryClosedUaiOnly, estateFromYaml(closed(baseEstateYaml({ workspace: uaiWorkspace, extra: uai }))));
    const finding = expectOnlyFinding(findings, { severity: 'warning', confidence: 'unconfirmed' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['acrml', 'ws-ml']);
    expectFinding(finding, { message: ['acrml', 'uai-ws'] });
    const az = finding?.fix?.az.join('\n') ?? '';
    expect(az).toContain('type: system_assigned,user_assigned');
    expect(az).toMatch(/'\/subscriptions\/.*\/userAssignedIdentities\/uai-ws': \{\}/);
    expect(az).toContain('az ml workspace update --name ws-ml --resource-group rg-ml --file ws-ml-identity.yml');
    expect(finding?.pathIds.length).toBe(1);
  });

  it('stays quiet when the workspace also has its system-assigned identity', () => {
    const both = uaiWorkspace.replace('type: user_assigned', 'type: system_assigned,user_assigned');
    expect(runRuleOn(registryClosedUaiOnly, estateFromYaml(closed(baseEstateYaml({ workspace: both, extra: uai }))))).toEqual([]);
  });

  it('stays quiet when the registry allows public access', () => {
    expect(runRuleOn(registryClosedUaiOnly, estateFromYaml(baseEstateYaml({ workspace: uaiWorkspace, extra: uai })))).toEqual([]);
  });

  it('stays quiet when the admin user is on', () => {
    const yaml = closed(baseEstateYaml({ workspace: uaiWorkspace, extra: uai })).replace('admin_user_enabled: false', 'admin_user_enabled: true');
    expect(runRuleOn(registryClosedUaiOnly, estateFromYaml(yaml))).toEqual([]);
  });
});
