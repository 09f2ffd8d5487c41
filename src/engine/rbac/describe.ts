import { scopeKey } from '../model/ids';
import type { RbacIndex } from './rbac-index';
import type { ConditionVerdict, Decision, DenyReason, GrantReason, GroupPath } from './types';

function groupsPhrase(index: RbacIndex, path: GroupPath): string {
  return path.length === 0 ? '' : `, through group ${path.map((g) => index.nameOf(g)).join(' → ')}`;
}

function whereAssigned(index: RbacIndex, assignedScope: string, questionScope: string): string {
  return scopeKey(assignedScope) === scopeKey(questionScope)
    ? 'assigned at that scope itself'
    : `assigned at ${index.scopeLabel(assignedScope)}`;
}

/** A condition as one line of text, quoted, whatever its layout in the export. */
function quotedCondition(text: string): string {
  return `\`${text.replace(/\s+/g, ' ').trim()}\``;
}

function reasons(verdict: ConditionVerdict): string {
  return verdict.because.join('; ');
}

function conditionPhrase(condition: string, verdict: ConditionVerdict | undefined): string {
  if (verdict === undefined) return ` It counts only where its condition holds: ${condition}`;
  switch (verdict.outcome) {
    case 'holds':
      return ` It carries a condition; its condition holds here, because ${reasons(verdict)}.`;
    case 'fails':
      return ` Its condition does not hold here, because ${reasons(verdict)}.`;
    case 'undecided':
      return ` It counts only where its condition holds, which this question leaves undecided, because ${reasons(verdict)}. Condition: ${quotedCondition(condition)}`;
    case 'unreadable':
      return ` Its condition could not be read${verdict.parseError ? ` (${verdict.parseError.message}, at character ${verdict.parseError.offset + 1})` : ''}, so it is never taken as holding. Condition: ${quotedCondition(condition)}`;
  }
}

function denyConditionPhrase(deny: DenyReason): string {
  const verdict = deny.conditionVerdict;
  if (verdict === undefined) return '';
  return verdict.outcome === 'holds'
    ? ` Its condition holds here, because ${reasons(verdict)}.`
    : ` Its condition is undecided here, because ${reasons(verdict)}.`;
}

function grantLine(index: RbacIndex, decision: Decision, grant: GrantReason, lead: string): string {
  const q = decision.question;
  const who = index.nameOf(q.principal);
  const base =
    `${lead}: ${who} holds ${grant.roleName} at ${index.scopeLabel(q.scope)} ` +
    `(${whereAssigned(index, grant.assignedScope, q.scope)})${groupsPhrase(index, grant.viaGroups)}; ` +
    `pattern ${grant.matchedPattern} matched.`;
  const origin = grant.origin === 'automatic' ? ' Azure ML makes this assignment by itself.' : '';
  const condition =
    grant.condition === undefined ? '' : conditionPhrase(grant.condition, grant.conditionVerdict);
  return base + origin + condition;
}

/**
 * Turns a decision into plain-English lines for the inspector and the CLI: the verdict first, then one line
 * per granting assignment, per assignment whose own NotActions removed the action, and per deny. Entity
 * names stand in for ids wherever the estate knows them.
 */
export function describeDecision(decision: Decision, index: RbacIndex): string[] {
  const q = decision.question;
  const who = index.nameOf(q.principal);
  const plane = q.dataAction === true ? 'data action' : 'action';
  const where = index.scopeLabel(q.scope);
  const lines: string[] = [];

  if (decision.unknown !== undefined) {
    if (decision.unknown.principal !== undefined) {
      lines.push(`Denied: no principal called "${decision.unknown.principal}" exists in this estate.`);
    }
    if (decision.unknown.scope !== undefined) {
      lines.push(`Denied: the scope "${decision.unknown.scope}" is not part of this estate.`);
    }
    return lines;
  }

  // Grants that count outright (no condition, or one that holds here) and those whose condition is open.
  const open = (g: GrantReason) => g.condition !== undefined && g.conditionVerdict?.outcome !== 'holds';
  const conditioned = decision.grants.filter(open);
  const plain = decision.grants.filter((g) => !open(g));

  if (decision.deniedBy !== undefined) {
    const d = decision.deniedBy;
    const overriding = decision.grants.length > 0 ? ', overriding every role that grants it' : '';
    lines.push(
      `Denied: deny assignment ${d.name} (made at ${index.scopeLabel(d.scope)}) blocks ${q.action} for ${who} ` +
        `at ${where}${overriding}; its pattern ${d.matchedPattern} matched.${denyConditionPhrase(d)}`,
    );
    for (const g of decision.grants) lines.push(grantLine(index, decision, g, 'Would otherwise allow'));
  } else if (decision.possibleDenies !== undefined && decision.effect === 'conditional') {
    for (const d of decision.possibleDenies)
      lines.push(
        `Conditional, because deny assignment ${d.name} (made at ${index.scopeLabel(d.scope)}) may block ${q.action} for ${who} ` +
          `at ${where}; its pattern ${d.matchedPattern} matched.${denyConditionPhrase(d)}`,
      );
    for (const g of decision.grants)
      lines.push(grantLine(index, decision, g, 'Allowed where the deny does not apply'));
  } else if (decision.effect === 'allowed') {
    for (const g of plain) lines.push(grantLine(index, decision, g, 'Allowed'));
    for (const g of conditioned) lines.push(grantLine(index, decision, g, 'Also allowed, with a condition'));
  } else if (decision.effect === 'conditional') {
    const first = conditioned[0];
    const why = first?.conditionVerdict === undefined ? '' : `${reasons(first.conditionVerdict)}: `;
    // The condition may be written on the role definition itself rather than on the assignment.
    const carriers = conditioned.every((g) => g.roleCondition !== undefined)
      ? 'roles whose definitions carry an ABAC condition'
      : 'role assignments with an ABAC condition';
    lines.push(
      `Conditional, because ${why}only ${carriers} let ${who} perform ${q.action} at ${where}, ` +
        'and this question does not decide them; the answer depends on the request.',
    );
    for (const g of conditioned) lines.push(grantLine(index, decision, g, 'Conditionally allowed'));
  } else if ((decision.unresolvedRoles ?? []).length > 0) {
    // Not a plain denial: a role nothing defines may well grant the action, so the answer is unknown.
    const roles = [...new Set((decision.unresolvedRoles ?? []).map((u) => u.roleId))].join(', ');
    lines.push(
      `Unknown role: ${who} holds ${roles} at ${where} or above, which neither the built-in catalog nor the estate ` +
        `defines; no role that is defined grants the ${plane} ${q.action}, so the answer depends on that role's definition ` +
        '(add it, for example from az role definition list).',
    );
  } else if ((decision.conditionsNotMet?.length ?? 0) > 0) {
    // Roles do cover the action; saying "no role grants it" would send the reader to the wrong fix.
    lines.push(
      `Denied: the roles that ${who} holds at ${where} or above cover the ${plane} ${q.action} only under ABAC ` +
        'conditions that do not hold for this question.',
    );
  } else {
    lines.push(`Denied: no role that ${who} holds at ${where} or above grants the ${plane} ${q.action}.`);
  }

  for (const g of decision.conditionsNotMet ?? []) {
    lines.push(
      `Not granted by ${g.roleName} (${whereAssigned(index, g.assignedScope, q.scope)}${groupsPhrase(index, g.viaGroups)}): ` +
        `its pattern ${g.matchedPattern} covers the ${plane}, but${conditionPhrase(g.condition ?? '', g.conditionVerdict).replace(/^ Its/, ' its')}`,
    );
  }
  for (const x of decision.exclusions) {
    lines.push(
      `Not granted by ${x.roleName} (${whereAssigned(index, x.assignedScope, q.scope)}${groupsPhrase(index, x.viaGroups)}): ` +
        `its pattern ${x.matchedPattern} covers the ${plane}, but the same role's exclusion ${x.notPattern} takes it back out.`,
    );
  }
  for (const u of decision.unresolvedRoles ?? []) {
    lines.push(
      `Unknown role ${u.roleId} (${whereAssigned(index, u.assignedScope, q.scope)}${groupsPhrase(index, u.viaGroups)}): ` +
        'its definition is not in the catalog, so it was treated as granting nothing.',
    );
  }

  if (decision.grants.length === 0) {
    // A frequent surprise: Owner or Contributor names the same string in Actions, which never reaches data.
    const planeHint = crossPlaneHint(decision, index);
    if (planeHint !== undefined) lines.push(planeHint);
  }
  return lines;
}

function crossPlaneHint(decision: Decision, index: RbacIndex): string | undefined {
  const q = decision.question;
  const principal = index.resolvePrincipal(q.principal);
  if (principal === undefined) return undefined;
  const onChain = new Set(index.ancestors(q.scope));
  const otherPlane = q.dataAction !== true;
  for (const { assignment } of index.assignmentsOf(principal)) {
    if (!onChain.has(scopeKey(assignment.scope))) continue;
    if (index.matchRole(assignment.role, q.action, otherPlane).kind !== 'granted') continue;
    const role = index.catalog.get(assignment.role)?.name ?? assignment.role;
    return otherPlane
      ? `Note: ${role} lists this string among its DataActions, but it was asked about as a control-plane action.`
      : `Note: ${role} covers this string in its Actions, but Actions never grant data actions; a data role is needed.`;
  }
  return undefined;
}
