import { entityId, scopeKey, type EntityId } from '../../../model/ids';
import type { DenyAssignment, Diagnostic, Estate, RoleAssignment, RoleDefinition } from '../../../model/types';
import { findBuiltInRole } from '../../../rbac/builtin-roles';
import { canonicalArmId } from '../azure/ids';
import { deepEqual } from '../fragment';
import { dedupe, refToDiagnostic, type MergeInput } from './members';

/**
 * Carries role assignments, role definitions and deny assignments into the merged estate, with principals and
 * scopes rewritten to merged ids: the same grant twice is kept once (an observation beats a plan), a role
 * definition that differs between inputs keeps the first, and an assignment of an unknown role is a warning.
 */
export function mergeAuthorization(
  inputs: readonly MergeInput[],
  merged: Estate,
  canon: (id: EntityId) => EntityId,
  rebase: (id: string) => string,
  diagnostics: Diagnostic[],
): void {
  const roleNames = new Map<RoleAssignment, string>();
  const byId = new Map<string, RoleAssignment>();
  const byTriple = new Map<string, RoleAssignment>();
  for (const input of inputs) {
    for (const original of input.estate.roleAssignments) {
      // Readers with provenance already wrote canonical scopes; only native estates keep them as written.
      const scope = rebase(
        input.provenance || original.scope === '/' ? original.scope : canonicalArmId(original.scope),
      );
      const assignment: RoleAssignment = {
        ...original,
        id: entityId(rebase(original.id)),
        principal: canon(original.principal),
        scope,
      };
      const idKey = scopeKey(assignment.id);
      const triple = `${assignment.principal}|${assignment.role}|${scopeKey(assignment.scope)}|${assignment.condition ?? ''}`;
      const earlier = byId.get(idKey) ?? byTriple.get(triple);
      if (earlier) {
        // The same grant seen twice (an export and a design, or two overlapping exports): an observation wins.
        if (earlier.origin !== 'observed' && assignment.origin === 'observed') earlier.origin = 'observed';
        continue;
      }
      byId.set(idKey, assignment);
      byTriple.set(triple, assignment);
      merged.roleAssignments.push(assignment);
      const name = input.provenance?.roleNames.get(original);
      if (name !== undefined) roleNames.set(assignment, name);
    }
  }
  const roles = new Map<string, RoleDefinition>();
  const roleByName = new Map<string, RoleDefinition>();
  for (const input of inputs) {
    for (const role of input.estate.roleDefinitions) {
      const same = roles.get(role.id);
      if (same) {
        if (same.name !== role.name || !deepEqual(same.permissions, role.permissions))
          diagnostics.push({
            severity: 'warning',
            message: `role definition ${role.id} differs between inputs (\`${same.name}\` and \`${role.name}\`); the first is kept`,
            ...refToDiagnostic(role.source ?? { file: input.file }),
            ...(same.source ? { related: same.source } : {}),
          });
        continue;
      }
      const namesake = roleByName.get(role.name.toLowerCase());
      if (namesake) {
        diagnostics.push({
          severity: 'warning',
          message: `two different role definitions are named \`${role.name}\` (${namesake.id} and ${role.id}); the second is left out`,
          ...refToDiagnostic(role.source ?? { file: input.file }),
          ...(namesake.source ? { related: namesake.source } : {}),
        });
        continue;
      }
      roles.set(role.id, role);
      roleByName.set(role.name.toLowerCase(), role);
      merged.roleDefinitions.push(role);
    }
  }
  for (const assignment of merged.roleAssignments) {
    if (roles.has(assignment.role) || findBuiltInRole(assignment.role) !== undefined) continue;
    const name = roleNames.get(assignment);
    diagnostics.push({
      severity: 'warning',
      message: `role ${name !== undefined ? `\`${name}\` (${assignment.role})` : assignment.role} is neither built in nor defined in any input, so this assignment grants nothing here; add \`az role definition list --custom-role-only true\` output`,
      ...refToDiagnostic(assignment.source ?? { file: '?' }),
    });
  }
  const denies = new Map<string, DenyAssignment>();
  for (const input of inputs) {
    for (const deny of input.estate.denyAssignments) {
      if (denies.has(scopeKey(deny.id))) continue;
      const copy: DenyAssignment = {
        ...deny,
        principals: deny.principals === 'everyone' ? 'everyone' : dedupe(deny.principals.map(canon)),
        excludePrincipals: dedupe(deny.excludePrincipals.map(canon)),
      };
      denies.set(scopeKey(deny.id), copy);
      merged.denyAssignments.push(copy);
    }
  }
}

/**
 * Carries every input's design review into the merged estate: one entry per finding, the first file's entry
 * kept when two disagree (with a warning). Entries are never dropped, even when a merge renames a subject and
 * the finding they name goes away: the review summary then shows them as stale.
 */
export function mergeReviews(inputs: readonly MergeInput[], merged: Estate, diagnostics: Diagnostic[]): void {
  const reviewed = inputs.filter((input) => input.estate.review !== undefined);
  if (reviewed.length === 0) return;
  const entries = new Map<string, { entry: NonNullable<Estate['review']>['entries'][number]; file: string }>();
  for (const input of reviewed)
    for (const entry of input.estate.review?.entries ?? []) {
      const first = entries.get(entry.finding);
      if (!first) entries.set(entry.finding, { entry, file: input.file });
      else if (JSON.stringify(first.entry) !== JSON.stringify(entry))
        diagnostics.push({
          severity: 'warning',
          file: input.file,
          message: `finding \`${entry.finding}\` is reviewed in ${first.file} and here; the review in ${first.file} is kept`,
        });
    }
  merged.review = { entries: [...entries.values()].map(({ entry }) => entry) };
}
