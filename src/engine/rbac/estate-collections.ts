import type { EntityId } from '../model/ids';
import type { Estate } from '../model/types';

/**
 * Which collections of an estate hold RBAC scopes and which hold principals. The scope tree, the index and the
 * reference evaluator must agree on what counts as a known scope or principal, so the lists live here once.
 */

/** The collections whose entities role assignments can be made at, each entity by its ARM id. */
export function scopeCollections(estate: Estate): readonly (readonly { armId: string }[])[] {
  return [
    estate.managementGroups,
    estate.subscriptions,
    estate.resourceGroups,
    estate.workspaces,
    estate.storageAccounts,
    estate.keyVaults,
    estate.containerRegistries,
    estate.applicationInsights,
    estate.computes,
    estate.aksClusters,
    estate.onlineEndpoints,
    estate.onlineDeployments,
    estate.datastores,
    estate.connections,
    estate.jobs,
    estate.userAssignedIdentities,
  ];
}

/** The collections of principals role assignments can name. */
export function principalCollections(estate: Estate): readonly (readonly { id: EntityId }[])[] {
  return [estate.users, estate.groups, estate.servicePrincipals, estate.userAssignedIdentities, estate.systemAssignedIdentities];
}
