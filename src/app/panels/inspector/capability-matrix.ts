import { type AnalysisContext, type Decision, type Entity, type EntityId, type KeyVault, type ManagedIdentitySetting, systemIdentityId, type Workspace } from '../../../engine';

const MLS = 'Microsoft.MachineLearningServices/workspaces';

type Target = 'registry' | 'storage' | 'keyVault' | 'workspace';

/** One thing worth knowing whether an identity can do on its workspace's resources. */
export interface Capability {
  id: string;
  label: string;
  action: string;
  dataAction: boolean;
  target: Target;
}

export const CAPABILITIES: readonly Capability[] = [
  { id: 'pull', label: 'Pull images', action: 'Microsoft.ContainerRegistry/registries/pull/read', dataAction: false, target: 'registry' },
  { id: 'push', label: 'Push images', action: 'Microsoft.ContainerRegistry/registries/push/write', dataAction: false, target: 'registry' },
  { id: 'read-data', label: 'Read data', action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', dataAction: true, target: 'storage' },
  { id: 'write-data', label: 'Write data', action: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write', dataAction: true, target: 'storage' },
  { id: 'storage-keys', label: 'Read storage keys', action: 'Microsoft.Storage/storageAccounts/listKeys/action', dataAction: false, target: 'storage' },
  { id: 'secrets', label: 'Read secrets', action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action', dataAction: true, target: 'keyVault' },
  { id: 'jobs', label: 'Submit jobs', action: `${MLS}/jobs/write`, dataAction: false, target: 'workspace' },
  { id: 'compute', label: 'Manage compute', action: `${MLS}/computes/write`, dataAction: false, target: 'workspace' },
  { id: 'endpoints', label: 'Manage endpoints', action: `${MLS}/onlineEndpoints/write`, dataAction: false, target: 'workspace' },
  { id: 'score', label: 'Score endpoints', action: `${MLS}/onlineEndpoints/score/action`, dataAction: false, target: 'workspace' },
  { id: 'datastore-secrets', label: 'Read datastore credentials', action: `${MLS}/datastores/listsecrets/action`, dataAction: false, target: 'workspace' },
  { id: 'assign-roles', label: 'Assign roles', action: 'Microsoft.Authorization/roleAssignments/write', dataAction: false, target: 'workspace' },
];

export type CellEffect = Decision['effect'] | 'policy' | 'none';

export interface MatrixCell {
  effect: CellEffect;
  /** The question asked, for the explain panel; absent when there was nothing to ask (no such resource). */
  question?: { principal: EntityId; action: string; dataAction: boolean; scope: string };
  /** Shown in the cell's tooltip. */
  note: string;
}

export interface MatrixColumn {
  principal: EntityId;
  principalName: string;
  workspace: Workspace;
}

export interface CapabilityMatrix {
  columns: MatrixColumn[];
  rows: { capability: Capability; cells: MatrixCell[] }[];
}

const PRINCIPAL_KINDS = new Set<Entity['kind']>(['user', 'group', 'servicePrincipal', 'userAssignedIdentity', 'systemAssignedIdentity']);

function identitiesOf(owner: EntityId, setting: ManagedIdentitySetting): EntityId[] {
  return [...(setting.system ? [systemIdentityId(owner)] : []), ...setting.userAssigned];
}

/**
 * Who the matrix is about: a principal itself (on every workspace, up to `maxWorkspaces`), or a resource's
 * managed identities on the resource's own workspace.
 */
export function matrixColumns(context: AnalysisContext, entity: Entity, maxWorkspaces = 3): MatrixColumn[] {
  const { topology, estate } = context;
  const name = (id: EntityId) => topology.nameOf(id);
  if (PRINCIPAL_KINDS.has(entity.kind)) {
    const own = topology.workspaceOf(entity.id);
    const workspaces = own ? [own] : estate.workspaces.slice(0, maxWorkspaces);
    return workspaces.map((workspace) => ({ principal: entity.id, principalName: entity.name, workspace }));
  }
  let identities: EntityId[] = [];
  if (entity.kind === 'workspace' || entity.kind === 'compute' || entity.kind === 'onlineEndpoint') identities = identitiesOf(entity.id, entity.identity);
  else if (entity.kind === 'aksCluster' && entity.clusterIdentity.type === 'managed_identity') identities = identitiesOf(entity.id, entity.clusterIdentity.identity);
  const workspace = topology.workspaceOf(entity.id) ?? (entity.kind === 'aksCluster' ? topology.getOfKind(entity.attachedWorkspace, 'workspace') : undefined);
  if (!workspace) return [];
  return identities.map((principal) => ({ principal, principalName: name(principal), workspace }));
}

function targetOf(workspace: Workspace, target: Target): EntityId | undefined {
  switch (target) {
    case 'registry':
      return workspace.containerRegistry;
    case 'storage':
      return workspace.storageAccount;
    case 'keyVault':
      return workspace.keyVault;
    case 'workspace':
      return workspace.id;
  }
}

/** A key vault on access policies ignores RBAC for secrets; its policies decide instead. */
function policyCell(vault: KeyVault, principal: EntityId): MatrixCell {
  const policy = vault.accessPolicies.find((entry) => entry.principal === principal);
  const allowed = policy?.secrets.some((permission) => permission.toLowerCase() === 'get' || permission.toLowerCase() === 'all') ?? false;
  return {
    effect: allowed ? 'policy' : 'denied',
    note: allowed
      ? `${vault.name} uses access policies, and one lets it get secrets.`
      : `${vault.name} uses access policies, and none lets it get secrets (roles do not count there).`,
  };
}

/** What each column's principal can do on its workspace's resources, asked through the memoised RBAC check. */
export function capabilityMatrix(context: AnalysisContext, entity: Entity): CapabilityMatrix {
  const columns = matrixColumns(context, entity);
  const rows = CAPABILITIES.map((capability) => ({
    capability,
    cells: columns.map(({ principal, workspace }): MatrixCell => {
      const target = targetOf(workspace, capability.target);
      const resource = target === undefined ? undefined : context.topology.get(target);
      if (!resource || !('armId' in resource))
        return { effect: 'none', note: `${workspace.name} has no ${capability.target === 'registry' ? 'registry' : capability.target === 'keyVault' ? 'key vault' : 'storage account'} in this estate.` };
      if (resource.kind === 'keyVault' && !resource.enableRbacAuthorization) return policyCell(resource, principal);
      const question = { principal, action: capability.action, dataAction: capability.dataAction, scope: resource.armId };
      const decision = context.can(principal, capability.action, resource.armId, capability.dataAction);
      const via = decision.grants[0];
      return {
        effect: decision.effect,
        question,
        note:
          decision.effect === 'allowed' && via
            ? `${capability.label} on ${resource.name}: allowed by ${via.roleName}.`
            : decision.effect === 'conditional'
              ? `${capability.label} on ${resource.name}: only under an ABAC condition.`
              : `${capability.label} on ${resource.name}: no role grants it.`,
      };
    }),
  }));
  return { columns, rows };
}
