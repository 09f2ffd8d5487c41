import { check, createAnalysisContext, type AssignmentMatch, type Decision, checkActionName, describeDecision, type GrantReason, type Estate, type RbacIndex } from '../../engine';
import { EXIT, UsageError } from '../errors';
import type { CliIo } from '../io';

export interface ExplainOptions {
  principal: string;
  action?: string;
  dataAction?: string;
  scope: string;
  format: 'text' | 'json';
}

/**
 * `explain`: answers one access question against the estate, Azure ML's automatic grants included, and
 * prints the decision with every assignment, group, scope and pattern that produced it.
 * Exit 0 when allowed, 1 when denied or only conditionally allowed.
 */
export function explain(estate: Estate, options: ExplainOptions, io: CliIo): number {
  if ((options.action === undefined) === (options.dataAction === undefined)) {
    throw new UsageError('give exactly one of --action or --data-action');
  }
  const { rbac } = createAnalysisContext(estate);
  const principal = rbac.resolvePrincipal(options.principal);
  if (principal === undefined) throw new UsageError(`no principal in the estate matches "${options.principal}" (try a name, object id or ARM id)`);
  const scopeKey = rbac.resolveScope(options.scope);
  if (scopeKey === undefined) throw new UsageError(`no scope in the estate matches "${options.scope}" (try a resource name, an ARM id or /)`);
  const action = (options.action ?? options.dataAction) as string;
  const dataAction = options.dataAction !== undefined;
  const decision = check(rbac, { principal, action, dataAction, scope: scopeKey });
  const actionCheck = checkActionName(action, dataAction);
  if (options.format === 'json') {
    const json = { ...decisionJson(decision, rbac), ...(actionCheck ? { actionCatalog: actionCheck } : {}) };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const note = actionCheck === undefined ? [] : [actionCheck.note];
    io.stdout(`${[...note, ...describeDecision(decision, rbac)].join('\n')}\n`);
  }
  return decision.allowed ? EXIT.ok : EXIT.denied;
}

/** The JSON shape of a decision (docs/cli.md, "explain"): ids and readable names side by side. */
export function decisionJson(decision: Decision, rbac: RbacIndex) {
  const named = (id: string) => ({ id, name: rbac.nameOf(id) });
  // What grants and exclusions both say about the assignment whose role matched.
  const matchJson = (m: AssignmentMatch) => ({
    assignment: m.assignmentId,
    role: { id: m.roleId, name: m.roleName },
    assignedScope: m.assignedScope,
    viaGroups: m.viaGroups.map(named),
    matchedPattern: m.matchedPattern,
  });
  const grantJson = (g: GrantReason) => ({
    ...matchJson(g),
    origin: g.origin,
    ...(g.condition ? { condition: g.condition } : {}),
    // What the condition comes to for this question (holds, fails, undecided, unreadable) and why.
    ...(g.conditionVerdict ? { conditionVerdict: g.conditionVerdict } : {}),
  });
  return {
    version: 1,
    question: {
      principal: named(decision.question.principal),
      action: decision.question.action,
      dataAction: decision.question.dataAction ?? false,
      scope: { id: decision.question.scope, name: rbac.scopeLabel(decision.question.scope) },
    },
    effect: decision.effect,
    allowed: decision.allowed,
    grants: decision.grants.map(grantJson),
    exclusions: decision.exclusions.map((e) => ({ ...matchJson(e), notPattern: e.notPattern })),
    ...(decision.deniedBy ? { deniedBy: decision.deniedBy } : {}),
    // Roles the principal holds here that nothing defines: the answer is unknown, not a plain denial.
    ...(decision.unresolvedRoles && decision.unresolvedRoles.length > 0
      ? {
          unknownRoles: decision.unresolvedRoles.map((u) => ({
            assignment: u.assignmentId,
            role: { id: u.roleId },
            assignedScope: u.assignedScope,
            viaGroups: u.viaGroups.map(named),
          })),
        }
      : {}),
    ...(decision.possibleDenies ? { possibleDenies: decision.possibleDenies } : {}),
    ...(decision.conditionsNotMet ? { conditionsNotMet: decision.conditionsNotMet.map(grantJson) } : {}),
    explanation: describeDecision(decision, rbac),
  };
}
