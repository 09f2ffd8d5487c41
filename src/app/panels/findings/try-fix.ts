import { allEntities, fixGrantsOf, scopeKey, type AnalysisContext, type Finding, type Fix, type FixGrant } from '../../../engine';

/**
 * From findings to what-if grants: the pure half of "Try this fix" and "Fix all in view" (the buttons are in
 * try-fix-controls.tsx). Only grants can be tried: a fix that is a command to run or a manual step has no
 * what-if, and its finding offers none.
 */

/** The grants a set of findings' fixes ask for, each once (see fixGrantsOf). */
export function fixGrantsOfFindings(findings: readonly Finding[]): FixGrant[] {
  return fixGrantsOf(findings.flatMap((finding) => finding.fix?.actions ?? []));
}

/** One grant in words, with the estate's names: "Grant AcrPull to uai-train on acrml". */
export function describeFixGrant(change: FixGrant, context: AnalysisContext): string {
  const name = (id: string) => context.topology.nameOf(id);
  const roleName = (role: string) => context.rbac.catalog.get(role as never)?.name ?? `role ${role}`;
  const scopeName = (scope: string) => {
    const key = scopeKey(scope);
    const holder = [...allEntities(context.topology.estate)].find((entity) => 'armId' in entity && typeof entity.armId === 'string' && scopeKey(entity.armId) === key);
    return holder?.name ?? scope;
  };
  if (change.kind === 'assign-role') return `Grant ${roleName(change.role)} to ${name(change.principal)} on ${scopeName(change.scope)}`;
  if (change.kind === 'remove-role-assignment') {
    const assignment = context.topology.estate.roleAssignments.find((a) => a.id === change.assignment);
    return assignment
      ? `Remove ${roleName(assignment.role)} of ${name(assignment.principal)} on ${scopeName(assignment.scope)}`
      : `Remove the role assignment ${change.assignment}`;
  }
  const permissions = [
    ...(change.secrets ?? []).map((p) => `secrets ${p}`),
    ...(change.keys ?? []).map((p) => `keys ${p}`),
  ].join(', ');
  return `Let ${name(change.principal)} ${permissions} in the access policy of ${name(change.vault)}`;
}

/** The undo label of one finding's fix tried as a what-if. */
export function tryFixLabel(finding: Finding): string {
  return `Fix: ${finding.title}`;
}

/** The undo label of a batch of fixes. */
export function fixAllLabel(count: number): string {
  return `Fix ${count} finding${count === 1 ? '' : 's'} in view`;
}

const unique = (lines: readonly string[]) => [...new Set(lines)];

/**
 * The fixes of several findings as one fix to copy: az commands once each, and the Bicep and Terraform blocks
 * once each, in the findings' order (the blocks of one grant are the same text whichever finding asked).
 */
export function combinedFix(findings: readonly Finding[]): Fix | undefined {
  const fixes = findings.flatMap((finding) => (finding.fix ? [finding.fix] : []));
  if (fixes.length === 0) return undefined;
  const blocks = (pick: (fix: Fix) => string) =>
    unique(fixes.map(pick).map((text) => text.trim()).filter((text) => text !== '')).join('\n\n');
  return {
    summary: `The fixes of ${findings.length} finding${findings.length === 1 ? '' : 's'}.`,
    actions: fixes.flatMap((fix) => fix.actions),
    az: unique(fixes.flatMap((fix) => fix.az)),
    bicep: blocks((fix) => fix.bicep),
    terraform: blocks((fix) => fix.terraform),
  };
}
