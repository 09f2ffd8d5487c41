import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { datastore, idOf, ruleEstate } from '../../testing/datastores';
import { studioPreviewIdentity } from './studio-preview-identity';

describe('AML-NET-002 identity studio uses under network restrictions', () => {
  it('says the workspace identity previews storage limited to selected networks', () => {
    const estate = ruleEstate(
      { datastores: datastore('raw', '    type: azure_blob\n') },
      { storage: '    network: selected_networks\n' },
    );
    const findings = runRuleOn(studioPreviewIdentity, estate);
    expectOnlyFinding(findings, {
      severity: 'info',
      subjects: [idOf(estate, 'datastores', 'raw'), idOf(estate, 'storageAccounts', 'stml')],
      message: ['the system-assigned identity of ws-ml', 'selected networks'],
    });
  });

  it('says each studio user previews private-endpoint storage when the datastore does not opt in', () => {
    const estate = ruleEstate(
      { datastores: datastore('raw', '    type: azure_blob\n') },
      { storage: '    network: private_endpoint\n' },
    );
    expect(runRuleOn(studioPreviewIdentity, estate)[0]?.message).toContain('the studio user');
  });

  it('stays quiet for public storage', () => {
    expect(
      runRuleOn(
        studioPreviewIdentity,
        ruleEstate({ datastores: datastore('raw', '    type: azure_blob\n') }),
      ),
    ).toEqual([]);
  });
});
