import type { AddRoleAssignmentParams } from '../edits/add-role-assignment';
import type { EntityId, RoleId } from '../model/ids';
import { BUILT_IN_ROLES, rolesGrantingAction } from '../rbac';

/** A built-in role that would allow one action, assigned at the narrowest scope the question names. */
export interface LeastRoleSuggestion {
  principal: EntityId;
  action: string;
  dataAction: boolean;
  role: { id: RoleId; name: string };
  /** The scope to assign at: the scope of the question itself, the narrowest that allows the action there. */
  scope: string;
  /** Operations of the action catalog the role grants (wildcards count every operation they match). */
  breadth: number;
  /** The role's Actions or DataActions pattern that covers the action. */
  matchedPattern: string;
  /** The next narrowest built-in roles that would also do, least first (at most three). */
  alternatives: { id: RoleId; name: string; breadth: number }[];
}

/**
 * The least built-in role that allows `action` (in its plane) at `scope`, for `principal`: "least" is the
 * role granting the fewest operations of the action catalog, not the one with the fewest patterns, so
 * Contributor's single `*` ranks among the widest. Roles whose grant hangs on an ABAC condition are passed
 * over (a condition may not hold for the request). Undefined when no built-in role grants the action.
 */
export function leastRole(principal: EntityId, action: string, dataAction: boolean, scope: string): LeastRoleSuggestion | undefined {
  const plain = rolesGrantingAction(action, dataAction, BUILT_IN_ROLES).filter((r) => r.condition === undefined);
  const [best, ...rest] = plain;
  if (best === undefined) return undefined;
  return {
    principal,
    action: action.trim(),
    dataAction,
    role: { id: best.role.id, name: best.role.name },
    scope,
    breadth: best.breadth,
    matchedPattern: best.matchedPattern,
    alternatives: rest.slice(0, 3).map((r) => ({ id: r.role.id, name: r.role.name, breadth: r.breadth })),
  };
}

/**
 * A least-role suggestion as the what-if edit that adds its role assignment: the name and parameters the
 * engine's `estateEdit('addRoleAssignment', params, estate)` takes, so the app can offer "Try this fix".
 */
export function leastRoleEdit(suggestion: LeastRoleSuggestion): { name: 'addRoleAssignment'; params: AddRoleAssignmentParams } {
  return {
    name: 'addRoleAssignment',
    params: {
      principal: suggestion.principal,
      role: suggestion.role.id,
      scope: suggestion.scope,
      description: `Least built-in role for ${suggestion.action}`,
    },
  };
}
