import { describe, expect, it } from 'vitest';
import starter from '../../../../public/samples/starter.yaml?raw';
import { analyze } from '../../analysis/analyze';
import { entityId } from '../../model/ids';
import { estateFromYaml } from '../../testing/estates';
import { bicepString, writeBicep, type BicepFile } from './bicep';
import { handAnalysis, handFinding, KITCHEN_SINK_YAML, lookupFindings, READER, repeatedGrantAnalysis } from '../../testing/writers';

const file = (files: BicepFile[], path: string) => files.find((f) => f.path === path)?.text ?? '';

/** Checks what a Bicep compiler would reject first: unbalanced braces, and symbols used but never declared. */
function checkStructure(text: string): void {
  const withoutStrings = text.replace(/'(?:\\.|[^'\\])*'/g, "''").replace(/\/\/.*$/gm, '');
  let depth = 0;
  for (const c of withoutStrings) {
    if (c === '{' || c === '[') depth++;
    if (c === '}' || c === ']') depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
  const declared = new Set([...withoutStrings.matchAll(/^(?:resource|param|module) ([a-z_0-9]+) /gm)].map((m) => m[1]));
  for (const use of withoutStrings.matchAll(/(?:scope|parent|principalId|objectId): ([a-z_0-9]+)(?:\.|$)/gm)) expect(declared.has(use[1]), `${use[1]} is declared`).toBe(true);
  const symbols = [...withoutStrings.matchAll(/^(?:resource|param|module) ([a-z_0-9]+) /gm)].map((m) => m[1]);
  expect(new Set(symbols).size, 'symbols are unique').toBe(symbols.length);
}

describe('writeBicep', () => {
  const estate = estateFromYaml(starter, 'starter.yaml');

  it('writes main.bicep at subscription scope and one module for the resource group', () => {
    const files = writeBicep(analyze(estate), estate);
    expect(files.map((f) => f.path)).toEqual(['main.bicep', 'modules/rg-ml-prod.bicep']);
    const main = file(files, 'main.bicep');
    expect(main).toContain("targetScope = 'subscription'");
    expect(main).toContain(`module grants_rg_ml_prod 'modules/rg-ml-prod.bicep' = {
  name: 'aml-access-map-rg-ml-prod'
  scope: resourceGroup('3f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b', 'rg-ml-prod')
}`);
    for (const f of files) checkStructure(f.text);
  });

  it('writes the missing AcrPull with a deterministic guid() name on the existing registry', () => {
    const module = file(writeBicep(analyze(estate), estate), 'modules/rg-ml-prod.bicep');
    expect(module).toContain("targetScope = 'resourceGroup'");
    expect(module).toContain(`resource acrchurnprod 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: 'acrchurnprod'
}`);
    expect(module).toContain(`resource acrpull_uai_train_acrchurnprod 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid('/subscriptions/3f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b/resourcegroups/rg-ml-prod/providers/microsoft.containerregistry/registries/acrchurnprod', '/subscriptions/3f2a1c44-5b6d-4e7f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-ml-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-train', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  scope: acrchurnprod
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: '1c7d8e9f-2031-4b42-8c53-d64e75f60a12'
    principalType: 'ServicePrincipal'
    description: 'AML-ACR-004 (aml-access-map)'
  }
}`);
    expect(writeBicep(analyze(estate), estate)).toEqual(writeBicep(analyze(estate), estate));
  });

  it('groups assignments by resource group, with existing resources and parameters declared once per file', () => {
    const ks = estateFromYaml(KITCHEN_SINK_YAML);
    const files = writeBicep(handAnalysis([...analyze(ks).findings, ...lookupFindings(ks)]), ks, { minSeverity: 'info' });
    expect(files.map((f) => f.path)).toEqual(['main.bicep', 'modules/rg-ml.bicep', 'modules/rg-shared.bicep']);
    for (const f of files) checkStructure(f.text);
    const shared = file(files, 'modules/rg-shared.bicep');
    // The registry is in rg-shared; the identity it is granted to lives in rg-ml and is read across groups.
    expect(shared).toContain(`resource uai_train 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'uai-train'
  scope: resourceGroup('00000000-0000-0000-0000-000000000001', 'rg-ml')
}`);
    expect(shared).toContain('principalId: uai_train.properties.principalId');
    const rgMl = file(files, 'modules/rg-ml.bicep');
    expect(rgMl.match(/'Microsoft\.ManagedIdentity\/userAssignedIdentities@[^']+' existing/g)).toHaveLength(2);
    expect(rgMl).toContain('principalId: ws_ml.identity.principalId');
    expect(rgMl).toContain('principalId: aks_ml.identity.principalId');
    expect(rgMl).toContain('principalId: cluster_sai.identity.principalId');
    // Directory objects without an object id become parameters of main.bicep, passed to the module that needs them.
    const main = file(files, 'main.bicep');
    for (const param of ['dave_contoso_com_object_id', 'grp_scientists_object_id', 'deployer_app_object_id']) {
      expect(main).toContain(`param ${param} string`);
      expect(rgMl).toContain(`param ${param} string`);
      expect(main).toContain(`    ${param}: ${param}`);
    }
    expect(shared).not.toContain('param ');
    // One access policy resource per vault ('add' twice in one deployment is rejected).
    expect(rgMl.match(/vaults\/accessPolicies@/g)).toHaveLength(1);
    expect(rgMl).toContain("  name: 'add'");
  });

  it('writes a grant several findings ask for once and names both rules', () => {
    const ks = estateFromYaml(KITCHEN_SINK_YAML);
    const files = writeBicep(repeatedGrantAnalysis(ks), ks);
    expect(files).toHaveLength(2);
    const module = files[1]?.text ?? '';
    expect(module.match(/Microsoft\.Authorization\/roleAssignments@/g)).toHaveLength(1);
    expect(module).toContain("description: 'AML-HAND-001, AML-HAND-002 (aml-access-map)'");
    // At resource group scope the assignment needs no scope property.
    expect(module).not.toMatch(/^ {2}scope:/m);
  });

  it('puts subscription-wide grants in a subscription module', () => {
    const ks = estateFromYaml(KITCHEN_SINK_YAML);
    const alice = entityId('user:11111111-1111-1111-1111-111111111111');
    const files = writeBicep(
      handAnalysis([handFinding(ks, 'AML-HAND-001|a', 'error', [{ kind: 'assign-role', principal: alice, role: READER, scope: '/subscriptions/00000000-0000-0000-0000-000000000001' }])]),
      ks,
    );
    expect(files.map((f) => f.path)).toEqual(['main.bicep', 'modules/subscription-00000000-0000-0000-0000-000000000001.bicep']);
    expect(files[1]?.text).toContain("targetScope = 'subscription'");
    expect(files[0]?.text).toContain("scope: subscription('00000000-0000-0000-0000-000000000001')");
  });

  it('escapes strings so that names cannot end them or interpolate', () => {
    expect(bicepString("it's ${x}\\\n")).toBe("'it\\'s \\${x}\\\\\\n'");
  });

  it('says there is nothing to deploy when no finding asks for a grant', () => {
    const files = writeBicep(handAnalysis([]), estate);
    expect(files).toHaveLength(1);
    expect(files[0]?.text).toContain('Nothing to deploy');
  });
});
