import { describe, expect, it } from 'vitest';
import { analyze } from '../../analysis/analyze';
import { unknownComputeTypeText } from '../../model/compute-kinds';
import type { Estate } from '../../model/types';
import { readInputs } from '../inputs';

// A compute known only by reference: a template grants a role to the system-assigned identity of compute `cpu`
// (`reference(<compute id>, ..., 'full').identity.principalId`, as the quickstart templates grant a cluster's
// identity) without declaring the compute. Nothing in the import says what kind of compute it is.

const WORKSPACE =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/deployment-resource-group/providers/Microsoft.MachineLearningServices/workspaces/mlw-demo';
const COMPUTE = `${WORKSPACE}/computes/cpu`;

const GRANT_TEMPLATE = JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { workspaceName: { type: 'string', defaultValue: 'mlw-demo' }, computeName: { type: 'string', defaultValue: 'cpu' } },
    variables: {
      computeId: "[resourceId('Microsoft.MachineLearningServices/workspaces/computes', parameters('workspaceName'), parameters('computeName'))]",
      storageId: "[resourceId('Microsoft.Storage/storageAccounts', 'stdemo')]",
    },
    resources: [
      {
        type: 'Microsoft.Storage/storageAccounts',
        apiVersion: '2023-01-01',
        name: 'stdemo',
        location: 'westeurope',
        kind: 'StorageV2',
        sku: { name: 'Standard_LRS' },
        properties: { allowSharedKeyAccess: false },
      },
      {
        type: 'Microsoft.KeyVault/vaults',
        apiVersion: '2023-07-01',
        name: 'kvdemo',
        location: 'westeurope',
        properties: { tenantId: '[subscription().tenantId]', sku: { family: 'A', name: 'standard' }, enableRbacAuthorization: true },
      },
      {
        type: 'Microsoft.MachineLearningServices/workspaces',
        apiVersion: '2024-04-01',
        name: "[parameters('workspaceName')]",
        location: 'westeurope',
        identity: { type: 'SystemAssigned' },
        properties: {
          storageAccount: "[variables('storageId')]",
          keyVault: "[resourceId('Microsoft.KeyVault/vaults', 'kvdemo')]",
        },
      },
      {
        type: 'Microsoft.Authorization/roleAssignments',
        apiVersion: '2022-04-01',
        scope: "[format('Microsoft.Storage/storageAccounts/{0}', 'stdemo')]",
        name: "[guid(variables('storageId'), variables('computeId'), 'reader')]",
        properties: {
          roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')]",
          principalId: "[reference(variables('computeId'), '2024-04-01', 'full').identity.principalId]",
          principalType: 'ServicePrincipal',
        },
      },
    ],
  },
  null,
  2,
);

// `az ml compute show -n cpu -o json` for the same compute: a cluster with a system-assigned identity.
const COMPUTE_SHOW = JSON.stringify(
  {
    id: COMPUTE,
    identity: { principal_id: 'aaaaaaaa-0000-4000-8000-000000000002', tenant_id: '99999999-8888-7777-6666-555555555555', type: 'system_assigned' },
    location: 'westeurope',
    name: 'cpu',
    resourceGroup: 'deployment-resource-group',
    size: 'Standard_DS3_v2',
    type: 'amlcompute',
  },
  null,
  2,
);

// An az ml job that runs on the compute, named by ARM id, and reads a datastore of the template's storage account
// (both join the import's only workspace, the template's).
const JOB = `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
name: train
command: python train.py --data \${{inputs.data}}
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: ${COMPUTE}
inputs:
  data:
    type: uri_folder
    path: azureml://datastores/raw/paths/data
`;
const DATASTORE = `$schema: https://azuremlschemas.azureedge.net/latest/azureBlob.schema.json
name: raw
type: azure_blob
account_name: stdemo
container_name: data
`;

function read(files: Record<string, string>): Estate {
  const result = readInputs(Object.entries(files).map(([file, text]) => ({ file, text })));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!result.estate) throw new Error('no estate');
  return result.estate;
}

function computeOf(estate: Estate) {
  const compute = estate.computes.find((c) => c.name === 'cpu');
  if (!compute) throw new Error('no compute cpu');
  return compute;
}

describe('a compute known only by reference', () => {
  it('is of unknown kind, not the default cluster, with what would tell', () => {
    const estate = read({ 'grant.json': GRANT_TEMPLATE });
    const compute = computeOf(estate);
    expect(compute.computeType).toBe('unknown');
    expect(compute.unknownType).toBeUndefined();
    expect(estate.provenance?.unknown[compute.id]).toEqual(['*']);
    const text = unknownComputeTypeText(compute) ?? '';
    expect(text).toContain('known only by reference');
    expect(text).toContain('`az ml compute show -n cpu -o json`');
    expect(text).toContain("the workspace's ARM export");
  });

  it('has unconfirmed image-pull and key vault paths that say what would tell, where a cluster has documented ones', () => {
    const estate = read({ 'grant.json': GRANT_TEMPLATE });
    const compute = computeOf(estate);
    const paths = analyze(estate).paths.filter((p) => p.actor === compute.id);
    const pull = paths.find((p) => p.kind === 'compute-image-pull');
    expect(pull).toMatchObject({ title: 'cpu may pull images from the workspace registry', confidence: 'unconfirmed' });
    expect(pull?.trace[0]).toEqual({ text: unknownComputeTypeText(compute), entity: compute.id });
    const vault = paths.find((p) => p.kind === 'compute-key-vault');
    expect(vault).toMatchObject({ title: 'cpu may read datastore secrets from kvdemo', confidence: 'unconfirmed' });
    expect(vault?.trace[0]).toEqual({ text: unknownComputeTypeText(compute), entity: compute.id });

    // Declared as the cluster it is, the same compute has the cluster's paths, without the step.
    const known = read({ 'grant.json': GRANT_TEMPLATE, 'compute.json': COMPUTE_SHOW });
    const cluster = computeOf(known);
    const clusterPaths = analyze(known).paths.filter((p) => p.actor === cluster.id);
    expect(clusterPaths.find((p) => p.kind === 'compute-image-pull')).toMatchObject({
      title: 'cpu pulls images from the workspace registry',
      confidence: 'documented',
    });
    expect(clusterPaths.find((p) => p.kind === 'compute-key-vault')?.title).toBe('cpu reads datastore secrets from kvdemo');
    for (const path of clusterPaths) expect(path.trace.map((step) => step.text)).not.toContain(unknownComputeTypeText(compute));
  });

  it('takes the type another file of the import gives, in either file order, without a conflict', () => {
    for (const files of [
      { 'grant.json': GRANT_TEMPLATE, 'compute.json': COMPUTE_SHOW },
      { 'compute.json': COMPUTE_SHOW, 'grant.json': GRANT_TEMPLATE },
    ]) {
      const result = readInputs(Object.entries(files).map(([file, text]) => ({ file, text })));
      if (!result.estate) throw new Error('no estate');
      const compute = computeOf(result.estate);
      expect(compute.computeType).toBe('amlcompute');
      expect(compute.unknownType).toBeUndefined();
      expect(result.diagnostics.filter((d) => d.message.includes('computeType'))).toEqual([]);
    }
  });

  it('gives a job that runs on it unconfirmed data paths that say what would tell', () => {
    const files = { 'grant.json': GRANT_TEMPLATE, 'job.yml': JOB, 'datastore.yml': DATASTORE };
    const estate = read(files);
    const compute = computeOf(estate);
    expect(estate.jobs[0]?.compute).toBe(compute.id);
    const paths = analyze(estate).paths.filter((p) => p.kind === 'job-datastore');
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(path.confidence).toBe('unconfirmed');
      expect(path.trace).toContainEqual({ text: unknownComputeTypeText(compute), entity: compute.id });
    }
    // With the compute's show output, the job runs on the cluster it is, on documented paths.
    const known = read({ ...files, 'compute.json': COMPUTE_SHOW });
    const knownPaths = analyze(known).paths.filter((p) => p.kind === 'job-datastore');
    expect(knownPaths.length).toBeGreaterThan(0);
    for (const path of knownPaths) expect(path.confidence).toBe('documented');
  });

  it('keeps the kind the reference itself states: a Kubernetes endpoint names Kubernetes compute', () => {
    // `az ml online-endpoint show` of a Kubernetes endpoint: its `compute` can only be Kubernetes compute.
    const endpoint = JSON.stringify({
      auth_mode: 'key',
      compute: 'azureml:k8s-compute',
      id: `${WORKSPACE}/onlineEndpoints/ep-k8s`,
      identity: { principal_id: 'aaaaaaaa-0000-4000-8000-000000000003', tenant_id: '99999999-8888-7777-6666-555555555555', type: 'system_assigned' },
      kind: 'K8S',
      name: 'ep-k8s',
    });
    const estate = read({ 'endpoint.json': endpoint });
    expect(estate.computes.find((c) => c.name === 'k8s-compute')?.computeType).toBe('kubernetes');
  });
});
