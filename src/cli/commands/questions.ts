import {
  createAnalysisContext,
  type AccessRoute,
  type Estate,
  type GrantReason,
  type RbacIndex,
  whatCan,
  type WhatCanAnswer,
  whoCan,
  type WhoCanAnswer,
} from '../../engine';
import { EXIT, UsageError } from '../errors';
import type { CliIo } from '../io';

/** How many operations of one group the text output lists before it only counts the rest. */
const TEXT_LIST_LIMIT = 12;

function grantLabel(rbac: RbacIndex, g: GrantReason): string {
  const via = g.viaGroups.length > 0 ? ` through ${g.viaGroups.map((id) => rbac.nameOf(id)).join(' > ')}` : '';
  return `${g.roleName} on ${rbac.scopeLabel(g.assignedScope)}${via}`;
}

function grantJson(rbac: RbacIndex, scope: string, g: GrantReason) {
  return {
    assignment: g.assignmentId,
    role: { id: g.roleId, name: g.roleName },
    assignedScope: g.assignedScope,
    inherited: g.assignedScope.toLowerCase().replace(/\/+$/, '') !== scope,
    viaGroups: g.viaGroups.map((id) => ({ id, name: rbac.nameOf(id) })),
    matchedPattern: g.matchedPattern,
    origin: g.origin,
    ...(g.condition ? { condition: g.condition, conditionVerdict: g.conditionVerdict } : {}),
  };
}

/** The JSON shape of `explain --what-can` (docs/cli.md). */
export function whatCanJson(answer: WhatCanAnswer, rbac: RbacIndex) {
  return {
    version: 1,
    question: { principal: { id: answer.principal, name: rbac.nameOf(answer.principal) }, scope: { id: answer.scope, name: rbac.scopeLabel(answer.scope) } },
    groups: answer.groups.map((g) => ({
      provider: g.provider,
      plane: g.plane,
      permissions: g.permissions.map((p) => ({ action: p.action, effect: p.effect, grants: p.grants.map((x) => grantJson(rbac, answer.scope, x)) })),
      removed: g.removed.map((p) => ({ action: p.action, ...p.removed })),
    })),
    unknownRoles: answer.unknownRoles,
  };
}

function whatCanText(answer: WhatCanAnswer, rbac: RbacIndex): string {
  const lines = [`${rbac.nameOf(answer.principal)} at ${rbac.scopeLabel(answer.scope)}:`];
  if (answer.groups.length === 0) lines.push('  nothing: no role it holds (itself or through a group) applies here');
  for (const g of answer.groups) {
    lines.push(`  ${g.provider} (${g.plane} plane): ${g.permissions.length} allowed${g.removed.length > 0 ? `, ${g.removed.length} removed` : ''}`);
    for (const p of g.permissions.slice(0, TEXT_LIST_LIMIT))
      lines.push(`    ${p.action}${p.effect === 'conditional' ? ' (conditional)' : ''}  <- ${[...new Set(p.grants.map((x) => grantLabel(rbac, x)))].join('; ')}`);
    if (g.permissions.length > TEXT_LIST_LIMIT) lines.push(`    ... and ${g.permissions.length - TEXT_LIST_LIMIT} more (--format json lists them all)`);
    for (const p of g.removed.slice(0, TEXT_LIST_LIMIT)) {
      const by = [
        ...(p.removed?.byNotActions ?? []).map((n) => `NotActions ${n.notPattern} of ${n.roleName}`),
        ...(p.removed?.byDeny ? [`deny assignment ${p.removed.byDeny.name}`] : []),
      ];
      lines.push(`    removed: ${p.action}  <- ${by.join('; ')}`);
    }
    if (g.removed.length > TEXT_LIST_LIMIT) lines.push(`    ... and ${g.removed.length - TEXT_LIST_LIMIT} more removed`);
  }
  for (const u of answer.unknownRoles) lines.push(`  note: role ${u.roleId} (assignment ${u.assignmentId}) is not defined in the estate; what it grants is unknown`);
  return `${lines.join('\n')}\n`;
}

/** `explain --what-can`: a principal's effective permissions at a scope. Exit 0. */
export function explainWhatCan(estate: Estate, options: { principal: string; scope: string; format: 'text' | 'json' }, io: CliIo): number {
  const context = createAnalysisContext(estate);
  const { rbac } = context;
  if (rbac.resolvePrincipal(options.principal) === undefined)
    throw new UsageError(`no principal in the estate matches "${options.principal}" (try a name, object id, UPN or ARM id)`);
  const answer = whatCan(context, options.principal, options.scope);
  if (answer === undefined) throw new UsageError(`no scope in the estate matches "${options.scope}" (try a resource name, an ARM id or /)`);
  io.stdout(options.format === 'json' ? `${JSON.stringify(whatCanJson(answer, rbac), null, 2)}\n` : whatCanText(answer, rbac));
  return EXIT.ok;
}

function routeJson(rbac: RbacIndex, route: AccessRoute) {
  return {
    kind: route.kind,
    certainty: route.certainty,
    ...(route.because ? { because: route.because } : {}),
    steps: route.steps.map((s) => ({
      text: s.text,
      ...(s.entity ? { entity: { id: s.entity, name: rbac.nameOf(s.entity) } } : {}),
      ...(s.facts ? { facts: s.facts } : {}),
      ...(s.decision ? { effect: s.decision.effect } : {}),
    })),
  };
}

/** The JSON shape of `explain --who-can` (docs/cli.md). */
export function whoCanJson(answer: WhoCanAnswer, rbac: RbacIndex, routes: 'all' | 'direct') {
  return {
    version: 1,
    question: { action: answer.action, dataAction: answer.dataAction, scope: { id: answer.scope, name: rbac.scopeLabel(answer.scope) }, routes },
    principals: answer.principals.map((p) => ({ principal: { id: p.principal, name: rbac.nameOf(p.principal) }, routes: p.routes.map((r) => routeJson(rbac, r)) })),
    blocked: answer.blocked.map((b) => ({ principal: { id: b.principal, name: rbac.nameOf(b.principal) }, deniedBy: b.decision.deniedBy })),
  };
}

function whoCanText(answer: WhoCanAnswer, rbac: RbacIndex): string {
  const lines = [`Who can ${answer.action}${answer.dataAction ? ' (data action)' : ''} on ${rbac.scopeLabel(answer.scope)}:`];
  if (answer.principals.length === 0) lines.push('  nobody in the estate');
  for (const p of answer.principals) {
    lines.push(`  ${rbac.nameOf(p.principal)}`);
    for (const r of p.routes) {
      lines.push(`    ${r.kind}${r.certainty === 'possible' ? ` (possible: ${r.because ?? 'not certain'})` : ''}`);
      for (const s of r.steps) lines.push(`      - ${s.text}${s.facts && s.facts.length > 0 ? ` [${s.facts.join(', ')}]` : ''}`);
    }
  }
  for (const b of answer.blocked) lines.push(`  blocked: ${rbac.nameOf(b.principal)} by deny assignment ${b.decision.deniedBy?.name ?? ''}`);
  return `${lines.join('\n')}\n`;
}

/** `explain --who-can`: every principal that can do the operation at the scope, and by which routes. Exit 0. */
export function explainWhoCan(
  estate: Estate,
  options: { action: string; dataAction: boolean; scope: string; routes: 'all' | 'direct'; format: 'text' | 'json' },
  io: CliIo,
): number {
  const context = createAnalysisContext(estate);
  const answer = whoCan(context, options, { routes: options.routes });
  if (answer === undefined) throw new UsageError(`no scope in the estate matches "${options.scope}" (try a resource name, an ARM id or /)`);
  io.stdout(options.format === 'json' ? `${JSON.stringify(whoCanJson(answer, context.rbac, options.routes), null, 2)}\n` : whoCanText(answer, context.rbac));
  return EXIT.ok;
}
