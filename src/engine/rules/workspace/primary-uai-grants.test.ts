import { describe, expect, it } from 'vitest';
import identityList from '../../io/core/fixtures/contoso/az-identities.json?raw';
import keyVaultShow from '../../io/core/fixtures/contoso/az-keyvault.json?raw';
import roleAssignmentList from '../../io/core/fixtures/contoso/az-role-assignments.json?raw';
import storageShow from '../../io/core/fixtures/contoso/az-storage.json?raw';
import workspaceShow from '../../io/core/fixtures/contoso/az-workspace.json?raw';
import { readInputs, type InputFile } from '../../io/inputs';
import { expectFinding, expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { UAI_WS_WORKSPACE, uaiWsIdentity } from '../../testing/workspaces';
import { primaryUaiGrants } from './primary-uai-grants';

const uaiWorkspace = UAI_WS_WORKSPACE;
const uai = uaiWsIdentity();
const allGrants = `role_assignments:
  - { principal: uai-ws, role: Contributor, scope: ws-ml }
  - { principal: uai-ws, role: Contributor, scope: stml }
  - { principal: uai-ws, role: Storage Blob Data Contributor, scope: stml }
  - { principal: uai-ws, role: Contributor, scope: kv-ml }
  - { principal: uai-ws, role: Key Vault Administrator, scope: kv-ml }
  - { principal: uai-ws, role: Contributor, scope: acrml }
  - { principal: uai-ws, role: Contributor, scope: ai-ml }
`;

describe('AML-WS-003 primary UAI grants', () => {
  it('stays quiet when every required grant is there', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: uaiWorkspace, extra: uai + allGrants }));
    expect(runRuleOn(primaryUaiGrants, estate)).toEqual([]);
  });

  it('stays quiet for a system-assigned workspace, whose grants Azure ML makes', () => {
    const estate = estateFromYaml(baseEstateYaml());
    expect(runRuleOn(primaryUaiGrants, estate)).toEqual([]);
  });

  it('fires for the missing Contributor on the key vault, with the fix for that identity and scope', () => {
    const grants = allGrants.replace('  - { principal: uai-ws, role: Contributor, scope: kv-ml }\n', '');
    const estate = estateFromYaml(baseEstateYaml({ workspace: uaiWorkspace, extra: uai + grants }));
    const findings = runRuleOn(primaryUaiGrants, estate);
    const finding = expectOnlyFinding(findings, { severity: 'error', message: ['uai-ws'] });
    expect(finding?.fix?.az.join('\n')).toContain('--role b24988ac-6180-42a0-ab88-20f7382dd24c');
    expect(finding?.fix?.az.join('\n')).toContain('--assignee-object-id 44444444-4444-4444-4444-444444444444');
    expect(finding?.fix?.az.join('\n')).toMatch(/--scope \/subscriptions\/.*\/Microsoft\.KeyVault\/vaults\/kv-ml/);
    expectFinding(finding, {
      terraform: ['azurerm_role_assignment'],
      bicep: ["Microsoft.Authorization/roleAssignments@2022-04-01"],
    });
  });

  it('accepts a full access policy instead of Key Vault Administrator under the access-policy model', () => {
    const policyVault = baseEstateYaml({ workspace: uaiWorkspace, extra: uai + allGrants.replace('  - { principal: uai-ws, role: Key Vault Administrator, scope: kv-ml }\n', '') })
      .replace('enable_rbac_authorization: true', 'enable_rbac_authorization: false\n    access_policies:\n      - { principal: uai-ws, secrets: [get, list, set, delete, recover, backup, restore] }');
    expect(runRuleOn(primaryUaiGrants, estateFromYaml(policyVault))).toEqual([]);
  });

  it('reports the optional data-preview grant as a warning only', () => {
    const grants = allGrants.replace('  - { principal: uai-ws, role: Storage Blob Data Contributor, scope: stml }\n', '');
    const findings = runRuleOn(primaryUaiGrants, estateFromYaml(baseEstateYaml({ workspace: uaiWorkspace, extra: uai + grants })));
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('AML-WS-003 on a key vault that uses access policies', () => {
  it('asks for an access policy when the identity has none', () => {
    const yaml = baseEstateYaml({ workspace: uaiWorkspace, extra: uai + allGrants.replace('  - { principal: uai-ws, role: Key Vault Administrator, scope: kv-ml }\n', '') }).replace(
      'enable_rbac_authorization: true',
      'enable_rbac_authorization: false',
    );
    const findings = runRuleOn(primaryUaiGrants, estateFromYaml(yaml));
    expectOnlyFinding(findings, { severity: 'error', message: ['no access policy on kv-ml'] });
    expect(findings[0]?.fix?.az).toContain(
      'az keyvault set-policy --name kv-ml --resource-group rg-ml --object-id 44444444-4444-4444-4444-444444444444 --secret-permissions get list set delete recover backup restore',
    );
  });

  it('reports a policy that grants only some of the permissions R4 needs (all but purge), naming the missing ones', () => {
    const partial = (permissions: string) =>
      baseEstateYaml({ workspace: uaiWorkspace, extra: uai + allGrants.replace('  - { principal: uai-ws, role: Key Vault Administrator, scope: kv-ml }\n', '') }).replace(
        'enable_rbac_authorization: true',
        `enable_rbac_authorization: false\n    access_policies:\n      - { principal: uai-ws, secrets: [${permissions}] }`,
      );
    const findings = runRuleOn(primaryUaiGrants, estateFromYaml(partial('get, list, set')));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.message).toContain('(secrets delete, recover, backup, restore)');
    expect(findings[0]?.fix?.az.join('\n')).toContain('--secret-permissions get list set delete recover backup restore');
    expect(runRuleOn(primaryUaiGrants, estateFromYaml(partial('all')))).toEqual([]);
  });

  it('asks no access policy on a key vault whose permission model the import does not give (named only by az ml workspace show)', () => {
    // kv-ml-prod uses RBAC and uai-ws holds Key Vault Administrator there; without az keyvault show the vault is
    // known only by reference, and its model was taken as the default (access policies).
    const exports: InputFile[] = [
      { file: 'workspace.json', text: workspaceShow },
      { file: 'storage.json', text: storageShow },
      { file: 'identities.json', text: identityList },
      { file: 'role-assignments.json', text: roleAssignmentList },
    ];
    const policyFindings = (files: InputFile[]) => {
      const estate = readInputs(files).estate;
      if (!estate) throw new Error('the exports did not read');
      return runRuleOn(primaryUaiGrants, estate).filter((f) => f.message.includes('no access policy'));
    };
    expect(policyFindings(exports)).toEqual([]);
    // A vault az keyvault show gives on the access-policy model, with no policy for uai-ws, is reported.
    const policyModel = keyVaultShow.replace('"enableRbacAuthorization": true', '"enableRbacAuthorization": false');
    expect(policyFindings([...exports, { file: 'keyvault.json', text: policyModel }]).map((f) => f.message)).toEqual([
      expect.stringContaining('uai-ws (user-assigned identity) has no access policy on kv-ml-prod'),
    ]);
  });
});
