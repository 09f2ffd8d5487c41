import { API } from './api';
import type { RecordedResponse, RecordedRoutes } from './test-server';

/**
 * A generated tenant at the sizes of the benchmark tiers (bench/generate.ts: M is 5 subscriptions, 10
 * workspaces, 200 computes, 50 endpoints, 150 deployments, 60 datastores, about 5,000 role assignments, 1,000
 * principals and 60 groups), in the same documented response shapes as the hand-written tenant, paged as Azure
 * pages (role assignments and group members by `nextLink`, Resource Graph by `$skipToken`). No faults: it
 * measures the collection itself.
 */

export interface TenantSize {
  subscriptions: number;
  rgsPerSub: number;
  resourcesPerRg: number;
  workspacesPerSub: number;
  computesPerWorkspace: number;
  endpointsPerWorkspace: number;
  deploymentsPerEndpoint: number;
  datastoresPerWorkspace: number;
  connectionsPerWorkspace: number;
  assignmentsPerSub: number;
  users: number;
  servicePrincipals: number;
  groups: number;
  membersPerGroup: number;
}

export const TENANT_SIZES = {
  M: {
    subscriptions: 5,
    rgsPerSub: 6,
    resourcesPerRg: 10,
    workspacesPerSub: 2,
    computesPerWorkspace: 20,
    endpointsPerWorkspace: 5,
    deploymentsPerEndpoint: 3,
    datastoresPerWorkspace: 6,
    connectionsPerWorkspace: 2,
    assignmentsPerSub: 980,
    users: 900,
    servicePrincipals: 100,
    groups: 60,
    membersPerGroup: 40,
  },
  tiny: {
    subscriptions: 2,
    rgsPerSub: 2,
    resourcesPerRg: 4,
    workspacesPerSub: 1,
    computesPerWorkspace: 2,
    endpointsPerWorkspace: 1,
    deploymentsPerEndpoint: 2,
    datastoresPerWorkspace: 2,
    connectionsPerWorkspace: 1,
    assignmentsPerSub: 60,
    users: 20,
    servicePrincipals: 4,
    groups: 3,
    membersPerGroup: 5,
  },
} as const satisfies Record<string, TenantSize>;

const TENANT = '99999999-8888-7777-6666-555555555555';
const ML = 'Microsoft.MachineLearningServices';
const ROLES = ['acdd72a7-3385-48ef-bd42-f606fba81ae7', 'b24988ac-6180-42a0-ab88-20f7382dd24c', 'f6c7c914-8db3-469d-8ca1-694a8f32e121', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', '7f951dda-4ed3-4680-a7ca-43fe172d538d'];
const RESOURCE_TYPES = [
  ['Microsoft.Storage/storageAccounts', 'st'],
  ['Microsoft.KeyVault/vaults', 'kv'],
  ['Microsoft.ContainerRegistry/registries', 'acr'],
  ['Microsoft.ManagedIdentity/userAssignedIdentities', 'uai'],
  ['Microsoft.Insights/components', 'appi'],
] as const;

const guid = (prefix: number, n: number) => `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const ok = (body: unknown): RecordedResponse => ({ status: 200, body });

/** Splits `items` into pages chained by `nextLink` under `path` (`&%24skiptoken=<n>`). */
function paged(routes: RecordedRoutes, path: string, items: unknown[], pageSize: number, nextKey = 'nextLink'): void {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  for (let p = 0; p < pages; p++) {
    const url = p === 0 ? path : `${path}${path.includes('?') ? '&' : '?'}%24skiptoken=${p}`;
    const next = p + 1 < pages ? `{base}${path}${path.includes('?') ? '&' : '?'}%24skiptoken=${p + 1}` : undefined;
    routes.set(`GET ${url}`, ok({ value: items.slice(p * pageSize, (p + 1) * pageSize), ...(next ? { [nextKey]: next } : {}) }));
  }
}

/** The ARM and Graph routes of a tenant of `size`, and how many of each thing it holds. */
export function sizedTenant(size: TenantSize): { arm: RecordedRoutes; graph: RecordedRoutes; subscriptions: string[] } {
  const arm: RecordedRoutes = new Map();
  const graph: RecordedRoutes = new Map();
  const subscriptions = Array.from({ length: size.subscriptions }, (_, i) => guid(0x11110000 + i, 0));
  const principals: Record<string, unknown>[] = [];
  for (let u = 0; u < size.users; u++) principals.push({ '@odata.type': '#microsoft.graph.user', id: guid(0xdddd0000, u), displayName: `User ${u}`, userPrincipalName: `user${u}@contoso.example` });
  for (let s = 0; s < size.servicePrincipals; s++)
    principals.push({ '@odata.type': '#microsoft.graph.servicePrincipal', id: guid(0xcccc0000, s), appId: guid(0xaaaa0000, s), displayName: `app-${s}`, servicePrincipalType: 'Application' });
  for (let g = 0; g < size.groups; g++) principals.push({ '@odata.type': '#microsoft.graph.group', id: guid(0xeeee0000, g), displayName: `group-${g}`, securityEnabled: true, mailEnabled: false, groupTypes: [] });
  const principalId = (n: number) => principals[n % principals.length] as { id: string; '@odata.type': string };

  const subscriptionBody = (id: string, i: number) => ({ id: `/subscriptions/${id}`, subscriptionId: id, tenantId: TENANT, displayName: `sub-${i}`, state: 'Enabled', authorizationSource: 'RoleBased', managedByTenants: [], subscriptionPolicies: {} });
  paged(arm, `/subscriptions?api-version=${API.subscriptions}`, subscriptions.map(subscriptionBody), 2);
  const containers: Record<string, unknown>[] = [];
  const resources: Record<string, unknown>[] = [];
  subscriptions.forEach((sub, s) => {
    containers.push({ id: `/subscriptions/${sub}`, name: sub, type: 'microsoft.resources/subscriptions', location: '', resourceGroup: '', subscriptionId: sub, tenantId: TENANT, properties: {}, tags: {} });
    const auth = `/subscriptions/${sub}/providers/Microsoft.Authorization`;
    const scopes: string[] = [`/subscriptions/${sub}`];
    const workspaces: Record<string, unknown>[] = [];
    for (let r = 0; r < size.rgsPerSub; r++) {
      const rg = `/subscriptions/${sub}/resourceGroups/rg-${s}-${r}`;
      scopes.push(rg);
      containers.push({ id: rg, name: `rg-${s}-${r}`, type: 'microsoft.resources/subscriptions/resourcegroups', location: 'eastus', resourceGroup: `rg-${s}-${r}`, subscriptionId: sub, tenantId: TENANT, properties: {}, tags: {} });
      for (let x = 0; x < size.resourcesPerRg; x++) {
        const [type, prefix] = RESOURCE_TYPES[x % RESOURCE_TYPES.length] as (typeof RESOURCE_TYPES)[number];
        const id = `${rg}/providers/${type}/${prefix}${s}r${r}x${x}`;
        scopes.push(id);
        resources.push({ id, name: `${prefix}${s}r${r}x${x}`, type: type.toLowerCase(), kind: '', location: 'eastus', resourceGroup: `rg-${s}-${r}`, subscriptionId: sub, tenantId: TENANT, identity: null, properties: type.endsWith('userAssignedIdentities') ? { principalId: guid(0xbbbb0000, s * 1000 + r * 100 + x), clientId: guid(0xbbbc0000, s * 1000 + r * 100 + x), tenantId: TENANT } : {}, tags: {}, sku: null });
      }
    }
    for (let w = 0; w < size.workspacesPerSub; w++) {
      const rg = `/subscriptions/${sub}/resourceGroups/rg-${s}-${w % size.rgsPerSub}`;
      const ws = `${rg}/providers/${ML}/workspaces/ws-${s}-${w}`;
      const dep = (type: string, prefix: string) => `${rg}/providers/${type}/${prefix}${s}r${w % size.rgsPerSub}x${RESOURCE_TYPES.findIndex((t) => t[1] === prefix)}`;
      workspaces.push({ id: ws, name: `ws-${s}-${w}`, type: `${ML}/workspaces`, location: 'eastus', kind: 'Default', identity: { type: 'SystemAssigned', principalId: guid(0xaaab0000, s * 10 + w), tenantId: TENANT }, sku: { name: 'Basic', tier: 'Basic' }, properties: { friendlyName: `ws-${s}-${w}`, storageAccount: dep('Microsoft.Storage/storageAccounts', 'st'), keyVault: dep('Microsoft.KeyVault/vaults', 'kv'), containerRegistry: dep('Microsoft.ContainerRegistry/registries', 'acr'), applicationInsights: dep('Microsoft.Insights/components', 'appi'), publicNetworkAccess: 'Enabled' } });
      scopes.push(ws);
      const list = (kind: string, items: unknown[]) => paged(arm, `${ws}/${kind}?api-version=${API.machineLearning}`, items, 100);
      list('computes', Array.from({ length: size.computesPerWorkspace }, (_, c) => ({ id: `${ws}/computes/c${c}`, name: `c${c}`, type: `${ML}/workspaces/computes`, location: 'eastus', identity: { type: 'SystemAssigned', principalId: guid(0xaaac0000, s * 1000 + w * 100 + c), tenantId: TENANT }, properties: { computeType: 'AmlCompute', disableLocalAuth: true, properties: { vmSize: 'STANDARD_DS3_V2', scaleSettings: { minNodeCount: 0, maxNodeCount: 4 } } } })));
      const endpoints = Array.from({ length: size.endpointsPerWorkspace }, (_, e) => ({ id: `${ws}/onlineEndpoints/ep${e}`, name: `ep${e}`, type: `${ML}/workspaces/onlineEndpoints`, location: 'eastus', kind: 'Managed', identity: { type: 'SystemAssigned', principalId: guid(0xaaad0000, s * 1000 + w * 100 + e), tenantId: TENANT }, properties: { authMode: 'Key', publicNetworkAccess: 'Enabled' } }));
      list('onlineEndpoints', endpoints);
      for (const endpoint of endpoints)
        paged(arm, `${endpoint.id}/deployments?api-version=${API.machineLearning}`, Array.from({ length: size.deploymentsPerEndpoint }, (_, d) => ({ id: `${endpoint.id}/deployments/d${d}`, name: `d${d}`, type: `${ML}/workspaces/onlineEndpoints/deployments`, location: 'eastus', kind: 'Managed', sku: { name: 'Default', capacity: 1 }, properties: { endpointComputeType: 'Managed', model: `${ws}/models/m/versions/1`, instanceType: 'Standard_DS3_v2' } })), 100);
      list('datastores', Array.from({ length: size.datastoresPerWorkspace }, (_, d) => ({ id: `${ws}/datastores/ds${d}`, name: `ds${d}`, type: `${ML}/workspaces/datastores`, properties: { datastoreType: 'AzureBlob', accountName: `st${s}r${w % size.rgsPerSub}x0`, containerName: `c${d}`, endpoint: 'core.windows.net', protocol: 'https', credentials: { credentialsType: 'None' } } })));
      list('connections', Array.from({ length: size.connectionsPerWorkspace }, (_, c) => ({ id: `${ws}/connections/conn${c}`, name: `conn${c}`, type: `${ML}/workspaces/connections`, properties: { authType: 'AAD', category: 'AzureBlob', target: `https://st${s}.blob.core.windows.net/c${c}` } })));
    }
    paged(arm, `/subscriptions/${sub}/providers/${ML}/workspaces?api-version=${API.machineLearning}`, workspaces, 100);
    const assignments = Array.from({ length: size.assignmentsPerSub }, (_, a) => {
      const principal = principalId(s * size.assignmentsPerSub + a);
      const scope = scopes[a % scopes.length] as string;
      const name = guid(0x10000000 + s, a);
      const type = principal['@odata.type'].endsWith('user') ? 'User' : principal['@odata.type'].endsWith('group') ? 'Group' : 'ServicePrincipal';
      return { properties: { roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[a % ROLES.length]}`, principalId: principal.id, principalType: type, scope, condition: null, conditionVersion: null }, id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`, type: 'Microsoft.Authorization/roleAssignments', name };
    });
    paged(arm, `${auth}/roleAssignments?api-version=${API.authorization}`, assignments, 200);
    arm.set(`GET ${auth}/roleDefinitions?$filter=type%20eq%20%27CustomRole%27&api-version=${API.authorization}`, ok({ value: [] }));
    arm.set(`GET ${auth}/denyAssignments?api-version=${API.authorization}`, ok({ value: [] }));
  });
  const graphPages = (rows: unknown[], table: string) => {
    const pages = Math.max(1, Math.ceil(rows.length / 1000));
    for (let p = 0; p < pages; p++)
      arm.set(`POST /providers/Microsoft.ResourceGraph/resources#${table}#${p === 0 ? '' : `page${p}`}`, ok({ totalRecords: rows.length, count: Math.min(1000, rows.length - p * 1000), data: rows.slice(p * 1000, (p + 1) * 1000), facets: [], resultTruncated: 'false', ...(p + 1 < pages ? { $skipToken: `page${p + 1}` } : {}) }));
  };
  graphPages(containers, 'resourcecontainers');
  graphPages(resources, 'resources');
  // getByIds answers whichever ids are asked: the route is one, so the whole directory is its answer, filtered by the server.
  graph.set('POST /v1.0/directoryObjects/getByIds', { status: 200, body: { value: principals } });
  for (let g = 0; g < size.groups; g++) {
    const members = Array.from({ length: size.membersPerGroup }, (_, m) => principals[(g * 7 + m) % size.users]);
    paged(graph, `/v1.0/groups/${guid(0xeeee0000, g)}/transitiveMembers`, members, 100, '@odata.nextLink');
  }
  return { arm, graph, subscriptions };
}
