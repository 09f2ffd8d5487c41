import { matchesAction, type RoleCatalog, type RoleDefinition } from '../../../engine';

/** Why a role matched the search. */
export type RoleMatchReason = { kind: 'name' } | { kind: 'action'; pattern: string; data: boolean } | { kind: 'suggested' };

export interface RoleSearchResult {
  role: RoleDefinition;
  reason: RoleMatchReason;
}

/** Roles offered before anything is typed: the ones Azure ML estates need most. */
export const SUGGESTED_ROLES: readonly string[] = [
  'AcrPull',
  'Storage Blob Data Reader',
  'Storage Blob Data Contributor',
  'Key Vault Secrets User',
  'AzureML Data Scientist',
  'AzureML Compute Operator',
  'Azure Machine Learning Workspace Connection Secrets Reader',
  'Reader',
];

function actionCount(role: RoleDefinition): number {
  return role.permissions.reduce((sum, permission) => sum + permission.actions.length + permission.dataActions.length, 0);
}

function hasWildcard(role: RoleDefinition): boolean {
  return role.permissions.some((permission) => [...permission.actions, ...permission.dataActions].some((action) => action.includes('*')));
}

/** A query that names one whole operation (`Provider.Namespace/type/.../verb`): matched with wildcards, as Azure does. */
function isFullAction(query: string): boolean {
  return /^[a-z0-9-]+\.[a-z0-9.-]+\/.+\/.+$/i.test(query) && !query.includes('*');
}

/** The first pattern of the role that the query names (a substring of the pattern, or a full action it covers). */
function actionMatch(role: RoleDefinition, query: string): { pattern: string; data: boolean } | undefined {
  const full = isFullAction(query);
  for (const permission of role.permissions) {
    for (const [patterns, exclusions, data] of [
      [permission.actions, permission.notActions, false],
      [permission.dataActions, permission.notDataActions, true],
    ] as const) {
      for (const pattern of patterns) {
        const named = full ? matchesAction(pattern, query) : pattern.toLowerCase().includes(query);
        // A role whose own exclusions take the action back does not grant it: not a useful answer.
        if (named && !(full && exclusions.some((excluded) => matchesAction(excluded, query)))) return { pattern, data };
      }
    }
  }
  return undefined;
}

/**
 * Searches the role catalog by name and by action: `acrpull` finds AcrPull by name, `pull/read` finds it
 * by the action it grants, and a whole action such as `Microsoft.ContainerRegistry/registries/pull/read`
 * finds every role that grants it, wildcards included. Name matches come first (prefix before substring);
 * action matches follow with the narrowest roles first, the least privilege that does the job. With an
 * empty query, the roles Azure ML estates most often need.
 */
export function searchRoles(catalog: RoleCatalog, rawQuery: string, limit = 30): RoleSearchResult[] {
  const query = rawQuery.trim().toLowerCase().replace(/\s+/g, ' ');
  if (query === '')
    return SUGGESTED_ROLES.map((name) => catalog.resolve(name))
      .filter((role): role is RoleDefinition => role !== undefined)
      .map((role) => ({ role, reason: { kind: 'suggested' } }));

  const byName: { role: RoleDefinition; rank: number }[] = [];
  const byAction: { role: RoleDefinition; pattern: string; data: boolean }[] = [];
  for (const role of catalog.all()) {
    const name = role.name.toLowerCase();
    const at = name.indexOf(query);
    if (at !== -1 || role.id === query) {
      byName.push({ role, rank: at === 0 || role.id === query ? 0 : name[at - 1] === ' ' ? 1 : 2 });
      continue;
    }
    const match = actionMatch(role, query);
    if (match) byAction.push({ role, ...match });
  }
  byName.sort((a, b) => a.rank - b.rank || a.role.name.length - b.role.name.length || a.role.name.localeCompare(b.role.name));
  byAction.sort(
    (a, b) =>
      Number(hasWildcard(a.role)) - Number(hasWildcard(b.role)) ||
      actionCount(a.role) - actionCount(b.role) ||
      a.role.name.localeCompare(b.role.name),
  );
  return [
    ...byName.map(({ role }): RoleSearchResult => ({ role, reason: { kind: 'name' } })),
    ...byAction.map(({ role, pattern, data }): RoleSearchResult => ({ role, reason: { kind: 'action', pattern, data } })),
  ].slice(0, limit);
}

