import { describe, expect, it } from 'vitest';
import { expectAzRoleAssignment, expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { aksRegistryAccess } from './aks-registry-access';

const spAks = `service_principals:
  - name: sp-aks
    object_id: 66666666-6666-6666-6666-666666666666
    app_id: 77777777-7777-7777-7777-777777777777
aks_clusters:
  - name: aks-infer
    resource_group: rg-ml
    attached_workspace: ws-ml
    identity:
      type: service_principal
      service_principal: sp-aks
`;
const miAks = `aks_clusters:
  - name: aks-infer
    resource_group: rg-ml
    attached_workspace: ws-ml
    identity:
      type: system_assigned
`;

describe('AML-ACR-005 attached AKS and the workspace registry', () => {
  it('reports an attached cluster that uses a managed identity only', () => {
    const findings = runRuleOn(aksRegistryAccess, estateFromYaml(baseEstateYaml({ extra: miAks })));
    const finding = expectOnlyFinding(findings, { severity: 'error' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['aks-infer', 'ws-ml']);
    expectFinding(finding, { message: ['service principal'], pathCount: 1 });
  });

  it('stays quiet for a service-principal cluster in a planned estate (Azure ML grants AcrPull on attach)', () => {
    expect(runRuleOn(aksRegistryAccess, estateFromYaml(baseEstateYaml({ extra: spAks })))).toEqual([]);
  });

  it('reports the service principal without AcrPull in an observed estate, with the fix', () => {
    const findings = runRuleOn(aksRegistryAccess, estateFromYaml(baseEstateYaml({ extra: spAks, assignments: 'observed' })));
    const finding = expectOnlyFinding(findings, { severity: 'error' });
    expect(finding?.subjects[0]).toBe('sp:66666666-6666-6666-6666-666666666666');
    expect(finding?.message).toContain('normally makes this grant');
    expectAzRoleAssignment(finding, '7f951dda-4ed3-4680-a7ca-43fe172d538d', '66666666-6666-6666-6666-666666666666', /--scope \/subscriptions\/.*\/registries\/acrml/);
  });

  it('stays quiet in an observed estate once the grant is exported', () => {
    const granted = `${spAks}role_assignments:\n  - { principal: sp-aks, role: AcrPull, scope: acrml }\n`;
    expect(runRuleOn(aksRegistryAccess, estateFromYaml(baseEstateYaml({ extra: granted, assignments: 'observed' })))).toEqual([]);
  });
});
