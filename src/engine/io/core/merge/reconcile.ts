import { entityId, scopeKey, systemIdentityId, type EntityId } from '../../../model/ids';
import {
  ENTITY_COLLECTIONS,
  type Diagnostic,
  type Entity,
  type Estate,
  type ManagedIdentitySetting,
  type ResourceGroup,
} from '../../../model/types';
import { canonicalArmId } from '../azure/ids';
import { PLACEHOLDER_WORKSPACE, principalEntityId, systemIdentityName } from '../naming';
import { rewriteReferences } from '../resolve';
import { isGiven, refToDiagnostic, underPlaceholderScope, type Member } from './members';

type IdentityOwnerEntity = Extract<
  Entity,
  { kind: 'workspace' | 'compute' | 'onlineEndpoint' | 'aksCluster' }
>;

function ownerIdentity(owner: IdentityOwnerEntity): ManagedIdentitySetting | undefined {
  if (owner.kind === 'aksCluster')
    return owner.clusterIdentity.type === 'managed_identity' ? owner.clusterIdentity.identity : undefined;
  return owner.identity;
}

/**
 * Keeps system-assigned identities and their owners consistent after merging: an owner with a system identity
 * gets its identity entity; an identity whose owner (as merged) has none either turns on the owner's system
 * identity (when no input said what the owner's identity is) or becomes a plain service principal.
 */
export function reconcileSystemIdentities(merged: Estate, members: Member[]): void {
  const owners = new Map<string, IdentityOwnerEntity>();
  for (const owner of [
    ...merged.workspaces,
    ...merged.computes,
    ...merged.onlineEndpoints,
    ...merged.aksClusters,
  ])
    owners.set(owner.id, owner);
  const identityGiven = new Set<string>();
  for (const m of members) {
    const key = m.entity.kind === 'aksCluster' ? 'clusterIdentity' : 'identity';
    if (owners.has(entityId(canonicalArmId(m.entity.id))) && isGiven(m, key))
      identityGiven.add(scopeKey(m.entity.id));
  }
  const keep: typeof merged.systemAssignedIdentities = [];
  const converted = new Map<EntityId, EntityId>();
  for (const sai of merged.systemAssignedIdentities) {
    const owner = owners.get(sai.owner);
    const setting = owner ? ownerIdentity(owner) : undefined;
    if (owner && setting && !setting.system && !identityGiven.has(scopeKey(owner.id))) setting.system = true;
    if (owner && setting?.system) {
      // A name made while its owner sat on the az ml stand-in workspace (`<workspace>/computes/c`) is renamed
      // after the owner, now placed in its real workspace: the stand-in name means nothing in the estate.
      keep.push(sai.name.includes(PLACEHOLDER_WORKSPACE) ? { ...sai, name: systemIdentityName(owner.kind, owner.name, workspaceNameOf(merged, owner)) } : sai);
      continue;
    }
    const sp = {
      id: principalEntityId('servicePrincipal', sai.name, sai.principalId),
      kind: 'servicePrincipal' as const,
      name: sai.name,
      ...(sai.principalId !== undefined ? { objectId: sai.principalId } : {}),
      ...(sai.source ? { source: sai.source } : {}),
    };
    if (!merged.servicePrincipals.some((p) => p.id === sp.id)) merged.servicePrincipals.push(sp);
    converted.set(sai.id, sp.id);
  }
  merged.systemAssignedIdentities = keep;
  for (const owner of owners.values()) {
    const setting = ownerIdentity(owner);
    if (!setting?.system) continue;
    const id = systemIdentityId(owner.id);
    if (keep.some((s) => s.id === id)) continue;
    const sai = {
      id,
      kind: 'systemAssignedIdentity' as const,
      name: systemIdentityName(owner.kind, owner.name, workspaceNameOf(merged, owner)),
      owner: owner.id,
      ...(owner.source ? { source: owner.source } : {}),
    };
    keep.push(sai);
  }
  if (converted.size > 0) {
    const canon = (id: EntityId) => converted.get(id) ?? id;
    for (const collection of ENTITY_COLLECTIONS)
      (merged[collection] as Entity[]) = (merged[collection] as Entity[]).map((e) =>
        rewriteReferences(e, canon),
      );
    for (const a of merged.roleAssignments) a.principal = canon(a.principal);
  }
}

/** The name of the workspace a compute or endpoint belongs to, for its identity's name; undefined for other owners. */
function workspaceNameOf(merged: Estate, owner: IdentityOwnerEntity): string | undefined {
  return owner.kind === 'compute' || owner.kind === 'onlineEndpoint'
    ? merged.workspaces.find((w) => w.id === owner.workspace)?.name
    : undefined;
}

/** Links datastores that name a storage account by name to the one account of that name, when there is exactly one. */
export function linkDatastores(merged: Estate): void {
  for (const datastore of merged.datastores) {
    if (
      datastore.storageAccount !== undefined ||
      datastore.accountName === undefined ||
      datastore.datastoreType === 'azure_data_lake_gen1'
    )
      continue;
    const candidates = merged.storageAccounts.filter(
      (a) => a.name.toLowerCase() === datastore.accountName?.toLowerCase(),
    );
    if (candidates.length === 1 && candidates[0]) datastore.storageAccount = candidates[0].id;
  }
}


/**
 * Finds workspaces that an input could only place under a stand-in scope (az ml YAML without `id`, an ARM
 * template without a deployment target) and that another input declares for real: the one real workspace
 * with the same name (or, for the az ml placeholder workspace `<workspace>`, the only real workspace). Returns
 * a function that moves an id from under the stand-in workspace to under the real one, and from the stand-in
 * resource group to the real workspace's; other ids pass unchanged.
 */
export function workspaceRebase(members: readonly Member[], diagnostics: Diagnostic[]): (id: string) => string {
  const real = new Map<string, Map<string, string>>();
  const stand: { id: string; name: string; member: Member }[] = [];
  for (const m of members) {
    if (m.entity.kind !== 'workspace') continue;
    const id = canonicalArmId(m.entity.armId);
    if (underPlaceholderScope(id) || m.entity.name.startsWith('<')) stand.push({ id, name: m.entity.name, member: m });
    else {
      const byKey = real.get(m.entity.name.toLowerCase()) ?? new Map<string, string>();
      if (!byKey.has(scopeKey(id))) byKey.set(scopeKey(id), id);
      real.set(m.entity.name.toLowerCase(), byKey);
    }
  }
  const prefixes: [string, string][] = [];
  const seen = new Set<string>();
  // The resource group (`/subscriptions/<s>/resourceGroups/<g>`) of a workspace id, as written.
  const groupOf = (id: string) => id.split('/').slice(0, 5).join('/');
  const groupTargets = new Map<string, string[]>();
  for (const w of stand) {
    const from = w.id.toLowerCase();
    if (seen.has(from)) continue;
    seen.add(from);
    // A stand-in that an input placed in a real resource group (a template deployed there) can only be a
    // workspace of that group: a workspace lives in its group, so one elsewhere is another workspace.
    const placedIn = underPlaceholderScope(w.id) ? undefined : groupOf(from);
    // Sorted, so that the note does not depend on file order.
    const candidates = (
      w.name.startsWith('<')
        ? [...real.values()].flatMap((byKey) => [...byKey.values()])
        : [...(real.get(w.name.toLowerCase())?.values() ?? [])]
    )
      .filter((id) => placedIn === undefined || groupOf(id).toLowerCase() === placedIn)
      .sort();
    const only = candidates[0];
    if (candidates.length === 1 && only !== undefined) {
      prefixes.push([from, only]);
      groupTargets.set(groupOf(from), [...(groupTargets.get(groupOf(from)) ?? []), groupOf(only)]);
      // The reader's note put it in a stand-in place; say where it went (the placeholder `<workspace>` has its own note).
      if (!w.name.startsWith('<') && w.member.entity.source)
        diagnostics.push({
          severity: 'info',
          message: `workspace \`${w.name}\` is the workspace of that name in ${only.split('/').slice(0, 5).join('/')} that another input declares; the two are read as one`,
          ...refToDiagnostic(w.member.entity.source),
        });
    } else if (candidates.length > 1)
      diagnostics.push({
        severity: 'info',
        message: `workspace \`${w.name}\` has no real place in its input, and ${candidates.length} workspaces could be it (${candidates.slice(0, 3).join(', ')}); it is kept apart`,
      });
  }
  // The stand-in group the moved workspaces were deployed with is the real workspace's group: an unplaced
  // template deploys all its resources into one group, and az ml names identities in the workspace's group. It
  // moves too (after the workspaces, which are more specific), unless its workspaces went to different groups;
  // otherwise a globally named resource (a storage account, a key vault) would stay twice, once in each place.
  for (const [from, targets] of groupTargets) {
    const distinct = [...new Set(targets.map((t) => t.toLowerCase()))];
    if (distinct.length === 1 && targets[0] !== undefined && underPlaceholderScope(from)) prefixes.push([from, targets[0]]);
  }
  if (prefixes.length === 0) return (id) => id;
  return (id) => {
    const lower = id.toLowerCase();
    for (const [from, to] of prefixes) {
      if (lower === from) return to;
      if (lower.startsWith(from) && (lower[from.length] === '/' || lower[from.length] === '#'))
        return to + id.slice(from.length);
    }
    return id;
  };
}

/** Drops stand-in subscriptions and resource groups that nothing is left in once their workspace moved. */
export function dropUnusedPlaceholderScopes(merged: Estate): void {
  const used = new Set<string>();
  for (const entity of [
    ...merged.workspaces,
    ...merged.storageAccounts,
    ...merged.keyVaults,
    ...merged.containerRegistries,
    ...merged.applicationInsights,
    ...merged.userAssignedIdentities,
    ...merged.aksClusters,
  ])
    used.add(scopeKey(entity.resourceGroup));
  for (const a of merged.roleAssignments) used.add(scopeKey(a.scope));
  const keepGroup = (g: ResourceGroup) => !underPlaceholderScope(g.id) || used.has(scopeKey(g.id));
  merged.resourceGroups = merged.resourceGroups.filter(keepGroup);
  const subs = new Set(merged.resourceGroups.map((g) => scopeKey(g.subscription)));
  merged.subscriptions = merged.subscriptions.filter(
    (s) => !underPlaceholderScope(s.id) || subs.has(scopeKey(s.id)) || used.has(scopeKey(s.id)),
  );
}

/** The kinds whose names Azure makes global: one name is one resource, whatever the subscription. */
const GLOBAL_NAMES = [
  ['storageAccounts', 'storage account'],
  ['keyVaults', 'key vault'],
  ['containerRegistries', 'container registry'],
] as const;

/**
 * Refuses, at the second input's entry, a storage account, key vault or registry name that the inputs place in
 * two different scopes: Azure cannot hold both, so the inputs disagree about where it lives (and no estate could
 * be written that reads back). Resources an input could only place under a stand-in scope are left out: they
 * are the same resource told without its place. Returns true when it refused one.
 */
export function refuseGlobalNameClashes(merged: Estate, diagnostics: Diagnostic[]): boolean {
  let refused = false;
  for (const [collection, label] of GLOBAL_NAMES) {
    const byName = new Map<string, Entity[]>();
    for (const resource of merged[collection]) {
      if (underPlaceholderScope(resource.id)) continue;
      const key = resource.name.toLowerCase();
      byName.set(key, [...(byName.get(key) ?? []), resource]);
    }
    for (const same of byName.values()) {
      if (same.length < 2) continue;
      // Sorted by id, so that the error stands at the same entry whatever the file order.
      const [first, ...others] = [...same].sort((a, b) => scopeKey(a.id).localeCompare(scopeKey(b.id)));
      for (const other of others) {
        refused = true;
        diagnostics.push({
          severity: 'error',
          ...other.source,
          message: `${label} names are unique across Azure, but the inputs place \`${other.name}\` in two places (${first?.id ?? '?'} and ${other.id}); import exports of one tenant, or correct the one that is wrong`,
        });
      }
    }
  }
  return refused;
}
