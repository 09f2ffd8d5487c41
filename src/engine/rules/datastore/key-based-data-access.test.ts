import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { keyBasedDataAccess } from './key-based-data-access';
import { idOf, ruleEstate } from '../../testing/datastores';
import { EstateBuilder } from '../../testing/rbac';
import { buildRbacIndex, check } from '../../rbac';
import type { Decision } from '../../rbac/types';

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

  describe('with one holder over several storage accounts', () => {
    const LIST_KEYS = 'Microsoft.Storage/storageAccounts/listKeys/action';
    /** Two storage accounts in two resource groups, and a user holding Contributor on their subscription. */
    function twoAccounts() {
      const b = new EstateBuilder();
      const sub = b.sub('s');
      const rg1 = b.rg(sub, 'rg1');
      const sa1 = b.storage(rg1, 'sa1');
      const sa2 = b.storage(b.rg(sub, 'rg2'), 'sa2');
      const u = b.user('u');
      b.assign(u, 'Contributor', sub);
      return { b, rg1, sa1, sa2, u };
    }
    const decisionsOf = (findings: ReturnType<typeof runRuleOn>) =>
      findings.map((f) => f.evidence.flatMap((e) => (e.kind === 'decision' ? [e.decision] : [])));

    it('gives each account the decision the access check gives there, with its own question', () => {
      const { b, sa1, sa2, u } = twoAccounts();
      const findings = runRuleOn(keyBasedDataAccess, b.estate);
      const index = buildRbacIndex(b.estate);
      const expected = (scope: string): Decision => check(index, { principal: u, action: LIST_KEYS, scope, dataAction: false });
      expect(decisionsOf(findings)).toEqual([[expected(sa1)], [expected(sa2)]]);
      expect(findings.map((f) => f.subjects)).toEqual([[sa1, u], [sa2, u]]);
    });

    it('asks again where the holder holds more on one account: a data role there, or a conditional one', () => {
      const { b, rg1, sa2, u } = twoAccounts();
      b.assign(u, 'Storage Blob Data Contributor', rg1);
      expect(runRuleOn(keyBasedDataAccess, b.estate).map((f) => f.subjects)).toEqual([[sa2, u]]);

      const conditional = twoAccounts();
      conditional.b.assign(conditional.u, 'Storage Blob Data Contributor', conditional.sa2, {
        condition: "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data'",
        conditionVersion: '2.0',
      });
      // Writes to one container only: the keys still reach everything, at both accounts.
      expect(runRuleOn(keyBasedDataAccess, conditional.b.estate).map((f) => f.subjects)).toEqual([
        [conditional.sa1, conditional.u],
        [conditional.sa2, conditional.u],
      ]);
    });
  });
});
