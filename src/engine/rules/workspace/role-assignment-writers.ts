import { ACTIONS } from '../../context/actions';
import { scopeKey, type EntityId, type ScopeKey } from '../../model/ids';
import { allows } from '../../rbac';
import type { RoleAssignment } from '../../model/types';
import { noteEvidence } from '../helpers';
import { checkBySubject, defineRule } from '../catalog';
import type { RuleContext } from '../types';
import { estateAssignmentsAt, grantingAssignmentsToken, readTracker } from '../../context/read-tracking';

// Principals that could apply a design: people, groups, applications and identities used by pipelines.
// System-assigned identities are left out: they belong to Azure ML resources, not to whoever deploys.
const CANDIDATE_COLLECTIONS = ['users', 'groups', 'servicePrincipals', 'userAssignedIdentities'] as const;

/** R13: someone must be allowed to create the role assignments a design plans. */
export const roleAssignmentWriters = defineRule(
  'AML-WS-012',
  checkBySubject({
    // Per planned scope: whether someone may write there depends on the grants on its chain alone.
    subjects(context) {
      if (context.estate.assignmentsOrigin !== 'planned') return [];
      const keys = new Set<ScopeKey>();
      for (const assignment of context.estate.roleAssignments)
        if (assignment.origin === 'planned') keys.add(scopeKey(assignment.scope));
      return [...keys];
    },
    *check(context, key) {
      const assignments = estateAssignmentsAt(context, key as ScopeKey).filter((a) => a.origin === 'planned');
      const scope = assignments[0]?.scope;
      if (scope === undefined || someoneCan(context, scope)) return;
      const label = context.rbac.scopeLabel(scope);
      // The entity at the scope, else the nearest one above it: a subject is always an entity of the estate.
      const subject = enclosingEntity(context, scope);
      if (subject === undefined) return;
      const examples = assignments
        .slice(0, 3)
        .map(
          (a) =>
            `${context.rbac.catalog.get(a.role)?.name ?? a.role} for ${context.topology.nameOf(a.principal)}`,
        )
        .join(', ');
      yield {
        subjects: [subject],
        message: `None of the ${candidatesOf(context).count} principals in the estate may create role assignments on ${label}, where the design plans ${assignments.length} (${examples}${assignments.length > 3 ? ', ...' : ''}).`,
        consequence:
          'Whoever applies the design there needs Owner, User Access Administrator or Role Based Access Control Administrator on that scope; Contributor and Managed Identity Operator are not enough to create assignments.',
        evidence: [
          noteEvidence(`${ACTIONS.roleAssignmentsWrite} is allowed for nobody in the estate at ${label}.`),
        ],
        fix: {
          summary: `Have an Owner apply the assignments on ${label}, or give the deploying identity Role Based Access Control Administrator there.`,
          actions: [
            {
              kind: 'manual',
              text: `Apply the planned assignments on ${label} as someone holding Owner, User Access Administrator or Role Based Access Control Administrator (f58310d9-a9f6-439a-9e8d-f62e7b41a168) there.`,
            },
          ],
        },
      };
    },
  }),
);

/**
 * What the planned scopes of one analysis share, kept per index (the raw one in a tracked run): the candidates,
 * the members of each group, and the last principal found allowed to write (whoever may write at one planned scope
 * most often may at the next, an Owner of the subscription: asked first, it settles most scopes with one question;
 * the answer is the same whoever is asked first).
 */
interface Shared {
  candidates?: { of: object; ids: ReadonlySet<EntityId>; count: number };
  members?: { of: object; byGroup: ReadonlyMap<EntityId, readonly EntityId[]> };
  lastWriter?: EntityId;
  /** The granting assignments made at each scope: a subscription's are shared by every planned scope below it. */
  granting: Map<ScopeKey, RoleAssignment[]>;
}

const sharedByIndex = new WeakMap<object, Shared>();

function shared(context: RuleContext): Shared {
  const index = (readTracker(context)?.raw ?? context).rbac;
  let found = sharedByIndex.get(index);
  if (found === undefined) sharedByIndex.set(index, (found = { granting: new Map() }));
  return found;
}

/** Principals that could apply a design (read through the context: an edit to one of those collections re-runs). */
function candidatesOf(context: RuleContext): { ids: ReadonlySet<EntityId>; count: number } {
  const lists = CANDIDATE_COLLECTIONS.map((c) => context.estate[c]);
  const cache = shared(context);
  // Kept while the same lists are read (one analysis); the users stand for them all. The count is of the lists'
  // entries, as the message has always said it.
  let found = cache.candidates;
  if (found?.of !== context.estate.users) {
    const ids = lists.flatMap((list) => list.map((p) => p.id));
    cache.candidates = found = { of: context.estate.users, ids: new Set(ids), count: ids.length };
  }
  return found;
}

function membersByGroup(context: RuleContext): ReadonlyMap<EntityId, readonly EntityId[]> {
  const groups = context.estate.groups;
  const cache = shared(context);
  if (cache.members?.of !== groups)
    cache.members = { of: groups, byGroup: new Map(groups.map((g) => [g.id, g.members])) };
  return cache.members.byGroup;
}

/**
 * Whether anyone in the estate may create role assignments at `scope`. Asking every holder at every planned scope
 * costs scopes times principals, which on a large tenant is billions of questions. Only a principal that holds,
 * itself or through a group, an assignment on the scope's chain whose role covers the action can be allowed, so
 * those are the only ones asked.
 */
function someoneCan(context: RuleContext, scope: string): boolean {
  const cache = shared(context);
  const { rbac } = context;
  const writes = (principal: EntityId) =>
    allows(rbac, { principal, action: ACTIONS.roleAssignmentsWrite, scope });
  if (cache.lastWriter !== undefined && writes(cache.lastWriter)) return true;
  // Only principals holding some assignment can pass; skipping the rest keeps large directories cheap.
  const candidates = candidatesOf(context).ids;
  const isHolder = (principal: EntityId) =>
    candidates.has(principal) && rbac.assignmentsOf(principal).length > 0;
  const spared = exemptFromDenyOfEveryone(context, scope);
  if (spared !== undefined) {
    const writer = spared.find((p) => isHolder(p) && writes(p));
    if (writer !== undefined) cache.lastWriter = writer;
    return writer !== undefined;
  }
  const members = membersByGroup(context);
  const asked = new Set<EntityId>();
  const allowed = (p: EntityId): boolean => {
    if (asked.has(p)) return false;
    asked.add(p);
    // Only the yes or no is needed, and a scope nobody may write at asks every holder: no decisions are built.
    const can = isHolder(p) && writes(p);
    if (can) cache.lastWriter = p;
    return can;
  };
  for (const at of rbac.ancestors(scope)) {
    for (const a of grantingAt(context, at)) {
      if (allowed(a.principal)) return true;
      // Members of a granting group, nested groups included; `asked` also stops membership cycles.
      const queue = [...(members.get(a.principal) ?? [])];
      while (queue.length > 0) {
        const m = queue.pop() as EntityId;
        if (asked.has(m)) continue;
        if (allowed(m)) return true;
        queue.push(...(members.get(m) ?? []));
      }
    }
  }
  return false;
}

/** The assignments made exactly at `at` whose role grants role assignment writes (read as those alone). */
function grantingAt(context: RuleContext, at: ScopeKey): RoleAssignment[] {
  const tracker = readTracker(context);
  tracker?.note(grantingAssignmentsToken(at, ACTIONS.roleAssignmentsWrite, false));
  const cache = shared(context).granting;
  let list = cache.get(at);
  if (list === undefined) {
    const { rbac } = tracker?.raw ?? context;
    list = rbac.assignmentsAt(at).filter((a) => rbac.matchRole(a.role, ACTIONS.roleAssignmentsWrite, false).kind === 'granted');
    cache.set(at, list);
  }
  return list;
}

/**
 * A deny of everyone that reaches the scope and blocks the action, with no condition, leaves only the principals
 * it exempts able to write there: those it names and the members of the groups it names, nested groups included.
 * Only they are asked (undefined when no such deny reaches the scope). A managed application's resource group is
 * such a scope: asking every possible writer there, one by one, was most of this rule's time.
 */
function exemptFromDenyOfEveryone(context: RuleContext, scope: string): EntityId[] | undefined {
  for (const { deny } of context.rbac.scopeView(scope)?.denies ?? []) {
    if (deny.principals !== 'everyone' || context.rbac.conditionOf(deny) !== undefined) continue;
    if (context.rbac.matchDeny(deny, ACTIONS.roleAssignmentsWrite, false).kind !== 'blocks') continue;
    const members = membersByGroup(context);
    const exempt = new Set<EntityId>();
    const queue = [...deny.excludePrincipals] as EntityId[];
    while (queue.length > 0) {
      const p = queue.pop() as EntityId;
      if (exempt.has(p)) continue;
      exempt.add(p);
      queue.push(...(members.get(p) ?? []));
    }
    return [...exempt];
  }
  return undefined;
}

/** The entity whose ARM id is `scope` or the nearest scope above it (segments cut from the end); undefined when none. */
function enclosingEntity(context: RuleContext, scope: string): EntityId | undefined {
  for (let at = scope.length; at > 0; at = scope.lastIndexOf('/', at - 1)) {
    const found = context.rbac.entityAtScope(scopeKey(scope.slice(0, at)));
    if (found !== undefined) return found.id;
  }
  return undefined;
}
