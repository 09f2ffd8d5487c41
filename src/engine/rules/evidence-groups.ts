import { decisionShape } from '../paths/decision-shape';
import type { Decision, DenyReason, ExclusionReason, GrantReason } from '../rbac/types';
import type { Evidence } from './types';

/** A reason of an {@link AccessEvidence} (a grant, an exclusion, a deny...), with every principal whose decision it is a reason of. */
export type Grouped<Reason> = Reason & { principals: string[] };

/** One grant of an {@link AccessEvidence}, with every principal it reaches the question through. */
export type GroupedGrant = Grouped<GrantReason>;

/**
 * The decisions of several principals on one question, told once: the outcome, and each reason (a grant: one
 * assignment of one role at one scope, through the same groups; an exclusion, a deny...) with the principals
 * it is a reason for. Nothing a per-principal decision said is lost: who (principals), which role and scope
 * (grants), and why (the matched pattern, the groups, the condition and its verdict, what took it back).
 * A principal's own decision is the outcome with every reason that lists it.
 */
export interface AccessEvidence {
  kind: 'access';
  /** The decisions' label without the principal's name in front (`datastores/listsecrets on blob`). */
  label: string;
  question: { action: string; scope: string; dataAction: boolean };
  effect: Decision['effect'];
  /** Every principal the item covers, once, in the order the evidence named them. */
  principals: string[];
  grants: GroupedGrant[];
  exclusions?: Grouped<ExclusionReason>[];
  conditionsNotMet?: GroupedGrant[];
  deniedBy?: Grouped<DenyReason>[];
  possibleDenies?: Grouped<DenyReason>[];
  unresolvedRoles?: Grouped<NonNullable<Decision['unresolvedRoles']>[number]>[];
}

/** The reasons of a decision, by the field of {@link AccessEvidence} that lists them. */
const REASON_FIELDS = ['grants', 'exclusions', 'conditionsNotMet', 'deniedBy', 'possibleDenies', 'unresolvedRoles'] as const;
type ReasonField = (typeof REASON_FIELDS)[number];

function reasonsOf(decision: Decision, field: ReasonField): readonly object[] {
  if (field === 'deniedBy') return decision.deniedBy ? [decision.deniedBy] : [];
  return decision[field] ?? [];
}

/** A decision about a principal or scope the estate does not hold, with the principals whose decision has the same shape. */
export type SharedDecisionEvidence = Extract<Evidence, { kind: 'decision' }> & { principals?: string[] };

/** Evidence as writers that list many findings tell it: the same decision for many principals told once. */
export type GroupedEvidence = Exclude<Evidence, { kind: 'decision' }> | AccessEvidence | SharedDecisionEvidence;

/** A label without the `<principal name>: ` a rule wrote in front of it for one principal's decision. */
function labelWithoutPrincipal(label: string, principalName: string): string {
  const prefix = `${principalName}: `;
  return label.startsWith(prefix) ? label.slice(prefix.length) : label;
}

interface AccessGroup {
  item: AccessEvidence;
  members: Set<string>;
  reasons: Map<string, { reason: { principals: string[] }; members: Set<string> }>;
}

/**
 * Groups a finding's evidence so that it grows with the grants behind it rather than with the principals
 * holding them. Decisions on the same question with the same outcome become one {@link AccessEvidence}
 * item, each grant (and each exclusion or deny) listed once with the principals it covers: a datastore
 * secret readable by 150 members of one group is one item with one grant, not 150 decisions. A decision
 * about a principal or scope the estate does not hold is told once per shape (see decisionShape) with the
 * principals sharing it. Settings and notes stay as they are, and items keep the order in which the
 * evidence first named them.
 */
export function groupEvidence(evidence: readonly Evidence[], nameOf: (id: string) => string): GroupedEvidence[] {
  const out: GroupedEvidence[] = [];
  const accessByKey = new Map<string, AccessGroup>();
  const sharedByShape = new Map<string, SharedDecisionEvidence & { principals: string[] }>();
  for (const item of evidence) {
    if (item.kind !== 'decision') {
      out.push(item);
      continue;
    }
    const { decision } = item;
    const { principal, action, scope, dataAction } = decision.question;
    if (decision.unknown !== undefined) {
      const shape = decisionShape(decision);
      const shared = sharedByShape.get(shape);
      if (shared) {
        if (!shared.principals.includes(principal)) shared.principals.push(principal);
      }
      else {
        const first = { ...item, principals: [principal] };
        sharedByShape.set(shape, first);
        out.push(first);
      }
      continue;
    }
    const label = labelWithoutPrincipal(item.label, nameOf(principal));
    const key = JSON.stringify([label, action, scope, dataAction === true, decision.effect]);
    let group = accessByKey.get(key);
    if (!group) {
      group = {
        item: { kind: 'access', label, question: { action, scope, dataAction: dataAction === true }, effect: decision.effect, principals: [], grants: [] },
        members: new Set(),
        reasons: new Map(),
      };
      accessByKey.set(key, group);
      out.push(group.item);
    }
    if (!group.members.has(principal)) {
      group.members.add(principal);
      group.item.principals.push(principal);
    }
    for (const field of REASON_FIELDS) {
      for (const reason of reasonsOf(decision, field)) addReason(group, field, reason, principal);
    }
  }
  // A decision no other principal shares keeps the shape evidence has everywhere else, without a list.
  return out.map((item) =>
    item.kind === 'decision' && item.principals?.length === 1 ? { kind: item.kind, label: item.label, decision: item.decision } : item,
  );
}

/** Lists a principal under one reason of a group, adding the reason the first time it is seen. */
function addReason(group: AccessGroup, field: ReasonField, reason: object, principal: string): void {
  // The whole reason is the key: the same assignment reached through other groups, or with another verdict
  // on its condition, is another reason and is told apart.
  const key = `${field}:${JSON.stringify(reason)}`;
  const known = group.reasons.get(key);
  if (known) {
    if (!known.members.has(principal)) {
      known.members.add(principal);
      known.reason.principals.push(principal);
    }
    return;
  }
  const grouped = { ...reason, principals: [principal] };
  group.reasons.set(key, { reason: grouped, members: new Set([principal]) });
  const list = (group.item[field] ??= []) as (typeof grouped)[];
  list.push(grouped);
}
