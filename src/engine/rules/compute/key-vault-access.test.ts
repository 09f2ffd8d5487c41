import { describe, expect, it } from 'vitest';
import { expectAzRoleAssignment, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { UAI_TRAIN_CLUSTER } from '../../testing/computes';
import { computeKeyVaultAccess } from './key-vault-access';

const setup = (credentials: string, grants = '') => `${UAI_TRAIN_CLUSTER}datastores:
  - name: rawdata
    workspace: ws-ml
    type: azure_blob
    account_name: stml
    container_name: raw
${credentials}${grants}`;

describe('AML-CMP-003 compute identity and the workspace key vault', () => {
  it('warns (unconfirmed) when the cluster identity cannot read secrets and a datastore keeps a credential', () => {
    const findings = runRuleOn(computeKeyVaultAccess, estateFromYaml(baseEstateYaml({ extra: setup('    credentials: account_key\n') })));
    const finding = expectOnlyFinding(findings, { severity: 'warning', confidence: 'unconfirmed' });
    expect(finding?.subjects.map((s) => s.split('/').pop())).toEqual(['uai-train', 'kv-ml', 'cpu-cluster']);
    expect(finding?.message).toContain('rawdata');
    expectAzRoleAssignment(finding, '4633458b-17de-408a-b874-0445c86b69e6', '55555555-5555-5555-5555-555555555555', /--scope \/subscriptions\/.*\/vaults\/kv-ml/);
  });

  it('stays quiet with Key Vault Secrets User on the vault', () => {
    const grants = 'role_assignments:\n  - { principal: uai-train, role: Key Vault Secrets User, scope: kv-ml }\n';
    expect(runRuleOn(computeKeyVaultAccess, estateFromYaml(baseEstateYaml({ extra: setup('    credentials: account_key\n', grants) })))).toEqual([]);
  });

  it('stays quiet when no datastore keeps a credential', () => {
    expect(runRuleOn(computeKeyVaultAccess, estateFromYaml(baseEstateYaml({ extra: setup('') })))).toEqual([]);
  });

  it('offers an access policy, not a role, on an access-policy vault', () => {
    const yaml = baseEstateYaml({ extra: setup('    credentials: account_key\n') }).replace('enable_rbac_authorization: true', 'enable_rbac_authorization: false');
    const findings = runRuleOn(computeKeyVaultAccess, estateFromYaml(yaml));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.fix?.az).toContain(
      'az keyvault set-policy --name kv-ml --resource-group rg-ml --object-id 55555555-5555-5555-5555-555555555555 --secret-permissions get list',
    );
    expect(findings[0]?.fix?.az.join('\n')).not.toContain('az role assignment create');
  });
});
