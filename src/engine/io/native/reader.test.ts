import { describe, expect, it } from 'vitest';
import { systemIdentityId, type EntityId } from '../../model/ids';
import type { Diagnostic, Estate } from '../../model/types';
import { validateEstate } from '../../model/validate';
import { readNativeEstate, writeNativeEstate } from './index';

const SUB = '11111111-2222-4333-8444-555555555555';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-ml`;
const WS = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-prod`;
const UAI_TRAIN = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-train`;
const UAI_WS = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-ws`;
const ALICE_OID = 'aaaaaaaa-0000-4000-8000-000000000001';

/** A small but complete estate exercising every section. */
const FULL = `
version: 1
name: Full example
description: Every section once.
assignments: observed
tenant_id: 99999999-0000-4000-8000-000000000000
management_groups:
  - name: mg-root
  - name: mg-ml
    display_name: ML
    parent: mg-root
subscriptions:
  - name: sub-ml
    id: ${SUB}
    management_group: mg-ml
resource_groups:
  - name: rg-ml
    location: westeurope
workspaces:
  - name: ws-prod
    kind: default
    identity:
      type: system_assigned,user_assigned
      principal_id: 0000aaaa-0000-4000-8000-000000000001
      user_assigned_identities:
        '${UAI_WS}': {}
    primary_user_assigned_identity: uai-ws
    storage_account: stmlprod
    key_vault: kv-ml
    container_registry: acrml
    application_insights: ai-ml
    public_network_access: Disabled
    system_datastores_auth_mode: identity
    managed_network: {isolation_mode: allow_only_approved_outbound}
    customer_managed_key: {key_vault: kv-ml, key_uri: 'https://kv-ml.vault.azure.net/keys/k/1', user_assigned_identity: uai-ws}
    image_build_compute: cpu-cluster
    allow_roleassignment_on_rg: true
    enable_data_isolation: false
    created_on: 2024-12-01
    planned_update:
      identity: {type: user_assigned, user_assigned_identities: [uai-ws]}
      primary_user_assigned_identity: uai-ws
    tags: {team: ml}
storage_accounts:
  - {name: stmlprod, is_hns_enabled: true, allow_shared_key_access: false, network: trusted_services}
key_vaults:
  - name: kv-ml
    access_policies:
      - {principal: system:ws-prod, secrets: [Get, list], keys: [get]}
container_registries:
  - {name: acrml, admin_user_enabled: true, role_assignment_mode: abac, network_restriction: private_endpoint, trusted_services_allowed: false}
application_insights:
  - name: ai-ml
user_assigned_identities:
  - {name: uai-ws}
  - {name: uai-train, client_id: 0000cccc-0000-4000-8000-000000000001, principal_id: 0000dddd-0000-4000-8000-000000000001}
users:
  - {name: alice, object_id: ${ALICE_OID}, user_principal_name: alice@contoso.com}
  - {name: bob}
groups:
  - {name: leads, members: [bob]}
  - {name: team, object_id: 0000eeee-0000-4000-8000-000000000001, members: [alice@contoso.com, leads, uai-train, system:ws-prod/computes/ci-alice]}
service_principals:
  - {name: deployer, app_id: 0000ffff-0000-4000-8000-000000000001}
computes:
  - name: cpu-cluster
    type: amlcompute
    identity: {type: user_assigned, user_assigned_identities: [{resource_id: uai-train}]}
    created_on: 2024-12-02
  - name: ci-alice
    type: computeinstance
    identity: {type: system_assigned}
    create_on_behalf_of: {user_object_id: ${ALICE_OID}}
    idle_time_before_shutdown_minutes: 30
    disable_local_auth: true
  - name: k8s
    type: kubernetes
aks_clusters:
  - name: aks-legacy
    attached_workspace: ws-prod
    identity: {type: service_principal, service_principal: deployer}
online_endpoints:
  - name: ep
    kind: kubernetes
    compute: azureml:k8s
    auth_mode: aml_token
    identity: {type: user_assigned, user_assigned_identities: [uai-train]}
    created_by: alice
  - name: ep-managed
    properties: {enforce_access_to_default_secret_stores: enabled}
online_deployments:
  - name: blue
    endpoint: ep-managed
    image: acrml.azurecr.io/score:1
    environment_variables:
      LOG_LEVEL: debug
      OPENAI_KEY: \${{azureml://connections/aoai/credentials/key}}
datastores:
  - {name: blob_data, type: azure_blob, account_name: stmlprod, container_name: data, service_data_access_auth_identity: WorkspaceSystemAssignedIdentity}
  - {name: external, type: azure_data_lake_gen2, account_name: stother, filesystem: fs, credentials: {tenant_id: 0000aaaa-1111-4000-8000-000000000001, client_id: 0000ffff-0000-4000-8000-000000000001, client_secret: <redacted>}}
connections:
  - {name: private-acr, type: container_registry, target: https://acrbase.azurecr.io, credentials: {type: managed_identity, client_id: 0000cccc-0000-4000-8000-000000000001, resource_id: '${UAI_TRAIN}'}}
jobs:
  - name: train
    compute: cpu-cluster
    identity: {type: managed_identity, client_id: 0000cccc-0000-4000-8000-000000000001}
    inputs:
      data: {path: 'azureml://datastores/blob_data/paths/x/', mode: ro_mount}
      lr: 0.01
    outputs:
      model: azureml://datastores/blob_data/paths/model/
    environment: {image: acrml.azurecr.io/train:1}
    submitted_by: user:${ALICE_OID}
    submitted_from: cli
  - name: pipe
    type: pipeline
    identity: {type: user_identity}
    jobs:
      step-a:
        compute: serverless
        identity: {type: managed, object_id: 0000dddd-0000-4000-8000-000000000001}
        component: {name: prep, identity: {type: aml_token}}
        environment: {image: base.azurecr.io/x:1, conda_file: env.yml}
role_definitions:
  - name: Job Submitter
    actions: [Microsoft.MachineLearningServices/workspaces/jobs/*]
    assignable_scopes: [rg-ml]
role_assignments:
  - {principal: alice, role: AzureML Data Scientist, scope: ws-prod}
  - {principal: system:ws-prod, role: b24988ac-6180-42a0-ab88-20f7382dd24c, scope: rg-ml}
  - {principal: team, role: Job Submitter, scope: '${WS}', origin: planned, principal_type: Group}
  - {principal: uai-train, role: '/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d', scope: acrml}
  - {principal: 0000ffff-0000-4000-8000-000000000001, role: reader, scope: /}
  - principal: system:${WS}/onlineEndpoints/ep-managed
    role: Storage Blob Data Reader
    scope: /subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlprod/blobServices/default/containers/data
    condition: "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data'"
    condition_version: 2.0
deny_assignments:
  - name: protect
    scope: ws-prod
    actions: ['*/delete']
    principals: everyone
    exclude_principals: [alice]
`;

function read(text: string): { estate: Estate | undefined; diagnostics: Diagnostic[] } {
  return readNativeEstate(text, 'estate.yaml');
}

function mustRead(text: string): Estate {
  const { estate, diagnostics } = read(text);
  expect(diagnostics).toEqual([]);
  expect(estate).toBeDefined();
  return estate as Estate;
}

describe('readNativeEstate: a full example', () => {
  const estate = mustRead(FULL);

  it('reads the header', () => {
    expect(estate.name).toBe('Full example');
    expect(estate.description).toBe('Every section once.');
    expect(estate.assignmentsOrigin).toBe('observed');
    expect(estate.tenantId).toBe('99999999-0000-4000-8000-000000000000');
  });

  it('builds ARM ids with Azure casing for the scope tree', () => {
    expect(estate.managementGroups.map((g) => g.id)).toEqual([
      '/providers/Microsoft.Management/managementGroups/mg-root',
      '/providers/Microsoft.Management/managementGroups/mg-ml',
    ]);
    expect(estate.managementGroups[1]?.parent).toBe(
      '/providers/Microsoft.Management/managementGroups/mg-root',
    );
    expect(estate.subscriptions[0]).toMatchObject({
      id: `/subscriptions/${SUB}`,
      subscriptionId: SUB,
      managementGroup: '/providers/Microsoft.Management/managementGroups/mg-ml',
    });
    expect(estate.resourceGroups[0]).toMatchObject({
      id: RG,
      armId: RG,
      subscription: `/subscriptions/${SUB}`,
      location: 'westeurope',
    });
  });

  it('builds resource ids for each provider type', () => {
    expect(estate.workspaces[0]?.id).toBe(WS);
    expect(estate.storageAccounts[0]?.id).toBe(`${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod`);
    expect(estate.keyVaults[0]?.id).toBe(`${RG}/providers/Microsoft.KeyVault/vaults/kv-ml`);
    expect(estate.containerRegistries[0]?.id).toBe(
      `${RG}/providers/Microsoft.ContainerRegistry/registries/acrml`,
    );
    expect(estate.applicationInsights[0]?.id).toBe(`${RG}/providers/Microsoft.Insights/components/ai-ml`);
    expect(estate.userAssignedIdentities.map((u) => u.id)).toEqual([UAI_WS, UAI_TRAIN]);
    expect(estate.aksClusters[0]?.id).toBe(
      `${RG}/providers/Microsoft.ContainerService/managedClusters/aks-legacy`,
    );
    expect(estate.computes.map((c) => c.id)).toEqual([
      `${WS}/computes/cpu-cluster`,
      `${WS}/computes/ci-alice`,
      `${WS}/computes/k8s`,
    ]);
    expect(estate.onlineEndpoints.map((e) => e.id)).toEqual([
      `${WS}/onlineEndpoints/ep`,
      `${WS}/onlineEndpoints/ep-managed`,
    ]);
    expect(estate.onlineDeployments[0]?.id).toBe(`${WS}/onlineEndpoints/ep-managed/deployments/blue`);
    expect(estate.datastores.map((d) => d.id)).toEqual([
      `${WS}/datastores/blob_data`,
      `${WS}/datastores/external`,
    ]);
    expect(estate.connections[0]?.id).toBe(`${WS}/connections/private-acr`);
    expect(estate.jobs.map((j) => j.id)).toEqual([`${WS}/jobs/train`, `${WS}/jobs/pipe`]);
  });

  it('reads the workspace with every setting resolved', () => {
    const ws = estate.workspaces[0];
    expect(ws).toMatchObject({
      workspaceKind: 'default',
      identity: { system: true, userAssigned: [UAI_WS] },
      primaryUserAssignedIdentity: UAI_WS,
      storageAccount: `${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod`,
      keyVault: `${RG}/providers/Microsoft.KeyVault/vaults/kv-ml`,
      containerRegistry: `${RG}/providers/Microsoft.ContainerRegistry/registries/acrml`,
      applicationInsights: `${RG}/providers/Microsoft.Insights/components/ai-ml`,
      publicNetworkAccess: 'Disabled',
      systemDatastoresAuthMode: 'identity',
      managedNetwork: { isolationMode: 'allow_only_approved_outbound' },
      customerManagedKey: {
        keyVault: `${RG}/providers/Microsoft.KeyVault/vaults/kv-ml`,
        keyUri: 'https://kv-ml.vault.azure.net/keys/k/1',
        userAssignedIdentity: UAI_WS,
      },
      imageBuildCompute: 'cpu-cluster',
      allowRoleAssignmentOnRg: true,
      enableDataIsolation: false,
      createdOn: '2024-12-01',
      plannedUpdate: {
        identity: { system: false, userAssigned: [UAI_WS] },
        primaryUserAssignedIdentity: UAI_WS,
      },
      tags: { team: 'ml' },
    });
  });

  it('creates system-assigned identities with their Entra display names', () => {
    expect(estate.systemAssignedIdentities.map((s) => [s.name, s.owner, s.id])).toEqual([
      ['ws-prod', WS, systemIdentityId(WS as EntityId)],
      [
        'ws-prod/computes/ci-alice',
        `${WS}/computes/ci-alice`,
        systemIdentityId(`${WS}/computes/ci-alice` as EntityId),
      ],
      [
        'ws-prod/onlineEndpoints/ep-managed',
        `${WS}/onlineEndpoints/ep-managed`,
        systemIdentityId(`${WS}/onlineEndpoints/ep-managed` as EntityId),
      ],
    ]);
    expect(estate.systemAssignedIdentities[0]?.principalId).toBe('0000aaaa-0000-4000-8000-000000000001');
  });

  it('reads resources with their defaults and settings', () => {
    expect(estate.storageAccounts[0]).toMatchObject({
      isHnsEnabled: true,
      allowSharedKeyAccess: false,
      network: 'trusted_services',
    });
    expect(estate.keyVaults[0]).toMatchObject({
      enableRbacAuthorization: false,
      publicNetworkAccess: 'Enabled',
      accessPolicies: [
        {
          principal: systemIdentityId(WS as EntityId),
          secrets: ['get', 'list'],
          keys: ['get'],
          certificates: [],
        },
      ],
    });
    expect(estate.containerRegistries[0]).toMatchObject({
      loginServer: 'acrml.azurecr.io',
      adminUserEnabled: true,
      roleAssignmentMode: 'abac',
      networkRestriction: 'private_endpoint',
      trustedServicesAllowed: false,
    });
    expect(estate.userAssignedIdentities[1]).toMatchObject({
      clientId: '0000cccc-0000-4000-8000-000000000001',
      principalId: '0000dddd-0000-4000-8000-000000000001',
    });
  });

  it('reads principals and group members in every reference form', () => {
    expect(estate.users.map((u) => u.id)).toEqual([`user:${ALICE_OID}`, 'user:bob']);
    expect(estate.servicePrincipals[0]?.id).toBe('sp:deployer');
    expect(estate.groups.map((g) => g.id)).toEqual([
      'group:leads',
      'group:0000eeee-0000-4000-8000-000000000001',
    ]);
    expect(estate.groups[1]?.members).toEqual([
      `user:${ALICE_OID}`,
      'group:leads',
      UAI_TRAIN,
      systemIdentityId(`${WS}/computes/ci-alice` as EntityId),
    ]);
  });

  it('reads computes, AKS, endpoints and deployments', () => {
    expect(estate.computes[0]).toMatchObject({
      computeType: 'amlcompute',
      identity: { system: false, userAssigned: [UAI_TRAIN] },
      createdOn: '2024-12-02',
    });
    expect(estate.computes[1]).toMatchObject({
      computeType: 'computeinstance',
      identity: { system: true, userAssigned: [] },
      assignedUser: `user:${ALICE_OID}`,
      idleTimeBeforeShutdown: '30',
      disableLocalAuth: true,
    });
    expect(estate.computes[2]).toMatchObject({
      computeType: 'kubernetes',
      identity: { system: false, userAssigned: [] },
    });
    expect(estate.aksClusters[0]).toMatchObject({
      attachedWorkspace: WS,
      clusterIdentity: { type: 'service_principal', servicePrincipal: 'sp:deployer' },
    });
    expect(estate.onlineEndpoints[0]).toMatchObject({
      endpointKind: 'kubernetes',
      compute: `${WS}/computes/k8s`,
      authMode: 'aml_token',
      identity: { system: false, userAssigned: [UAI_TRAIN] },
      createdBy: `user:${ALICE_OID}`,
      enforceAccessToDefaultSecretStores: false,
    });
    expect(estate.onlineEndpoints[1]).toMatchObject({
      endpointKind: 'managed',
      authMode: 'key',
      identity: { system: true, userAssigned: [] },
      enforceAccessToDefaultSecretStores: true,
    });
    expect(estate.onlineDeployments[0]).toMatchObject({
      endpoint: `${WS}/onlineEndpoints/ep-managed`,
      image: 'acrml.azurecr.io/score:1',
      environmentVariables: {
        LOG_LEVEL: 'debug',
        OPENAI_KEY: '${{azureml://connections/aoai/credentials/key}}',
      },
    });
  });

  it('reads datastores and connections, keeping only credential kinds', () => {
    expect(estate.datastores[0]).toMatchObject({
      datastoreType: 'azure_blob',
      storageAccount: `${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod`,
      accountName: 'stmlprod',
      containerName: 'data',
      credentialKind: 'none',
      serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity',
    });
    expect(estate.datastores[1]).toMatchObject({
      datastoreType: 'azure_data_lake_gen2',
      accountName: 'stother',
      containerName: 'fs',
      credentialKind: 'service_principal',
      credentialPrincipal: 'sp:deployer',
    });
    expect(estate.datastores[1]?.storageAccount).toBeUndefined();
    expect(estate.connections[0]).toMatchObject({
      connectionType: 'container_registry',
      target: 'https://acrbase.azurecr.io',
      credentialKind: 'managed_identity',
      identity: UAI_TRAIN,
    });
  });

  it('reads jobs, steps, bindings and identities', () => {
    const [train, pipe] = estate.jobs;
    expect(train).toMatchObject({
      jobType: 'command',
      compute: `${WS}/computes/cpu-cluster`,
      identity: { type: 'managed', userAssignedIdentity: UAI_TRAIN },
      inputs: [
        {
          name: 'data',
          path: 'azureml://datastores/blob_data/paths/x/',
          mode: 'ro_mount',
          datastore: `${WS}/datastores/blob_data`,
        },
      ],
      outputs: [
        {
          name: 'model',
          path: 'azureml://datastores/blob_data/paths/model/',
          datastore: `${WS}/datastores/blob_data`,
        },
      ],
      environment: { image: 'acrml.azurecr.io/train:1', build: 'as_is' },
      submittedBy: `user:${ALICE_OID}`,
      submittedFrom: 'cli',
    });
    expect(pipe).toMatchObject({ jobType: 'pipeline', identity: { type: 'user_identity' } });
    expect(pipe?.steps).toEqual([
      {
        name: 'step-a',
        compute: 'serverless',
        identity: { type: 'managed', userAssignedIdentity: UAI_TRAIN },
        inputs: [],
        outputs: [],
        component: 'prep',
        componentIdentity: { type: 'aml_token' },
        environment: { image: 'base.azurecr.io/x:1', build: 'managed_build' },
      },
    ]);
  });

  it('reads custom roles, role assignments in every reference form, and deny assignments', () => {
    const role = estate.roleDefinitions[0];
    expect(role).toMatchObject({
      name: 'Job Submitter',
      roleType: 'CustomRole',
      assignableScopes: [RG],
      permissions: [
        {
          actions: ['Microsoft.MachineLearningServices/workspaces/jobs/*'],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
    });
    expect(role?.id).toMatch(/^[0-9a-f-]{36}$/);
    const assignments = estate.roleAssignments.map((a) => [a.principal, a.role, a.scope, a.origin]);
    expect(assignments).toEqual([
      [`user:${ALICE_OID}`, 'f6c7c914-8db3-469d-8ca1-694a8f32e121', WS, 'observed'],
      [systemIdentityId(WS as EntityId), 'b24988ac-6180-42a0-ab88-20f7382dd24c', RG, 'observed'],
      ['group:0000eeee-0000-4000-8000-000000000001', role?.id, WS, 'planned'],
      [
        UAI_TRAIN,
        '7f951dda-4ed3-4680-a7ca-43fe172d538d',
        `${RG}/providers/Microsoft.ContainerRegistry/registries/acrml`,
        'observed',
      ],
      ['sp:deployer', 'acdd72a7-3385-48ef-bd42-f606fba81ae7', '/', 'observed'],
      [
        systemIdentityId(`${WS}/onlineEndpoints/ep-managed` as EntityId),
        '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
        `${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod/blobServices/default/containers/data`,
        'observed',
      ],
    ]);
    expect(estate.roleAssignments[2]?.principalType).toBe('Group');
    expect(estate.roleAssignments[5]?.conditionVersion).toBe('2.0');
    expect(estate.roleAssignments[0]?.id).toMatch(
      new RegExp(`^${WS}/providers/Microsoft.Authorization/roleAssignments/[0-9a-f-]{36}$`),
    );
    expect(estate.roleAssignments[4]?.id).toMatch(
      /^\/providers\/Microsoft.Authorization\/roleAssignments\/[0-9a-f-]{36}$/,
    );
    expect(estate.denyAssignments[0]).toMatchObject({
      name: 'protect',
      scope: WS,
      permissions: { actions: ['*/delete'], notActions: [], dataActions: [], notDataActions: [] },
      principals: 'everyone',
      excludePrincipals: [`user:${ALICE_OID}`],
      doNotApplyToChildScopes: false,
    });
  });

  it('records where each entity came from', () => {
    expect(estate.workspaces[0]?.source).toEqual({
      file: 'estate.yaml',
      line: 20,
      column: 5,
      path: 'workspaces[0]',
    });
    expect(estate.roleAssignments[0]?.source).toMatchObject({
      file: 'estate.yaml',
      path: 'role_assignments[0]',
    });
  });

  it('produces an estate that passes the model checks', () => {
    expect(validateEstate(estate)).toEqual([]);
  });

  it('reads the same file twice into equal estates (derived ids are stable)', () => {
    expect(read(FULL).estate).toEqual(estate);
  });
});

describe('readNativeEstate: reference forms', () => {
  const base = `
subscriptions: [{name: s, id: ${SUB}}]
resource_groups: [{name: rg-ml}]
workspaces: [{name: ws-prod}]
user_assigned_identities: [{name: uai-a, client_id: 0000cccc-0000-4000-8000-000000000002, principal_id: 0000dddd-0000-4000-8000-000000000002}]
users: [{name: alice, object_id: ${ALICE_OID}, user_principal_name: Alice@Contoso.com}]
service_principals: [{name: app, app_id: 0000ffff-0000-4000-8000-000000000002, object_id: 0000ffff-0000-4000-8000-000000000003}]
computes: [{name: cpu, type: amlcompute, identity: {type: system_assigned}}]
`;
  const principalOf = (ref: string) => {
    const estate = mustRead(
      `${base}role_assignments: [{principal: '${ref}', role: Reader, scope: ws-prod}]\n`,
    );
    return estate.roleAssignments[0]?.principal;
  };
  const scopeOf = (ref: string) =>
    mustRead(`${base}role_assignments: [{principal: alice, role: Reader, scope: '${ref}'}]\n`)
      .roleAssignments[0]?.scope;
  const roleOf = (ref: string) =>
    mustRead(`${base}role_assignments: [{principal: alice, role: '${ref}', scope: /}]\n`).roleAssignments[0]
      ?.role;
  const uai = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-a`;

  it('resolves principals by name, UPN, object id, principal id, client id, app id, id and ARM id', () => {
    expect(principalOf('alice')).toBe(`user:${ALICE_OID}`);
    expect(principalOf('alice@contoso.com')).toBe(`user:${ALICE_OID}`);
    expect(principalOf(ALICE_OID.toUpperCase())).toBe(`user:${ALICE_OID}`);
    expect(principalOf(`user:${ALICE_OID}`)).toBe(`user:${ALICE_OID}`);
    expect(principalOf('user:alice')).toBe(`user:${ALICE_OID}`);
    expect(principalOf('0000dddd-0000-4000-8000-000000000002')).toBe(uai);
    expect(principalOf('0000cccc-0000-4000-8000-000000000002')).toBe(uai);
    expect(principalOf('uai-a')).toBe(uai);
    expect(principalOf(uai.toLowerCase())).toBe(uai);
    expect(principalOf('0000ffff-0000-4000-8000-000000000002')).toBe(
      'sp:0000ffff-0000-4000-8000-000000000003',
    );
    expect(principalOf('app')).toBe('sp:0000ffff-0000-4000-8000-000000000003');
  });

  it('resolves system-assigned identities by display name, resource name and ARM id', () => {
    const wsSai = systemIdentityId(WS as EntityId);
    const cpuSai = systemIdentityId(`${WS}/computes/cpu` as EntityId);
    expect(principalOf('system:ws-prod')).toBe(wsSai);
    expect(principalOf(`system:${WS.toUpperCase()}`)).toBe(wsSai);
    expect(principalOf('system:ws-prod/computes/cpu')).toBe(cpuSai);
    expect(principalOf('system:cpu')).toBe(cpuSai);
    expect(principalOf(`system:${WS}/computes/cpu`)).toBe(cpuSai);
  });

  it('resolves scopes by resource name, subscription GUID, ARM id (kept as written) and root', () => {
    expect(scopeOf('ws-prod')).toBe(WS);
    expect(scopeOf('cpu')).toBe(`${WS}/computes/cpu`);
    expect(scopeOf('uai-a')).toBe(uai);
    expect(scopeOf('s')).toBe(`/subscriptions/${SUB}`);
    expect(scopeOf(SUB)).toBe(`/subscriptions/${SUB}`);
    expect(scopeOf('/')).toBe('/');
    const outside = `/subscriptions/${SUB}/resourceGroups/other/providers/Microsoft.Storage/storageAccounts/x/blobServices/default/containers/c`;
    expect(scopeOf(outside)).toBe(outside);
    expect(scopeOf('/providers/Microsoft.Management/managementGroups/elsewhere')).toBe(
      '/providers/Microsoft.Management/managementGroups/elsewhere',
    );
  });

  it('resolves roles by built-in name in any casing, GUID and role definition id', () => {
    expect(roleOf('Storage Blob Data Reader')).toBe('2a2b9908-6ea1-4ae2-8e65-a410df84e7d1');
    expect(roleOf('storage blob data reader')).toBe('2a2b9908-6ea1-4ae2-8e65-a410df84e7d1');
    expect(roleOf('2A2B9908-6EA1-4AE2-8E65-A410DF84E7D1')).toBe('2a2b9908-6ea1-4ae2-8e65-a410df84e7d1');
    expect(
      roleOf('/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'),
    ).toBe('2a2b9908-6ea1-4ae2-8e65-a410df84e7d1');
  });

  it('keeps an unknown role GUID with a warning', () => {
    const { estate, diagnostics } = read(
      `${base}role_assignments: [{principal: alice, role: 12345678-1234-4234-8234-123456789012, scope: /}]\n`,
    );
    expect(estate?.roleAssignments[0]?.role).toBe('12345678-1234-4234-8234-123456789012');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', line: 9, path: 'role_assignments[0].role' });
    expect(diagnostics[0]?.message).toMatch(/neither a known built-in role nor declared/);
  });

  it('resolves references given as ARM ids, ignoring case', () => {
    const estate = mustRead(
      `${base}datastores: [{name: d, workspace: '${WS.toLowerCase()}', type: azure_blob}]\n`,
    );
    expect(estate.datastores[0]?.workspace).toBe(WS);
  });

  it('resolves workspace children within the referencing workspace', () => {
    const estate = mustRead(`
subscriptions: [{name: s, id: ${SUB}}]
resource_groups: [{name: rg-ml}]
workspaces: [{name: ws-a}, {name: ws-b}]
computes:
  - {name: cpu, workspace: ws-a, type: amlcompute}
  - {name: cpu, workspace: ws-b, type: amlcompute}
datastores:
  - {name: data, workspace: ws-a, type: azure_blob}
  - {name: data, workspace: ws-b, type: azure_blob}
jobs:
  - {name: j, workspace: ws-b, compute: cpu, inputs: {x: {path: 'azureml://datastores/data/paths/a'}}}
`);
    const wsB = `${RG}/providers/Microsoft.MachineLearningServices/workspaces/ws-b`;
    expect(estate.jobs[0]?.compute).toBe(`${wsB}/computes/cpu`);
    expect(estate.jobs[0]?.inputs[0]?.datastore).toBe(`${wsB}/datastores/data`);
  });

  it('accepts an explicit ARM id and takes the name and parent from it', () => {
    const id = `${RG}/providers/Microsoft.Storage/storageAccounts/StData`;
    const estate = mustRead(`${base}storage_accounts: [{id: '${id}'}]\n`);
    expect(estate.storageAccounts[0]).toMatchObject({ id, armId: id, name: 'StData', resourceGroup: RG });
  });

  it('accepts the az ml identity shapes and the string shorthand', () => {
    const estate = mustRead(`${base}online_endpoints:
  - {name: a, identity: system_assigned}
  - {name: b, identity: {type: user_assigned, user_assigned_identities: [{resource_id: '${uai}'}]}}
  - {name: c, identity: {user_assigned_identities: {'${uai}': {}}}}
`);
    expect(estate.onlineEndpoints.map((e) => e.identity)).toEqual([
      { system: true, userAssigned: [] },
      { system: false, userAssigned: [uai] },
      { system: false, userAssigned: [uai] },
    ]);
  });

  it('lets the only subscription, resource group, workspace and endpoint be left out', () => {
    const estate = mustRead(`${base}online_endpoints: [{name: ep}]\nonline_deployments: [{name: blue}]\n`);
    expect(estate.onlineDeployments[0]?.endpoint).toBe(`${WS}/onlineEndpoints/ep`);
  });
});

describe('readNativeEstate: secrets', () => {
  const ACCOUNT_KEY = `${'Qk9'.repeat(28)}zz==`;
  const CLIENT_SECRET = 'Xq8~verysecretvalue-0123456789abcdefGHIJ';
  const SAS =
    'sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&sig=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA%3D%3D';
  const PAT = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB';
  const text = `
subscriptions: [{name: s, id: ${SUB}}]
resource_groups: [{name: rg-ml}]
workspaces: [{name: ws-prod}]
datastores:
  - {name: a, type: azure_blob, account_name: st, container_name: c, credentials: {account_key: '${ACCOUNT_KEY}'}}
  - {name: b, type: azure_blob, account_name: st, container_name: c, credentials: {sas_token: '${SAS}'}}
  - {name: c, type: azure_data_lake_gen2, account_name: st, filesystem: f, credentials: {tenant_id: ${SUB}, client_id: ${SUB}, client_secret: '${CLIENT_SECRET}'}}
connections:
  - {name: git, type: git, target: 'https://github.com/contoso/repo', credentials: {type: pat, pat: '${PAT}'}}
  - {name: aoai, type: azure_open_ai, target: 'https://aoai.openai.azure.com', api_key: '${CLIENT_SECRET}'}
online_endpoints: [{name: ep}]
online_deployments:
  - name: blue
    environment_variables:
      DB_PASSWORD: hunter2-not-a-reference
      STORAGE: 'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=${ACCOUNT_KEY}'
      SAFE: 'INFO'
      REF: \${{azureml://connections/aoai/credentials/key}}
jobs:
  - name: j
    inputs:
      raw: 'https://st.blob.core.windows.net/c/file.csv?${SAS}'
    description: 'pull from https://st.blob.core.windows.net/c?${SAS}'
    tags: {token: '${PAT}', owner: alice}
`;

  it('keeps only credential kinds and drops every secret value from the estate', () => {
    const { estate, diagnostics } = read(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(estate).toBeDefined();
    const json = JSON.stringify(estate);
    for (const secret of [ACCOUNT_KEY, CLIENT_SECRET, 'sig=Zm9vYmFy', PAT, 'hunter2'])
      expect(json).not.toContain(secret);
    expect(estate?.datastores.map((d) => d.credentialKind)).toEqual([
      'account_key',
      'sas',
      'service_principal',
    ]);
    expect(estate?.connections.map((c) => c.credentialKind)).toEqual(['pat', 'api_key']);
    expect(estate?.onlineDeployments[0]?.environmentVariables).toEqual({
      DB_PASSWORD: '<redacted>',
      STORAGE: '<redacted>',
      SAFE: 'INFO',
      REF: '${{azureml://connections/aoai/credentials/key}}',
    });
    expect(estate?.jobs[0]?.inputs[0]?.path).toBe('https://st.blob.core.windows.net/c/file.csv?<redacted>');
    expect(estate?.jobs[0]?.tags).toEqual({ token: '<redacted>', owner: 'alice' });
  });

  it('warns where a secret sat in the file, without quoting it', () => {
    const { diagnostics } = read(text);
    const warnings = diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => d.path)).toEqual([
      'datastores[0].credentials.account_key',
      'datastores[1].credentials.sas_token',
      'datastores[2].credentials.client_secret',
      'connections[0].credentials.pat',
      'connections[1].api_key',
      'online_deployments[0].environment_variables.DB_PASSWORD',
      'online_deployments[0].environment_variables.STORAGE',
      'jobs[0].inputs.raw',
      'jobs[0].description',
      'jobs[0].tags.token',
    ]);
    const messages = JSON.stringify(diagnostics);
    for (const secret of [ACCOUNT_KEY, CLIENT_SECRET, 'sig=Zm9vYmFy', PAT, 'hunter2'])
      expect(messages).not.toContain(secret);
  });
});

describe('online endpoint callers', () => {
  it('reads callers as principals and writes them back', () => {
    const text = `version: 1
name: callers
subscriptions: [{ name: s, id: 00000000-0000-0000-0000-000000000001 }]
resource_groups: [{ name: rg, subscription: s }]
workspaces: [{ name: ws, resource_group: rg }]
service_principals: [{ name: app-scoring, app_id: 9b0c1c8e-1111-4c4c-9a9a-000000000001 }]
online_endpoints: [{ name: ep, workspace: ws, auth_mode: aad_token, callers: [app-scoring] }]
`;
    const first = readNativeEstate(text, 'c.yaml');
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const callers = first.estate?.onlineEndpoints[0]?.callers ?? [];
    expect(callers.map((id) => first.estate?.servicePrincipals.find((sp) => sp.id === id)?.name)).toEqual(['app-scoring']);
    const again = readNativeEstate(writeNativeEstate(first.estate!, 'yaml'), 'again.yaml');
    expect(again.estate?.onlineEndpoints[0]?.callers).toEqual(callers);
    const bad = readNativeEstate(text.replace('callers: [app-scoring]', 'callers: [nobody]'), 'bad.yaml');
    expect(bad.estate).toBeUndefined();
    expect(bad.diagnostics.some((d) => d.path === 'online_endpoints[0].callers[0]' && d.message.includes('nobody'))).toBe(true);
  });
});
