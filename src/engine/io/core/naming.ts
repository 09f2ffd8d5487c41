import { entityId, type EntityId, type RoleId } from '../../model/ids';
import type { EntityKind } from '../../model/types';

/**
 * How the native format names things: ARM ids with Azure's own casing, principal ids, Entra display names of
 * system-assigned identities, and stable GUIDs for things a design has not been given one yet. The reader builds
 * ids with these and the writer uses the same functions to decide which ids it may leave out, so the two can
 * never disagree.
 */

/** Provider and type segment of each top-level resource kind, with Azure's casing. */
export const RESOURCE_TYPES = {
  workspace: 'Microsoft.MachineLearningServices/workspaces',
  storageAccount: 'Microsoft.Storage/storageAccounts',
  keyVault: 'Microsoft.KeyVault/vaults',
  containerRegistry: 'Microsoft.ContainerRegistry/registries',
  applicationInsights: 'Microsoft.Insights/components',
  userAssignedIdentity: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  aksCluster: 'Microsoft.ContainerService/managedClusters',
} as const satisfies Partial<Record<EntityKind, string>>;

/** Child segment under a workspace (or, for deployments, under an endpoint). */
export const CHILD_SEGMENTS = {
  compute: 'computes',
  onlineEndpoint: 'onlineEndpoints',
  onlineDeployment: 'deployments',
  datastore: 'datastores',
  connection: 'connections',
  job: 'jobs',
} as const satisfies Partial<Record<EntityKind, string>>;

export type TopLevelResourceKind = keyof typeof RESOURCE_TYPES;
export type ChildResourceKind = keyof typeof CHILD_SEGMENTS;

/**
 * Stand-ins for where a compiled ARM template is deployed, when the caller does not say: the template reader
 * places its resources there, and the merge moves a workspace placed there onto the real one of the same name.
 */
export const ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
/** The stand-in resource group of an ARM template without a deployment target. */
export const ARM_TEMPLATE_PLACEHOLDER_RESOURCE_GROUP = 'deployment-resource-group';

/** `/providers/Microsoft.Management/managementGroups/<name>` */
export function managementGroupArmId(name: string): string {
  return `/providers/Microsoft.Management/managementGroups/${name}`;
}

/** `/subscriptions/<guid>` */
export function subscriptionArmId(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}`;
}

/** `/subscriptions/<guid>/resourceGroups/<name>` */
export function resourceGroupArmId(subscriptionArmIdValue: string, name: string): string {
  return `${subscriptionArmIdValue}/resourceGroups/${name}`;
}

/** `<resource group id>/providers/<provider>/<type>/<name>` */
export function resourceArmId(
  resourceGroupArmIdValue: string,
  kind: TopLevelResourceKind,
  name: string,
): string {
  return `${resourceGroupArmIdValue}/providers/${RESOURCE_TYPES[kind]}/${name}`;
}

/** `<parent id>/<segment>/<name>`, for workspace children and endpoint deployments. */
export function childArmId(parentArmId: string, kind: ChildResourceKind, name: string): string {
  return `${parentArmId}/${CHILD_SEGMENTS[kind]}/${name}`;
}

/**
 * The workspace az ml YAML that names none is placed in until the merge finds its real one (or the user says
 * which, with --workspace or the app's chooser).
 */
export const PLACEHOLDER_WORKSPACE = '<workspace>';

/** The Entra display name Azure gives a system-assigned identity (R12, R32). */
export function systemIdentityName(
  ownerKind: 'workspace' | 'compute' | 'onlineEndpoint' | 'aksCluster',
  ownerName: string,
  workspaceName?: string,
): string {
  if (ownerKind === 'compute') return `${workspaceName ?? '?'}/computes/${ownerName}`;
  if (ownerKind === 'onlineEndpoint') return `${workspaceName ?? '?'}/onlineEndpoints/${ownerName}`;
  return ownerName;
}

/** Prefix of principal ids by kind. */
export const PRINCIPAL_PREFIX = { user: 'user', group: 'group', servicePrincipal: 'sp' } as const;

/** `user:<object id>` when the object id is known, else `user:<name>` (likewise `group:`, `sp:`). */
export function principalEntityId(
  kind: keyof typeof PRINCIPAL_PREFIX,
  name: string,
  objectId?: string,
): EntityId {
  return entityId(`${PRINCIPAL_PREFIX[kind]}:${objectId !== undefined ? objectId.toLowerCase() : name}`);
}

/** Two lower-case hexadecimal digits for each byte value: formatting by table, as toString(16) is slow. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A lane of {@link stableGuid} after a final avalanche (so that short inputs differ in every nibble), as 8 hex digits. */
function mixedHex(hash: number): string {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (
    (HEX_BYTES[(h >>> 24) & 255] as string) +
    (HEX_BYTES[(h >>> 16) & 255] as string) +
    (HEX_BYTES[(h >>> 8) & 255] as string) +
    (HEX_BYTES[h & 255] as string)
  );
}

/**
 * A GUID derived from text, for ids a design has not been given: the same text always gives the same GUID, so
 * reading a file twice gives equal estates. Four 32-bit FNV-1a lanes with different seeds; not cryptographic,
 * only stable and well spread. The version nibble is 8 (custom) so that it cannot be mistaken for Azure's.
 */
export function stableGuid(text: string): string {
  // Four lanes in one loop: this runs once per role assignment, and large estates have hundreds of thousands.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  let c = 0x9e3779b9;
  let d = 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193);
    c = Math.imul(c ^ code, 0x01000193);
    d = Math.imul(d ^ code, 0x01000193);
  }
  const hex = mixedHex(a) + mixedHex(b) + mixedHex(c) + mixedHex(d);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The id of a role assignment given its scope and assignment GUID (`<scope>/providers/Microsoft.Authorization/roleAssignments/<guid>`). */
export function roleAssignmentArmId(scope: string, guid: string): string {
  const base = scope === '/' ? '' : scope.replace(/\/+$/, '');
  return `${base}/providers/Microsoft.Authorization/roleAssignments/${guid}`;
}

/** The id a role assignment gets when the file gives none: Azure allows one assignment per principal, role and scope. */
export function defaultRoleAssignmentId(principal: EntityId, role: RoleId, scope: string): EntityId {
  return entityId(roleAssignmentArmId(scope, stableGuid(`${principal}|${role}|${scope.toLowerCase()}`)));
}

/** The id of a deny assignment given its scope and GUID. */
export function denyAssignmentArmId(scope: string, guid: string): string {
  const base = scope === '/' ? '' : scope.replace(/\/+$/, '');
  return `${base}/providers/Microsoft.Authorization/denyAssignments/${guid}`;
}

/** The id a deny assignment gets when the file gives none. */
export function defaultDenyAssignmentId(name: string, scope: string): EntityId {
  return entityId(denyAssignmentArmId(scope, stableGuid(`deny|${name}|${scope.toLowerCase()}`)));
}

/** The GUID a custom role gets when the file gives none. */
export function defaultCustomRoleId(name: string): RoleId {
  return stableGuid(`role|${name.toLowerCase()}`) as RoleId;
}

/** The login server Azure gives a registry: its name in lower case under `azurecr.io`. */
export function defaultLoginServer(name: string): string {
  return `${name.toLowerCase()}.azurecr.io`;
}

/**
 * The datastore a data path names: `azureml://datastores/<name>/paths/...`, also in the long form that spells out
 * the subscription, group and workspace. Undefined for any other path.
 */
export function datastoreNameInPath(path: string): string | undefined {
  return datastoreInPath(path)?.name;
}

/**
 * The datastore a data path names, with its ARM id when the path is the long form that names the workspace
 * (`azureml://subscriptions/<s>/resourcegroups/<g>/workspaces/<w>/datastores/<name>/...`): that form may point
 * into another workspace than the job's. Undefined for any other path.
 */
export function datastoreInPath(path: string): { name: string; armId?: string } | undefined {
  const match =
    /^azureml:\/\/(?:subscriptions\/([^/]+)\/resource[gG]roups\/([^/]+)\/(?:providers\/Microsoft\.MachineLearningServices\/)?workspaces\/([^/]+)\/)?datastores\/([^/]+)/i.exec(
      path.trim(),
    );
  const [, subscription, group, workspace, name] = match ?? [];
  if (name === undefined) return undefined;
  if (subscription === undefined || group === undefined || workspace === undefined) return { name };
  const workspaceId = `/subscriptions/${subscription}/resourceGroups/${group}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}`;
  return { name, armId: childArmId(workspaceId, 'datastore', name) };
}
