import { roleIdFrom, type RoleId } from '../model/ids';
import type { RoleDefinition } from '../model/types';
import { BUILT_IN_ROLES, findBuiltInRole } from './builtin-roles';

/** An action the product asks about by name, tagged with the plane it belongs to. */
export interface WellKnownAction {
  action: string;
  /** True for a data action (granted only by DataActions). */
  data: boolean;
  /** A few words on what it lets a principal do. */
  label: string;
}

const MLS = 'Microsoft.MachineLearningServices/workspaces';

/** Actions the rules and the inspector ask about, so that pickers can offer them even when no role names them. */
export const WELL_KNOWN_ACTIONS: readonly WellKnownAction[] = Object.freeze([
  {
    action: 'Microsoft.ContainerRegistry/registries/pull/read',
    data: false,
    label: 'pull images from a registry',
  },
  {
    action: 'Microsoft.ContainerRegistry/registries/push/write',
    data: false,
    label: 'push images to a registry',
  },
  { action: 'Microsoft.ContainerRegistry/registries/read', data: false, label: 'read a registry' },
  {
    action: 'Microsoft.ContainerRegistry/registries/listCredentials/action',
    data: false,
    label: 'read registry admin credentials',
  },
  {
    action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
    data: true,
    label: 'read blobs',
  },
  {
    action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
    data: true,
    label: 'write blobs',
  },
  {
    action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete',
    data: true,
    label: 'delete blobs',
  },
  {
    action: 'Microsoft.Storage/storageAccounts/blobServices/containers/read',
    data: false,
    label: 'list and read blob containers',
  },
  {
    action: 'Microsoft.Storage/storageAccounts/listKeys/action',
    data: false,
    label: 'read storage account keys',
  },
  { action: 'Microsoft.Storage/storageAccounts/read', data: false, label: 'read a storage account' },
  { action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action', data: true, label: 'read a secret value' },
  { action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action', data: true, label: 'write a secret value' },
  { action: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action', data: true, label: 'list secrets' },
  { action: 'Microsoft.KeyVault/vaults/read', data: false, label: 'read a key vault' },
  { action: `${MLS}/read`, data: false, label: 'read a workspace' },
  { action: `${MLS}/write`, data: false, label: 'change a workspace' },
  { action: `${MLS}/onlineEndpoints/read`, data: false, label: 'read an online endpoint' },
  { action: `${MLS}/onlineEndpoints/write`, data: false, label: 'create or update an online endpoint' },
  { action: `${MLS}/onlineEndpoints/delete`, data: false, label: 'delete an online endpoint' },
  { action: `${MLS}/onlineEndpoints/score/action`, data: false, label: 'score an online endpoint' },
  { action: `${MLS}/onlineEndpoints/token/action`, data: false, label: 'get an endpoint token' },
  { action: `${MLS}/onlineEndpoints/listKeys/action`, data: false, label: 'read endpoint keys' },
  { action: `${MLS}/onlineEndpoints/regenerateKeys/action`, data: false, label: 'regenerate endpoint keys' },
  { action: `${MLS}/onlineEndpoints/deployments/write`, data: false, label: 'create or update a deployment' },
  { action: `${MLS}/computes/read`, data: false, label: 'read compute' },
  { action: `${MLS}/computes/write`, data: false, label: 'create or update compute' },
  { action: `${MLS}/computes/delete`, data: false, label: 'delete compute' },
  { action: `${MLS}/jobs/write`, data: false, label: 'submit a job' },
  { action: `${MLS}/datastores/read`, data: false, label: 'read a datastore' },
  { action: `${MLS}/datastores/listsecrets/action`, data: false, label: 'read datastore credentials' },
  { action: `${MLS}/connections/listsecrets/action`, data: false, label: 'read connection secrets' },
  { action: `${MLS}/metadata/secrets/read`, data: false, label: 'read workspace secret metadata' },
  // Azure publishes no `metrics/write`: the AzureML Metrics Writer role's `metrics/*/write` covers this one.
  { action: `${MLS}/metrics/resource/write`, data: false, label: 'write run metrics' },
  {
    action: `${MLS}/privateEndpointConnections/read`,
    data: false,
    label: 'read workspace private endpoint connections',
  },
  {
    action: `${MLS}/privateEndpointConnections/write`,
    data: false,
    label: 'approve workspace private endpoint connections',
  },
  {
    action: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
    data: false,
    label: 'attach a user-assigned identity',
  },
  {
    action: 'Microsoft.ManagedIdentity/userAssignedIdentities/read',
    data: false,
    label: 'read a user-assigned identity',
  },
  { action: 'Microsoft.Resources/deployments/write', data: false, label: 'run an ARM deployment' },
  {
    action: 'Microsoft.Resources/subscriptions/resourceGroups/read',
    data: false,
    label: 'read a resource group',
  },
  { action: 'Microsoft.Authorization/roleAssignments/write', data: false, label: 'create role assignments' },
  { action: 'Microsoft.Authorization/roleAssignments/delete', data: false, label: 'delete role assignments' },
  { action: 'Microsoft.Insights/components/read', data: false, label: 'read Application Insights' },
]);

/** The roles one estate can use: the built-in roles plus the estate's own definitions. */
export interface RoleCatalog {
  /** The role with this GUID (any casing), or undefined. */
  get(id: RoleId): RoleDefinition | undefined;
  /** The role by name (case-insensitive, or a former name of a built-in role), GUID or role definition id. */
  resolve(nameOrGuidOrDefinitionId: string): RoleDefinition | undefined;
  /** Every role, built-in roles first, in a stable order. */
  all(): readonly RoleDefinition[];
  /** True when the role with this GUID is Azure's built-in definition (not one the estate supplied). */
  isBuiltIn(id: RoleId): boolean;
  /** Sorted, de-duplicated concrete actions (no wildcard) named by any role or by {@link WELL_KNOWN_ACTIONS}. */
  knownActions(): string[];
}

const AS_GIVEN_LIMIT = 100_000;

// The built-in part is the same for every estate; estates come and go (every what-if edit is a new one).
const BUILT_IN_BY_ID = new Map<string, RoleDefinition>(BUILT_IN_ROLES.map((role) => [role.id, role]));

/**
 * Builds a catalog of the built-in roles plus `custom`. A definition in `custom` whose GUID is a built-in
 * role's replaces it: an exported `az role definition list` reflects what Azure enforces today.
 */
export function createRoleCatalog(custom: readonly RoleDefinition[] = []): RoleCatalog {
  const customById = new Map<string, RoleDefinition>();
  for (const role of custom) customById.set(role.id.toLowerCase(), role);
  const customByName = new Map<string, RoleDefinition>();
  // On a name clash the estate's definition wins: Azure refuses a custom role named like a built-in one, so
  // a clash in the input means the export carries its own copy of that built-in role.
  for (const role of customById.values()) customByName.set(normaliseName(role.name), role);
  // Looked up by the id as given first: the access check names the role of every grant it reports, millions of
  // times on a large tenant, with the few spellings an estate uses; a hit lower-cases nothing.
  const asGiven = new Map<string, RoleDefinition | null>();
  const get = (id: string): RoleDefinition | undefined => {
    const found = asGiven.get(id);
    if (found !== undefined) return found ?? undefined;
    const key = id.toLowerCase();
    const role = customById.get(key) ?? BUILT_IN_BY_ID.get(key);
    // Bounded, as the other memos are: the ids come from the input.
    if (asGiven.size >= AS_GIVEN_LIMIT) asGiven.clear();
    asGiven.set(id, role ?? null);
    return role;
  };

  let roles: RoleDefinition[] | undefined;
  let known: string[] | undefined;
  const all = (): readonly RoleDefinition[] =>
    (roles ??= [
      ...BUILT_IN_ROLES.map((role) => customById.get(role.id) ?? role),
      ...[...customById.values()].filter((role) => !BUILT_IN_BY_ID.has(role.id.toLowerCase())),
    ]);

  return {
    get,
    resolve(ref) {
      const guid = roleIdFrom(ref);
      if (guid !== undefined) return get(guid);
      const byOwnName = customByName.get(normaliseName(ref));
      if (byOwnName !== undefined) return byOwnName;
      const builtIn = findBuiltInRole(ref);
      return builtIn === undefined ? undefined : get(builtIn.id);
    },
    all,
    // An exported definition under a built-in GUID is Azure's own role as the export saw it.
    isBuiltIn: (id) => get(id)?.roleType === 'BuiltInRole' && (BUILT_IN_BY_ID.has(id.toLowerCase()) || customById.has(id.toLowerCase())),
    knownActions() {
      known ??= collectKnownActions(all());
      return [...known];
    },
  };
}

function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

function collectKnownActions(roles: readonly RoleDefinition[]): string[] {
  // Keyed by lower case so `.../Write` and `.../write` count once; the first spelling seen is kept.
  const seen = new Map<string, string>();
  const add = (action: string): void => {
    if (action.includes('*') || action.trim() === '') return;
    const key = action.toLowerCase();
    if (!seen.has(key)) seen.set(key, action);
  };
  for (const { action } of WELL_KNOWN_ACTIONS) add(action);
  for (const role of roles) {
    for (const perm of role.permissions) {
      for (const list of [perm.actions, perm.notActions, perm.dataActions, perm.notDataActions])
        for (const a of list) add(a);
    }
  }
  return [...seen.values()].sort((a, b) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
