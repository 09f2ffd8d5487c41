import { ACTIONS } from '../../context/actions';
import { scopeKey, type EntityId, type ScopeKey } from '../../model/ids';
import { allEntities } from '../../model/estate';
import { allows } from '../../rbac';
import type { RoleAssignment } from '../../model/types';
import { noteEvidence } from '../helpers';
import { defineRule } from '../catalog';

// Principals that could apply a design: people, groups, applications and identities used by pipelines.
// System-assigned identities are left out: they belong to Azure ML resources, not to whoever deploys.
const CANDIDATE_COLLECTIONS = ['users', 'groups', 'servicePrincipals', 'userAssignedIdentities'] as const;

/** R13: someone must be allowed to create the role assignments a design plans. */
export const roleAssignmentWriters = defineRule('AML-WS-012', {
  *check(context) {
    if (context.estate.assignmentsOrigin !== 'planned') return;
    const byScope = new Map<ScopeKey, RoleAssignment[]>();
    for (const assignment of context.estate.roleAssignments) {
      if (assignment.origin !== 'planned') continue;
      const key = scopeKey(assignment.scope);
      const list = byScope.get(key);
      if (list) list.push(assignment);
      else byScope.set(key, [assignment]);
    }
    if (byScope.size === 0) return;
    const candidates: EntityId[] = CANDIDATE_COLLECTIONS.flatMap((c) => context.estate[c].map((p) => p.id));
    // Only principals holding some assignment can pass; skipping the rest keeps large directories cheap.
    const holders = candidates.filter((p) => context.rbac.assignmentsOf(p).length > 0);
    const entityByScope = new Map<ScopeKey, EntityId>();
    for (const entity of allEntities(context.estate)) {
      if ('armId' in entity && !entityByScope.has(scopeKey(entity.armId))) entityByScope.set(scopeKey(entity.armId), entity.id);
    }

    // Asking every holder at every planned scope costs scopes times principals, which on a large tenant is
    // billions of questions. Only a principal that holds, itself or through a group, an assignment on the
    // scope's chain whose role covers the action can be allowed, so those are the only ones asked.
    const holderSet = new Set(holders);
    const members = new Map<EntityId, readonly EntityId[]>(context.estate.groups.map((g) => [g.id, g.members]));
    // The granting assignments made at each scope, found once per scope: a subscription's are shared by
    // every planned scope below it.
    const grantingAt = new Map<ScopeKey, readonly RoleAssignment[]>();
    const granting = (at: ScopeKey): readonly RoleAssignment[] => {
      let list = grantingAt.get(at);
      if (list === undefined) {
        list = context.rbac
          .assignmentsAt(at)
          .filter((a) => context.rbac.matchRole(a.role, ACTIONS.roleAssignmentsWrite, false).kind === 'granted');
        grantingAt.set(at, list);
      }
      return list;
    };
    // A deny of everyone that reaches the scope and blocks the action, with no condition, leaves only the
    // principals it exempts able to write there: those it names and the members of the groups it names, nested
    // groups included. Only they are asked (undefined when no such deny reaches the scope). A managed
    // application's resource group is such a scope: asking every possible writer there, one by one, was most of
    // this rule's time.
    const exemptFromDenyOfEveryone = (scope: string): EntityId[] | undefined => {
      for (const { deny } of context.rbac.scopeView(scope)?.denies ?? []) {
        if (deny.principals !== 'everyone' || context.rbac.conditionOf(deny) !== undefined) continue;
        if (context.rbac.matchDeny(deny, ACTIONS.roleAssignmentsWrite, false).kind !== 'blocks') continue;
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
    };
    // Whoever may write at one planned scope most often may at the next (an Owner of the subscription): asked
    // first, it settles most scopes with one question. The answer is the same whoever is asked first.
    let lastWriter: EntityId | undefined;
    const someoneCan = (scope: string): boolean => {
      if (lastWriter !== undefined && allows(context.rbac, { principal: lastWriter, action: ACTIONS.roleAssignmentsWrite, scope })) return true;
      const spared = exemptFromDenyOfEveryone(scope);
      if (spared !== undefined) {
        const writer = spared.find((p) => holderSet.has(p) && allows(context.rbac, { principal: p, action: ACTIONS.roleAssignmentsWrite, scope }));
        if (writer !== undefined) lastWriter = writer;
        return writer !== undefined;
      }
      const asked = new Set<EntityId>();
      const allowed = (p: EntityId): boolean => {
        if (asked.has(p)) return false;
        asked.add(p);
        // Only the yes or no is needed, and a scope nobody may write at asks every holder: no decisions are built.
        const writes = holderSet.has(p) && allows(context.rbac, { principal: p, action: ACTIONS.roleAssignmentsWrite, scope });
        if (writes) lastWriter = p;
        return writes;
      };
      for (const at of context.rbac.ancestors(scope)) {
        for (const a of granting(at)) {
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
    };

    for (const [key, assignments] of byScope) {
      const scope = assignments[0]?.scope ?? key;
      if (someoneCan(scope)) continue;
      const label = context.rbac.scopeLabel(scope);
      // The entity at the scope, else the nearest one above it: a subject is always an entity of the estate.
      const subject = enclosingEntity(scope, entityByScope);
      if (subject === undefined) continue;
      const examples = assignments
        .slice(0, 3)
        .map((a) => `${context.rbac.catalog.get(a.role)?.name ?? a.role} for ${context.topology.nameOf(a.principal)}`)
        .join(', ');
      yield {
        subjects: [subject],
        message: `None of the ${candidates.length} principals in the estate may create role assignments on ${label}, where the design plans ${assignments.length} (${examples}${assignments.length > 3 ? ', ...' : ''}).`,
        consequence:
          'Whoever applies the design there needs Owner, User Access Administrator or Role Based Access Control Administrator on that scope; Contributor and Managed Identity Operator are not enough to create assignments.',
        evidence: [noteEvidence(`${ACTIONS.roleAssignmentsWrite} is allowed for nobody in the estate at ${label}.`)],
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
    }
  },
});

/** The entity whose ARM id is `scope` or the nearest scope above it (segments cut from the end); undefined when none. */
function enclosingEntity(scope: string, entityByScope: ReadonlyMap<ScopeKey, EntityId>): EntityId | undefined {
  for (let at = scope.length; at > 0; at = scope.lastIndexOf('/', at - 1)) {
    const found = entityByScope.get(scopeKey(scope.slice(0, at)));
    if (found !== undefined) return found;
  }
  return undefined;
}
