import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { keyBasedDataAccess } from './key-based-data-access';
import { idOf, ruleEstate } from '../../testing/datastores';

const contributors = `  - { principal: bob@contoso.com, role: Contributor, scope: rg-ml }
  - { principal: alice@contoso.com, role: Owner, scope: stml }
  - { principal: alice@contoso.com, role: Storage Blob Data Contributor, scope: stml }
  - { principal: carol@contoso.com, role: Reader, scope: stml }
`;

describe('AML-DS-007 data access through storage keys', () => {
  it('names the management-role holders who can list keys but have no data role', () => {
    const estate = ruleEstate({ assignments: contributors });
    const findings = runRuleOn(keyBasedDataAccess, estate);
    const finding = expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [idOf(estate, 'storageAccounts', 'stml'), idOf(estate, 'users', 'bob@contoso.com')],
      message: ['bob@contoso.com', 'Contributor'],
    });
    expect(finding?.fix?.az.join('\n')).toContain(
      'az storage account update --name stml --resource-group rg-ml --allow-shared-key-access false',
    );
    expect(finding?.fix?.terraform).toContain('shared_access_key_enabled = false');
  });

  it('leaves out the workspace identity and automatic grants', () => {
    expect(runRuleOn(keyBasedDataAccess, ruleEstate({}))).toEqual([]);
  });

  it('stays quiet when the account refuses shared keys', () => {
    expect(
      runRuleOn(
        keyBasedDataAccess,
        ruleEstate({ assignments: contributors }, { storage: '    allow_shared_key_access: false\n' }),
      ),
    ).toEqual([]);
  });
});
