import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { CMK_WORKSPACE, UAI_CMK } from '../../testing/workspaces';
import { cmkKeyAccess } from './cmk-key-access';

const KV = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/kv-ml';
const uai = UAI_CMK;
const workspace = CMK_WORKSPACE;

describe('AML-WS-011 customer-managed-key identity and the key', () => {
  it('warns (unconfirmed) when the CMK identity holds no key vault role that wraps keys', () => {
    const findings = runRuleOn(cmkKeyAccess, estateFromYaml(baseEstateYaml({ workspace, extra: uai })));
    const finding = expectOnlyFinding(findings, {
      severity: 'warning',
      confidence: 'unconfirmed',
      message: ['uai-cmk'],
    });
    expect(finding?.subjects[1]).toBe(KV);
    expect(finding?.fix?.actions).toContainEqual({
      kind: 'assign-role',
      principal: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-cmk',
      role: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
      scope: KV,
    });
  });

  it('stays quiet when the CMK identity holds Key Vault Administrator on the vault', () => {
    const grants = 'role_assignments:\n  - { principal: uai-cmk, role: Key Vault Administrator, scope: kv-ml }\n';
    expect(runRuleOn(cmkKeyAccess, estateFromYaml(baseEstateYaml({ workspace, extra: uai + grants })))).toEqual([]);
  });

  it('asks for an access policy on a vault that uses access policies', () => {
    const yaml = baseEstateYaml({ workspace, extra: uai }).replace('enable_rbac_authorization: true', 'enable_rbac_authorization: false');
    const findings = runRuleOn(cmkKeyAccess, estateFromYaml(yaml));
    expectOnlyFinding(findings, { message: ['no access policy on kv-ml'] });
    expect(findings[0]?.fix?.az).toContain(
      'az keyvault set-policy --name kv-ml --resource-group rg-ml --object-id 55555555-5555-5555-5555-555555555555 --key-permissions get wrapKey unwrapKey',
    );
    expect(findings[0]?.fix?.terraform).toContain('key_permissions    = ["Get", "WrapKey", "UnwrapKey"]');
  });

  it('stays quiet when an access policy lets the identity wrap keys', () => {
    const yaml = baseEstateYaml({ workspace, extra: uai }).replace(
      'enable_rbac_authorization: true',
      'enable_rbac_authorization: false\n    access_policies:\n      - { principal: uai-cmk, keys: [get, wrapkey, unwrapkey] }',
    );
    expect(runRuleOn(cmkKeyAccess, estateFromYaml(yaml))).toEqual([]);
  });
});
