import { describe, expect, it } from 'vitest';
import { assignRole, expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import {
  accessPolicyVault,
  deploymentWithVariables,
  endpointEstate,
  IDS,
  keyVaultRef,
  UAI_IDENTITY,
  UAI_PRINCIPAL_ID,
} from '../../testing/endpoints';
import { keyVaultSecretAccess } from './key-vault-secret-access';

const deployments = deploymentWithVariables({
  DB_PASSWORD: keyVaultRef('kv-ml', 'db-password'),
  API_KEY: keyVaultRef('kv-ml', 'api-key'),
});

describe('AML-SEC-001 endpoint identity cannot read an injected key vault secret', () => {
  it('fires once per identity and vault on an RBAC vault, even for a system identity', () => {
    const findings = runRuleOn(keyVaultSecretAccess, endpointEstate({ deployments }));
    expectOnlyFinding(findings, {
      subjects: [IDS.endpointSai, IDS.keyVault, IDS.endpoint],
      severity: 'error',
      message: ['DB_PASSWORD (secret db-password) and API_KEY (secret api-key)', 'never grants this'],
      fixActions: [assignRole(IDS.endpointSai, '4633458b-17de-408a-b874-0445c86b69e6', IDS.keyVault)],
      pathCount: 2,
    });
  });

  it('stays quiet once Key Vault Secrets User is assigned', () => {
    const estate = endpointEstate({
      deployments,
      roles: ['{ principal: system:ws-ml/onlineEndpoints/ep, role: Key Vault Secrets User, scope: kv-ml }'],
    });
    expect(runRuleOn(keyVaultSecretAccess, estate)).toEqual([]);
  });

  it('offers an access policy, not a role, on a policy vault', () => {
    const estate = endpointEstate({
      endpoint: UAI_IDENTITY,
      deployments,
      transform: accessPolicyVault('      - { principal: bob@contoso.com, secrets: [get] }\n'),
    });
    const findings = runRuleOn(keyVaultSecretAccess, estate);
    expect(findings).toHaveLength(1);
    const fix = findings[0]?.fix;
    expect(findings[0]?.message).toContain('access-policy model');
    expect(fix?.actions[0]?.kind).toBe('set-key-vault-policy');
    expect(fix?.az).toContain(
      `az keyvault set-policy --name kv-ml --resource-group rg-ml --object-id ${UAI_PRINCIPAL_ID} --secret-permissions get`,
    );
    expect(fix?.bicep).toContain('Microsoft.KeyVault/vaults/accessPolicies@2023-07-01');
    expect(fix?.terraform).toContain('azurerm_key_vault_access_policy');
    expect(fix?.terraform).toMatch(new RegExp(`object_id += "${UAI_PRINCIPAL_ID}"`));
  });

  it('stays quiet when an access policy lets the identity get secrets', () => {
    const estate = endpointEstate({
      endpoint: UAI_IDENTITY,
      deployments,
      transform: accessPolicyVault('      - { principal: uai-ep, secrets: [get] }\n'),
    });
    expect(runRuleOn(keyVaultSecretAccess, estate)).toEqual([]);
  });

  it('warns about a vault the estate does not describe', () => {
    const findings = runRuleOn(
      keyVaultSecretAccess,
      endpointEstate({
        deployments: deploymentWithVariables({ API_KEY: keyVaultRef('kv-elsewhere', 'api-key') }),
      }),
    );
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [IDS.blue, IDS.endpoint],
      message: ['https://kv-elsewhere.vault.azure.net'],
    });
  });
});
