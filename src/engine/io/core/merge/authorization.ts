import { entityId, scopeKey, type EntityId } from '../../../model/ids';
import type { DenyAssignment, Diagnostic, Estate, RoleAssignment, RoleDefinition } from '../../../model/types';
import { findBuiltInRole } from '../../../rbac/builtin-roles';
import { canonicalArmId } from '../azure/ids';
import { deepEqual } from '../fragment';
import { quote } from '../source/documents';
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
  // Every input's assignments with merged principals and scopes, in input order, each with its input's file.
  const candidates: { assignment: RoleAssignment; file: string; order: number }[] = [];
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
      const name = input.provenance?.roleNames.get(original);
      if (name !== undefined) roleNames.set(assignment, name);
      candidates.push({ assignment, file: input.file, order: candidates.length });
    }
  }
  merged.roleAssignments.push(...keepOneGrantEach(candidates, roleNames, diagnostics));
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
  // One deny assignment per id. Two inputs that give one id different contents keep the same one whatever the
  // file order (the first by content), with a warning: which export is current cannot be told.
  const denies = new Map<string, { copy: DenyAssignment; content: string; file: string }>();
  for (const input of inputs) {
    for (const deny of input.estate.denyAssignments) {
      const copy: DenyAssignment = {
        ...deny,
        principals: deny.principals === 'everyone' ? 'everyone' : dedupe(deny.principals.map(canon)),
        excludePrincipals: dedupe(deny.excludePrincipals.map(canon)),
      };
      const { source: _source, ...fields } = copy;
      const content = JSON.stringify(fields);
      const key = scopeKey(deny.id);
      const earlier = denies.get(key);
      if (earlier === undefined) {
        denies.set(key, { copy, content, file: input.file });
        merged.denyAssignments.push(copy);
        continue;
      }
      if (earlier.content === content) continue;
      diagnostics.push({
        severity: 'warning',
        message: `deny assignment ${deny.id} differs between ${earlier.file} and ${input.file}; the one whose content sorts first is kept`,
        ...refToDiagnostic(deny.source ?? { file: input.file }),
      });
      if (byText(content, earlier.content) < 0) {
        merged.denyAssignments[merged.denyAssignments.indexOf(earlier.copy)] = copy;
        denies.set(key, { copy, content, file: input.file });
      }
    }
  }
}

/** One assignment as an input gave it, with the file it came from and its place in input order. */
interface Candidate {
  assignment: RoleAssignment;
  file: string;
  order: number;
}

/** Compares by UTF-16 code units, as `Array.prototype.sort` does, so that both orderings agree. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const ORIGIN_RANK: Record<RoleAssignment['origin'], number> = { observed: 0, planned: 1, automatic: 2 };

/**
 * Which of several declarations of one grant is kept, whatever the order of the files: an observation before a
 * plan; then the one without a condition (two exports that disagree about the condition cannot both be current,
 * and the map rather shows the access the broader one gives than hides it); then by condition and id.
 */
function preferred(a: Candidate, b: Candidate): number {
  const x = a.assignment;
  const y = b.assignment;
  return (
    ORIGIN_RANK[x.origin] - ORIGIN_RANK[y.origin] ||
    Number(x.condition !== undefined) - Number(y.condition !== undefined) ||
    byText(x.condition ?? '', y.condition ?? '') ||
    byText(scopeKey(x.id), scopeKey(y.id))
  );
}

/**
 * Keeps one assignment per grant. Azure holds one assignment per principal, role and scope (a second one is
 * refused with RoleAssignmentExists, whatever its condition), so declarations that share those, or the
 * assignment id, are one grant: an export and a design of it, or `az role assignment list` and Resource Graph,
 * which print the same assignment with different id casing (or, from different days, different ids). The kept
 * one is chosen by {@link preferred}, so the result does not follow file order; it takes the place of the grant's
 * first declaration, and is observed if any declaration is. Declarations that disagree about the condition are a
 * warning that quotes both.
 */
function keepOneGrantEach(
  candidates: readonly Candidate[],
  roleNames: ReadonlyMap<RoleAssignment, string>,
  diagnostics: Diagnostic[],
): RoleAssignment[] {
  const grantKey = (a: RoleAssignment) => `${a.principal}|${a.role}|${scopeKey(a.scope)}`;
  // Union-find over candidates joined by grant or by assignment id.
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const firstByKey = new Map<string, number>();
  candidates.forEach((c, i) => {
    for (const key of [`grant:${grantKey(c.assignment)}`, `id:${scopeKey(c.assignment.id)}`]) {
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, i);
      else parent[find(i)] = find(first);
    }
  });
  const groups = new Map<number, Candidate[]>();
  candidates.forEach((c, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(c);
    else groups.set(root, [c]);
  });
  const kept: { order: number; assignment: RoleAssignment }[] = [];
  for (const list of groups.values()) {
    const ranked = [...list].sort(preferred);
    const winner = ranked[0] as Candidate;
    // The candidate itself (a copy made for this merge), so that the role name its input gave still finds it.
    const assignment = winner.assignment;
    if (list.some((c) => c.assignment.origin === 'observed')) assignment.origin = 'observed';
    const conditions = [...new Set(list.map((c) => c.assignment.condition ?? ''))].sort();
    if (conditions.length > 1) {
      const other = ranked.find((c) => c.assignment.condition !== assignment.condition);
      const shown = conditions.map((condition) => {
        const files = [...new Set(list.filter((c) => (c.assignment.condition ?? '') === condition).map((c) => c.file))].sort();
        return `${condition === '' ? 'without a condition' : `with condition ${quote(condition, 160)}`} in ${files.join(', ')}`;
      });
      diagnostics.push({
        severity: 'warning',
        message: `role ${quote(roleNames.get(assignment) ?? findBuiltInRole(assignment.role)?.name ?? assignment.role, 80)} is assigned to ${assignment.principal} at ${assignment.scope} ${shown.join(' and ')}; Azure holds one assignment per principal, role and scope, so one input is out of date: ${assignment.condition === undefined ? 'the assignment without a condition is kept, as it shows the most access' : 'the first condition quoted is kept; check which is current'}`,
        ...refToDiagnostic(winner.assignment.source ?? { file: winner.file }),
        ...(other ? { related: other.assignment.source ?? { file: other.file } } : {}),
      });
    }
    kept.push({ order: Math.min(...list.map((c) => c.order)), assignment });
  }
  // One input's assignments keep its order; those of several are put in one order (by scope, role, principal
  // and id), since rules list them (the grants a design plans on a workspace) and must not follow file order.
  const files = new Set(candidates.map((c) => c.file));
  if (files.size <= 1) return kept.sort((a, b) => a.order - b.order).map((k) => k.assignment);
  const key = (a: RoleAssignment) => `${scopeKey(a.scope)}|${a.role}|${a.principal}|${scopeKey(a.id)}`;
  return kept.map((k) => k.assignment).sort((a, b) => byText(key(a), key(b)));
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
