import { describe, expect, it } from 'vitest';
import { expectFinding, expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { credentialSecretReaders } from './credential-secret-readers';
import { datastore, idOf, ruleEstate } from '../../testing/datastores';

const readers = `  - { principal: alice@contoso.com, role: AzureML Data Scientist, scope: ws-ml }
  - { principal: bob@contoso.com, role: Reader, scope: ws-ml }
  - { principal: carol@contoso.com, role: Contributor, scope: rg-ml }
`;

describe('AML-DS-001 credential readable by workspace members', () => {
  it('names everyone who can list the secret of a key-based datastore', () => {
    const estate = ruleEstate({
      datastores: datastore('keyed', '    type: azure_blob\n    credentials: account_key\n'),
      assignments: readers,
    });
    const findings = runRuleOn(credentialSecretReaders, estate);
    const finding = expectOnlyFinding(findings, { severity: 'warning' });
    expect(finding?.subjects[0]).toBe(idOf(estate, 'datastores', 'keyed'));
    expect(finding?.subjects).toContain(idOf(estate, 'users', 'alice@contoso.com'));
    expect(finding?.subjects).toContain(idOf(estate, 'users', 'carol@contoso.com'));
    expect(finding?.subjects).not.toContain(idOf(estate, 'users', 'bob@contoso.com'));
    expectFinding(finding, { message: ['an account key', 'kv-ml', 'alice@contoso.com'] });
    expect(finding?.message).not.toContain('bob@contoso.com');
    expect(finding?.fix?.az.join('\n')).toContain(
      'az ml datastore create --file keyed.yml --workspace-name ws-ml --resource-group rg-ml',
    );
  });

  it('still warns about a stored service principal secret when nobody can read it yet', () => {
    const estate = ruleEstate({
      datastores: datastore(
        'lake',
        '    type: azure_data_lake_gen2\n    credentials: { type: service_principal, principal: sp-loader }\n',
      ),
    });
    const [finding] = runRuleOn(credentialSecretReaders, estate);
    expectFinding(finding, { message: ['a service principal secret', 'no person or application'] });
  });

  it('stays quiet for the same datastore without credentials', () => {
    const estate = ruleEstate({
      datastores: datastore('keyed', '    type: azure_blob\n'),
      assignments: readers,
    });
    expect(runRuleOn(credentialSecretReaders, estate)).toEqual([]);
  });
});
