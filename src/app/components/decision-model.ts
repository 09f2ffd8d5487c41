import {
  type AssignmentOrigin,
  type ConditionVerdict,
  type Decision,
  type GrantReason,
  describeDecision,
  type GroupPath,
  type RbacIndex,
  scopeKey,
} from '../../engine';

/** Where an assignment was made, relative to the scope asked about. */
export interface AssignedAt {
  label: string;
  /** False when it was made at the asked scope itself. */
  inherited: boolean;
}

export interface GrantRow {
  assignmentId: string;
  role: string;
  assignedAt: AssignedAt;
  /** Group names from the one the principal is directly in outwards; empty for a direct assignment. */
  viaGroups: string[];
  pattern: string;
  origin: AssignmentOrigin;
  condition?: string;
  /** What the condition comes to for this question, and why. */
  conditionVerdict?: ConditionVerdict;
}

export interface ExclusionRow {
  assignmentId: string;
  role: string;
  assignedAt: AssignedAt;
  viaGroups: string[];
  pattern: string;
  notPattern: string;
}

/** A decision made readable: names for ids, scope labels, and each reason as its own row. */
export interface DecisionViewModel {
  effect: Decision['effect'];
  verdict: string;
  principal: string;
  action: string;
  plane: 'data' | 'control';
  scope: string;
  grants: GrantRow[];
  exclusions: ExclusionRow[];
  deny?: { name: string; scope: string; pattern: string; because?: string[] };
  /** Denies that cover the action but whose condition the question leaves undecided. */
  possibleDenies: { name: string; scope: string; pattern: string; because: string[] }[];
  /** Roles that cover the action but whose condition does not hold for this question. */
  conditionsNotMet: GrantRow[];
  /** Why the question could not be answered (an unknown principal or scope). */
  unknown: string[];
  unresolvedRoles: { roleId: string; assignedAt: AssignedAt; viaGroups: string[] }[];
  /** Extra hints the engine offers, such as a role that grants the string on the other plane. */
  notes: string[];
}

const VERDICT: Record<Decision['effect'], string> = {
  allowed: 'Allowed',
  conditional: 'Conditional',
  denied: 'Denied',
};

/** Builds the view model the decision renderer draws; pure, so it is tested without a browser. */
export function decisionViewModel(decision: Decision, index: RbacIndex): DecisionViewModel {
  const q = decision.question;
  const at = (assigned: string): AssignedAt =>
    scopeKey(assigned) === scopeKey(q.scope)
      ? { label: 'at this scope', inherited: false }
      : { label: `inherited from ${index.scopeLabel(assigned)}`, inherited: true };
  const groups = (path: GroupPath) => path.map((group) => index.nameOf(group));
  const grantRow = (grant: GrantReason): GrantRow => ({
    assignmentId: grant.assignmentId,
    role: grant.roleName,
    assignedAt: at(grant.assignedScope),
    viaGroups: groups(grant.viaGroups),
    pattern: grant.matchedPattern,
    origin: grant.origin,
    ...(grant.condition === undefined ? {} : { condition: grant.condition }),
    ...(grant.conditionVerdict === undefined ? {} : { conditionVerdict: grant.conditionVerdict }),
  });

  const model: DecisionViewModel = {
    effect: decision.effect,
    // A denial that may only come from a role nothing defines is not a plain denial: that role may grant it.
    verdict:
      decision.effect === 'denied' && !decision.deniedBy && decision.grants.length === 0 && (decision.unresolvedRoles ?? []).length > 0
        ? 'Unknown role'
        : VERDICT[decision.effect],
    principal: index.nameOf(q.principal),
    action: q.action,
    plane: q.dataAction === true ? 'data' : 'control',
    scope: index.scopeLabel(q.scope),
    grants: decision.grants.map(grantRow),
    conditionsNotMet: (decision.conditionsNotMet ?? []).map(grantRow),
    possibleDenies: (decision.possibleDenies ?? []).map((deny) => ({
      name: deny.name,
      scope: index.scopeLabel(deny.scope),
      pattern: deny.matchedPattern,
      because: deny.conditionVerdict?.because ?? [],
    })),
    exclusions: decision.exclusions.map((exclusion) => ({
      assignmentId: exclusion.assignmentId,
      role: exclusion.roleName,
      assignedAt: at(exclusion.assignedScope),
      viaGroups: groups(exclusion.viaGroups),
      pattern: exclusion.matchedPattern,
      notPattern: exclusion.notPattern,
    })),
    unknown: [],
    unresolvedRoles: (decision.unresolvedRoles ?? []).map((role) => ({
      roleId: role.roleId,
      assignedAt: at(role.assignedScope),
      viaGroups: groups(role.viaGroups),
    })),
    notes: [],
  };
  if (decision.deniedBy)
    model.deny = {
      name: decision.deniedBy.name,
      scope: index.scopeLabel(decision.deniedBy.scope),
      pattern: decision.deniedBy.matchedPattern,
      ...(decision.deniedBy.conditionVerdict ? { because: decision.deniedBy.conditionVerdict.because } : {}),
    };
  if (decision.unknown?.principal !== undefined)
    model.unknown.push(`No principal called “${decision.unknown.principal}” is in this estate.`);
  if (decision.unknown?.scope !== undefined)
    model.unknown.push(`The scope “${decision.unknown.scope}” is not part of this estate.`);
  if (decision.unknown === undefined && decision.grants.length === 0) {
    // The engine's own wording carries hints (such as a role covering the string on the other plane) worth passing on.
    model.notes = describeDecision(decision, index).filter((line) => line.startsWith('Note:'));
  }
  return model;
}
