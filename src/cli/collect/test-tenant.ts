import { API } from './api';
import type { RecordedResponse, RecordedRoutes } from './test-server';

/**
 * Recorded tenants for the collection tests and the bench, written by hand in the shapes the REST references
 * document (Subscriptions - List 2022-12-01, Resources 2022-10-01, Role Assignments / Role Definitions / Deny
 * Assignments - List 2022-04-01, Workspaces / Compute / Online Endpoints / Online Deployments / Datastores /
 * Workspace Connections - List 2024-10-01, directoryObjects: getByIds and group transitiveMembers v1.0). No real
 * tenant's data: every id is made up.
 */

export const TENANT = '99999999-8888-7777-6666-555555555555';
export const SUB_A = '11111111-2222-3333-4444-555555555555';
/** A subscription the token lists but may not read: every ARM call on it answers 403. */
export const SUB_B = '22222222-3333-4444-5555-666666666666';
/** Values that must never reach a file: a datastore key and a connection's PAT. */
export const PLANTED_SECRETS = ['c2VjcmV0LWtleS1ub3QtdG8tYmUtd3JpdHRlbi0xMjM0NTY3ODkwYWJjZGVm', 'ghp_R3c0rd3dPatN0tT0B3Wr1tt3n0000000000'];

const ML = 'Microsoft.MachineLearningServices';
const RG = `/subscriptions/${SUB_A}/resourceGroups/rg-ml`;
const WS = `${RG}/providers/${ML}/workspaces/ws-prod`;
const STORAGE = `${RG}/providers/Microsoft.Storage/storageAccounts/stmlprod`;
const VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/kv-ml-prod`;
const ACR = `${RG}/providers/Microsoft.ContainerRegistry/registries/acrmlprod`;
const INSIGHTS = `${RG}/providers/Microsoft.Insights/components/ai-ml-prod`;
const UAI = `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uai-train`;

const PRINCIPAL = {
  workspace: 'aaaaaaaa-0000-4000-8000-000000000001',
  endpoint: 'aaaaaaaa-0000-4000-8000-000000000002',
  uai: 'bbbbbbbb-0000-4000-8000-000000000001',
  alice: 'dddddddd-0000-4000-8000-000000000001',
  bob: 'dddddddd-0000-4000-8000-000000000002',
  team: 'eeeeeeee-0000-4000-8000-000000000001',
};

const ROLE = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  blobContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  dataScientist: 'f6c7c914-8db3-469d-8ca1-694a8f32e121',
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  kvAdmin: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
};

const ok = (body: unknown): RecordedResponse => ({ status: 200, body });
const forbidden = (scope: string): RecordedResponse => ({
  status: 403,
  body: { error: { code: 'AuthorizationFailed', message: `The client does not have authorization to perform action over scope '${scope}' or the scope is invalid.` } },
});

function roleAssignment(n: number, scope: string, role: string, principalId: string, principalType: string, subscription = SUB_A) {
  const name = `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    properties: {
      roleDefinitionId: `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      principalId,
      principalType,
      scope,
      condition: null,
      conditionVersion: null,
      createdOn: '2026-01-05T10:00:00.0000000Z',
      updatedOn: '2026-01-05T10:00:00.0000000Z',
      createdBy: PRINCIPAL.alice,
      updatedBy: PRINCIPAL.alice,
      delegatedManagedIdentityResourceId: null,
      description: null,
    },
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    type: 'Microsoft.Authorization/roleAssignments',
    name,
  };
}

function rgRow(id: string, type: string, extra: Record<string, unknown> = {}) {
  const name = id.split('/').pop() ?? '';
  return { id, name, type, kind: '', location: 'eastus', resourceGroup: 'rg-ml', subscriptionId: SUB_A, tenantId: TENANT, identity: null, properties: {}, tags: {}, sku: null, ...extra };
}

const list = (value: unknown[], next?: string) => ok({ value, ...(next !== undefined ? { nextLink: next } : {}) });
const mlList = (path: string) => `GET ${path}?api-version=${API.machineLearning}`;

/**
 * The hand-written tenant: subscription A (readable) with one workspace, and subscription B (403). Faults:
 * the subscription list and the role assignments are paged (`nextLink`), the resources query is paged
 * (`$skipToken`), the role assignments first answer 429 with `Retry-After: 1`, the computes list first
 * answers 500, and the connections list answers a truncated body.
 */
export function smallTenant(): { arm: RecordedRoutes; graph: RecordedRoutes } {
  const arm: RecordedRoutes = new Map();
  const graph: RecordedRoutes = new Map();
  const subscription = (id: string, name: string) => ({
    id: `/subscriptions/${id}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: id,
    tenantId: TENANT,
    displayName: name,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  });
  arm.set(`GET /subscriptions?api-version=${API.subscriptions}`, list([subscription(SUB_A, 'ml-prod')], `{base}/subscriptions?api-version=${API.subscriptions}&%24skiptoken=page2`));
  arm.set(`GET /subscriptions?api-version=${API.subscriptions}&%24skiptoken=page2`, list([subscription(SUB_B, 'ml-restricted')]));
  arm.set(`GET /subscriptions/${SUB_A}?api-version=${API.subscriptions}`, ok(subscription(SUB_A, 'ml-prod')));
  arm.set(`GET /subscriptions/${SUB_B}?api-version=${API.subscriptions}`, forbidden(`/subscriptions/${SUB_B}`));

  // Resource Graph: the scope tree in one page, the resources in two.
  const page = (data: unknown[], total: number, skipToken?: string) =>
    ok({ totalRecords: total, count: data.length, data, facets: [], resultTruncated: 'false', ...(skipToken !== undefined ? { $skipToken: skipToken } : {}) });
  arm.set(
    'POST /providers/Microsoft.ResourceGraph/resources#resourcecontainers#',
    page(
      [
        { id: `/subscriptions/${SUB_A}`, name: SUB_A, type: 'microsoft.resources/subscriptions', location: '', resourceGroup: '', subscriptionId: SUB_A, tenantId: TENANT, properties: { managementGroupAncestorsChain: [{ name: TENANT, displayName: 'Tenant Root Group' }] }, tags: {} },
        { id: `/subscriptions/${SUB_A}/resourceGroups/rg-ml`, name: 'rg-ml', type: 'microsoft.resources/subscriptions/resourcegroups', location: 'eastus', resourceGroup: 'rg-ml', subscriptionId: SUB_A, tenantId: TENANT, properties: { provisioningState: 'Succeeded' }, tags: {} },
      ],
      2,
    ),
  );
  const resources = [
    rgRow(STORAGE, 'microsoft.storage/storageaccounts', { kind: 'StorageV2', properties: { allowSharedKeyAccess: false, publicNetworkAccess: 'Enabled', isHnsEnabled: false, minimumTlsVersion: 'TLS1_2' }, sku: { name: 'Standard_LRS', tier: 'Standard' } }),
    rgRow(VAULT, 'microsoft.keyvault/vaults', { properties: { tenantId: TENANT, enableRbacAuthorization: true, publicNetworkAccess: 'Enabled', sku: { family: 'A', name: 'standard' } } }),
    rgRow(ACR, 'microsoft.containerregistry/registries', { properties: { adminUserEnabled: false, publicNetworkAccess: 'Enabled' }, sku: { name: 'Premium', tier: 'Premium' } }),
    rgRow(INSIGHTS, 'microsoft.insights/components', { kind: 'web', properties: { Application_Type: 'web' } }),
    rgRow(UAI, 'microsoft.managedidentity/userassignedidentities', { properties: { tenantId: TENANT, principalId: PRINCIPAL.uai, clientId: 'cccccccc-0000-4000-8000-000000000001' } }),
    // Resource Graph also holds the workspace; ARM REST's copy is the one kept.
    rgRow(WS, 'microsoft.machinelearningservices/workspaces'),
  ];
  arm.set('POST /providers/Microsoft.ResourceGraph/resources#resources#', page(resources.slice(0, 3), resources.length, 'ew0KICAiJGlkIjogIjEiLA0KICAiTWF4Um93cyI6IDMNCn0='));
  arm.set('POST /providers/Microsoft.ResourceGraph/resources#resources#ew0KICAiJGlkIjogIjEiLA0KICAiTWF4Um93cyI6IDMNCn0=', page(resources.slice(3), resources.length));

  // Authorization: assignments in two pages, after a 429.
  const auth = `/subscriptions/${SUB_A}/providers/Microsoft.Authorization`;
  const grants = [
    roleAssignment(1, STORAGE, ROLE.blobContributor, PRINCIPAL.workspace, 'ServicePrincipal'),
    roleAssignment(2, VAULT, ROLE.kvAdmin, PRINCIPAL.workspace, 'ServicePrincipal'),
    roleAssignment(3, RG, ROLE.reader, PRINCIPAL.workspace, 'ServicePrincipal'),
    roleAssignment(4, ACR, ROLE.acrPull, PRINCIPAL.workspace, 'ServicePrincipal'),
    roleAssignment(5, WS, ROLE.dataScientist, PRINCIPAL.alice, 'User'),
    roleAssignment(6, RG, ROLE.reader, PRINCIPAL.team, 'Group'),
    roleAssignment(7, STORAGE, ROLE.blobContributor, PRINCIPAL.uai, 'ServicePrincipal'),
  ];
  const assignmentsUrl = `${auth}/roleAssignments?api-version=${API.authorization}`;
  arm.set(`GET ${assignmentsUrl}`, [
    { status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests. Please retry.' } } },
    list(grants.slice(0, 4), `{base}${assignmentsUrl}&%24skiptoken=page2`),
  ]);
  arm.set(`GET ${assignmentsUrl}&%24skiptoken=page2`, list(grants.slice(4)));
  arm.set(`GET ${auth}/roleDefinitions?$filter=${encodeURIComponent("type eq 'CustomRole'")}&api-version=${API.authorization}`, list([]));
  arm.set(`GET ${auth}/denyAssignments?api-version=${API.authorization}`, list([]));
  for (const path of ['roleAssignments', `roleDefinitions?$filter=${encodeURIComponent("type eq 'CustomRole'")}&`, 'denyAssignments'])
    arm.set(`GET /subscriptions/${SUB_B}/providers/Microsoft.Authorization/${path.endsWith('&') ? path : `${path}?`}api-version=${API.authorization}`, forbidden(`/subscriptions/${SUB_B}`));
  arm.set(mlList(`/subscriptions/${SUB_B}/providers/${ML}/workspaces`), forbidden(`/subscriptions/${SUB_B}`));

  // Azure ML.
  const workspace = {
    id: WS,
    name: 'ws-prod',
    type: `${ML}/workspaces`,
    location: 'eastus',
    kind: 'Default',
    tags: {},
    identity: { type: 'SystemAssigned', principalId: PRINCIPAL.workspace, tenantId: TENANT },
    sku: { name: 'Basic', tier: 'Basic' },
    properties: {
      friendlyName: 'ws-prod',
      storageAccount: STORAGE,
      keyVault: VAULT,
      applicationInsights: INSIGHTS,
      containerRegistry: ACR,
      publicNetworkAccess: 'Enabled',
      hbiWorkspace: false,
      workspaceId: '0f0f0f0f-0000-4000-8000-000000000001',
      provisioningState: 'Succeeded',
    },
  };
  arm.set(mlList(`/subscriptions/${SUB_A}/providers/${ML}/workspaces`), list([workspace]));
  const compute = {
    id: `${WS}/computes/cpu-cluster`,
    name: 'cpu-cluster',
    type: `${ML}/workspaces/computes`,
    location: 'eastus',
    identity: { type: 'UserAssigned', userAssignedIdentities: { [UAI]: { principalId: PRINCIPAL.uai, clientId: 'cccccccc-0000-4000-8000-000000000001' } } },
    properties: {
      computeType: 'AmlCompute',
      computeLocation: 'eastus',
      provisioningState: 'Succeeded',
      disableLocalAuth: true,
      properties: { vmSize: 'STANDARD_DS3_V2', vmPriority: 'Dedicated', scaleSettings: { minNodeCount: 0, maxNodeCount: 4 }, remoteLoginPortPublicAccess: 'Disabled' },
    },
  };
  arm.set(mlList(`${WS}/computes`), [{ status: 500, body: { error: { code: 'InternalServerError', message: 'Transient failure.' } } }, list([compute])]);
  const endpoint = {
    id: `${WS}/onlineEndpoints/ep-churn`,
    name: 'ep-churn',
    type: `${ML}/workspaces/onlineEndpoints`,
    location: 'eastus',
    kind: 'Managed',
    identity: { type: 'SystemAssigned', principalId: PRINCIPAL.endpoint, tenantId: TENANT },
    properties: { authMode: 'Key', publicNetworkAccess: 'Enabled', provisioningState: 'Succeeded', scoringUri: 'https://ep-churn.eastus.inference.ml.azure.com/score' },
  };
  arm.set(mlList(`${WS}/onlineEndpoints`), list([endpoint]));
  arm.set(
    mlList(`${WS}/onlineEndpoints/ep-churn/deployments`),
    list([
      {
        id: `${WS}/onlineEndpoints/ep-churn/deployments/blue`,
        name: 'blue',
        type: `${ML}/workspaces/onlineEndpoints/deployments`,
        location: 'eastus',
        kind: 'Managed',
        sku: { name: 'Default', capacity: 1 },
        properties: { endpointComputeType: 'Managed', model: `${WS}/models/churn/versions/1`, instanceType: 'Standard_DS3_v2', provisioningState: 'Succeeded' },
      },
    ]),
  );
  arm.set(
    mlList(`${WS}/datastores`),
    list([
      {
        id: `${WS}/datastores/workspaceblobstore`,
        name: 'workspaceblobstore',
        type: `${ML}/workspaces/datastores`,
        properties: {
          datastoreType: 'AzureBlob',
          accountName: 'stmlprod',
          containerName: 'azureml-blobstore-0f0f0f0f',
          endpoint: 'core.windows.net',
          protocol: 'https',
          isDefault: true,
          serviceDataAccessAuthIdentity: 'None',
          // GET returns no secrets in Azure; a response that did must still lose them.
          credentials: { credentialsType: 'AccountKey', secrets: { secretsType: 'AccountKey', key: PLANTED_SECRETS[0] } },
        },
      },
    ]),
  );
  arm.set(mlList(`${WS}/connections`), {
    status: 200,
    raw: `{"value":[{"id":"${WS}/connections/git","name":"git","type":"${ML}/workspaces/connections","properties":{"authType":"PAT","category":"Git","credentials":{"pat":"${PLANTED_SECRETS[1]}"},"target":"https://github.com/con`,
  });

  // Microsoft Graph.
  graph.set(
    'POST /v1.0/directoryObjects/getByIds',
    ok({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects',
      value: [
        { '@odata.type': '#microsoft.graph.user', id: PRINCIPAL.alice, displayName: 'Alice Example', userPrincipalName: 'alice@contoso.example' },
        { '@odata.type': '#microsoft.graph.group', id: PRINCIPAL.team, displayName: 'ml-team', securityEnabled: true, mailEnabled: false, groupTypes: [] },
        { '@odata.type': '#microsoft.graph.servicePrincipal', id: PRINCIPAL.workspace, appId: 'f0f0f0f0-0000-4000-8000-000000000001', displayName: 'ws-prod', servicePrincipalType: 'ManagedIdentity', alternativeNames: ['isExplicit=False', WS] },
        { '@odata.type': '#microsoft.graph.servicePrincipal', id: PRINCIPAL.uai, appId: 'cccccccc-0000-4000-8000-000000000001', displayName: 'uai-train', servicePrincipalType: 'ManagedIdentity', alternativeNames: ['isExplicit=True', UAI] },
      ],
    }),
  );
  graph.set(
    `GET /v1.0/groups/${PRINCIPAL.team}/transitiveMembers`,
    ok({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects',
      value: [{ '@odata.type': '#microsoft.graph.user', id: PRINCIPAL.alice, displayName: 'Alice Example', userPrincipalName: 'alice@contoso.example' }],
      '@odata.nextLink': `{base}/v1.0/groups/${PRINCIPAL.team}/transitiveMembers?$skiptoken=page2`,
    }),
  );
  graph.set(
    `GET /v1.0/groups/${PRINCIPAL.team}/transitiveMembers?$skiptoken=page2`,
    ok({ value: [{ '@odata.type': '#microsoft.graph.user', id: PRINCIPAL.bob, displayName: 'Bob Example', userPrincipalName: 'bob@contoso.example' }] }),
  );
  return { arm, graph };
}

/** A tenant that shows the token no subscription. */
export function emptyTenant(): { arm: RecordedRoutes; graph: RecordedRoutes } {
  return { arm: new Map([[`GET /subscriptions?api-version=${API.subscriptions}`, list([])]]), graph: new Map() };
}
