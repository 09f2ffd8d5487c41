import type { AnalysisContext } from '../context/analysis-context';
import { scopeKey, type EntityId } from '../model/ids';
import { check, PROVIDER_OPERATIONS } from '../rbac';
import type { Decision, DenyReason, GrantReason } from '../rbac/types';

/** One operation the principal can do at the scope, or could but for a NotAction, a deny or a condition. */
export interface EffectivePermission {
  action: string;
  dataAction: boolean;
  effect: Decision['effect'];
  /** The assignments that grant it: each with its role, the scope it was made at and the groups it comes through. */
  grants: GrantReason[];
  /** Set when the operation was taken away: the roles whose NotActions removed it, the deny that blocks it. */
  removed?: { byNotActions: { roleName: string; assignmentId: EntityId; notPattern: string }[]; byDeny?: DenyReason };
}

/** The permissions of one provider in one plane. */
export interface PermissionGroup {
  provider: string;
  plane: 'control' | 'data';
  /** Allowed (or conditionally allowed) operations, by name. */
  permissions: EffectivePermission[];
  /** Operations a role grants but a NotAction or a deny removed, by name. */
  removed: EffectivePermission[];
}

/** The answer to "what can this principal do here?". */
export interface WhatCanAnswer {
  principal: EntityId;
  scope: string;
  groups: PermissionGroup[];
  /** Roles held here that the catalog does not define: their operations are unknown, not absent. */
  unknownRoles: { assignmentId: EntityId; roleId: string }[];
}

// The operations worth asking about: the action catalog's, plus every literal (wildcard-free) pattern of a
// role the principal holds here, so that a custom role's operation outside the catalog is not lost.
function candidateOperations(context: AnalysisContext, principal: EntityId, scope: string): { name: string; dataAction: boolean }[] {
  const seen = new Set<string>();
  const found: { name: string; dataAction: boolean }[] = [];
  const add = (name: string, dataAction: boolean) => {
    const key = `${dataAction ? 'd' : 'c'}|${name.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ name, dataAction });
  };
  for (const op of PROVIDER_OPERATIONS) add(op.name, op.dataAction);
  const chain = new Set(context.rbac.ancestors(scope));
  for (const { assignment } of context.rbac.assignmentsOf(principal)) {
    if (!chain.has(scopeKey(assignment.scope))) continue;
    for (const block of context.rbac.catalog.get(assignment.role)?.permissions ?? []) {
      for (const p of block.actions) if (!p.includes('*')) add(p, false);
      for (const p of block.dataActions) if (!p.includes('*')) add(p, true);
    }
  }
  return found;
}

const providerOf = (action: string) => action.slice(0, action.indexOf('/') >>> 0);

/**
 * A principal's effective permissions at a scope: every operation of the action catalog (and every literal
 * operation of a role it holds there) that RBAC allows, grouped by provider and plane, each with the
 * assignments, groups and inherited scopes that grant it; and apart, the operations a role would grant but
 * its NotActions, or a deny assignment, removed. Azure ML's automatic grants are included. Undefined when
 * the principal or the scope is not in the estate.
 */
export function whatCan(context: AnalysisContext, principalRef: string, scopeRef: string): WhatCanAnswer | undefined {
  const { rbac } = context;
  const principal = rbac.resolvePrincipal(principalRef);
  const scope = rbac.resolveScope(scopeRef);
  if (principal === undefined || scope === undefined || !rbac.isKnownScope(scope)) return undefined;

  const groups = new Map<string, PermissionGroup>();
  const unknownRoles = new Map<string, { assignmentId: EntityId; roleId: string }>();
  for (const op of candidateOperations(context, principal, scope)) {
    const decision = check(rbac, { principal, action: op.name, dataAction: op.dataAction, scope });
    for (const u of decision.unresolvedRoles ?? []) unknownRoles.set(u.assignmentId, { assignmentId: u.assignmentId, roleId: u.roleId });
    const excluded = decision.exclusions.length > 0 && decision.grants.length === 0;
    if (decision.grants.length === 0 && !excluded) continue;
    const permission: EffectivePermission = { action: op.name, dataAction: op.dataAction, effect: decision.effect, grants: decision.grants };
    if (excluded || decision.deniedBy !== undefined) {
      permission.removed = {
        byNotActions: decision.exclusions.map((e) => ({ roleName: e.roleName, assignmentId: e.assignmentId, notPattern: e.notPattern })),
      };
      if (decision.deniedBy !== undefined) permission.removed.byDeny = decision.deniedBy;
    }
    const plane = op.dataAction ? 'data' : 'control';
    const provider = providerOf(op.name);
    const key = `${provider.toLowerCase()}|${plane}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { provider, plane, permissions: [], removed: [] }));
    (decision.effect === 'denied' ? group.removed : group.permissions).push(permission);
  }
  const sorted = [...groups.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.plane.localeCompare(b.plane));
  for (const g of sorted) {
    g.permissions.sort((a, b) => a.action.localeCompare(b.action));
    g.removed.sort((a, b) => a.action.localeCompare(b.action));
  }
  return { principal, scope, groups: sorted, unknownRoles: [...unknownRoles.values()] };
}
