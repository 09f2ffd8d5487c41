import type { EntityId, ScopeKey } from '../model/ids';
import { scopeKey } from '../model/ids';
import type { EntityKind, Estate, RoleAssignment } from '../model/types';
import type { AnalysisContext } from './analysis-context';

/*
 * A way for a look-up to say exactly what it depended on, finer than what incremental analysis can see by
 * watching the context (../analysis/incremental-reads.ts). A helper that walks every role holder of a
 * subscription to keep the few whose roles grant one action reads, to the watching proxy, every assignment
 * there; it reads the raw context instead and notes the tokens below, so that an edit to an assignment whose
 * role cannot grant the action keeps the rule that asked. Outside a tracked run (analyze()) there is no
 * tracker and the helper reads the context as it is.
 */

/** The key under which a tracked context hands out its {@link ReadTracker}. */
export const READ_TRACKER: unique symbol = Symbol('read tracker');

/** The untracked context behind a tracked one, and where to note what was read from it. */
export interface ReadTracker<C> {
  /** The context itself: what is read from it is not recorded, so the reader must {@link ReadTracker.note} it. */
  readonly raw: C;
  /** Records one read token (see ../analysis/incremental-reads.ts for their meaning). */
  note(token: string): void;
}

/** The tracker of a tracked context, or undefined for a plain one (nothing to record). */
export function readTracker<C extends object>(context: C): ReadTracker<C> | undefined {
  return (context as { [READ_TRACKER]?: ReadTracker<C> })[READ_TRACKER];
}

/**
 * The assignments made exactly at `key` whose role grants `action` in one plane (`ag:`). An edit to an
 * assignment there whose role does not grant it leaves this read as it was.
 */
export function grantingAssignmentsToken(key: ScopeKey, action: string, dataAction: boolean): string {
  return `ag:${dataAction ? 'd' : 'c'}|${action}|${key}`;
}

/**
 * The resolved access paths whose requirements' decisions carry a grant of this assignment (`kg:`), in their
 * order: a path that came, went or changed elsewhere leaves this read as it was.
 */
export function pathGrantsToken(assignmentId: string): string {
  return `kg:${assignmentId}`;
}

/** The role holders at `key` that are members of a group (`ah:`): they can hold a permission through it. */
export function groupMemberHoldersToken(key: ScopeKey): string {
  return `ah:${key}`;
}

/** Whether `principal` (as written in assignments) holds any role at `key`, and where it comes among the holders there (`ap:`). */
export function holderToken(key: ScopeKey, principal: EntityId): string {
  return `ap:${principal}|${key}`;
}

/**
 * A holder the estate does not list but whose assignment says it is a person (principal type User or Group): an
 * exported assignment may name someone outside the estate's directory.
 */
export const UNLISTED_PERSON = 'unlisted-person';

/** What a holder is, for {@link holdersOfKindsAt}: the kind of its entity, or {@link UNLISTED_PERSON}. */
export type HolderKind = EntityKind | typeof UNLISTED_PERSON;

/** The role holders at `key` of some kinds, as a look-up read (`ak:`): who else holds a role there does not matter. */
export function holdersOfKindsToken(key: ScopeKey, kinds: readonly HolderKind[]): string {
  return `ak:${kinds.join(',')}|${key}`;
}

/** The principals holding a role made exactly at `key` whose entity is of one of `kinds`, in the order the scope files them. */
export function holdersOfKindsIn(context: Pick<AnalysisContext, 'rbac' | 'topology'>, key: ScopeKey, kinds: readonly HolderKind[]): EntityId[] {
  const found: EntityId[] = [];
  for (const [id, assignments] of context.rbac.assignmentsByPrincipalAt(key) ?? []) {
    const principal = context.topology.get(id);
    if (principal ? kinds.includes(principal.kind) : kinds.includes(UNLISTED_PERSON) && assignments.some(byPerson)) found.push(id);
  }
  return found;
}

const byPerson = (assignment: RoleAssignment): boolean => assignment.principalType === 'User' || assignment.principalType === 'Group';

/**
 * {@link holdersOfKindsIn}, read in a tracked run as one `ak:` token: an edit to a holder of another kind (a
 * compute's system identity, for a question about people) keeps what asked.
 */
export function holdersOfKindsAt(context: AnalysisContext, key: ScopeKey, kinds: readonly HolderKind[]): EntityId[] {
  const tracker = readTracker(context);
  if (tracker === undefined) return holdersOfKindsIn(context, key, kinds);
  tracker.note(holdersOfKindsToken(key, kinds));
  return holdersOfKindsIn(tracker.raw, key, kinds);
}

// Per list of assignments (an edit that leaves them shares the list): the estate's assignments by scope key.
const assignmentsByScope = new WeakMap<readonly RoleAssignment[], Map<string, readonly RoleAssignment[]>>();

/** The estate's own role assignments made exactly at `key`, in the estate's order (worked out once per list). */
export function estateAssignmentsIn(estate: Pick<Estate, 'roleAssignments'>, key: ScopeKey): readonly RoleAssignment[] {
  let byScope = assignmentsByScope.get(estate.roleAssignments);
  if (byScope === undefined) {
    byScope = new Map();
    for (const assignment of estate.roleAssignments) {
      const at = scopeKey(assignment.scope);
      const list = byScope.get(at) as RoleAssignment[] | undefined;
      if (list) list.push(assignment);
      else byScope.set(at, [assignment]);
    }
    assignmentsByScope.set(estate.roleAssignments, byScope);
  }
  return byScope.get(key) ?? NO_ASSIGNMENTS;
}

const NO_ASSIGNMENTS: readonly RoleAssignment[] = Object.freeze([]);

/**
 * {@link estateAssignmentsIn}, read in a tracked run as one `ao:` token: an edit to the assignments at another
 * scope keeps what asked.
 */
export function estateAssignmentsAt(context: Pick<AnalysisContext, 'estate'>, key: ScopeKey): readonly RoleAssignment[] {
  const tracker = readTracker(context);
  if (tracker === undefined) return estateAssignmentsIn(context.estate, key);
  tracker.note(`ao:${key}`);
  return estateAssignmentsIn(tracker.raw.estate, key);
}
