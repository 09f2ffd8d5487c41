import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { systemIdentityId, type EntityId } from '../../model/ids';
import type { Diagnostic, Estate } from '../../model/types';
import { validateEstate } from '../../model/validate';
import { readAzureMlYaml, type AzureMlReadResult } from './index';

// Hand-written files in the shapes of the fact sheet, section 6 (CLI v2 YAML), and section 5 (show output).

const SUB = '11111111-2222-4333-8444-555555555555';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-ml`;
const UAI = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-ml`;
const UAI_CLIENT = '0000cccc-0000-4000-8000-000000000001';
const PH_WS =
  '/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.MachineLearningServices/workspaces/<workspace>';

function read(
  text: string,
  file = 'x.yml',
  options: Parameters<typeof readAzureMlYaml>[2] = {},
): AzureMlReadResult {
  return readAzureMlYaml(text, file, options);
}

function estateOf(result: AzureMlReadResult): Estate {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toEqual([]);
  expect(result.estate).toBeDefined();
  const estate = result.estate as Estate;
  expect(validateEstate(estate).filter((d) => d.severity === 'error')).toEqual([]);
  return estate;
}

function errors(result: AzureMlReadResult): Diagnostic[] {
  return result.diagnostics.filter((d) => d.severity === 'error');
}

function isStub(result: AzureMlReadResult, id: string): boolean | undefined {
  for (const [entity, meta] of result.provenance.meta)
    if ((entity as { id: string }).id === id) return meta.stub;
  return undefined;
}

describe('workspace (workspace.schema.json)', () => {
  const text = `$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json
name: mlw-prod
location: westeurope
kind: hub
identity:
  type: system_assigned,user_assigned
  tenant_id: 99999999-0000-4000-8000-000000000000
  user_assigned_identities:
    '${UAI}': {}
primary_user_assigned_identity: ${UAI}
storage_account: ${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod
key_vault: ${RG}/providers/Microsoft.Keyvault/vaults/kv-ml
container_registry: ${RG}/providers/Microsoft.ContainerRegistry/registries/acrml
application_insights: ${RG}/providers/Microsoft.insights/components/ai-ml
image_build_compute: cpu-cluster
public_network_access: disabled
customer_managed_key:
  key_vault: ${RG}/providers/Microsoft.KeyVault/vaults/kv-cmk
  key_uri: https://kv-cmk.vault.azure.net/keys/k/1
system_datastores_auth_mode: identity
enable_data_isolation: true
allow_roleassignment_on_rg: true
managed_network:
  isolation_mode: allow_only_approved_outbound
  outbound_rules:
  - name: added-perule
    type: private_endpoint
    destination: {service_resource_id: ${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod, subresource_target: blob, spark_enabled: true}
`;

  it('maps every access-relevant field, with canonical ids for the resources it names', () => {
    const result = read(text, 'ws.yml', { subscriptionId: SUB, resourceGroup: 'rg-ml' });
    const estate = estateOf(result);
    const [ws] = estate.workspaces;
    expect(ws).toMatchObject({
      id: `${RG}/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod`,
      name: 'mlw-prod',
      workspaceKind: 'hub',
      location: 'westeurope',
      tenantId: '99999999-0000-4000-8000-000000000000',
      identity: { system: true, userAssigned: [UAI] },
      primaryUserAssignedIdentity: UAI,
      storageAccount: `${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod`,
      // Azure's casing, whatever the file wrote.
      keyVault: `${RG}/providers/Microsoft.KeyVault/vaults/kv-ml`,
      containerRegistry: `${RG}/providers/Microsoft.ContainerRegistry/registries/acrml`,
      applicationInsights: `${RG}/providers/Microsoft.Insights/components/ai-ml`,
      imageBuildCompute: 'cpu-cluster',
      publicNetworkAccess: 'Disabled',
      customerManagedKey: {
        keyVault: `${RG}/providers/Microsoft.KeyVault/vaults/kv-cmk`,
        keyUri: 'https://kv-cmk.vault.azure.net/keys/k/1',
      },
      systemDatastoresAuthMode: 'identity',
      enableDataIsolation: true,
      allowRoleAssignmentOnRg: true,
      managedNetwork: { isolationMode: 'allow_only_approved_outbound' },
    });
    expect(estate.systemAssignedIdentities.map((s) => s.id)).toEqual([systemIdentityId(ws?.id as EntityId)]);
    expect(estate.storageAccounts).toHaveLength(1);
    expect(estate.keyVaults.map((k) => k.name).sort()).toEqual(['kv-cmk', 'kv-ml']);
    expect(estate.userAssignedIdentities.map((u) => u.id)).toEqual([UAI]);
    expect(estate.resourceGroups.map((g) => g.id)).toEqual([RG]);
    // Referenced resources are stubs: a merge lets a real declaration replace them.
    expect(isStub(result, `${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod`)).toBe(true);
    expect(isStub(result, ws?.id ?? '')).toBe(false);
    const meta = [...result.provenance.meta].find(([e]) => e === ws)?.[1];
    expect([...(meta?.given ?? [])]).toEqual(
      expect.arrayContaining(['identity', 'storageAccount', 'publicNetworkAccess']),
    );
    expect(meta?.given.has('hub')).toBe(false);
  });

  it('refuses, located and quoted, a dependency that is neither an ARM id nor a name (a `/` in it)', () => {
    // Found by the mixed fuzz: taken as a name, it was written into an ARM id that did not read back.
    const result = read('name: mlw\nstorage_account: mcr.microsoft.com/x:1\n');
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        line: 2,
        message: expect.stringContaining('expected the ARM id of a storage account'),
      }),
    );
    expect(result.diagnostics.find((d) => d.severity === 'error')?.message).toContain('mcr.microsoft.com/x:1');
    const lenient = read('name: mlw\nstorage_account: stmlprod\n');
    expect(lenient.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('places a workspace without subscription or group in placeholders, with a note', () => {
    const result = read(
      'name: mlw\nstorage_account: /subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/st\n',
    );
    const estate = estateOf(result);
    expect(estate.workspaces[0]?.id).toBe(
      '/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.MachineLearningServices/workspaces/mlw',
    );
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        line: 1,
        column: 1,
        message: expect.stringContaining('does not say the workspace'),
      }),
    );
  });

  it('reads `az ml workspace show` output: id, dict of identities with client and principal ids', () => {
    const result = read(`id: ${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-show
name: ws-show
identity:
  principal_id: 0000aaaa-0000-4000-8000-00000000000a
  tenant_id: 99999999-0000-4000-8000-000000000000
  type: system_assigned,user_assigned
  user_assigned_identities:
    ${UAI}:
      client_id: ${UAI_CLIENT}
      principal_id: 0000bbbb-0000-4000-8000-00000000000b
storage_account: ${RG}/providers/Microsoft.Storage/storageAccounts/st
discovery_url: https://westeurope.api.azureml.ms/discovery
mlflow_tracking_uri: azureml://westeurope.api.azureml.ms/mlflow/v1.0
provision_network_now: false
`);
    const estate = estateOf(result);
    expect(estate.workspaces[0]?.id).toBe(
      `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-show`,
    );
    expect(estate.systemAssignedIdentities[0]?.principalId).toBe('0000aaaa-0000-4000-8000-00000000000a');
    expect(estate.userAssignedIdentities[0]).toMatchObject({
      id: UAI,
      clientId: UAI_CLIENT,
      principalId: '0000bbbb-0000-4000-8000-00000000000b',
    });
    // Unknown fields (discovery_url...) are ignored without a word.
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('rejects an ARM id of the wrong type, located and quoted', () => {
    const result = read(
      `name: w\nkey_vault: ${RG}/providers/Microsoft.Storage/storageAccounts/st\n`,
      'bad.yml',
    );
    expect(result.estate).toBeUndefined();
    expect(errors(result)).toEqual([
      expect.objectContaining({
        file: 'bad.yml',
        line: 2,
        column: 12,
        path: 'key_vault',
        message: expect.stringContaining('Microsoft.KeyVault/vaults'),
      }),
    ]);
  });
});

describe('compute (amlCompute, computeInstance, kubernetesCompute)', () => {
  it('reads a cluster with the user-assigned list form', () => {
    const result = read(`$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json
name: cpu-cluster
type: amlcompute
size: STANDARD_DS3_v2
min_instances: 0
max_instances: 2
idle_time_before_scale_down: 120
identity:
  type: user_assigned
  user_assigned_identities:
    - resource_id: ${UAI}
`);
    const estate = estateOf(result);
    expect(estate.computes[0]).toMatchObject({
      id: `${PH_WS}/computes/cpu-cluster`,
      computeType: 'amlcompute',
      size: 'STANDARD_DS3_v2',
      identity: { system: false, userAssigned: [UAI] },
    });
    expect(estate.computes[0]?.idleTimeBeforeShutdown).toBeUndefined();
    expect(estate.systemAssignedIdentities.filter((s) => s.owner === estate.computes[0]?.id)).toEqual([]);
    expect(estate.workspaces.map((w) => w.id)).toEqual([PH_WS]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        message: expect.stringContaining('placeholder workspace `<workspace>`'),
      }),
    );
  });

  it('reads an instance: system identity, idle shutdown, the user it is created for', () => {
    const result = read(`$schema: https://azuremlschemas.azureedge.net/latest/computeInstance.schema.json
name: ci-alice
type: computeinstance
size: STANDARD_DS3_v2
idle_time_before_shutdown_minutes: 30
create_on_behalf_of:
  user_tenant_id: 99999999-0000-4000-8000-000000000000
  user_object_id: AAAAAAAA-0000-4000-8000-000000000001
ssh_public_access_enabled: false
network_settings:
  vnet_name: vnet
  subnet: /subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/ml
identity:
  type: system_assigned
`);
    const estate = estateOf(result);
    const [ci] = estate.computes;
    expect(ci).toMatchObject({
      computeType: 'computeinstance',
      idleTimeBeforeShutdown: '30',
      assignedUser: 'user:aaaaaaaa-0000-4000-8000-000000000001',
      identity: { system: true, userAssigned: [] },
      subnet: expect.stringContaining('/subnets/ml'),
    });
    expect(estate.users[0]).toMatchObject({ objectId: 'aaaaaaaa-0000-4000-8000-000000000001' });
    expect(estate.systemAssignedIdentities.find((s) => s.owner === ci?.id)?.name).toBe(
      '<workspace>/computes/ci-alice',
    );
  });

  it('reads Kubernetes compute and `az ml compute show` output with its list of identities', () => {
    const k8s = estateOf(
      read(
        '$schema: https://azuremlschemas.azureedge.net/latest/kubernetesCompute.schema.json\nname: k8s\ntype: kubernetes\nnamespace: ml\n',
      ),
    );
    expect(k8s.computes[0]?.computeType).toBe('kubernetes');
    const shown = estateOf(
      read(`id: ${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/gpu
name: gpu
type: amlcompute
provisioning_state: Succeeded
identity:
  type: user_assigned
  user_assigned_identities:
  - resource_id: ${UAI}
    client_id: ${UAI_CLIENT}
    principal_id: 0000bbbb-0000-4000-8000-00000000000b
`),
    );
    expect(shown.computes[0]?.workspace).toBe(
      `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws`,
    );
    expect(shown.userAssignedIdentities[0]).toMatchObject({ clientId: UAI_CLIENT });
  });

  it('reads attached compute as its own kind: a virtual machine, a Synapse Spark pool under the vmCompute schema', () => {
    const vm = read(
      'name: vm\ntype: virtualmachine\nresource_id: /subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachines/vm\n',
      'vm.yml',
    );
    expect(vm.skipped).toEqual([]);
    expect(errors(vm)).toEqual([]);
    expect(vm.estate?.computes.map((c) => [c.name, c.computeType])).toEqual([['vm', 'virtualmachine']]);
    const spark = read(
      '$schema: https://azuremlschemas.azureedge.net/latest/vmCompute.schema.json\nname: pool\ntype: synapsespark\nidentity:\n  type: system_assigned\n',
      'spark.yml',
    );
    expect(spark.estate?.computes.map((c) => [c.name, c.computeType, c.identity.system])).toEqual([['pool', 'synapsespark', true]]);
  });
});

describe('online endpoints and deployments', () => {
  it('reads a managed endpoint: auth mode, UAI identity, enforce flag, public access', () => {
    const estate = estateOf(
      read(`$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json
name: ep
auth_mode: aad_token
public_network_access: disabled
identity:
  type: user_assigned
  user_assigned_identities:
    - resource_id: ${UAI}
properties:
  enforce_access_to_default_secret_stores: enabled
`),
    );
    expect(estate.onlineEndpoints[0]).toMatchObject({
      endpointKind: 'managed',
      authMode: 'aad_token',
      publicNetworkAccess: 'Disabled',
      identity: { system: false, userAssigned: [UAI] },
      enforceAccessToDefaultSecretStores: true,
    });
  });

  it('gives an endpoint without identity a system-assigned one, as az ml does', () => {
    const estate = estateOf(
      read(
        '$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json\nname: ep\nauth_mode: Key\n',
      ),
    );
    expect(estate.onlineEndpoints[0]?.identity).toEqual({ system: true, userAssigned: [] });
    expect(estate.systemAssignedIdentities.map((s) => s.name)).toContain('<workspace>/onlineEndpoints/ep');
  });

  it('links a Kubernetes endpoint to its compute when the same import declares it', () => {
    const inputs = [
      { file: 'k8s.yml', text: 'name: inferencecompute\ntype: kubernetes\n' },
      {
        file: 'ep.yml',
        text: '$schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineEndpoint.schema.json\nname: ep\ncompute: azureml:inferencecompute\nauth_mode: key\n',
      },
    ];
    const result = readAzureMlYaml(inputs[1]?.text ?? '', 'ep.yml', { siblings: inputs });
    expect(result.estate?.onlineEndpoints[0]).toMatchObject({
      endpointKind: 'kubernetes',
      compute: `${PH_WS}/computes/inferencecompute`,
    });
  });

  it('reads a deployment: endpoint, image from the inline environment, model, environment variables', () => {
    const result =
      read(`$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json
name: blue
endpoint_name: ep
model: azureml:my-model:1
environment:
  image: myacr.azurecr.io/repo/img:1
  conda_file: env.yml
environment_variables:
  STORAGE_ACCOUNT_NAME: stdata
  OPENAI_KEY: \${{azureml://connections/aoai/credentials/key}}
instance_type: Standard_DS3_v2
instance_count: 1
`);
    const estate = estateOf(result);
    expect(estate.onlineDeployments[0]).toMatchObject({
      id: `${PH_WS}/onlineEndpoints/ep/deployments/blue`,
      endpoint: `${PH_WS}/onlineEndpoints/ep`,
      image: 'myacr.azurecr.io/repo/img:1',
      model: 'azureml:my-model:1',
      environmentVariables: {
        STORAGE_ACCOUNT_NAME: 'stdata',
        OPENAI_KEY: '${{azureml://connections/aoai/credentials/key}}',
      },
    });
    // The endpoint is not in the import: a stub with Azure's defaults stands for it.
    expect(estate.onlineEndpoints[0]).toMatchObject({ name: 'ep', authMode: 'key' });
    expect(isStub(result, `${PH_WS}/onlineEndpoints/ep`)).toBe(true);
  });

  it('attaches a deployment without endpoint_name to the only endpoint of its import, else to a placeholder', () => {
    const endpoint = { file: 'ep.yml', text: 'name: my-ep\nauth_mode: key\n' };
    const deployment = {
      file: 'dep.yml',
      text: 'name: blue\nmodel:\n  path: model\ninstance_type: Standard_DS3_v2\n',
    };
    const together = readAzureMlYaml(deployment.text, deployment.file, { siblings: [endpoint, deployment] });
    expect(together.estate?.onlineDeployments[0]?.endpoint).toBe(`${PH_WS}/onlineEndpoints/my-ep`);
    const alone = read(deployment.text, deployment.file);
    expect(alone.estate?.onlineDeployments[0]?.endpoint).toBe(`${PH_WS}/onlineEndpoints/<endpoint>`);
    expect(alone.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'info', message: expect.stringContaining('`--endpoint-name`') }),
    );
  });

  it('takes a Kubernetes deployment by its type even without $schema', () => {
    const estate = estateOf(
      read('name: green\ntype: kubernetes\nendpoint_name: ep\nmodel: {path: m}\ninstance_count: 1\n'),
    );
    expect(estate.onlineEndpoints[0]?.endpointKind).toBe('kubernetes');
    expect(estate.computes).toEqual([]);
  });
});

describe('datastores', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    [
      'azure_blob with an account key',
      'type: azure_blob\nname: blob\naccount_name: st\ncontainer_name: c\nprotocol: https\ncredentials:\n  account_key: XXXxxxXXX\n',
      { datastoreType: 'azure_blob', accountName: 'st', containerName: 'c', credentialKind: 'account_key' },
    ],
    [
      'azure_blob identity-based',
      '$schema: https://azuremlschemas.azureedge.net/latest/azureBlob.schema.json\nname: blob\naccount_name: st\ncontainer_name: c\n',
      { credentialKind: 'none' },
    ],
    [
      'azure_data_lake_gen2 with a service principal',
      'type: azure_data_lake_gen2\nname: adls\naccount_name: st\nfilesystem: fs\ncredentials:\n  tenant_id: t\n  client_id: c\n  client_secret: s\n',
      { datastoreType: 'azure_data_lake_gen2', containerName: 'fs', credentialKind: 'service_principal' },
    ],
    [
      'azure_data_lake_gen1',
      '$schema: https://azuremlschemas.azureedge.net/latest/azureDataLakeGen1.schema.json\nname: gen1\ntype: azure_data_lake_gen1\nstore_name: store1\n',
      { datastoreType: 'azure_data_lake_gen1', accountName: 'store1', credentialKind: 'none' },
    ],
    [
      'azure_file with a SAS token',
      'type: azure_file\nname: files\naccount_name: st\nfile_share_name: share\ncredentials:\n  sas_token: ?sv=2021&sig=abc\n',
      { datastoreType: 'azure_file', containerName: 'share', credentialKind: 'sas' },
    ],
  ];
  it.each(cases)('%s', (_, text, expected) => {
    const estate = estateOf(read(text));
    expect(estate.datastores[0]).toMatchObject(expected);
  });

  it('keeps the client id of a service-principal datastore as a principal to judge (R42), never its secret', () => {
    const result = read(
      '$schema: https://azuremlschemas.azureedge.net/latest/azureDataLakeGen2.schema.json\nname: adls\ntype: azure_data_lake_gen2\naccount_name: st\nfilesystem: fs\ncredentials:\n  tenant_id: 00000000-1111-4222-8333-444444444444\n  client_id: 12121212-AAAA-4000-8000-000000000001\n  client_secret: hunter2-not-real\n',
    );
    const estate = estateOf(result);
    const principal = estate.servicePrincipals.find((p) => p.id === estate.datastores[0]?.credentialPrincipal);
    expect(principal).toMatchObject({ appId: '12121212-aaaa-4000-8000-000000000001' });
    expect(JSON.stringify(estate)).not.toContain('hunter2');
  });

  it('says where a service-principal client id is not a GUID, and links no principal', () => {
    const result = read('type: azure_data_lake_gen2\nname: adls\naccount_name: st\nfilesystem: fs\ncredentials:\n  tenant_id: t\n  client_id: c\n  client_secret: s\n');
    expect(estateOf(result).datastores[0]?.credentialPrincipal).toBeUndefined();
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('expected a GUID for `client_id`') }),
    );
  });

  it('links a datastore to the storage account the workspace of the import names', () => {
    const ws = {
      file: 'ws.yml',
      text: `name: w\nstorage_account: ${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod\n`,
    };
    const ds = {
      file: 'ds.yml',
      text: 'type: azure_blob\nname: d\naccount_name: stmlprod\ncontainer_name: c\n',
    };
    const siblings = [ws, ds];
    const result = readAzureMlYaml(ds.text, ds.file, { siblings });
    expect(result.estate?.datastores[0]?.storageAccount).toBe(
      `${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod`,
    );
    expect(result.estate?.datastores[0]?.workspace).toBe(
      '/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.MachineLearningServices/workspaces/w',
    );
  });
});

describe('connections', () => {
  it('reads a managed-identity credential and links the identity by resource id', () => {
    const estate = estateOf(
      read(`name: acr-conn
type: container_registry
target: https://myacr.azurecr.io
credentials:
  type: managed_identity
  client_id: ${UAI_CLIENT}
  resource_id: ${UAI}
`),
    );
    expect(estate.connections[0]).toMatchObject({
      connectionType: 'container_registry',
      target: 'https://myacr.azurecr.io',
      credentialKind: 'managed_identity',
      identity: UAI,
    });
    expect(estate.userAssignedIdentities[0]).toMatchObject({ id: UAI, clientId: UAI_CLIENT });
  });

  it.each([
    [
      'git with a PAT',
      'name: g\ntype: git\ntarget: https://github.com/x\ncredentials:\n  type: pat\n  pat: ghp_abc\n',
      'pat',
    ],
    [
      'python feed with user and password',
      'name: p\ntype: python_feed\ntarget: https://pkgs\ncredentials:\n  type: username_password\n  username: u\n  password: p\n',
      'username_password',
    ],
    [
      's3 access key',
      '$schema: http://azureml/sdk-2-0/Connection.json\ntype: s3\nname: s3\ntarget: bucket\ncredentials:\n  type: access_key\n  access_key_id: A\n  secret_access_key: B\n',
      'access_key',
    ],
    [
      'api key',
      'name: a\ntype: azure_open_ai\ntarget: https://x.openai.azure.com\ncredentials:\n  type: api_key\n  key: k\n',
      'api_key',
    ],
    [
      'custom keys',
      'name: c\ntype: custom\ntarget: https://x\ncredentials:\n  type: custom\n  MY_TOKEN: t\n',
      'custom',
    ],
  ])('%s', (_, text, kind) => {
    expect(estateOf(read(text)).connections[0]?.credentialKind).toBe(kind);
  });

  it('finds the identity of a managed-identity credential by client id among the import', () => {
    const ws = {
      file: 'ws.yml',
      text: `$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json\nname: w\nidentity:\n  type: user_assigned\n  user_assigned_identities:\n    ${UAI}:\n      client_id: ${UAI_CLIENT}\n`,
    };
    const conn = {
      file: 'c.yml',
      text: `name: c\ntype: container_registry\ncredentials:\n  type: managed_identity\n  client_id: ${UAI_CLIENT}\n`,
    };
    const result = readAzureMlYaml(conn.text, conn.file, { siblings: [ws, conn] });
    expect(result.estate?.connections[0]?.identity).toBe(UAI);
  });
});

describe('jobs', () => {
  it('reads a command job: compute, managed identity by resource id, datastore input, environment image', () => {
    const inputs = [
      {
        file: 'cluster.yml',
        text: 'name: cpu-cluster\ntype: amlcompute\nidentity:\n  type: system_assigned\n',
      },
      { file: 'blob.yml', text: 'type: azure_blob\nname: training\naccount_name: st\ncontainer_name: c\n' },
      {
        file: 'jobs/train.yml',
        text: `$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
command: python train.py --data \${{inputs.data}}
code: src
compute: azureml:cpu-cluster
identity:
  type: managed
  msi_resource_id: ${UAI}
inputs:
  data:
    type: uri_folder
    path: azureml://datastores/training/paths/iris/
    mode: ro_mount
  learning_rate: 0.01
outputs:
  model:
    type: uri_folder
environment:
  image: myacr.azurecr.io/train:1
`,
      },
    ];
    const result = readAzureMlYaml(inputs[2]?.text ?? '', 'jobs/train.yml', { siblings: inputs });
    expect(errors(result)).toEqual([]);
    const job = result.estate?.jobs[0];
    expect(job).toMatchObject({
      name: 'train',
      jobType: 'command',
      compute: `${PH_WS}/computes/cpu-cluster`,
      identity: { type: 'managed', userAssignedIdentity: UAI },
      inputs: [
        {
          name: 'data',
          path: 'azureml://datastores/training/paths/iris/',
          mode: 'ro_mount',
          datastore: `${PH_WS}/datastores/training`,
        },
      ],
      outputs: [{ name: 'model' }],
      environment: { image: 'myacr.azurecr.io/train:1', build: 'as_is' },
    });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        message: expect.stringContaining('called `train` after its file'),
      }),
    );
  });

  it("reads each step's component type (R45: only a pipeline component stops the root identity) and a sweep step's trial file", () => {
    const inputs = [
      {
        file: 'p/train.yml',
        text: '$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\nname: train\nversion: 1\ntype: command\ncommand: python train.py\nenvironment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest\n',
      },
      {
        file: 'p/inner.yml',
        text: '$schema: https://azuremlschemas.azureedge.net/latest/pipelineComponent.schema.json\nname: inner\ntype: pipeline\njobs:\n  a:\n    type: command\n    component: ./train.yml\n',
      },
      {
        file: 'p/pipeline.yml',
        text: `$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
name: tuned
compute: azureml:serverless
identity:
  type: user_identity
jobs:
  prep:
    type: command
    component: ./train.yml
  nested:
    type: pipeline
    component: ./inner.yml
  registered:
    type: command
    component: azureml:score@latest
  sweep_step:
    type: sweep
    trial: ./train.yml
    sampling_algorithm: random
    search_space:
      lr:
        type: uniform
        min_value: 0.01
        max_value: 0.1
    objective:
      goal: minimize
      primary_metric: loss
    limits:
      max_total_trials: 4
`,
      },
    ];
    const result = readAzureMlYaml(inputs[2]?.text ?? '', 'p/pipeline.yml', { siblings: inputs });
    expect(errors(result)).toEqual([]);
    const steps = result.estate?.jobs[0]?.steps ?? [];
    expect(steps.map((step) => [step.name, step.componentType])).toEqual([
      ['prep', 'command'],
      ['nested', 'pipeline'],
      ['registered', undefined],
      ['sweep_step', 'command'],
    ]);
    expect(steps[3]?.component).toBe('./train.yml');
  });

  it('reads a command or sweep job that names no compute as serverless (R34); a pipeline without one stays unset', () => {
    const command = estateOf(read('$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\nname: train\ncommand: python train.py\n'));
    expect(command.jobs[0]?.compute).toBe('serverless');
    const sweep = estateOf(
      read(
        '$schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json\ntype: sweep\nname: tune\ntrial:\n  command: python train.py\nsampling_algorithm: random\nobjective:\n  goal: minimize\n  primary_metric: loss\n',
      ),
    );
    expect(sweep.jobs[0]?.compute).toBe('serverless');
    const pipeline = estateOf(
      read('$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\ntype: pipeline\nname: p\njobs:\n  a:\n    type: command\n    command: echo\n'),
    );
    expect(pipeline.jobs[0]?.compute).toBeUndefined();
  });

  it('reads `compute: local` as a local run: no compute linked or stood in for, a note that says so', () => {
    const result = read('$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\nname: train\ncommand: python train.py\ncompute: local\n');
    const estate = estateOf(result);
    expect(estate.jobs[0]?.compute).toBeUndefined();
    expect(estate.computes).toEqual([]);
    expect(result.diagnostics.filter((d) => d.path === 'compute').map((d) => [d.severity, d.message])).toEqual([
      [
        'info',
        '`compute: local` runs the job on the machine that submits it, not on Azure ML compute: no compute identity applies, and the identity it reaches data with there is not modelled',
      ],
    ]);
    // `azureml:local` names a compute called local, as any `azureml:<name>` does.
    const named = read('$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json\nname: train\ncommand: python train.py\ncompute: azureml:local\n');
    expect(named.diagnostics.find((d) => d.path === 'compute')?.message).toMatch(/^compute `local` is not declared in this import/);
  });

  it('reads a pipeline: default compute, serverless, step identity, step compute, component environments', () => {
    const inputs = [
      {
        file: 'p/component.yml',
        text: '$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\nname: c\nversion: 1\ntype: command\ncommand: echo\nenvironment:\n  image: myacr.azurecr.io/c:1\n',
      },
      {
        file: 'p/pipeline.yml',
        text: `$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
name: nightly
settings:
  default_compute: azureml:serverless
identity:
  type: user_identity
jobs:
  prep:
    type: command
    component: ./component.yml
    identity:
      type: managed
  train:
    type: command
    component: azureml:train@latest
    compute: azureml:gpu-cluster
    inputs:
      data:
        path: azureml://datastores/workspaceblobstore/paths/x
`,
      },
    ];
    const result = readAzureMlYaml(inputs[1]?.text ?? '', 'p/pipeline.yml', { siblings: inputs });
    expect(errors(result)).toEqual([]);
    const job = result.estate?.jobs[0];
    expect(job).toMatchObject({
      name: 'nightly',
      jobType: 'pipeline',
      compute: 'serverless',
      identity: { type: 'user_identity' },
    });
    expect(job?.steps[0]).toMatchObject({
      name: 'prep',
      component: './component.yml',
      identity: { type: 'managed' },
      environment: { image: 'myacr.azurecr.io/c:1' },
    });
    expect(job?.steps[1]).toMatchObject({
      name: 'train',
      component: 'azureml:train@latest',
      inputs: [{ name: 'data' }],
    });
    expect(job?.steps[1]?.compute).toBeUndefined();
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        path: 'jobs.train.compute',
        message: expect.stringContaining('`gpu-cluster` is not declared'),
      }),
    );
    expect(result.skipped).toEqual([]);
    const component = readAzureMlYaml(inputs[0]?.text ?? '', 'p/component.yml', { siblings: inputs });
    expect(component.skipped).toEqual([expect.objectContaining({ kind: 'component' })]);
  });

  it('reads sweep and Spark jobs', () => {
    const sweep = estateOf(
      read(
        '$schema: https://azuremlschemas.azureedge.net/latest/sweepJob.schema.json\ntype: sweep\nname: s\ncompute: azureml:cpu\ntrial:\n  command: python x.py\n  environment:\n    image: python:3.11\nidentity: {type: aml_token}\n',
      ),
    );
    expect(sweep.jobs[0]).toMatchObject({
      jobType: 'sweep',
      identity: { type: 'aml_token' },
      environment: { image: 'python:3.11' },
    });
    const spark = estateOf(
      read(
        '$schema: https://azuremlschemas.azureedge.net/latest/sparkJob.schema.json\ntype: spark\nname: sp\nresources:\n  instance_type: standard_e4s_v3\nidentity:\n  type: user_identity\n',
      ),
    );
    expect(spark.jobs[0]).toMatchObject({
      jobType: 'spark',
      compute: 'serverless',
      identity: { type: 'user_identity' },
    });
  });

  it('names a job identity by client id when the import knows the identity, else notes it', () => {
    const job = `type: command\nname: j\ncommand: echo\nenvironment: {image: python}\nidentity:\n  type: managed\n  client_id: ${UAI_CLIENT}\n`;
    const alone = read(job, 'j.yml');
    expect(alone.estate?.jobs[0]?.identity).toEqual({ type: 'managed' });
    expect(alone.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'info', path: 'identity.client_id' }),
    );
    const ws = {
      file: 'ws.yml',
      text: `$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json\nname: w\nidentity:\n  type: user_assigned\n  user_assigned_identities:\n  - resource_id: ${UAI}\n    client_id: ${UAI_CLIENT}\n`,
    };
    const together = readAzureMlYaml(job, 'j.yml', { siblings: [ws, { file: 'j.yml', text: job }] });
    expect(together.estate?.jobs[0]?.identity).toEqual({ type: 'managed', userAssignedIdentity: UAI });
  });

  it('rejects an unknown job identity type, located', () => {
    const result = read('type: command\ncommand: echo\nidentity:\n  type: magic\n', 'j.yml');
    expect(errors(result)).toEqual([
      expect.objectContaining({
        line: 4,
        column: 9,
        path: 'identity.type',
        message: expect.stringContaining('`magic`'),
      }),
    ]);
  });
});

describe('skipped kinds', () => {
  it.each([
    [
      'environment',
      '$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: e\nimage: python\n',
    ],
    [
      'model',
      '$schema: https://azuremlschemas.azureedge.net/latest/model.schema.json\nname: m\nversion: 1\npath: models\n',
    ],
    [
      'data',
      '$schema: https://azuremlschemas.azureedge.net/latest/data.schema.json\nname: d\ntype: uri_folder\npath: data\n',
    ],
    [
      'component',
      '$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\nname: c\ncommand: echo\n',
    ],
    [
      'batchEndpoint',
      '$schema: https://azuremlschemas.azureedge.net/latest/batchEndpoint.schema.json\nname: b\n',
    ],
    ['batchDeployment', 'name: b\nendpoint_name: e\ncompute: azureml:c\nmini_batch_size: 10\n'],
    [
      'schedule',
      '$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json\nname: s\ntrigger: {type: cron}\ncreate_job: ./job.yml\n',
    ],
    ['registry', 'name: r\nlocation: eastus\nreplication_locations:\n  - location: eastus\n'],
    ['conda', 'name: env\nchannels: [conda-forge]\ndependencies:\n  - python=3.12\n'],
    [
      'featureStore',
      '$schema: https://azuremlschemas.azureedge.net/latest/featureSetSpec.schema.json\nname: f\n',
    ],
    [
      'automlJob',
      '$schema: https://azuremlsdk2.blob.core.windows.net/preview/0.0.1/autoMLJob.schema.json\ntype: automl\n',
    ],
    ['unknown', 'model_repository: ./x\nconcurrency: [1, 2]\n'],
  ])('%s', (kind, text) => {
    const result = read(text, 'f.yml');
    expect(errors(result)).toEqual([]);
    expect(result.estate).toBeDefined();
    expect(result.skipped.map((s) => s.kind)).toEqual([kind === 'featureStore' ? 'unknown' : kind]);
    expect(result.skipped[0]?.note.length).toBeGreaterThan(10);
  });
});

describe('secrets are never kept', () => {
  const FAKE = 'Zm9vYmFyRmFrZUtleTEyMzQ1Njc4OTBhYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ekFCQ0RFRkdISUpLTE1OT1A=';
  const files: [string, string][] = [
    [
      'datastore account key',
      `type: azure_blob\nname: d\naccount_name: st\ncontainer_name: c\ncredentials:\n  account_key: ${FAKE}\n`,
    ],
    [
      'datastore SAS token',
      `type: azure_file\nname: d\naccount_name: st\nfile_share_name: s\ncredentials:\n  sas_token: ?sv=2022-11-02&sig=${FAKE}\n`,
    ],
    [
      'datastore client secret',
      `type: azure_data_lake_gen2\nname: d\naccount_name: st\nfilesystem: f\ncredentials:\n  tenant_id: t\n  client_id: c\n  client_secret: ${FAKE}\n`,
    ],
    [
      'connection PAT',
      `name: g\ntype: git\ntarget: https://github.com/x\ncredentials:\n  type: pat\n  pat: ${FAKE}\n`,
    ],
    [
      'connection password',
      `name: p\ntype: snowflake\ntarget: jdbc:snowflake://x\ncredentials:\n  type: username_password\n  username: u\n  password: ${FAKE}\n`,
    ],
    ['connection API key at the top', `name: a\ntype: azure_open_ai\ntarget: https://x\napi_key: ${FAKE}\n`],
    [
      'connection custom keys',
      `name: c\ntype: custom\ntarget: https://x\ncredentials:\n  type: custom\n  TOKEN: ${FAKE}\n`,
    ],
    [
      'connection target with a password',
      `name: c\ntype: azure_sql_db\ntarget: Server=tcp:x;Password=${FAKE}\n`,
    ],
    [
      'deployment environment variable',
      `name: blue\nendpoint_name: e\nmodel: m\nenvironment_variables:\n  STORAGE_KEY: ${FAKE}\n`,
    ],
    [
      'compute SSH password',
      `name: c\ntype: amlcompute\nssh_settings:\n  admin_username: azureuser\n  admin_password: ${FAKE}\n`,
    ],
    [
      'job input with a SAS URL',
      `type: command\nname: j\ncommand: echo\ninputs:\n  d:\n    path: https://st.blob.core.windows.net/c/x?sv=2022&sig=${FAKE}\n`,
    ],
    [
      'tag that holds a key',
      `name: w\nstorage_account: ${RG}/providers/Microsoft.Storage/storageAccounts/st\ntags:\n  key: ${FAKE}\n`,
    ],
  ];
  it.each(files)('%s', (_, text) => {
    const result = read(text);
    expect(result.estate).toBeDefined();
    expect(JSON.stringify(result.estate)).not.toContain(FAKE);
    expect(JSON.stringify(result.diagnostics)).not.toContain(FAKE);
    expect(result.diagnostics.some((d) => d.severity === 'warning')).toBe(true);
  });
});

describe('errors are located and specific', () => {
  it('names an unfilled template placeholder that breaks the YAML, with its field path', () => {
    const result = read(
      'name: blue\nendpoint_name: e\nenvironment:\n  image: {{ACR_NAME}}.azurecr.io/x:1\n',
      'dep.yml',
    );
    expect(result.estate).toBeUndefined();
    expect(errors(result)).toEqual([
      expect.objectContaining({
        file: 'dep.yml',
        line: 4,
        column: 10,
        path: 'environment.image',
        message: expect.stringContaining('`{{ACR_NAME}}`'),
      }),
    ]);
  });

  it('reads a template whose placeholders leave valid YAML, with a warning per placeholder', () => {
    const result = read('name: "{{ENDPOINT_NAME}}"\nauth_mode: key\n', 'ep.yml');
    expect(errors(result)).toEqual([]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        line: 1,
        message: expect.stringContaining('{{ENDPOINT_NAME}}'),
      }),
    );
  });

  it('reports a missing name and a bad identity type with file, line, column and path', () => {
    const missing = read(
      '$schema: https://azuremlschemas.azureedge.net/latest/amlCompute.schema.json\ntype: amlcompute\n',
      'c.yml',
    );
    expect(errors(missing)).toEqual([
      expect.objectContaining({
        file: 'c.yml',
        line: 1,
        column: 1,
        path: 'name',
        message: expect.stringContaining('missing `name`'),
      }),
    ]);
    const badType = read('name: c\ntype: amlcompute\nidentity:\n  type: both\n', 'c.yml');
    expect(errors(badType)).toEqual([
      expect.objectContaining({
        line: 4,
        column: 9,
        path: 'identity.type',
        message: expect.stringContaining('`both`'),
      }),
    ]);
  });

  it('never throws and never returns an estate with errors, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .constantFrom(
              'type: command\n',
              'name: x\ntype: amlcompute\n',
              '$schema: https://azuremlschemas.azureedge.net/latest/workspace.schema.json\n',
            )
            .chain((head) => fc.string().map((tail) => head + tail)),
        ),
        (text) => {
          const result = read(text, 'f.yml');
          if (result.diagnostics.some((d) => d.severity === 'error')) expect(result.estate).toBeUndefined();
          for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
            expect(d.file).toBe('f.yml');
            expect(d.line).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
