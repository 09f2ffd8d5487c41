import type { EntityId, RoleId } from '../model/ids';
import type { AssignmentOrigin } from '../model/types';

/** One access question: may `principal` perform `action` at `scope`? */
export interface AccessQuestion {
  principal: EntityId;
  /** An operation string such as `Microsoft.ContainerRegistry/registries/pull/read`. */
  action: string;
  /** True for a data action (matched only against DataActions / NotDataActions). */
  dataAction?: boolean;
  /** The ARM id of the resource (or any scope) the action is performed on; `/` for the tenant root. */
  scope: string;
}

/** A membership hop: the principal holds the assignment through these groups, outermost last. */
export type GroupPath = EntityId[];

/** Why one role assignment grants (or would grant) the action. */
export interface GrantReason {
  assignmentId: EntityId;
  roleId: RoleId;
  roleName: string;
  /** The scope the assignment was made at (an ancestor of, or equal to, the question's scope). */
  assignedScope: string;
  /** Empty when the principal holds the assignment directly; otherwise the groups it came through. */
  viaGroups: GroupPath;
  /** The Actions / DataActions pattern of the role that matched (for example `*`, or a provider pattern with a wildcard segment). */
  matchedPattern: string;
  origin: AssignmentOrigin;
  /** Set when the assignment carries an ABAC condition: it grants only where the condition holds. */
  condition?: string;
}

/** An assignment whose role matched the action but whose own NotActions took it back out. */
export interface ExclusionReason {
  assignmentId: EntityId;
  roleId: RoleId;
  roleName: string;
  assignedScope: string;
  viaGroups: GroupPath;
  matchedPattern: string;
  notPattern: string;
}

/** A deny assignment that blocked the action. */
export interface DenyReason {
  denyAssignmentId: EntityId;
  name: string;
  scope: string;
  matchedPattern: string;
}

/**
 * The answer to an {@link AccessQuestion}, carrying everything that produced it (Cedar-style diagnostics).
 * - `allowed`: at least one unconditioned grant and no deny.
 * - `conditional`: only assignments with an ABAC condition grant it; the outcome depends on the request.
 * - `denied`: nothing grants it (`grants` empty), or a deny assignment blocks it (`deniedBy` set).
 */
export interface Decision {
  question: AccessQuestion;
  effect: 'allowed' | 'conditional' | 'denied';
  allowed: boolean;
  grants: GrantReason[];
  exclusions: ExclusionReason[];
  deniedBy?: DenyReason;
  /** Set when the principal or scope is not in the estate; the decision is then `denied`. */
  unknown?: { principal?: string; scope?: string };
  /**
   * Assignments that apply to the principal at this scope but name a role the catalog does not know
   * (typically a custom role missing from the export); they grant nothing, and saying so helps the reader.
   */
  unresolvedRoles?: { assignmentId: EntityId; roleId: RoleId; assignedScope: string; viaGroups: GroupPath }[];
}
