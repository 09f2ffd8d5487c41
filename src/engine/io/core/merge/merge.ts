import { emptyEstate } from '../../../model/estate';
import { entityId, scopeKey, systemIdentityId, type EntityId } from '../../../model/ids';
import { COLLECTION_OF_KIND, ENTITY_COLLECTIONS, type Diagnostic, type Entity, type EntityKind, type Estate, type SourceRef } from '../../../model/types';
import { KIND_LABELS } from '../kinds';
import { principalEntityId } from '../naming';
import { rewriteReferences } from '../resolve';
import { mergeAuthorization, mergeReviews } from './authorization';
import {
  bestName,
  byPreference,
  CONFIGURABLE,
  isStub,
  mergeFields,
  preferredArmId,
  PRINCIPAL_KINDS,
  refToDiagnostic,
  where,
  type Member,
  type MergeInput,
} from './members';
import { PrincipalClusters, joinKeys } from './principals';
import { dropUnusedPlaceholderScopes, linkDatastores, reconcileSystemIdentities, workspaceRebase } from './reconcile';

/** Principal kinds from the most specific claim on an object id to the least: a merged principal takes the first. */
const PRINCIPAL_JOIN_RANK: readonly EntityKind[] = ['userAssignedIdentity', 'systemAssignedIdentity', 'servicePrincipal', 'user', 'group'];

/**
 * Whether the merged role assignments are a design or an export. A format that never describes role assignments
 * (az ml YAML) has no say: a job or endpoint file beside `az role assignment list` leaves that export the truth.
 * Taken as planned, the import would get the grants Azure ML usually makes and hide the ones the export shows
 * absent. When only such files are given, they decide as before.
 */
function assignmentsOriginOf(inputs: readonly MergeInput[]): Estate['assignmentsOrigin'] {
  const deciding = inputs.filter((i) => i.describesNoGrants !== true);
  const voters = deciding.length > 0 ? deciding : inputs;
  return voters.some((i) => i.estate.assignmentsOrigin === 'planned') ? 'planned' : 'observed';
}

/**
 * Merges estates into one: entities that are the same (the same ARM id ignoring case; principals by id,
 * object id, client or app id, resource id, user principal name, or group name) become one entity whose
 * fields come from every declaration, a given value beating a default; two different given values are a
 * warning that points at both places, and the first is kept. References are rewritten to the merged ids;
 * role assignments are deduplicated by id and by principal, role and scope. `holders`, when given, is filled
 * with the merged entity each input entity became, by the input entity's source (the resolution after the merge
 * settles there the references each declaration left, whichever declaration leads the merged entity).
 */
export function mergeEstates(
  inputs: readonly MergeInput[],
  diagnostics: Diagnostic[],
  holders?: Map<SourceRef, Entity>,
): Estate {
  const merged = emptyEstate(inputs[0]?.estate.name ?? 'Untitled estate', assignmentsOriginOf(inputs));
  const tenants = [
    ...new Set(inputs.map((i) => i.estate.tenantId).filter((t): t is string => t !== undefined)),
  ];
  if (tenants[0] !== undefined) merged.tenantId = tenants[0];
  if (tenants.length > 1)
    diagnostics.push({
      severity: 'warning',
      message: `the inputs name ${tenants.length} tenants (${tenants.join(', ')}); ${tenants[0]} is kept as the estate's tenant`,
    });
  const description = inputs.find((i) => i.estate.description !== undefined)?.estate.description;
  if (description !== undefined) merged.description = description;

  const members: Member[] = [];
  inputs.forEach((input) => {
    for (const collection of ENTITY_COLLECTIONS)
      for (const entity of input.estate[collection] as Entity[])
        members.push({
          entity,
          meta: input.provenance?.meta.get(entity),
          order: members.length,
          file: input.file,
        });
  });

  const rebase = workspaceRebase(members, diagnostics);

  // Resources other than identities: one cluster per ARM id, compared as Azure compares them.
  const aliasLower = new Map<string, EntityId>();
  const aliasExact = new Map<string, EntityId>();
  const resourceClusters = new Map<string, Member[]>();
  const principalMembers: Member[] = [];
  for (const m of members) {
    if (PRINCIPAL_KINDS.has(m.entity.kind)) principalMembers.push(m);
    else {
      const key = scopeKey(rebase((m.entity as { armId?: string }).armId ?? m.entity.id));
      const list = resourceClusters.get(key);
      if (list) list.push(m);
      else resourceClusters.set(key, [m]);
    }
  }
  const canonicalOf = new Map<Member[], EntityId>();
  for (const [key, list] of resourceClusters) {
    const lead = byPreference(list)[0] as Member;
    const id = entityId(preferredArmId(list, rebase));
    canonicalOf.set(list, id);
    aliasLower.set(key, id);
    const kinds = new Set(list.map((m) => m.entity.kind));
    if (kinds.size > 1)
      diagnostics.push({
        severity: 'warning',
        message: `${id} is described as ${[...kinds].map((k) => KIND_LABELS[k]).join(' and as ')}; the first is kept`,
        ...refToDiagnostic(where(lead)),
      });
  }
  const canonResource = (id: EntityId): EntityId => aliasLower.get(scopeKey(rebase(id))) ?? id;

  // Principals: clusters joined on shared keys.
  const clusters = new PrincipalClusters(principalMembers, diagnostics, rebase);
  const byKey = new Map<string, { index: number; report: boolean }[]>();
  principalMembers.forEach((m, index) => {
    for (const { key, report } of joinKeys(m, rebase)) {
      const list = byKey.get(key);
      if (list) list.push({ index, report });
      else byKey.set(key, [{ index, report }]);
    }
  });
  // Which principals meet first decides where one that two clashing identities both claim ends up (a role
  // assignment's principal known only by object id, which a user and a managed identity both give): by content,
  // declarations before placeholders, then the kind ranking below, then id, and never by the order of the files.
  const joinRank = (index: number): [number, number, string] => {
    const m = principalMembers[index] as Member;
    return [m.meta?.anyKind ? 1 : 0, PRINCIPAL_JOIN_RANK.indexOf(m.entity.kind), m.entity.id];
  };
  const byRank = (a: { index: number }, b: { index: number }): number => {
    const [x, y] = [joinRank(a.index), joinRank(b.index)];
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : a.index - b.index);
  };
  for (const key of [...byKey.keys()].sort()) {
    const [head, ...others] = [...(byKey.get(key) ?? [])].sort(byRank);
    if (!head) continue;
    for (const other of others) clusters.join(head.index, other.index, key, head.report && other.report);
  }
  const principalGroups = new Map<number, Member[]>();
  principalMembers.forEach((m, index) => {
    const root = clusters.find(index);
    const list = principalGroups.get(root);
    if (list) list.push(m);
    else principalGroups.set(root, [m]);
  });

  const principalPlans: { kind: EntityKind; id: EntityId; list: Member[] }[] = [];
  let unmatched = 0;
  for (const list of principalGroups.values()) {
    const definite = list.filter((m) => !m.meta?.anyKind);
    const kind = PRINCIPAL_JOIN_RANK.find((k) => definite.some((m) => m.entity.kind === k)) ?? 'servicePrincipal';
    if (definite.length === 0) unmatched++;
    const same = byPreference(list.filter((m) => m.entity.kind === kind));
    const lead = same[0] as Member;
    let id: EntityId;
    if (kind === 'userAssignedIdentity') id = entityId(preferredArmId(same, rebase));
    else if (kind === 'systemAssignedIdentity')
      id = systemIdentityId(canonResource((lead.entity as { owner: EntityId }).owner));
    else {
      const objectId = list
        .map((m) => (m.entity as { objectId?: string }).objectId)
        .find((o) => o !== undefined);
      id =
        objectId !== undefined
          ? principalEntityId(kind as 'user' | 'group' | 'servicePrincipal', lead.entity.name, objectId)
          : lead.entity.id;
    }
    principalPlans.push({ kind, id, list });
    for (const m of list) {
      if (m.entity.id.startsWith('/')) aliasLower.set(m.entity.id.toLowerCase(), id);
      else aliasExact.set(m.entity.id, id);
    }
  }
  const canon = (id: EntityId): EntityId =>
    aliasExact.get(id) ??
    (id.startsWith('/') ? aliasLower.get(id.toLowerCase()) : undefined) ??
    (id.startsWith('/') ? canonResource(id) : id);

  const rewritten = new Map<Member, Member>();
  for (const m of members) rewritten.set(m, { ...m, entity: rewriteReferences(m.entity, canon) });
  const re = (list: Member[]) => list.map((m) => rewritten.get(m) ?? m);

  // Build the merged entities, in the order of their first appearance.
  const stubs: Entity[] = [];
  const built: { order: number; entity: Entity }[] = [];
  for (const [, list] of resourceClusters) {
    const id = canonicalOf.get(list) as EntityId;
    const ordered = byPreference(re(list));
    const lead = ordered[0] as Member;
    const same = ordered.filter((m) => m.entity.kind === lead.entity.kind);
    const fields = mergeFields(same, diagnostics);
    const entity: Entity = Object.assign({}, lead.entity, fields, { id, armId: id });
    dropUnknown(entity, fields);
    if (lead.entity.kind === 'subscription') {
      const displayName = same
        .map((m) => (m.entity as { displayName?: string }).displayName)
        .find((d) => d !== undefined);
      if (displayName !== undefined) entity.name = displayName;
    } else entity.name = id.slice(id.lastIndexOf('/') + 1);
    if (lead.entity.source) entity.source = lead.entity.source;
    built.push({ order: Math.min(...list.map((m) => m.order)), entity });
    for (const m of list) if (m.entity.source) holders?.set(m.entity.source, entity);
    if (same.every(isStub) && CONFIGURABLE.has(lead.entity.kind)) stubs.push(entity);
  }
  for (const plan of principalPlans) {
    const ordered = byPreference(re(plan.list));
    const same = ordered.filter((m) => m.entity.kind === plan.kind);
    const lead = same[0] as Member;
    const fields = mergeFields(same, diagnostics);
    const entity: Entity = Object.assign({}, lead.entity, fields, { id: plan.id });
    dropUnknown(entity, fields);
    if ('armId' in entity) entity.armId = plan.id;
    if (entity.kind === 'systemAssignedIdentity') entity.owner = canonResource(entity.owner);
    const declared = ordered.find((m) => !isStub(m) && !m.meta?.anyKind);
    entity.name = bestName(entity.kind, same, ordered);
    const source = (declared ?? lead).entity.source;
    if (source) entity.source = source;
    else delete entity.source;
    // What placeholders knew about an identity (object id, app id) fills the declaration's gaps.
    for (const m of ordered) {
      const other = m.entity as {
        objectId?: string;
        appId?: string;
        principalId?: string;
        clientId?: string;
      };
      if (entity.kind === 'userAssignedIdentity') {
        entity.principalId ??= other.objectId ?? other.principalId;
        entity.clientId ??= other.appId ?? other.clientId;
      } else if (entity.kind === 'systemAssignedIdentity')
        entity.principalId ??= other.objectId ?? other.principalId;
      else if (entity.kind === 'servicePrincipal') {
        entity.objectId ??= other.objectId;
        entity.appId ??= other.appId;
      } else if (entity.kind === 'user' || entity.kind === 'group') entity.objectId ??= other.objectId;
    }
    for (const key of ['principalId', 'clientId', 'objectId', 'appId'])
      if (Reflect.get(entity, key) === undefined) Reflect.deleteProperty(entity, key);
    built.push({ order: Math.min(...plan.list.map((m) => m.order)), entity });
    for (const m of plan.list) if (m.entity.source) holders?.set(m.entity.source, entity);
  }
  built.sort((a, b) => a.order - b.order);
  for (const { entity } of built) (merged[COLLECTION_OF_KIND[entity.kind]] as Entity[]).push(entity);
  // Workspaces and datastores by id: rules list the workspaces that share a storage account, registry or network,
  // and the datastores on an account, in estate order, and that order must not follow the order the files were
  // given in.
  const byId = (a: Entity, b: Entity) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  merged.workspaces.sort(byId);
  merged.datastores.sort(byId);

  mergeAuthorization(inputs, merged, canon, rebase, diagnostics);
  dropUnusedPlaceholderScopes(merged);
  reconcileSystemIdentities(merged, members);
  linkDatastores(merged);
  mergeReviews(inputs, merged, diagnostics);

  if (stubs.length > 0) {
    // In the estate's collection order, then by name, so that the note does not depend on file order.
    const rank = (e: Entity) => ENTITY_COLLECTIONS.indexOf(COLLECTION_OF_KIND[e.kind]);
    const names = [...stubs]
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
      .slice(0, 5)
      .map((e) => `${KIND_LABELS[e.kind]} \`${e.name}\``);
    diagnostics.push({
      severity: 'info',
      message: `${stubs.length} resource(s) are known only because something refers to them (${names.join(', ')}${stubs.length > 5 ? ', …' : ''}); their settings are unknown, so no finding judges them. Add their az show output or Resource Graph rows to check them`,
    });
  }
  if (unmatched > 0)
    diagnostics.push({
      severity: 'info',
      message: `${unmatched} object id(s) match no principal in the inputs; they are shown as service principals named by the id`,
    });
  return merged;
}

/** Removes the fields the merge left unknown (set to undefined by mergeFields) from an entity built over its lead. */
function dropUnknown(entity: Entity, fields: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(fields)) if (value === undefined) Reflect.deleteProperty(entity, field);
}
