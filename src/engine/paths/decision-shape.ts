import type { Decision } from '../rbac/types';

/**
 * What a decision comes to, without whom it was asked for: the outcome and, for every assignment that
 * grants it, the role, the scope it was assigned at, the groups it came through, its condition and origin,
 * with the denies, exclusions and unresolved roles that shaped it. Two principals whose decisions have the
 * same shape reach the resource the same way (each through an assignment of its own of the same role at the
 * same scope, or through one group), which is what merged caller and operator paths and the CLI's grouped
 * evidence rest on.
 */
export function decisionShape(decision: Decision): string {
  // Decisions are memoised per question by the analysis context, so one object is shaped many times over
  // (a workspace-scope decision by every endpoint of the workspace): each is worked out once.
  let shape = shapes.get(decision);
  if (shape === undefined) {
    shape = shapeOf(decision);
    shapes.set(decision, shape);
  }
  return shape;
}

const shapes = new WeakMap<Decision, string>();

function shapeOf(decision: Decision): string {
  const reasons = [
    ...decision.grants.map(
      (g) =>
        `${g.roleId}@${g.assignedScope}<${g.viaGroups.join('<')}${g.condition === undefined ? '' : `?${g.condition}:${g.conditionVerdict?.outcome ?? ''}`}#${g.origin}`,
    ),
    ...decision.exclusions.map((g) => `-${g.roleId}@${g.assignedScope}<${g.viaGroups.join('<')}`),
    ...(decision.conditionsNotMet ?? []).map(
      (g) => `!${g.roleId}@${g.assignedScope}<${g.viaGroups.join('<')}`,
    ),
    ...(decision.possibleDenies ?? []).map((n) => `?${n.denyAssignmentId}`),
    ...(decision.deniedBy ? [`x${decision.deniedBy.denyAssignmentId}`] : []),
    ...(decision.unresolvedRoles ?? []).map((u) => `u${u.roleId}@${u.assignedScope}`),
    ...(decision.unknown
      ? [
          `unknown:${decision.unknown.principal === undefined ? '' : 'principal'}:${decision.unknown.scope ?? ''}`,
        ]
      : []),
  ];
  const q = decision.question;
  return `${q.action}@${q.scope}${q.dataAction ? '#data' : ''}=${decision.effect}:${reasons.sort().join(',')}`;
}
