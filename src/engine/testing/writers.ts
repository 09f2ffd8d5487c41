import type { Analysis } from '../analysis/analyze';
import { estateHeader, WORKSPACE_WS_ML } from './estates';
import { createAnalysisContext } from '../context/analysis-context';
import { renderFix } from '../fixes/render';
import { entityId, systemIdentityId, type EntityId, type RoleId } from '../model/ids';
import type { Estate } from '../model/types';
import type { Finding, FixAction, Severity } from '../rules/types';

/**
 * An estate made to trigger every kind of fix action (assign-role, set-key-vault-policy, command, manual) and
 * every way a principal's object id is found (known; looked up for a user-assigned identity, a workspace,
 * compute, endpoint or AKS system identity, a user, a group, a service principal without object ids).
 * The writer tests and the az parse test share it.
 */
export const KITCHEN_SINK_YAML = `${estateHeader('kitchen sink', 'planned')}  - name: rg-shared
    subscription: sub-ml
storage_accounts:
  - name: stml
    resource_group: rg-ml
container_registries:
  - name: acrml
    resource_group: rg-ml
    admin_user_enabled: true
  - name: acrshared
    resource_group: rg-shared
    public_network_access: disabled
    network_restriction: private_endpoint
application_insights:
  - name: ai-ml
    resource_group: rg-ml
key_vaults:
  - name: kv-ml
    resource_group: rg-ml
    enable_rbac_authorization: true
  - name: kv-policies
    resource_group: rg-ml
    enable_rbac_authorization: false
${WORKSPACE_WS_ML}    identity:
      type: system_assigned
    public_network_access: enabled
    allow_roleassignment_on_rg: false
user_assigned_identities:
  - name: uai-train
    resource_group: rg-ml
  - name: uai-endpoint
    resource_group: rg-ml
users:
  - name: alice@contoso.com
    object_id: 11111111-1111-1111-1111-111111111111
  - name: dave@contoso.com
groups:
  - name: grp-scientists
    members: [dave@contoso.com]
service_principals:
  - name: deployer-app
    app_id: 9d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e
computes:
  - name: cpu-cluster
    workspace: ws-ml
    type: amlcompute
    identity:
      type: user_assigned
      user_assigned_identities:
        - resource_id: uai-train
  - name: ci-dave
    type: computeinstance
    assigned_user: dave@contoso.com
    identity:
      type: system_assigned
  - name: cluster-nomi
    type: amlcompute
    identity:
      type: none
  - name: cluster-sai
    type: amlcompute
    identity:
      type: system_assigned
aks_clusters:
  - name: aks-ml
    resource_group: rg-ml
    attached_workspace: ws-ml
    identity:
      type: system_assigned
online_endpoints:
  - name: scoring
    kind: managed
    auth_mode: key
    identity:
      type: system_assigned
    created_by: deployer-app
    callers: [grp-scientists]
  - name: scoring-uai
    kind: managed
    auth_mode: aad_token
    identity:
      type: user_assigned
      user_assigned_identities:
        - resource_id: uai-endpoint
    created_by: dave@contoso.com
online_deployments:
  - name: blue
    endpoint: scoring
    image: acrml.azurecr.io/score:1
    environment_variables:
      API_KEY: \${{keyvault:https://kv-policies.vault.azure.net/secrets/api-key/1}}
  - name: green
    endpoint: scoring-uai
    image: acrshared.azurecr.io/score:2
datastores:
  - name: raw
    type: azure_blob
    account_name: stml
    container_name: raw
    credentials:
      account_key: <redacted>
  - name: files
    type: azure_file
    account_name: stml
    container_name: share
jobs:
  - name: train
    type: command
    compute: cpu-cluster
    identity:
      type: user_identity
    inputs:
      data:
        path: azureml://datastores/raw/paths/x/
    environment:
      image: acrshared.azurecr.io/base:1
      build: as_is
    submitted_by: dave@contoso.com
  - name: train-nomi
    type: command
    compute: cluster-nomi
    identity:
      type: managed
    inputs:
      data:
        path: azureml://datastores/files/paths/x/
    submitted_by: dave@contoso.com
  - name: train-sai
    type: command
    compute: cluster-sai
    identity:
      type: managed
    environment:
      image: acrml.azurecr.io/train:1
      build: as_is
    submitted_by: dave@contoso.com
role_assignments:
  - principal: grp-scientists
    role: AzureML Data Scientist
    scope: ws-ml
  - principal: alice@contoso.com
    role: Owner
    scope: rg-ml
`;

const RG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml';
export const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7' as RoleId;

/** A finding made by hand, with its fix rendered as the analysis would render it. */
export function handFinding(estate: Estate, id: string, severity: Severity, actions: FixAction[], subjects: EntityId[] = []): Finding {
  const context = createAnalysisContext(estate);
  return {
    id,
    ruleId: id.split('|')[0] as string,
    title: `Hand-made finding ${id}`,
    area: 'workspace',
    severity,
    confidence: 'documented',
    subjects,
    message: `Message of ${id}.`,
    consequence: `Consequence of ${id}.`,
    evidence: [],
    fix: renderFix(`Fix ${id}.`, actions, context.topology, context.rbac.catalog),
    pathIds: [],
    sources: [],
  };
}

/** An analysis whose only findings are the given ones. */
export function handAnalysis(findings: Finding[]): Analysis {
  const summary: Analysis['summary'] = { findings: { error: 0, warning: 0, info: 0 }, paths: {} };
  for (const f of findings) summary.findings[f.severity]++;
  return { findings, paths: [], automaticAssignments: [], summary };
}

/** Reader on rg-ml for every kind of principal whose object id has to be found another way. */
export function lookupFindings(estate: Estate): Finding[] {
  const ws = entityId(`${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-ml`);
  const principals: EntityId[] = [
    systemIdentityId(ws),
    systemIdentityId(entityId(`${RG}/providers/Microsoft.ContainerService/managedClusters/aks-ml`)),
    systemIdentityId(entityId(`${ws}/computes/cluster-sai`)),
    systemIdentityId(entityId(`${ws}/onlineEndpoints/scoring`)),
    entityId(`${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-train`),
    entityId('group:grp-scientists'),
    entityId('user:dave@contoso.com'),
    entityId('sp:deployer-app'),
    entityId('user:11111111-1111-1111-1111-111111111111'),
  ];
  return principals.map((principal, i) => handFinding(estate, `AML-HAND-${String(i + 1).padStart(3, '0')}|${principal}`, 'error', [{ kind: 'assign-role', principal, role: READER, scope: RG }], [principal]));
}

/**
 * Two error findings that ask for the same grant, Reader for alice on rg-ml, the second spelling the resource
 * group in capitals: a writer must write the grant once.
 */
export function repeatedGrantAnalysis(estate: Estate): Analysis {
  const alice = entityId('user:11111111-1111-1111-1111-111111111111');
  return handAnalysis([
    handFinding(estate, 'AML-HAND-001|a', 'error', [{ kind: 'assign-role', principal: alice, role: READER, scope: RG }]),
    handFinding(estate, 'AML-HAND-002|b', 'error', [{ kind: 'assign-role', principal: alice, role: READER, scope: RG.replace('rg-ml', 'RG-ML') }]),
  ]);
}
