import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { identityBasedStorageType } from './identity-based-storage-type';
import { idOf, ruleEstate } from '../../testing/datastores';

const fileShare = (credentials: string) => `  - name: share
    workspace: ws-ml
    type: azure_file
    account_name: stml
    file_share_name: team
${credentials}`;

describe('AML-DS-002 datastore type and identity-based access', () => {
  it('reports an Azure Files datastore without credentials as an error', () => {
    const estate = ruleEstate({ datastores: fileShare('') });
    const findings = runRuleOn(identityBasedStorageType, estate);
    expectOnlyFinding(findings, {
      severity: 'error',
      subjects: [idOf(estate, 'datastores', 'share')],
      message: ['share'],
    });
    expect(findings[0]?.fix?.az.join('\n')).toContain('file_share_name: team');
  });

  it('stays quiet for an Azure Files datastore with a SAS token', () => {
    expect(
      runRuleOn(identityBasedStorageType, ruleEstate({ datastores: fileShare('    credentials: sas\n') })),
    ).toEqual([]);
  });

  it('notes that an identity-based ADLS Gen1 datastore depends on POSIX ACLs', () => {
    const gen1 =
      '  - name: legacy\n    workspace: ws-ml\n    type: azure_data_lake_gen1\n    store_name: adlsgen1\n';
    const findings = runRuleOn(identityBasedStorageType, ruleEstate({ datastores: gen1 }));
    expect(findings.map((f) => f.severity)).toEqual(['info']);
    expect(findings[0]?.message).toContain('POSIX ACLs');
  });

  it('stays quiet for an identity-based blob datastore', () => {
    const blob =
      '  - name: raw\n    workspace: ws-ml\n    type: azure_blob\n    account_name: stml\n    container_name: raw\n';
    expect(runRuleOn(identityBasedStorageType, ruleEstate({ datastores: blob }))).toEqual([]);
  });
});
