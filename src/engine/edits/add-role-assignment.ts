import { defaultRoleAssignmentId } from '../io/core/naming';
import { scopeKey, type EntityId, type RoleId } from '../model/ids';
import type { Entity, Estate, RoleAssignment } from '../model/types';
import { COLLECTION_OF_KIND } from './shared';

export interface AddRoleAssignmentParams {
  principal: EntityId;
  role: RoleId;
  /** The ARM id of the scope, or `/` for the tenant root. */
  scope: string;
  condition?: string;
  description?: string;
}

function principalTypeOf(estate: Estate, id: EntityId): RoleAssignment['principalType'] {
  const find = (collection: readonly Entity[]) => collection.some((entity) => entity.id === id);
  if (find(estate.users)) return 'User';
  if (find(estate.groups)) return 'Group';
  if (find(estate[COLLECTION_OF_KIND.servicePrincipal]) || find(estate.userAssignedIdentities) || find(estate.systemAssignedIdentities))
    return 'ServicePrincipal';
  return undefined;
}

/** The id a planned assignment gets: the same one the native reader gives an assignment written without an id. */
export function plannedAssignmentId(principal: EntityId, role: RoleId, scope: string): EntityId {
  return defaultRoleAssignmentId(principal, role, scope);
}

/**
 * Adds a planned role assignment (origin `planned`) with a deterministic id, so that adding, undoing and
 * adding again yields the same assignment. Azure keeps one assignment per principal, role and scope:
 * when one exists already (whatever its origin), the estate is returned unchanged.
 */
export function addRoleAssignment(estate: Estate, params: AddRoleAssignmentParams): Estate {
  const scope = params.scope.trim() === '' ? '/' : params.scope.trim();
  const key = scopeKey(scope);
  const role = params.role.toLowerCase() as RoleId;
  if (estate.roleAssignments.some((a) => a.principal === params.principal && a.role === role && scopeKey(a.scope) === key))
    return estate;
  const assignment: RoleAssignment = {
    id: plannedAssignmentId(params.principal, role, scope),
    principal: params.principal,
    role,
    scope,
    origin: 'planned',
  };
  const principalType = principalTypeOf(estate, params.principal);
  if (principalType !== undefined) assignment.principalType = principalType;
  if (params.condition !== undefined && params.condition.trim() !== '') {
    assignment.condition = params.condition;
    assignment.conditionVersion = '2.0';
  }
  if (params.description !== undefined && params.description.trim() !== '') assignment.description = params.description;
  return { ...estate, roleAssignments: [...estate.roleAssignments, assignment] };
}
