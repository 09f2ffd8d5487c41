// Seeded generator of benchmark estates at the tiers of the performance research (S, M, L, XL), built with
// the model types so that every rule and path resolver of `analyze` has something to look at.
//
//   tsx bench/generate.ts --size M [--seed 1] [--out bench/estates/M.json]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROLES } from '../src/engine/context/actions';
import {
  childArmId,
  defaultLoginServer,
  managementGroupArmId,
  principalEntityId,
  resourceArmId,
  resourceGroupArmId,
  roleAssignmentArmId,
  subscriptionArmId,
  denyAssignmentArmId,
  systemIdentityName,
} from '../src/engine/io/core/naming';
import { emptyEstate } from '../src/engine/model/estate';
import { entityId, scopeKey, systemIdentityId, type EntityId, type RoleId } from '../src/engine/model/ids';
import type {
  ContainerRegistry,
  Datastore,
  Estate,
  Job,
  JobIdentity,
  ManagedIdentitySetting,
  Permission,
  RoleDefinition,
  StorageAccount,
  UserAssignedIdentity,
  Workspace,
} from '../src/engine/model/types';
import { BUILT_IN_ROLES } from '../src/engine/rbac';
import { Random } from './random';

export interface SizeSpec {
  /** Management-group levels below the root group (0: the root group only). */
  mgLevels: number;
  mgFanout: number;
  subscriptions: number;
  rgsPerSub: number;
  /** Workspaces per subscription, each in a resource group of its own (counted in `rgsPerSub`). */
  workspacesPerSub: number;
  /** Plain resources (storage, key vaults, identities, registries) in each resource group without a workspace. */
  resourcesPerRg: number;
  computesPerWorkspace: number;
  endpointsPerWorkspace: number;
  deploymentsPerEndpoint: number;
  datastoresPerWorkspace: number;
  jobsPerWorkspace: number;
  users: number;
  servicePrincipals: number;
  groups: number;
  customRoles: number;
  assignmentsPerSub: number;
  assignmentsPerMg: number;
  denyAssignments: number;
}

export type SizeName = 'S' | 'M' | 'L' | 'XL' | 'tiny';

const L_TIER: SizeSpec = {
  mgLevels: 6,
  mgFanout: 2,
  subscriptions: 50,
  rgsPerSub: 20,
  workspacesPerSub: 4,
  resourcesPerRg: 40,
  computesPerWorkspace: 10,
  endpointsPerWorkspace: 2,
  deploymentsPerEndpoint: 3,
  datastoresPerWorkspace: 4,
  jobsPerWorkspace: 5,
  users: 18_500,
  servicePrincipals: 1_500,
  groups: 2_000,
  customRoles: 600,
  assignmentsPerSub: 4_000,
  assignmentsPerMg: 50,
  denyAssignments: 20,
};

// "Principals" in the tier descriptions are users plus service principals; groups and managed identities
// are counted apart.
export const SIZES: Readonly<Record<SizeName, SizeSpec>> = {
  S: {
    mgLevels: 0,
    mgFanout: 1,
    subscriptions: 1,
    rgsPerSub: 3,
    workspacesPerSub: 1,
    resourcesPerRg: 3,
    computesPerWorkspace: 20,
    endpointsPerWorkspace: 5,
    deploymentsPerEndpoint: 3,
    datastoresPerWorkspace: 6,
    jobsPerWorkspace: 10,
    users: 44,
    servicePrincipals: 6,
    groups: 6,
    customRoles: 5,
    assignmentsPerSub: 290,
    assignmentsPerMg: 10,
    denyAssignments: 1,
  },
  M: {
    mgLevels: 1,
    mgFanout: 2,
    subscriptions: 5,
    rgsPerSub: 6,
    workspacesPerSub: 2,
    resourcesPerRg: 10,
    computesPerWorkspace: 20,
    endpointsPerWorkspace: 5,
    deploymentsPerEndpoint: 3,
    datastoresPerWorkspace: 6,
    jobsPerWorkspace: 20,
    users: 900,
    servicePrincipals: 100,
    groups: 60,
    customRoles: 40,
    assignmentsPerSub: 980,
    assignmentsPerMg: 35,
    denyAssignments: 3,
  },
  L: L_TIER,
  // L spread over 200 subscriptions, with 50,000 principals and 5,000 groups: the engine-only limit probe.
  XL: {
    ...L_TIER,
    subscriptions: 200,
    users: 46_000,
    servicePrincipals: 4_000,
    groups: 5_000,
    denyAssignments: 50,
  },
  // The L shape (management-group tree, nested groups, custom roles) at a size `bench:quick` and the tests can afford.
  tiny: {
    mgLevels: 2,
    mgFanout: 2,
    subscriptions: 2,
    rgsPerSub: 4,
    workspacesPerSub: 1,
    resourcesPerRg: 4,
    computesPerWorkspace: 4,
    endpointsPerWorkspace: 2,
    deploymentsPerEndpoint: 2,
    datastoresPerWorkspace: 3,
    jobsPerWorkspace: 4,
    users: 150,
    servicePrincipals: 20,
    groups: 30,
    customRoles: 20,
    assignmentsPerSub: 300,
    assignmentsPerMg: 10,
    denyAssignments: 3,
  },
};

// ---------------------------------------------------------------------------------------------------
// Action vocabulary: custom roles are written over it and the benchmark asks about it.

const CONTROL_TYPES: Readonly<Record<string, readonly string[]>> = {
  'Microsoft.MachineLearningServices': [
    'workspaces',
    'workspaces/computes',
    'workspaces/onlineEndpoints',
    'workspaces/onlineEndpoints/deployments',
    'workspaces/datastores',
    'workspaces/connections',
    'workspaces/jobs',
    'workspaces/models',
    'workspaces/environments',
    'workspaces/metrics/resource',
    'registries',
  ],
  'Microsoft.Storage': [
    'storageAccounts',
    'storageAccounts/blobServices',
    'storageAccounts/blobServices/containers',
    'storageAccounts/fileServices',
  ],
  'Microsoft.KeyVault': ['vaults', 'vaults/secrets', 'vaults/accessPolicies'],
  'Microsoft.ContainerRegistry': ['registries', 'registries/webhooks', 'registries/replications'],
  'Microsoft.Compute': ['virtualMachines', 'disks', 'snapshots'],
  'Microsoft.Network': [
    'virtualNetworks',
    'virtualNetworks/subnets',
    'privateEndpoints',
    'networkSecurityGroups',
  ],
  'Microsoft.Authorization': ['roleAssignments', 'roleDefinitions', 'locks', 'policyAssignments'],
  'Microsoft.Insights': ['components', 'alertRules', 'diagnosticSettings'],
  'Microsoft.Resources': ['deployments', 'subscriptions/resourceGroups'],
  'Microsoft.ManagedIdentity': ['userAssignedIdentities'],
};

const CUSTOM_ACTIONS = [
  'Microsoft.MachineLearningServices/workspaces/listKeys/action',
  'Microsoft.MachineLearningServices/workspaces/datastores/listsecrets/action',
  'Microsoft.MachineLearningServices/workspaces/connections/listsecrets/action',
  'Microsoft.MachineLearningServices/workspaces/computes/start/action',
  'Microsoft.MachineLearningServices/workspaces/computes/stop/action',
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/score/action',
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/token/action',
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/listKeys/action',
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/regenerateKeys/action',
  'Microsoft.Storage/storageAccounts/listKeys/action',
  'Microsoft.Storage/storageAccounts/regenerateKey/action',
  'Microsoft.ContainerRegistry/registries/pull/read',
  'Microsoft.ContainerRegistry/registries/push/write',
  'Microsoft.ContainerRegistry/registries/listCredentials/action',
  'Microsoft.Compute/virtualMachines/start/action',
  'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
  'Microsoft.Authorization/elevateAccess/action',
];

/** Control-plane operations the benchmark asks about. */
export const CONTROL_ACTIONS: readonly string[] = [
  ...Object.entries(CONTROL_TYPES).flatMap(([provider, types]) =>
    types.flatMap((type) => ['read', 'write', 'delete'].map((verb) => `${provider}/${type}/${verb}`)),
  ),
  ...CUSTOM_ACTIONS,
];

/** Data-plane operations the benchmark asks about. */
export const DATA_ACTIONS: readonly string[] = [
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete',
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
  'Microsoft.Storage/storageAccounts/fileServices/fileshares/files/read',
  'Microsoft.KeyVault/vaults/secrets/getSecret/action',
  'Microsoft.KeyVault/vaults/secrets/setSecret/action',
  'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
  'Microsoft.KeyVault/vaults/keys/wrap/action',
  'Microsoft.ContainerRegistry/registries/repositories/content/read',
];

const segmentsOf = (action: string): string[] => action.split('/');

// A pattern over the vocabulary, in the forms real custom roles use: a literal operation, a trailing "/*",
// a whole provider, a star segment (which may also vanish), "*/read", "*/action".
function actionPattern(rng: Random, vocabulary: readonly string[]): string {
  const action = rng.pick(vocabulary);
  const segs = segmentsOf(action);
  const provider = segs[0] as string;
  const verb = segs[segs.length - 1] as string;
  return rng.weighted<() => string>([
    [() => action, 40],
    [() => `${segs.slice(0, -1).join('/')}/*`, 20],
    [() => `${provider}/*`, 8],
    [() => `${segs.slice(0, Math.min(2, segs.length - 1)).join('/')}/*/${verb}`, 17],
    [() => `*/${verb}`, 5],
    [() => `${provider}/*/action`, 10],
  ])();
}

function customRole(rng: Random, index: number, rootScope: string): RoleDefinition {
  const patterns = (vocabulary: readonly string[], min: number, max: number): string[] => [
    ...new Set(Array.from({ length: rng.between(min, max) }, () => actionPattern(rng, vocabulary))),
  ];
  const hasData = rng.chance(0.25);
  const permissions: Permission = {
    actions: patterns(CONTROL_ACTIONS, 2, 8),
    notActions: patterns(CONTROL_ACTIONS, 0, 3),
    dataActions: hasData ? patterns(DATA_ACTIONS, 1, 3) : [],
    notDataActions: hasData ? patterns(DATA_ACTIONS, 0, 1) : [],
  };
  return {
    id: rng.guid() as RoleId,
    name: `custom-role-${String(index).padStart(3, '0')}`,
    roleType: 'CustomRole',
    permissions: [permissions],
    assignableScopes: [rootScope],
  };
}

// ---------------------------------------------------------------------------------------------------
// The estate

const BUILT_IN_WEIGHTS: readonly (readonly [RoleId, number])[] = [
  [ROLES.reader, 25],
  [ROLES.contributor, 10],
  [ROLES.owner, 3],
  [ROLES.azureMlDataScientist, 15],
  [ROLES.azureMlComputeOperator, 5],
  [ROLES.storageBlobDataReader, 10],
  [ROLES.storageBlobDataContributor, 8],
  [ROLES.keyVaultSecretsUser, 8],
  [ROLES.acrPull, 8],
  [ROLES.userAccessAdministrator, 2],
  [ROLES.managedIdentityOperator, 3],
  ...BUILT_IN_ROLES.map((r) => [r.id, 1] as const),
];

const BLOB_CONDITION =
  "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR " +
  "(@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'shared'))";

const date = (rng: Random): string =>
  `${rng.between(2022, 2025)}-${String(rng.between(1, 12)).padStart(2, '0')}-${String(rng.between(1, 28)).padStart(2, '0')}`;
const pad = (n: number, width = 3): string => String(n).padStart(width, '0');

interface SubscriptionScopes {
  sub: string;
  rgs: string[];
  /** Resources an assignment may target: top-level resources, computes and endpoints. */
  resources: string[];
}

/** Generates the estate of one tier; the same spec and seed always give the same estate. */
export function generateEstate(size: SizeName | SizeSpec, seed = 1): Estate {
  const spec = typeof size === 'string' ? SIZES[size] : size;
  const label = typeof size === 'string' ? size : 'custom';
  const rng = new Random(`${label}:${seed}`);
  const estate = emptyEstate(`bench ${label} (seed ${seed})`, 'planned');
  const tenantId = rng.guid();
  estate.tenantId = tenantId;

  // Management groups: a full tree of `mgFanout` below the tenant root group, `mgLevels` deep.
  const rootMg = entityId(managementGroupArmId('mg-root'));
  estate.managementGroups.push({
    id: rootMg,
    kind: 'managementGroup',
    name: 'mg-root',
    armId: rootMg,
    displayName: 'Tenant Root Group',
  });
  let level: EntityId[] = [rootMg];
  for (let depth = 1; depth <= spec.mgLevels; depth++) {
    const next: EntityId[] = [];
    for (const parent of level) {
      for (let k = 0; k < spec.mgFanout; k++) {
        const name = `mg-${depth}-${pad(next.length)}`;
        const id = entityId(managementGroupArmId(name));
        estate.managementGroups.push({ id, kind: 'managementGroup', name, armId: id, parent });
        next.push(id);
      }
    }
    level = next;
  }
  const leafMgs = level;

  // Principals.
  for (let i = 0; i < spec.users; i++) {
    const objectId = rng.guid();
    const upn = `user${pad(i, 5)}@contoso.com`;
    estate.users.push({
      id: principalEntityId('user', upn, objectId),
      kind: 'user',
      name: upn,
      objectId,
      userPrincipalName: upn,
    });
  }
  for (let i = 0; i < spec.servicePrincipals; i++) {
    const objectId = rng.guid();
    const name = `app-${pad(i, 4)}`;
    estate.servicePrincipals.push({
      id: principalEntityId('servicePrincipal', name, objectId),
      kind: 'servicePrincipal',
      name,
      objectId,
      appId: rng.guid(),
    });
  }
  for (let i = 0; i < spec.groups; i++) {
    const objectId = rng.guid();
    const name = `grp-${pad(i, 4)}`;
    estate.groups.push({
      id: principalEntityId('group', name, objectId),
      kind: 'group',
      name,
      objectId,
      members: [],
    });
  }
  const users = estate.users.map((u) => u.id);
  const sps = estate.servicePrincipals.map((s) => s.id);
  const groups = estate.groups;
  // Memberships: most users sit in a few groups; a third of the groups nest inside an earlier group, so the
  // nesting is acyclic but can be several levels deep.
  for (const user of users)
    for (const g of rng.sample(
      groups,
      rng.weighted([
        [0, 15],
        [1, 30],
        [2, 25],
        [3, 15],
        [4, 10],
        [5, 5],
      ]),
    ))
      g.members.push(user);
  for (const sp of sps) if (rng.chance(0.3)) rng.pick(groups).members.push(sp);
  const topGroups = Math.max(1, Math.ceil(groups.length / 10));
  for (let i = topGroups; i < groups.length; i++) {
    if (rng.chance(0.3))
      (groups[rng.int(i)] as (typeof groups)[number]).members.push((groups[i] as (typeof groups)[number]).id);
  }

  // Roles: the built-ins plus the tenant's custom roles.
  for (let i = 0; i < spec.customRoles; i++) estate.roleDefinitions.push(customRole(rng, i, rootMg));
  const customRoleIds = estate.roleDefinitions.map((r) => r.id);

  const identities: EntityId[] = [];
  const addSystemIdentity = (owner: EntityId, name: string): void => {
    estate.systemAssignedIdentities.push({
      id: systemIdentityId(owner),
      kind: 'systemAssignedIdentity',
      name,
      owner,
      principalId: rng.guid(),
    });
    identities.push(systemIdentityId(owner));
  };
  const addUai = (rg: string, name: string): UserAssignedIdentity => {
    const armId = resourceArmId(rg, 'userAssignedIdentity', name);
    const uai: UserAssignedIdentity = {
      id: entityId(armId),
      kind: 'userAssignedIdentity',
      name,
      armId,
      resourceGroup: entityId(rg),
      clientId: rng.guid(),
      principalId: rng.guid(),
      tenantId,
    };
    estate.userAssignedIdentities.push(uai);
    identities.push(uai.id);
    return uai;
  };
  const addStorage = (rg: string, name: string): StorageAccount => {
    const armId = resourceArmId(rg, 'storageAccount', name);
    const storage: StorageAccount = {
      id: entityId(armId),
      kind: 'storageAccount',
      name,
      armId,
      resourceGroup: entityId(rg),
      tenantId,
      isHnsEnabled: rng.chance(0.3),
      allowSharedKeyAccess: rng.chance(0.8),
      network: rng.weighted([
        ['public', 50],
        ['selected_networks', 15],
        ['trusted_services', 20],
        ['private_endpoint', 15],
      ]),
    };
    estate.storageAccounts.push(storage);
    return storage;
  };

  const seenAssignments = new Set<string>();
  const assign = (principal: EntityId, role: RoleId, scope: string, condition?: string): boolean => {
    const key = `${principal}|${role}|${scopeKey(scope)}`;
    if (seenAssignments.has(key)) return false;
    seenAssignments.add(key);
    estate.roleAssignments.push({
      id: entityId(roleAssignmentArmId(scope, rng.guid())),
      principal,
      principalType: principal.startsWith('group:')
        ? 'Group'
        : principal.startsWith('user:')
          ? 'User'
          : 'ServicePrincipal',
      role,
      scope,
      origin: 'planned',
      ...(condition !== undefined ? { condition, conditionVersion: '2.0' } : {}),
    });
    return true;
  };
  const anyPrincipal = (): EntityId =>
    rng.weighted<() => EntityId>([
      [() => rng.pick(users), 55],
      [() => rng.pick(groups).id, 30],
      [() => rng.pick(sps), 10],
      [() => (identities.length > 0 ? rng.pick(identities) : rng.pick(users)), 5],
    ])();
  const anyRole = (): RoleId =>
    customRoleIds.length > 0 && rng.chance(0.6) ? rng.pick(customRoleIds) : rng.weighted(BUILT_IN_WEIGHTS);
  const assignRandom = (scope: string): boolean => {
    const role = anyRole();
    const blobRole = role === ROLES.storageBlobDataReader || role === ROLES.storageBlobDataContributor;
    return assign(anyPrincipal(), role, scope, blobRole && rng.chance(0.1) ? BLOB_CONDITION : undefined);
  };

  const subscriptions: SubscriptionScopes[] = [];
  for (let s = 0; s < spec.subscriptions; s++) {
    const subscriptionId = rng.guid();
    const sub = subscriptionArmId(subscriptionId);
    const placement =
      spec.mgLevels === 0
        ? rootMg
        : rng.chance(0.8)
          ? rng.pick(leafMgs)
          : rng.pick(estate.managementGroups).id;
    estate.subscriptions.push({
      id: entityId(sub),
      kind: 'subscription',
      name: `sub-${pad(s)}`,
      armId: sub,
      subscriptionId,
      displayName: `Subscription ${s}`,
      managementGroup: placement,
      tenantId,
    });
    const scopes: SubscriptionScopes = { sub, rgs: [], resources: [] };
    subscriptions.push(scopes);
    for (let r = 0; r < spec.rgsPerSub; r++) {
      const ml = r < spec.workspacesPerSub;
      const rg = resourceGroupArmId(sub, ml ? `rg-ml-${pad(r, 2)}` : `rg-app-${pad(r, 2)}`);
      estate.resourceGroups.push({
        id: entityId(rg),
        kind: 'resourceGroup',
        name: rg.split('/').pop() as string,
        armId: rg,
        subscription: entityId(sub),
        location: 'westeurope',
      });
      scopes.rgs.push(rg);
      if (ml) addWorkspace(rg, `s${pad(s)}r${pad(r, 2)}`, scopes);
      else addPlainResources(rg, `s${pad(s)}r${pad(r, 2)}`, scopes);
    }
  }

  function addPlainResources(rg: string, tag: string, scopes: SubscriptionScopes): void {
    for (let i = 0; i < spec.resourcesPerRg; i++) {
      const name = `${tag}x${pad(i, 2)}`;
      const kind = rng.weighted([
        ['storage', 40],
        ['keyVault', 20],
        ['uai', 30],
        ['registry', 5],
        ['insights', 5],
      ] as const);
      let armId: string;
      if (kind === 'storage') armId = addStorage(rg, `st${name}`).armId;
      else if (kind === 'uai') armId = addUai(rg, `id-${name}`).armId;
      else if (kind === 'keyVault') {
        armId = resourceArmId(rg, 'keyVault', `kv-${name}`);
        estate.keyVaults.push({
          id: entityId(armId),
          kind: 'keyVault',
          name: `kv-${name}`,
          armId,
          resourceGroup: entityId(rg),
          enableRbacAuthorization: rng.chance(0.7),
          accessPolicies: [],
          publicNetworkAccess: 'Enabled',
        });
      } else if (kind === 'registry') {
        armId = resourceArmId(rg, 'containerRegistry', `acr${name}`);
        estate.containerRegistries.push({
          id: entityId(armId),
          kind: 'containerRegistry',
          name: `acr${name}`,
          armId,
          resourceGroup: entityId(rg),
          loginServer: defaultLoginServer(`acr${name}`),
          adminUserEnabled: rng.chance(0.2),
          publicNetworkAccess: 'Enabled',
          roleAssignmentMode: 'legacy',
          networkRestriction: 'none',
          trustedServicesAllowed: true,
          createdOn: date(rng),
        });
      } else {
        armId = resourceArmId(rg, 'applicationInsights', `ai-${name}`);
        estate.applicationInsights.push({
          id: entityId(armId),
          kind: 'applicationInsights',
          name: `ai-${name}`,
          armId,
          resourceGroup: entityId(rg),
        });
      }
      scopes.resources.push(armId);
    }
  }

  function addWorkspace(rg: string, tag: string, scopes: SubscriptionScopes): void {
    const storage = addStorage(rg, `stml${tag}`);
    const kvId = resourceArmId(rg, 'keyVault', `kv-ml-${tag}`);
    const kvRbac = rng.chance(0.7);
    estate.keyVaults.push({
      id: entityId(kvId),
      kind: 'keyVault',
      name: `kv-ml-${tag}`,
      armId: kvId,
      resourceGroup: entityId(rg),
      enableRbacAuthorization: kvRbac,
      accessPolicies: [],
      publicNetworkAccess: rng.chance(0.7) ? 'Enabled' : 'Disabled',
    });
    const acrName = `acrml${tag}`;
    const acrId = resourceArmId(rg, 'containerRegistry', acrName);
    const registry: ContainerRegistry = {
      id: entityId(acrId),
      kind: 'containerRegistry',
      name: acrName,
      armId: acrId,
      resourceGroup: entityId(rg),
      loginServer: defaultLoginServer(acrName),
      adminUserEnabled: rng.chance(0.2),
      publicNetworkAccess: rng.chance(0.8) ? 'Enabled' : 'Disabled',
      roleAssignmentMode: rng.chance(0.9) ? 'legacy' : 'abac',
      networkRestriction: rng.weighted([
        ['none', 80],
        ['private_endpoint', 15],
        ['ip_rules', 5],
      ]),
      trustedServicesAllowed: rng.chance(0.7),
      createdOn: date(rng),
    };
    estate.containerRegistries.push(registry);
    const aiId = resourceArmId(rg, 'applicationInsights', `ai-ml-${tag}`);
    estate.applicationInsights.push({
      id: entityId(aiId),
      kind: 'applicationInsights',
      name: `ai-ml-${tag}`,
      armId: aiId,
      resourceGroup: entityId(rg),
    });
    const wsUai = addUai(rg, `id-ws-${tag}`);
    const computeUai = addUai(rg, `id-compute-${tag}`);
    const jobUai = addUai(rg, `id-job-${tag}`);

    const wsName = `mlw-${tag}`;
    const wsId = resourceArmId(rg, 'workspace', wsName);
    const system = rng.chance(0.85);
    const workspace: Workspace = {
      id: entityId(wsId),
      kind: 'workspace',
      name: wsName,
      armId: wsId,
      resourceGroup: entityId(rg),
      workspaceKind: 'default',
      location: 'westeurope',
      tenantId,
      identity: { system, userAssigned: system ? [] : [wsUai.id] },
      storageAccount: storage.id,
      keyVault: entityId(kvId),
      containerRegistry: registry.id,
      applicationInsights: entityId(aiId),
      publicNetworkAccess: rng.chance(0.7) ? 'Enabled' : 'Disabled',
      managedNetwork: {
        isolationMode: rng.weighted([
          ['disabled', 60],
          ['allow_internet_outbound', 25],
          ['allow_only_approved_outbound', 15],
        ]),
      },
      systemDatastoresAuthMode: rng.chance(0.7) ? 'accesskey' : 'identity',
      createdOn: date(rng),
    };
    if (!system) workspace.primaryUserAssignedIdentity = wsUai.id;
    estate.workspaces.push(workspace);
    if (system) addSystemIdentity(workspace.id, systemIdentityName('workspace', wsName));
    const wsIdentity = system ? systemIdentityId(workspace.id) : wsUai.id;
    if (!kvRbac) {
      const kv = estate.keyVaults[estate.keyVaults.length - 1];
      kv?.accessPolicies.push({
        principal: wsIdentity,
        keys: ['get', 'wrapKey'],
        secrets: ['get', 'list', 'set', 'delete'],
        certificates: [],
      });
    }
    scopes.resources.push(
      storage.armId,
      kvId,
      acrId,
      aiId,
      wsUai.armId,
      computeUai.armId,
      jobUai.armId,
      wsId,
    );

    // The grants a workspace usually has, with some left out so that rules have gaps to find.
    if (rng.chance(0.9)) assign(wsIdentity, ROLES.storageBlobDataContributor, storage.armId);
    if (rng.chance(0.8)) assign(wsIdentity, kvRbac ? ROLES.keyVaultAdministrator : ROLES.contributor, kvId);
    if (!system && rng.chance(0.8)) assign(wsIdentity, ROLES.contributor, rg);
    if (rng.chance(0.5)) assign(jobUai.id, ROLES.storageBlobDataContributor, storage.armId);
    const scientists = rng.sample(users, rng.between(5, 15));
    for (const user of scientists) {
      if (rng.chance(0.7)) assign(user, ROLES.azureMlDataScientist, wsId);
      else if (rng.chance(0.3)) assign(user, ROLES.contributor, rg);
    }

    const clusters: EntityId[] = [];
    for (let i = 0; i < spec.computesPerWorkspace; i++) {
      const instance = rng.chance(0.4);
      const name = instance ? `ci-${pad(i)}` : `cpu-${pad(i)}`;
      const id = childArmId(wsId, 'compute', name);
      const identity: ManagedIdentitySetting = rng.weighted<ManagedIdentitySetting>([
        [{ system: true, userAssigned: [] }, 50],
        [{ system: false, userAssigned: [computeUai.id] }, 30],
        [{ system: false, userAssigned: [] }, 20],
      ]);
      estate.computes.push({
        id: entityId(id),
        kind: 'compute',
        name,
        armId: id,
        workspace: workspace.id,
        computeType: instance ? 'computeinstance' : 'amlcompute',
        identity,
        createdOn: date(rng),
        size: 'Standard_DS3_v2',
        ...(instance
          ? {
              assignedUser: rng.pick(scientists),
              ...(rng.chance(0.6) ? { idleTimeBeforeShutdown: 'PT60M' } : {}),
            }
          : {}),
        ...(rng.chance(0.3) ? { disableLocalAuth: true } : {}),
      });
      if (!instance) clusters.push(entityId(id));
      scopes.resources.push(id);
      const computeIdentity = identity.system ? systemIdentityId(entityId(id)) : identity.userAssigned[0];
      if (identity.system) addSystemIdentity(entityId(id), systemIdentityName('compute', name, wsName));
      if (computeIdentity !== undefined) {
        if (rng.chance(0.6)) assign(computeIdentity, ROLES.storageBlobDataReader, storage.armId);
        if (rng.chance(0.5)) assign(computeIdentity, ROLES.acrPull, acrId);
      }
    }

    for (let i = 0; i < spec.endpointsPerWorkspace; i++) {
      const name = `ep-${tag}-${pad(i, 2)}`;
      const id = childArmId(wsId, 'onlineEndpoint', name);
      const system = rng.chance(0.7);
      const callers = rng.sample(rng.chance(0.7) ? users : sps, rng.between(0, 3));
      estate.onlineEndpoints.push({
        id: entityId(id),
        kind: 'onlineEndpoint',
        name,
        armId: id,
        workspace: workspace.id,
        endpointKind: 'managed',
        authMode: rng.weighted([
          ['key', 50],
          ['aml_token', 20],
          ['aad_token', 30],
        ]),
        identity: { system, userAssigned: system ? [] : [computeUai.id] },
        enforceAccessToDefaultSecretStores: rng.chance(0.3),
        publicNetworkAccess: rng.chance(0.8) ? 'Enabled' : 'Disabled',
        createdBy: rng.pick(scientists),
        createdOn: date(rng),
        callers,
      });
      scopes.resources.push(id);
      if (system) addSystemIdentity(entityId(id), systemIdentityName('onlineEndpoint', name, wsName));
      const endpointIdentity = system ? systemIdentityId(entityId(id)) : computeUai.id;
      if (rng.chance(0.7)) assign(endpointIdentity, ROLES.acrPull, acrId);
      if (rng.chance(0.7)) assign(endpointIdentity, ROLES.storageBlobDataReader, storage.armId);
      for (const caller of callers) if (rng.chance(0.5)) assign(caller, ROLES.azureMlDataScientist, id);
      for (let d = 0; d < spec.deploymentsPerEndpoint; d++) {
        const deploymentName = ['blue', 'green', 'red', 'canary'][d % 4] as string;
        const deploymentId = childArmId(id, 'onlineDeployment', deploymentName);
        estate.onlineDeployments.push({
          id: entityId(deploymentId),
          kind: 'onlineDeployment',
          name: deploymentName,
          armId: deploymentId,
          endpoint: entityId(id),
          environmentVariables: rng.chance(0.3)
            ? { MODEL_NAME: `model-${i}`, OPENAI_KEY: '${{azureml://connections/aoai/credentials/key}}' }
            : { MODEL_NAME: `model-${i}` },
          ...(rng.chance(0.5) ? { image: `${registry.loginServer}/score:${d + 1}` } : {}),
          model: `azureml:model-${i}:${d + 1}`,
          createdBy: rng.pick(scientists),
        });
      }
    }

    const datastores: Datastore[] = [];
    for (let i = 0; i < spec.datastoresPerWorkspace; i++) {
      const isDefault = i === 0;
      const name = isDefault ? 'workspaceblobstore' : i === 1 ? 'workspacefilestore' : `ds_${pad(i, 2)}`;
      const id = childArmId(wsId, 'datastore', name);
      const target = i < 2 ? storage : (rng.pick(estate.storageAccounts.slice(-20)) as StorageAccount);
      const credentialKind =
        i < 2
          ? 'account_key'
          : rng.weighted([
              ['none', 50],
              ['service_principal', 20],
              ['sas', 15],
              ['account_key', 15],
            ] as const);
      const datastore: Datastore = {
        id: entityId(id),
        kind: 'datastore',
        name,
        armId: id,
        workspace: workspace.id,
        datastoreType: i === 1 ? 'azure_file' : target.isHnsEnabled ? 'azure_data_lake_gen2' : 'azure_blob',
        storageAccount: target.id,
        accountName: target.name,
        containerName: i === 1 ? 'code' : `data${i}`,
        credentialKind,
        serviceDataAccessAuthIdentity: rng.weighted([
          ['None', 70],
          ['WorkspaceSystemAssignedIdentity', 20],
          ['WorkspaceUserAssignedIdentity', 10],
        ]),
        ...(isDefault ? { isDefault } : {}),
      };
      if (credentialKind === 'service_principal') {
        datastore.credentialPrincipal = rng.pick(sps);
        if (rng.chance(0.5)) assign(datastore.credentialPrincipal, ROLES.storageBlobDataReader, target.armId);
      }
      estate.datastores.push(datastore);
      datastores.push(datastore);
    }

    for (const [i, [connectionType, credentialKind]] of (
      [
        ['azure_open_ai', 'api_key'],
        ['azure_data_lake_gen2', 'managed_identity'],
      ] as const
    ).entries()) {
      const name = i === 0 ? 'aoai' : 'adls';
      const id = childArmId(wsId, 'connection', name);
      estate.connections.push({
        id: entityId(id),
        kind: 'connection',
        name,
        armId: id,
        workspace: workspace.id,
        connectionType,
        credentialKind,
        target:
          i === 0 ? `https://aoai-${tag}.openai.azure.com` : `https://${storage.name}.dfs.core.windows.net`,
        ...(credentialKind === 'managed_identity' ? { identity: jobUai.id } : {}),
      });
    }

    const jobIdentity = (): JobIdentity =>
      rng.weighted<JobIdentity>([
        [{ type: 'unset' }, 40],
        [{ type: 'user_identity' }, 30],
        [{ type: 'managed', userAssignedIdentity: jobUai.id }, 15],
        [{ type: 'managed' }, 5],
        [{ type: 'aml_token' }, 10],
      ]);
    const binding = (name: string) => {
      const ds = rng.pick(datastores);
      return {
        name,
        path: `azureml://datastores/${ds.name}/paths/${name}/`,
        datastore: ds.id,
        mode: 'ro_mount',
      };
    };
    const target = (): EntityId | 'serverless' =>
      clusters.length > 0 && rng.chance(0.8) ? rng.pick(clusters) : 'serverless';
    for (let i = 0; i < spec.jobsPerWorkspace; i++) {
      const name = `job-${tag}-${pad(i)}`;
      const id = childArmId(wsId, 'job', name);
      const jobType = rng.weighted([
        ['command', 70],
        ['pipeline', 20],
        ['sweep', 10],
      ] as const);
      const environment = rng.chance(0.5)
        ? {
            image: `${registry.loginServer}/train:${i}`,
            build: rng.chance(0.5) ? ('as_is' as const) : ('managed_build' as const),
          }
        : { image: 'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04', build: 'managed_build' as const };
      const job: Job = {
        id: entityId(id),
        kind: 'job',
        name,
        armId: id,
        workspace: workspace.id,
        jobType,
        compute: target(),
        identity: jobIdentity(),
        inputs: [binding('training_data')],
        outputs: [binding('model_output')],
        steps: [],
        environment,
        submittedBy: rng.pick(scientists),
        submittedFrom: rng.pick(['cli', 'sdk', 'studio'] as const),
      };
      if (jobType === 'pipeline') {
        for (const step of ['prep', 'train', 'score']) {
          job.steps.push({
            name: step,
            compute: target(),
            identity: jobIdentity(),
            inputs: [binding(`${step}_in`)],
            outputs: [binding(`${step}_out`)],
            environment,
          });
        }
      }
      estate.jobs.push(job);
    }
  }

  // Fill every subscription to its assignment count: a fifth at the subscription, two fifths at resource
  // groups, two fifths at resources, as in the research benchmark.
  const ownCount = new Map<string, number>();
  const subOfScope = (scope: string): string => scopeKey(scope).split('/').slice(0, 3).join('/');
  for (const a of estate.roleAssignments)
    ownCount.set(subOfScope(a.scope), (ownCount.get(subOfScope(a.scope)) ?? 0) + 1);
  for (const scopes of subscriptions) {
    let count = ownCount.get(scopeKey(scopes.sub)) ?? 0;
    while (count < spec.assignmentsPerSub) {
      const where = rng.next();
      const scope =
        where < 0.2 ? scopes.sub : where < 0.6 ? rng.pick(scopes.rgs) : rng.pick(scopes.resources);
      if (assignRandom(scope)) count++;
    }
  }
  for (const mg of estate.managementGroups) {
    for (let count = 0; count < spec.assignmentsPerMg;) if (assignRandom(mg.armId)) count++;
  }

  // Deny assignments as Azure makes them for managed applications and deployment stacks: everything but
  // reads, for everyone except the publisher, sometimes only at the scope itself.
  for (let i = 0; i < spec.denyAssignments; i++) {
    const scopes = rng.pick(subscriptions);
    const scope = rng.chance(0.5) ? rng.pick(scopes.rgs) : rng.pick(scopes.resources);
    const everyone = rng.chance(0.7);
    estate.denyAssignments.push({
      id: entityId(denyAssignmentArmId(scope, rng.guid())),
      name: `deny-${pad(i)}`,
      scope,
      permissions: {
        actions: ['*'],
        notActions: ['*/read'],
        dataActions: rng.chance(0.3) ? ['*'] : [],
        notDataActions: [],
      },
      principals: everyone ? 'everyone' : [rng.pick(groups).id],
      excludePrincipals: [rng.pick(sps), ...(rng.chance(0.5) ? [rng.pick(groups).id] : [])],
      doNotApplyToChildScopes: rng.chance(0.2),
    });
  }
  return estate;
}

/** Counts the tier descriptions talk about, for the tests and the results table. */
export function estateCounts(estate: Estate): Record<string, number> {
  return {
    managementGroups: estate.managementGroups.length,
    subscriptions: estate.subscriptions.length,
    resourceGroups: estate.resourceGroups.length,
    workspaces: estate.workspaces.length,
    computes: estate.computes.length,
    onlineEndpoints: estate.onlineEndpoints.length,
    onlineDeployments: estate.onlineDeployments.length,
    datastores: estate.datastores.length,
    jobs: estate.jobs.length,
    principals: estate.users.length + estate.servicePrincipals.length,
    groups: estate.groups.length,
    managedIdentities: estate.userAssignedIdentities.length + estate.systemAssignedIdentities.length,
    customRoles: estate.roleDefinitions.length,
    roleAssignments: estate.roleAssignments.length,
    denyAssignments: estate.denyAssignments.length,
  };
}

function main(argv: readonly string[]): void {
  const arg = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const size = (arg('size') ?? 'S') as SizeName;
  if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const seed = Number(arg('seed') ?? 1);
  const out = arg('out') ?? `bench/estates/${size}.json`;
  const estate = generateEstate(size, seed);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(estate));
  console.log(`${out}: ${JSON.stringify(estateCounts(estate))}`);
}

// Run as a script, not when imported (the file name test also holds when the benchmark is bundled).
if (
  /generate\.[cm]?[jt]s$/.test(process.argv[1] ?? '') &&
  import.meta.url === pathToFileURL(process.argv[1] ?? '').href
)
  main(process.argv.slice(2));
