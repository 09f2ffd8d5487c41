import { check, createAnalysisContext, type Decision, describeDecision, type Estate, type RbacIndex } from '../../engine';
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
  const decision = check(rbac, { principal, action, dataAction: options.dataAction !== undefined, scope: scopeKey });
  if (options.format === 'json') io.stdout(`${JSON.stringify(decisionJson(decision, rbac), null, 2)}\n`);
  else io.stdout(`${describeDecision(decision, rbac).join('\n')}\n`);
  return decision.allowed ? EXIT.ok : EXIT.denied;
}

/** The JSON shape of a decision (docs/cli.md, "explain"): ids and readable names side by side. */
export function decisionJson(decision: Decision, rbac: RbacIndex) {
  const named = (id: string) => ({ id, name: rbac.nameOf(id) });
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
    grants: decision.grants.map((g) => ({
      assignment: g.assignmentId,
      role: { id: g.roleId, name: g.roleName },
      assignedScope: g.assignedScope,
      viaGroups: g.viaGroups.map(named),
      matchedPattern: g.matchedPattern,
      origin: g.origin,
      ...(g.condition ? { condition: g.condition } : {}),
    })),
    exclusions: decision.exclusions.map((e) => ({
      assignment: e.assignmentId,
      role: { id: e.roleId, name: e.roleName },
      assignedScope: e.assignedScope,
      viaGroups: e.viaGroups.map(named),
      matchedPattern: e.matchedPattern,
      notPattern: e.notPattern,
    })),
    ...(decision.deniedBy ? { deniedBy: decision.deniedBy } : {}),
    explanation: describeDecision(decision, rbac),
  };
}
