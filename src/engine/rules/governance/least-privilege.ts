import { shellQuote } from '../../fixes/shell';
import { scopeKey, type EntityId, type RoleId } from '../../model/ids';
import type { RoleAssignment, RoleDefinition } from '../../model/types';
import { BUILT_IN_ROLES, roleBreadth, rolesGrantingAction } from '../../rbac';
import type { AccessPath, PathRequirement } from '../../paths/types';
import { noteEvidence, uniqueSubjects } from '../helpers';
import { workspaceIdentities } from '../datastore/storage-helpers';
import { checkBySubject, defineRule } from '../catalog';
import { pathGrantsToken, readTracker } from '../../context/read-tracking';
import type { RuleContext } from '../types';

/** The requirements of a path this assignment is what grants. */
interface Served {
  path: AccessPath;
  requirement: PathRequirement;
}

// Managed identities only: what they do is what the access paths model. A person's or an application's
// roles serve work no path describes, and the workspace's own identities serve Azure ML itself.
function modelledIdentities(context: RuleContext): Set<EntityId> {
  const ids = new Set<EntityId>([
    ...context.estate.userAssignedIdentities.map((i) => i.id),
    ...context.estate.systemAssignedIdentities.map((i) => i.id),
  ]);
  for (const workspace of context.estate.workspaces) {
    for (const id of workspaceIdentities(workspace)) ids.delete(id);
    if (workspace.primaryUserAssignedIdentity !== undefined) ids.delete(workspace.primaryUserAssignedIdentity);
  }
  return ids;
}

// Every grant the paths carry of an assignment a subject may judge, by assignment id, in path order: gathered
// once per set of paths and shared by every subject (a subject reads the few lists of its own assignments).
const servedIndexes = new WeakMap<readonly AccessPath[], ReadonlyMap<EntityId, readonly Served[]>>();

/**
 * The requirements of paths each assignment (by id) of a modelled identity grants. The caller and operator
 * paths of a large tenant carry millions of grants to people, which no subject asks about: they are passed over
 * rather than filed.
 */
function servedByAssignment(context: RuleContext): ReadonlyMap<EntityId, readonly Served[]> {
  const { paths } = context;
  let served = servedIndexes.get(paths);
  if (served !== undefined) return served;
  // The assignments as a subject lists its own (see the check below), whatever its origin.
  const judged = new Set<string>();
  for (const identity of modelledIdentities(context)) for (const held of context.rbac.assignmentsOf(identity)) judged.add(held.assignment.id);
  const index = new Map<EntityId, Served[]>();
  for (const path of paths)
    for (const requirement of path.requirements)
      for (const grant of requirement.decision?.grants ?? []) {
        if (!judged.has(grant.assignmentId)) continue;
        const list = index.get(grant.assignmentId);
        if (list === undefined) index.set(grant.assignmentId, [{ path, requirement }]);
        else list.push({ path, requirement });
      }
  servedIndexes.set(paths, (served = index));
  return served;
}

// The least built-in role that grants every operation used, unconditioned, or undefined when none does.
function leastCovering(used: readonly PathRequirement[]): RoleDefinition | undefined {
  let candidates: Set<RoleId> | undefined;
  for (const r of used) {
    const ids = new Set(rolesGrantingAction(r.action, r.dataAction).filter((g) => g.condition === undefined).map((g) => g.role.id));
    candidates = candidates === undefined ? ids : new Set([...candidates].filter((id) => ids.has(id)));
  }
  if (candidates === undefined || candidates.size === 0) return undefined;
  return BUILT_IN_ROLES.filter((role) => candidates.has(role.id)).sort((a, b) => roleBreadth(a) - roleBreadth(b) || a.name.localeCompare(b.name))[0];
}

/**
 * {@link leastCovering}, answered once per set of operations: its answer depends on nothing else (the built-in
 * roles are fixed), and the assignments of a tier's identities ask the same few sets again and again (each
 * asking filters and sorts the 928 built-in roles). Shared by every run and subject; bounded.
 */
const COVERING_MEMO_LIMIT = 10_000;
const coveringMemo = new Map<string, RoleDefinition | null>();
function leastCoveringOf(used: readonly PathRequirement[]): RoleDefinition | undefined {
  const key = [...new Set(used.map((r) => `${r.dataAction ? 'd' : 'c'}|${r.action}`))].sort().join('\n');
  let found = coveringMemo.get(key);
  if (found === undefined) {
    if (coveringMemo.size >= COVERING_MEMO_LIMIT) coveringMemo.clear();
    coveringMemo.set(key, (found = leastCovering(used) ?? null));
  }
  return found ?? undefined;
}

const operations = (n: number) => `${n} operation${n === 1 ? '' : 's'}`;

const isBelow = (scope: string, above: string) => scopeKey(scope).startsWith(`${scopeKey(above)}/`);

/**
 * A role assignment of a managed identity wider than every access path it serves needs. Written per identity:
 * an identity's findings read its own assignments and the paths that carry their grants (`kg:`), so an edit
 * elsewhere re-runs only the identities it touched.
 */
export const leastPrivilegeGrant = defineRule(
  'AML-GOV-009',
  checkBySubject({
    // The modelled identities that hold a judged assignment, in the order of their first one.
    subjects(context) {
      const identities = modelledIdentities(context);
      if (identities.size === 0) return [];
      const subjects = new Set<EntityId>();
      for (const a of context.rbac.assignments) if (a.origin !== 'automatic' && identities.has(a.principal)) subjects.add(a.principal);
      return [...subjects];
    },
    *check(context, subject) {
      const { rbac, topology } = context;
      // The identity's own assignments as written (never through a group: a managed identity is not one).
      const judged = rbac
        .assignmentsOf(subject as EntityId)
        .filter((held) => held.viaGroups.length === 0 && held.assignment.origin !== 'automatic')
        .map((held) => held.assignment);
      // The paths are read raw, noting only the grants of these assignments: another path that changed does not matter.
      const tracker = readTracker(context);
      const served = servedByAssignment(tracker?.raw ?? context);
      for (const assignment of judged) {
        tracker?.note(pathGrantsToken(assignment.id));
        const uses = served.get(assignment.id);
        if (uses === undefined) continue;
        const judgement = judge(context, assignment, uses, leastCoveringOf);
        if (judgement === undefined) continue;
        const { role, replacements } = judgement;
        const principal = topology.nameOf(assignment.principal);
        const narrower = replacements.map((r) => `${r.role.name} on ${rbac.scopeLabel(r.scope)}`);
        const why = replacements.map((r) =>
          [
            roleBreadth(r.role) < roleBreadth(role) ? `${r.role.name} grants ${operations(roleBreadth(r.role))} where ${role.name} grants ${roleBreadth(role)}` : undefined,
            scopeKey(r.scope) !== scopeKey(assignment.scope) ? `${rbac.scopeLabel(r.scope)} lies below ${rbac.scopeLabel(assignment.scope)}` : undefined,
          ]
            .filter((part) => part !== undefined)
            .join(', and '),
        );
        const pathIds = [...new Set(uses.map((u) => u.path.id))];
        yield {
          subjects: uniqueSubjects(assignment.principal),
          discriminator: assignment.id,
          message: `${principal} holds ${role.name} on ${rbac.scopeLabel(assignment.scope)}, but the paths it serves need only ${narrower.join(' and ')} (${why.join('; ')}).`,
          consequence: `Whoever can run code as ${principal} (a job on its compute, a deployment on its endpoint) holds every operation of ${role.name} there, far beyond what the work needs.`,
          evidence: uses.map((u) => noteEvidence(`${u.path.title}: needs ${u.requirement.action} on ${rbac.scopeLabel(u.requirement.scope)}`)),
          pathIds,
          fix: {
            summary: `Grant ${narrower.join(' and ')} to ${principal}, then remove ${role.name} on ${rbac.scopeLabel(assignment.scope)}.`,
            actions: [
              ...replacements.map((r) => ({ kind: 'assign-role' as const, principal: assignment.principal, role: r.role.id, scope: r.scope })),
              {
                kind: 'command',
                az: [`az role assignment delete --ids ${shellQuote(assignment.id)}`],
                bicep: `// Remove the ${role.name} assignment of ${principal} on ${rbac.scopeLabel(assignment.scope)} from the template.`,
                terraform: `# Remove the ${role.name} assignment of ${principal} on ${rbac.scopeLabel(assignment.scope)} (azurerm_role_assignment).`,
                removes: assignment.id,
              },
            ],
          },
        };
      }
    },
  }),
);

/**
 * The narrower assignments that would serve the same uses: per scope used, the least built-in role covering
 * every operation used there. Undefined unless each of them is narrower than the assignment, in role (fewer
 * catalog operations) or in scope (below it).
 */
function judge(
  context: RuleContext,
  assignment: RoleAssignment,
  uses: readonly Served[],
  covering: (used: readonly PathRequirement[]) => RoleDefinition | undefined,
): { role: RoleDefinition; replacements: { role: RoleDefinition; scope: string }[] } | undefined {
  const role = context.rbac.catalog.get(assignment.role);
  if (role === undefined || assignment.condition !== undefined) return undefined;
  const used = uses.map((u) => u.requirement);
  // A path that asks for this very role (a compute instance's Contributor for idle shutdown, R31) needs it as it is.
  if (used.some((r) => r.suggestedRole.toLowerCase() === role.id.toLowerCase())) return undefined;
  const byScope = new Map<string, PathRequirement[]>();
  for (const r of used) byScope.set(scopeKey(r.scope), [...(byScope.get(scopeKey(r.scope)) ?? []), r]);
  const replacements: { role: RoleDefinition; scope: string }[] = [];
  for (const requirements of byScope.values()) {
    const scope = (requirements[0] as PathRequirement).scope;
    const narrower = covering(requirements);
    if (narrower === undefined) return undefined;
    const lessRole = roleBreadth(narrower) < roleBreadth(role);
    if (!lessRole && !isBelow(scope, assignment.scope)) return undefined;
    replacements.push({ role: lessRole ? narrower : role, scope });
  }
  return replacements.length > 0 ? { role, replacements } : undefined;
}
