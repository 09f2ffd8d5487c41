import { systemIdentityId, type EntityId } from '../../model/ids';
import type { EntityKind, Job, Workspace } from '../../model/types';
import type { RunUnit } from '../../paths/resolve-jobs';
import type { AccessPath } from '../../paths/types';
import type { FindingDraft, RuleContext } from '../types';

/**
 * Small look-ups shared by the datastore, job and network rules: which storage a datastore sits on, which
 * principals hold roles that reach a scope, and how to address resources in generated commands.
 */

/** The credentials a datastore can store, by `credentialKind`, as messages name them. */
export const STORED_CREDENTIAL_NAMES: Readonly<Record<string, string>> = {
  account_key: 'account key',
  sas: 'SAS token',
  service_principal: 'service principal secret',
  certificate: 'service principal certificate',
};

/** A stored credential's name with its indefinite article: "an account key", "a SAS token". */
export function withArticle(name: string): string {
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}

/** Every identity a workspace carries (its system identity and its user-assigned ones). */
export function workspaceIdentities(workspace: Workspace): Set<EntityId> {
  const ids = new Set<EntityId>(workspace.identity.userAssigned);
  if (workspace.identity.system) ids.add(systemIdentityId(workspace.id));
  return ids;
}

/**
 * Principals holding at least one role assignment that applies at `scope` (made there or at an ancestor),
 * limited to the given entity kinds. Group members are not expanded: the group is named, as Azure shows it.
 */
export function principalsWithRolesAt(
  context: RuleContext,
  scope: string,
  kinds: readonly EntityKind[],
): EntityId[] {
  // Walks the principals filed at each scope of the chain rather than every assignment: the order is the
  // same (first holder first), and a busy subscription's assignments are not visited once per resource.
  const found = new Set<EntityId>();
  for (const key of context.rbac.ancestors(scope)) {
    for (const principal of context.rbac.assignmentsByPrincipalAt(key)?.keys() ?? []) {
      if (found.has(principal)) continue;
      const entity = context.topology.get(principal);
      if (entity && kinds.includes(entity.kind)) found.add(principal);
    }
  }
  return [...found];
}

/** People and applications: the principals whose access to a secret or key is a matter of governance. */
export const HUMAN_AND_APP_KINDS: readonly EntityKind[] = ['user', 'group', 'servicePrincipal'];

/** The resource group name of an entity, for `--resource-group` in generated commands. */
export function resourceGroupName(context: RuleContext, id: EntityId): string {
  return context.topology.resourceGroupOf(id)?.name ?? '<resource-group>';
}

/** Names joined for a message: `a, b and c`, shortened after `max` names. */
export function nameList(names: readonly string[], max = 5): string {
  if (names.length === 0) return '';
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length === 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}

/** Lower-cased comparison for tenant ids and similar GUIDs. */
export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Merges drafts that would become the same finding (same subjects and discriminator), keeping the first
 * message and every path id. Pipelines produce such twins: two steps reading one datastore as one identity.
 */
export function mergeDrafts(drafts: Iterable<FindingDraft>): FindingDraft[] {
  const byKey = new Map<string, FindingDraft>();
  for (const draft of drafts) {
    const key = [...draft.subjects, draft.discriminator ?? ''].join('|');
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { ...draft, pathIds: [...(draft.pathIds ?? [])] });
      continue;
    }
    for (const id of draft.pathIds ?? []) if (!existing.pathIds?.includes(id)) existing.pathIds?.push(id);
  }
  return [...byKey.values()];
}

/** The job-to-datastore paths of one run unit (the job itself, or one pipeline step). */
export function pathsOfUnit(context: RuleContext, job: Job, unit: RunUnit): AccessPath[] {
  const suffixes = ['read', 'write'].map((mode) => `|${[unit.detail, mode].filter(Boolean).join(':')}`);
  return context
    .pathsFrom(job.id)
    .filter((p) => p.kind === 'job-datastore' && suffixes.some((s) => p.id.endsWith(s)));
}

/** The step name of a run unit (`prep`), or the job name for a plain job. */
export function unitName(job: Job, unit: RunUnit): string {
  return unit.detail !== undefined ? `step ${unit.detail}` : `job ${job.name}`;
}
