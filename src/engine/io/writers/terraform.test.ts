import hcl from 'hcl2-parser';
import { describe, expect, it } from 'vitest';
import starter from '../../../../public/samples/starter.yaml?raw';
import { analyze } from '../../analysis/analyze';
import { entityId } from '../../model/ids';
import { baseEstateYaml, estateFromYaml } from '../../testing/estates';
import { hclString, writeTerraform } from './terraform';
import { handAnalysis, handFinding, KITCHEN_SINK_YAML, lookupFindings, READER, repeatedGrantAnalysis } from '../../testing/writers';

type Doc = Record<string, Record<string, Record<string, Record<string, unknown>[]>>>;

/** Parses with the real HCL parser and fails the test on a syntax error. */
function parse(text: string): Doc {
  const [doc, error] = hcl.parseToObject(text);
  expect(error, `HCL syntax error: ${JSON.stringify(error)}`).toBeFalsy();
  expect(doc).not.toBeNull();
  return doc as Doc;
}

describe('writeTerraform', () => {
  const estate = estateFromYaml(starter, 'starter.yaml');

  it('writes the missing AcrPull of the starter as an azurerm_role_assignment that HCL parses', () => {
    const text = writeTerraform(analyze(estate), estate);
    expect(text).toContain(`resource "azurerm_role_assignment" "acrpull_uai_train_acrchurnprod" {
  scope                = "/subscriptions/3f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-ml-prod/providers/Microsoft.ContainerRegistry/registries/acrchurnprod"
  role_definition_name = "AcrPull"
  principal_id         = "1c7d8e9f-2031-4b42-8c53-d64e75f60a12"
  principal_type       = "ServicePrincipal"
  description          = "AML-ACR-004 (aml-access-map)"
}`);
    const doc = parse(text);
    expect(Object.keys(doc.resource?.azurerm_role_assignment ?? {})).toContain('acrpull_uai_train_acrchurnprod');
  });

  it('covers every resource group in one file, with each data source declared once', () => {
    const ks = estateFromYaml(KITCHEN_SINK_YAML);
    const findings = lookupFindings(ks);
    const text = writeTerraform(handAnalysis([...analyze(ks).findings, ...findings]), ks, { minSeverity: 'info' });
    const doc = parse(text);
    const scopes = Object.values(doc.resource?.azurerm_role_assignment ?? {}).map((r) => r[0]?.scope as string);
    expect(scopes.some((s) => s.includes('/resourceGroups/rg-shared/'))).toBe(true);
    expect(scopes.some((s) => s.includes('/resourceGroups/rg-ml/'))).toBe(true);
    expect(Object.keys(doc.data?.azurerm_user_assigned_identity ?? {})).toEqual(['uai_endpoint', 'uai_train']);
    expect(text.match(/data "azurerm_user_assigned_identity" "uai_train"/g)).toHaveLength(1);
    expect(Object.keys(doc.data?.azurerm_machine_learning_workspace ?? {})).toEqual(['ws_ml']);
    expect(Object.keys(doc.data?.azurerm_kubernetes_cluster ?? {})).toEqual(['aks_ml']);
    expect(Object.keys(doc.data?.azuread_group ?? {})).toEqual(['grp_scientists']);
    expect(Object.keys(doc.data?.azuread_user ?? {})).toEqual(['dave_contoso_com']);
    expect(doc.data?.azuread_service_principal?.deployer_app?.[0]).toEqual({ client_id: '9d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e' });
    // azurerm has no data source for a compute's identity: a variable asks for it.
    expect(Object.keys(doc.variable ?? {})).toEqual(expect.arrayContaining(['ws_ml_computes_cluster_sai_object_id']));
    expect(text).toContain('azuread = {');
    // The access policy on the vault that uses policies.
    const policies = Object.values(doc.resource?.azurerm_key_vault_access_policy ?? {});
    expect(policies).toHaveLength(1);
    expect(policies[0]?.[0]?.secret_permissions).toEqual(['Get']);
  });

  it('writes a grant several findings ask for once', () => {
    const ks = estateFromYaml(KITCHEN_SINK_YAML);
    const text = writeTerraform(repeatedGrantAnalysis(ks), ks);
    const doc = parse(text);
    const assignments = Object.values(doc.resource?.azurerm_role_assignment ?? {});
    expect(assignments).toHaveLength(1);
    expect(assignments[0]?.[0]?.description).toBe('AML-HAND-001, AML-HAND-002 (aml-access-map)');
  });

  it('keeps names with quotes, backslashes, interpolations and line breaks as plain strings', () => {
    for (const value of ['a"b', 'back\\slash', '${file("/etc/passwd")}', '%{ if true }x%{ endif }', 'line\nbreak', "it's"]) {
      const doc = parse(`x = ${hclString(value)}\n`) as unknown as { x: string };
      expect(doc.x).toBe(value);
    }
    const yaml = baseEstateYaml({ extra: 'user_assigned_identities:\n  - name: "uai-${evil}\\"x"\n    resource_group: rg-ml\n' });
    const e = estateFromYaml(yaml);
    const uai = e.userAssignedIdentities[0]?.id ?? entityId('x');
    const text = writeTerraform(handAnalysis([handFinding(e, 'AML-HAND-001|x', 'error', [{ kind: 'assign-role', principal: uai, role: READER, scope: e.resourceGroups[0]?.armId ?? '' }])]), e);
    const doc = parse(text);
    expect(Object.values(doc.data?.azurerm_user_assigned_identity ?? {})[0]?.[0]?.name).toBe('uai-${evil}"x');
  });

  it('says there is nothing to create when no finding asks for a grant', () => {
    const text = writeTerraform(handAnalysis([]), estate);
    expect(text).toContain('# Nothing to create');
    parse(text);
  });
});
