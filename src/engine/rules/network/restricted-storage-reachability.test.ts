import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../testing/estates';
import { datastore, idOf, ruleEstate } from '../../testing/datastores';
import { restrictedStorageReachability } from './restricted-storage-reachability';

const raw = datastore('raw', '    type: azure_blob\n');

describe('AML-NET-001 datastore storage behind a firewall', () => {
  it('warns about storage limited to selected networks, naming its datastores and workspace', () => {
    const estate = ruleEstate({ datastores: raw }, { storage: '    network: selected_networks\n' });
    const findings = runRuleOn(restrictedStorageReachability, estate);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('warning');
    expect(findings[0]?.subjects).toEqual([
      idOf(estate, 'storageAccounts', 'stml'),
      idOf(estate, 'datastores', 'raw'),
      idOf(estate, 'workspaces', 'ws-ml'),
    ]);
    expect(findings[0]?.message).toContain('stml admits only selected networks');
    expect(findings[0]?.message).toContain('datastore raw');
  });

  it('warns about private-endpoint storage', () => {
    const findings = runRuleOn(
      restrictedStorageReachability,
      ruleEstate({ datastores: raw }, { storage: '    network: private_endpoint\n' }),
    );
    expect(findings[0]?.message).toContain('private endpoints');
  });

  it('stays quiet for public storage', () => {
    expect(runRuleOn(restrictedStorageReachability, ruleEstate({ datastores: raw }))).toEqual([]);
  });
});
