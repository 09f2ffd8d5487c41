import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { computeSection, systemIdentity } from '../../testing/computes';
import { computeVnet } from './compute-vnet';

function cluster(subnet: string): string {
  return computeSection('cpu-cluster', 'amlcompute', systemIdentity(subnet));
}

describe('AML-GOV-007 compute in a virtual network', () => {
  it('fires for a cluster without a subnet in a workspace without a managed network', () => {
    const estate = estateFromYaml(baseEstateYaml({ extra: cluster('') }));
    const findings = runRuleOn(computeVnet, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [estate.computes[0]?.id, estate.workspaces[0]?.id],
      message: ['Compute cluster cpu-cluster', 'Azure.ML.ComputeVnet'],
    });
  });

  it('stays quiet for a cluster placed in a subnet', () => {
    const subnet = '\n    subnet: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/ml';
    expect(runRuleOn(computeVnet, estateFromYaml(baseEstateYaml({ extra: cluster(subnet) })))).toEqual([]);
  });

  it('stays quiet when the workspace runs its computes in a managed network', () => {
    const workspace = '    identity:\n      type: system_assigned\n    managed_network:\n      isolation_mode: allow_only_approved_outbound';
    expect(runRuleOn(computeVnet, estateFromYaml(baseEstateYaml({ workspace, extra: cluster('') })))).toEqual([]);
  });
});
