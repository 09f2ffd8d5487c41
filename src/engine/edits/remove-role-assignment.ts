import type { EntityId } from '../model/ids';
import type { Estate } from '../model/types';

export interface RemoveRoleAssignmentParams {
  /** The assignment's id (`<scope>/providers/Microsoft.Authorization/roleAssignments/<guid>`). */
  assignment: EntityId;
}

/**
 * Removes a role assignment, whatever its origin: an observed one shows what losing the grant would do,
 * a planned one is taken out of the design. Returns `estate` itself when there is no such assignment.
 */
export function removeRoleAssignment(estate: Estate, params: RemoveRoleAssignmentParams): Estate {
  if (!estate.roleAssignments.some((a) => a.id === params.assignment)) return estate;
  return { ...estate, roleAssignments: estate.roleAssignments.filter((a) => a.id !== params.assignment) };
}
