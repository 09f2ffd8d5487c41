import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { datastore, idOf, ruleEstate, WORKSPACE_ID } from '../../testing/datastores';
import { trustedServicesException } from './trusted-services-exception';

const raw = datastore('raw', '    type: azure_blob\n');
const lockedRegistry = (trusted: boolean) =>
  `container_registries:\n  - name: acrml\n    resource_group: rg-ml\n    admin_user_enabled: false\n    network_restriction: private_endpoint\n    trusted_services_allowed: ${trusted}\n`;

function withRegistry(trusted: boolean) {
  return (yaml: string) =>
    yaml.replace(
      'container_registries:\n  - name: acrml\n    resource_group: rg-ml\n    admin_user_enabled: false\n',
      lockedRegistry(trusted),
    );
}

describe('AML-NET-004 secured dependency without the trusted-services exception', () => {
  it('warns about storage limited to selected networks, with the resource-instance rule as the fix', () => {
    const estate = ruleEstate({ datastores: raw }, { storage: '    network: selected_networks\n' });
    const findings = runRuleOn(trustedServicesException, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [idOf(estate, 'storageAccounts', 'stml'), idOf(estate, 'workspaces', 'ws-ml')],
    });
    expect(findings[0]?.fix?.az[0]).toBe(
      `az storage account network-rule add --account-name stml --resource-group rg-ml --resource-id ${WORKSPACE_ID} --tenant-id 72f988bf-86f1-41af-91ab-2d7cd011db47`,
    );
    expect(findings[0]?.fix?.bicep).toContain("bypass: 'AzureServices'");
  });

  it('stays quiet for storage with the trusted-services exception', () => {
    expect(
      runRuleOn(
        trustedServicesException,
        ruleEstate({ datastores: raw }, { storage: '    network: trusted_services\n' }),
      ),
    ).toEqual([]);
  });

  it('warns about a private-endpoint registry that blocks trusted services', () => {
    const estate = estateFromYaml(withRegistry(false)(baseEstateYaml()));
    const findings = runRuleOn(trustedServicesException, estate);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.subjects[0]).toBe(idOf(estate, 'containerRegistries', 'acrml'));
    expect(findings[0]?.fix?.az).toEqual([
      'az acr update --name acrml --resource-group rg-ml --allow-trusted-services true',
    ]);
    expect(runRuleOn(trustedServicesException, estateFromYaml(withRegistry(true)(baseEstateYaml())))).toEqual(
      [],
    );
  });
});
