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

/** A role assignment whose role matched the action: what grant and exclusion reasons both say. */
export interface AssignmentMatch {
  assignmentId: EntityId;
  roleId: RoleId;
  roleName: string;
  /** The scope the assignment was made at (an ancestor of, or equal to, the question's scope). */
  assignedScope: string;
  /** Empty when the principal holds the assignment directly; otherwise the groups it came through. */
  viaGroups: GroupPath;
  /** The Actions / DataActions pattern of the role that matched (for example `*`, or a provider pattern with a wildcard segment). */
  matchedPattern: string;
}

/** Why one role assignment grants (or would grant) the action. */
export interface GrantReason extends AssignmentMatch {
  origin: AssignmentOrigin;
  /**
   * Set when the grant carries an ABAC condition: it grants only where the condition holds. That is the
   * assignment's condition, the condition the role definition itself writes on the permissions that grant
   * the action (`roleCondition`), or both joined by AND.
   */
  condition?: string;
  /** Set with `condition`: what the conditions come to together for this question, and why. */
  conditionVerdict?: ConditionVerdict;
  /** Set when the role definition's own permissions carry the condition (it is also part of `condition`). */
  roleCondition?: string;
}

/**
 * An ABAC condition judged for one question:
 * - `holds`: the question carries everything the condition tests, and it is true: the grant counts.
 * - `fails`: it is false for this question: the grant does not count.
 * - `undecided`: it depends on something the question does not carry (a request attribute, the
 *   sub-operation, a container below the scope asked about...): the grant counts only for some requests.
 * - `unreadable`: the condition could not be parsed; it is never taken as holding.
 */
export interface ConditionVerdict {
  outcome: 'holds' | 'fails' | 'undecided' | 'unreadable';
  /** The parts of the condition that decided it, each quoted, with what decided them. */
  because: string[];
  /** For `unreadable`: the 0-based offset in the condition where reading stopped, and why. */
  parseError?: { offset: number; message: string };
}

/** An assignment whose role matched the action but whose own NotActions took it back out. */
export interface ExclusionReason extends AssignmentMatch {
  notPattern: string;
}

/** A deny assignment that blocked the action (or, with an undecided condition, may block it). */
export interface DenyReason {
  denyAssignmentId: EntityId;
  name: string;
  scope: string;
  matchedPattern: string;
  /** Set when the deny carries a condition: what it comes to for this question. */
  conditionVerdict?: ConditionVerdict;
}

/**
 * The answer to an {@link AccessQuestion}, carrying everything that produced it (Cedar-style diagnostics).
 * - `allowed`: at least one grant without a condition, or whose condition holds for the question, and no deny.
 * - `conditional`: only assignments whose condition the question leaves undecided (or that could not be
 *   read) grant it, or a deny whose condition is undecided may block it; the outcome depends on the request.
 * - `denied`: nothing grants it (`grants` empty), or a deny assignment blocks it (`deniedBy` set).
 */
export interface Decision {
  question: AccessQuestion;
  effect: 'allowed' | 'conditional' | 'denied';
  allowed: boolean;
  grants: GrantReason[];
  exclusions: ExclusionReason[];
  deniedBy?: DenyReason;
  /** Deny assignments that cover the action but whose condition the question leaves undecided. */
  possibleDenies?: DenyReason[];
  /**
   * Assignments whose role covers the action but whose ABAC condition is false for this question: they
   * grant nothing here (each with its verdict).
   */
  conditionsNotMet?: GrantReason[];
  /** Set when the principal or scope is not in the estate; the decision is then `denied`. */
  unknown?: { principal?: string; scope?: string };
  /**
   * Assignments that apply to the principal at this scope but name a role the catalog does not know
   * (typically a custom role missing from the export); they grant nothing, and saying so helps the reader.
   */
  unresolvedRoles?: { assignmentId: EntityId; roleId: RoleId; assignedScope: string; viaGroups: GroupPath }[];
}
