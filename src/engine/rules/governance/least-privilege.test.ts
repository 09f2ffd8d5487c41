import { describe, expect, it } from 'vitest';
import { endpointEstate, IDS, UAI_DEPLOYMENT_GRANTS, UAI_IDENTITY } from '../../testing/endpoints';
import { runRuleOn } from '../../testing/estates';
import { leastPrivilegeGrant } from './least-privilege';

const OTHER_GRANTS = UAI_DEPLOYMENT_GRANTS.filter((r) => !r.includes('AcrPull'));

describe('AML-GOV-009 role assignment wider than the paths it serves', () => {
  it('fires on Contributor on the resource group where AcrPull on the registry would do, with the paths as evidence', () => {
    const estate = endpointEstate({ endpoint: UAI_IDENTITY, roles: ['{ principal: uai-ep, role: Contributor, scope: rg-ml }', ...OTHER_GRANTS] });
    const findings = runRuleOn(leastPrivilegeGrant, estate);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.severity).toBe('warning');
    expect(finding?.subjects).toEqual([IDS.uai]);
    expect(finding?.message).toContain('uai-ep holds Contributor on resource group rg-ml, but the paths it serves need only AcrPull on registry acrml and AzureML Metrics Writer (preview) on workspace ws-ml');
    expect(finding?.pathIds.length).toBeGreaterThan(0);
    expect(finding?.evidence.map((e) => e.label).join('\n')).toContain('needs Microsoft.ContainerRegistry/registries/pull/read on registry acrml');
    expect(finding?.fix?.actions[0]).toEqual({ kind: 'assign-role', principal: IDS.uai, role: '7f951dda-4ed3-4680-a7ca-43fe172d538d', scope: IDS.registry });
    expect(finding?.fix?.az.join('\n')).toContain('az role assignment delete --ids');
    // The removal is structured too, so a what-if can swap the roles (Try this fix).
    const wide = estate.roleAssignments.find((r) => r.principal === IDS.uai && r.role === 'b24988ac-6180-42a0-ab88-20f7382dd24c');
    expect(finding?.fix?.actions.find((a) => a.kind === 'command')).toMatchObject({ kind: 'command', removes: wide?.id });
    expect(finding?.fix?.terraform).toContain('azurerm_role_assignment');
  });

  it('fires on a data role wider than the reads it serves (Storage Blob Data Contributor where Reader would do)', () => {
    const roles = UAI_DEPLOYMENT_GRANTS.map((r) => r.replace('Storage Blob Data Reader', 'Storage Blob Data Contributor'));
    const [finding] = runRuleOn(leastPrivilegeGrant, endpointEstate({ endpoint: UAI_IDENTITY, roles }));
    expect(finding?.message).toContain('Storage Blob Data Contributor on storage account stml, but the paths it serves need only Storage Blob Data Reader');
  });

  it('stays quiet when every grant is already the least one at the resource', () => {
    expect(runRuleOn(leastPrivilegeGrant, endpointEstate({ endpoint: UAI_IDENTITY, roles: UAI_DEPLOYMENT_GRANTS }))).toEqual([]);
  });

  it("stays quiet about people's roles, which serve work no path describes", () => {
    const roles = [...UAI_DEPLOYMENT_GRANTS, '{ principal: alice@contoso.com, role: Owner, scope: rg-ml }'];
    expect(runRuleOn(leastPrivilegeGrant, endpointEstate({ endpoint: UAI_IDENTITY, roles }))).toEqual([]);
  });
});
