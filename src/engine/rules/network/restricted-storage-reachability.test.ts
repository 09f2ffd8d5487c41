import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { datastore, idOf, ruleEstate } from '../../testing/datastores';
import { restrictedStorageReachability } from './restricted-storage-reachability';

const raw = datastore('raw', '    type: azure_blob\n');

describe('AML-NET-001 datastore storage behind a firewall', () => {
  it('warns about storage limited to selected networks, naming its datastores and workspace', () => {
    const estate = ruleEstate({ datastores: raw }, { storage: '    network: selected_networks\n' });
    const findings = runRuleOn(restrictedStorageReachability, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [
        idOf(estate, 'storageAccounts', 'stml'),
        idOf(estate, 'datastores', 'raw'),
        idOf(estate, 'workspaces', 'ws-ml'),
      ],
      message: ['stml admits only selected networks', 'datastore raw'],
    });
  });

  it('warns about private-endpoint storage', () => {
    const findings = runRuleOn(
      restrictedStorageReachability,
      ruleEstate({ datastores: raw }, { storage: '    network: private_endpoint\n' }),
    );
    expect(findings[0]?.message).toContain('private endpoints');
  });

  // aistudio-network-restricted, machine-learning-network-restricted: a hub with a managed network
  // (AllowInternetOutBound) on storage that denies by default with the trusted-services bypass.
  it('stays quiet when a managed network reaches the workspace default storage through its managed private endpoints', () => {
    const managed = '    identity:\n      type: system_assigned\n    managed_network:\n      isolation_mode: allow_internet_outbound\n';
    const estate = ruleEstate({ datastores: raw }, { storage: '    network: trusted_services\n', workspace: managed });
    expect(runRuleOn(restrictedStorageReachability, estate)).toEqual([]);
  });

  it('stays quiet for public storage', () => {
    expect(runRuleOn(restrictedStorageReachability, ruleEstate({ datastores: raw }))).toEqual([]);
  });
});
