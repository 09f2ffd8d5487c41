import { scopeKey } from '../model/ids';
import type { RoleAssignment } from '../model/types';

/*
 * Kept apart from diff.ts, which runs the whole analysis: the graph marks grants by this key on every
 * comparison render and must not pull the rules engine into the first page load for it.
 */

/** The key that makes two role assignments the same grant: principal, role and scope (ARM ids compare case-insensitively). */
export function grantIdentity(assignment: Pick<RoleAssignment, 'principal' | 'role' | 'scope'>): string {
  return `${assignment.principal}\n${assignment.role.toLowerCase()}\n${scopeKey(assignment.scope)}`;
}
