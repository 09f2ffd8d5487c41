import { describe, expect, it } from 'vitest';
import { expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { registryAdminUser } from './admin-user';

describe('AML-ACR-003 registry admin user', () => {
  it('warns when the workspace registry has its admin user on, with the az acr update fix', () => {
    const yaml = baseEstateYaml().replace('admin_user_enabled: false', 'admin_user_enabled: true');
    const findings = runRuleOn(registryAdminUser, estateFromYaml(yaml));
    const finding = expectOnlyFinding(findings, { severity: 'warning' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['acrml', 'ws-ml']);
    expectFinding(finding, {
      message: ['acrml', 'ws-ml'],
      az: ['az acr update --name acrml --resource-group rg-ml --admin-enabled false'],
      bicep: ['adminUserEnabled: false'],
      terraform: ['admin_enabled       = false'],
    });
  });

  it('stays quiet when the admin user is off', () => {
    expect(runRuleOn(registryAdminUser, estateFromYaml(baseEstateYaml()))).toEqual([]);
  });

  it('warns when the workspace names no registry, offering to bring one', () => {
    const yaml = baseEstateYaml().replace('    container_registry: acrml\n', '');
    const findings = runRuleOn(registryAdminUser, estateFromYaml(yaml));
    const finding = expectOnlyFinding(findings, { severity: 'warning' });
    expect(finding?.subjects).toHaveLength(1);
    expect(finding?.subjects[0]).toMatch(/workspaces\/ws-ml$/);
    expect(finding?.message).toContain('admin user enabled');
    expect(finding?.fix?.az.join('\n')).toContain('az ml workspace update --name ws-ml --resource-group rg-ml --update-dependent-resources --container-registry');
  });
});
