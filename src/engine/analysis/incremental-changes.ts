import type { AnalysisContext } from '../context/analysis-context';
import { scopeKey, type EntityId, type ScopeKey } from '../model/ids';
import { estateAssignmentsIn, holdersOfKindsIn, type HolderKind } from '../context/read-tracking';
import { ENTITY_COLLECTIONS, type EntityCollection, type Estate, type RoleAssignment } from '../model/types';
import type { Topology } from '../model/topology';
import { COLLECTION_OF_LOOKUP, type Reads } from './incremental-reads';

/** What an edit changed, in the terms of the read tokens of ./incremental-reads.ts. */
export interface EstateChanges {
  /** Top-level fields whose value is not the same object any more. */
  fields: Set<string>;
  /** Ids of entities added, removed or replaced. */
  entities: Set<string>;
  /** The entities themselves, before and after, by collection (for the scope and principal checks). */
  changed: Map<string, { before: { id?: string }[]; after: { id?: string }[] }>;
}

/**
 * The fields and entities that differ between two estates. Edits share structure (an untouched collection
 * or entity stays the same object), so the comparison is by identity and costs what the edit touched.
 */
export function estateChanges(before: Estate, after: Estate): EstateChanges {
  const changes: EstateChanges = { fields: new Set(), entities: new Set(), changed: new Map() };
  const old = before as unknown as Record<string, unknown>;
  const next = after as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    const was = old[key];
    const now = next[key];
    if (was === now) continue;
    changes.fields.add(key);
    if (!Array.isArray(was) || !Array.isArray(now)) continue;
    const wasSet = new Set<unknown>(was);
    const nowSet = new Set<unknown>(now);
    const gone = (was as { id?: string }[]).filter((item) => !nowSet.has(item));
    const added = (now as { id?: string }[]).filter((item) => !wasSet.has(item));
    for (const item of [...gone, ...added]) if (typeof item?.id === 'string') changes.entities.add(item.id);
    changes.changed.set(key, { before: gone, after: added });
  }
  return changes;
}

const PRINCIPAL_COLLECTIONS: readonly EntityCollection[] = ['users', 'groups', 'servicePrincipals', 'userAssignedIdentities', 'systemAssignedIdentities'];
const SCOPE_ROOTS: readonly EntityCollection[] = ['managementGroups', 'subscriptions', 'resourceGroups'];
// Every other collection whose entities are Azure resources a grant can be scoped to, derived from the model's
// list so that a collection added there is never missed here. Users, groups, service principals and system
// identities are directory objects, not scopes; user-assigned identities are both.
const NOT_SCOPES = new Set<EntityCollection>([...SCOPE_ROOTS, 'users', 'groups', 'servicePrincipals', 'systemAssignedIdentities']);
const SCOPE_COLLECTIONS = ENTITY_COLLECTIONS.filter((collection) => !NOT_SCOPES.has(collection));

/** Whether any scope entity came, went, or changed its ARM id or name (what scope references resolve by). */
function scopesMoved(changes: EstateChanges): boolean {
  if (SCOPE_ROOTS.some((field) => changes.fields.has(field))) return true;
  for (const field of SCOPE_COLLECTIONS) {
    const changed = changes.changed.get(field);
    if (!changed) continue;
    const shape = (items: { id?: string }[]) =>
      new Map(items.map((e) => [e.id, `${String((e as { armId?: unknown }).armId)}\u0001${String((e as { name?: unknown }).name)}`]));
    const before = shape(changed.before);
    const after = shape(changed.after);
    if (before.size !== after.size) return true;
    for (const [id, text] of before) if (after.get(id) !== text) return true;
  }
  return false;
}

/** What an edit dirtied in RBAC terms, found by comparing the contexts built before and after it. */
export interface RbacChanges {
  catalog: boolean;
  scopes: boolean;
  principalRefs: boolean;
  assignments: boolean;
  automatic: boolean;
  /** Every principal's decisions may differ. */
  allPrincipals: boolean;
  principals: Set<string>;
  /** Scopes (keys) at which a role assignment came or went. */
  scopeKeys: Set<string>;
  /**
   * The scope keys at which an `ag:`/`ah:`/`ap:`/`ak:` read can have changed: those of {@link scopeKeys}, and
   * where a principal that came, went or changed holds a role (its kind decides whether it is among `ak:` holders).
   */
  touchedKeys: readonly string[];
  denies: boolean;
  resolvesDifferently: (ref: string) => boolean;
  /** Whether an assignment that came or went at `key` has a role granting the action (an `ag:` read). */
  grantingChangedAt: (key: string, action: string, dataAction: boolean) => boolean;
  /** Whether an assignment that came or went at `key` is held by a member of a group (an `ah:` read). */
  groupMemberChangedAt: (key: string) => boolean;
  /** Whether an assignment of `principal` (as written) came or went at `key` (an `ap:` read). */
  holderChangedAt: (key: string, principal: string) => boolean;
  /** Whether another entity (by id) is at a scope (an `es:` read). */
  entityAtScopeChanged: (key: string) => boolean;
  /** Whether the estate's own assignments at a scope, in order, differ (an `ao:` read). */
  estateAssignmentsChangedAt: (key: string) => boolean;
  /** Whether a topology look-up by owner (computesOf...) gives other entities for `owner` (an `of:` read). */
  lookupChanged: (lookup: string, owner: string) => boolean;
  /** Whether the holders at `key` of some kinds differ (an `ak:` read), worked out once per read. */
  holdersOfKindsChangedAt: (key: string, kinds: readonly HolderKind[]) => boolean;
}

const assignmentKey = (a: RoleAssignment): string => JSON.stringify(a);

function assignmentDifference(before: readonly RoleAssignment[], after: readonly RoleAssignment[]): RoleAssignment[] {
  const count = new Map<string, number>();
  const kept = new Set<RoleAssignment>(before);
  const afterSet = new Set<RoleAssignment>(after);
  // Shared objects are the same assignment; only the others (an edit's, or rebuilt automatic grants) are compared by content.
  const looseBefore = before.filter((a) => !afterSet.has(a));
  const looseAfter = after.filter((a) => !kept.has(a));
  for (const a of looseBefore) count.set(assignmentKey(a), (count.get(assignmentKey(a)) ?? 0) + 1);
  const differ: RoleAssignment[] = [];
  for (const a of looseAfter) {
    const key = assignmentKey(a);
    const n = count.get(key) ?? 0;
    if (n > 0) count.set(key, n - 1);
    else differ.push(a);
  }
  for (const a of looseBefore) {
    const key = assignmentKey(a);
    const n = count.get(key) ?? 0;
    if (n > 0) {
      count.set(key, n - 1);
      differ.push(a);
    }
  }
  return differ;
}

/** Every principal in a group, transitively, in either estate. */
function membersOf(groups: readonly string[], estates: readonly Estate[]): Set<string> {
  const members = new Map<string, string[]>();
  for (const estate of estates)
    for (const group of estate.groups) {
      const list = members.get(group.id) ?? [];
      list.push(...group.members);
      members.set(group.id, list);
    }
  const seen = new Set<string>();
  const queue = [...groups];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    for (const member of members.get(next) ?? []) {
      if (seen.has(member)) continue;
      seen.add(member);
      queue.push(member);
    }
  }
  return seen;
}

/** The RBAC side of an edit: which principals' decisions, and which index look-ups, may have changed. */
export function rbacChanges(before: AnalysisContext, after: AnalysisContext, changes: EstateChanges): RbacChanges {
  const catalog = changes.fields.has('roleDefinitions');
  const scopes = scopesMoved(changes);
  const principalRefs = PRINCIPAL_COLLECTIONS.some((field) => changes.fields.has(field));
  const denies = changes.fields.has('denyAssignments');
  const automatic =
    JSON.stringify(before.automaticGrants) !== JSON.stringify(after.automaticGrants) ||
    JSON.stringify(before.withheldGrants) !== JSON.stringify(after.withheldGrants);
  const principals = new Set<string>();
  const scopeKeys = new Set<string>();
  const differAt = new Map<string, RoleAssignment[]>();
  // The index files assignments under the principal and scope as written; the resolved principal is noted too.
  const differ = assignmentDifference(before.rbac.assignments, after.rbac.assignments);
  for (const a of differ) {
    const key = scopeKey(a.scope);
    scopeKeys.add(key);
    differAt.set(key, [...(differAt.get(key) ?? []), a]);
    principals.add(a.principal);
    for (const index of [before.rbac, after.rbac]) {
      const resolved = index.resolvePrincipal(a.principal);
      if (resolved !== undefined) principals.add(resolved);
    }
  }
  for (const field of PRINCIPAL_COLLECTIONS) {
    const changed = changes.changed.get(field);
    for (const entity of [...(changed?.before ?? []), ...(changed?.after ?? [])])
      if (entity.id !== undefined) principals.add(entity.id);
  }
  // A group's decisions reach its members, and theirs, in both estates.
  for (const member of membersOf([...principals], [before.estate, after.estate])) principals.add(member);
  // An assignment is also what makes its scope (and everything below it) known: one at a scope nothing else
  // mentions changes the answer for every principal there.
  const knownScopesMoved = [...scopeKeys].some((key) => before.rbac.isKnownScope(key) !== after.rbac.isKnownScope(key));
  const allPrincipals = catalog || scopes || knownScopesMoved || denies;
  const holdersChanged = new Map<string, boolean>();
  const touchedKeys = new Set(scopeKeys);
  for (const field of PRINCIPAL_COLLECTIONS) {
    const changed = changes.changed.get(field);
    for (const entity of [...(changed?.before ?? []), ...(changed?.after ?? [])])
      for (const context of [before, after])
        for (const held of context.rbac.assignmentsOf(entity.id as EntityId))
          if (held.viaGroups.length === 0) touchedKeys.add(scopeKey(held.assignment.scope));
  }
  // Many parts ask how the same references resolve.
  const resolved = new Map<string, boolean>();
  return {
    catalog,
    scopes: scopes || knownScopesMoved,
    principalRefs,
    assignments: differ.length > 0 || allPrincipals,
    scopeKeys,
    denies,
    automatic,
    allPrincipals,
    principals,
    // A reference that is not an entity id (a name, an object id) may name someone else after the edit.
    touchedKeys: [...touchedKeys],
    resolvesDifferently: (ref) => {
      if (!principalRefs) return false;
      let differs = resolved.get(ref);
      if (differs === undefined) resolved.set(ref, (differs = before.rbac.resolvePrincipal(ref) !== after.rbac.resolvePrincipal(ref)));
      return differs;
    },
    // Either side's catalog: a change to the catalog dirties every assignment read anyway (allPrincipals).
    grantingChangedAt: (key, action, dataAction) =>
      differAt.get(key)?.some((a) => [before, after].some((c) => c.rbac.matchRole(a.role, action, dataAction).kind === 'granted')) ?? false,
    groupMemberChangedAt: (key) =>
      differAt.get(key)?.some((a) => [before, after].some((c) => c.rbac.groupsOf(a.principal).length > 0)) ?? false,
    holderChangedAt: (key, principal) => differAt.get(key)?.some((a) => a.principal === principal) ?? false,
    entityAtScopeChanged: (key) => before.rbac.entityAtScope(key as ScopeKey)?.id !== after.rbac.entityAtScope(key as ScopeKey)?.id,
    estateAssignmentsChangedAt: (key) => {
      if (!changes.fields.has('roleAssignments')) return false;
      const was = estateAssignmentsIn(before.estate, key as ScopeKey);
      const now = estateAssignmentsIn(after.estate, key as ScopeKey);
      return was.length !== now.length || was.some((a, i) => a !== now[i]);
    },
    lookupChanged: (lookup, owner) => {
      const collection = COLLECTION_OF_LOOKUP[lookup];
      if (collection === undefined) return true;
      if (!changes.fields.has(collection)) return false;
      const list = (context: AnalysisContext) => (context.topology[lookup as keyof Topology] as (id: string) => readonly unknown[])(owner);
      const was = list(before);
      const now = list(after);
      return was.length !== now.length || was.some((entity, i) => entity !== now[i]);
    },
    holdersOfKindsChangedAt: (key, kinds) => {
      // Neither the assignments there nor a principal holding a role there changed: the same holders.
      if (!touchedKeys.has(key)) return false;
      const token = `${kinds.join(',')}|${key}`;
      let changed = holdersChanged.get(token);
      if (changed === undefined) {
        const was = holdersOfKindsIn(before, key as ScopeKey, kinds);
        const now = holdersOfKindsIn(after, key as ScopeKey, kinds);
        changed = was.length !== now.length || was.some((id, i) => id !== now[i]);
        holdersChanged.set(token, changed);
      }
      return changed;
    },
  };
}

const RBAC_FLAGS: Record<string, (rbac: RbacChanges) => boolean> = {
  catalog: (rbac) => rbac.catalog,
  scopes: (rbac) => rbac.scopes,
  assignments: (rbac) => rbac.assignments,
  denies: (rbac) => rbac.denies || rbac.allPrincipals,
};

/** Whether a fine read of the assignments at one scope (../context/read-tracking.ts) is among what changed. */
const BAR = '|'.charCodeAt(0);

function assignmentReadChanged(kind: string, subject: string, rbac: RbacChanges): boolean {
  if (rbac.scopes || rbac.allPrincipals) return true;
  // Most reads are at scopes the edit did not touch: told apart without cutting the (long) token.
  if (!rbac.touchedKeys.some((key) => subject.endsWith(key) && (subject.length === key.length || subject.charCodeAt(subject.length - key.length - 1) === BAR)))
    return false;
  const bar = subject.lastIndexOf('|');
  const key = subject.slice(bar + 1);
  // ak:<kinds>|<key>: also changed by a holder there that came, went or changed kind without an assignment edit.
  if (kind === 'ak') return rbac.holdersOfKindsChangedAt(key, subject.slice(0, bar).split(',') as HolderKind[]);
  if (!rbac.scopeKeys.has(key)) return false;
  if (kind === 'ah') return rbac.groupMemberChangedAt(subject);
  if (kind === 'ap') return rbac.holderChangedAt(key, subject.slice(0, bar));
  // ag:<plane>|<action>|<key>
  return rbac.grantingChangedAt(key, subject.slice(2, bar), subject.startsWith('d'));
}

/** The paths the re-run path parts dropped or gave: their kinds, and what they lead to and from. */
export interface PathChanges {
  kinds: Set<string>;
  targets: Set<string>;
  actors: Set<string>;
  /** Ids of the assignments whose grants those paths carry (`kg:`). */
  grants: Set<string>;
}

/** No path changed (what the path parts themselves are checked against). */
export function noPathChanges(): PathChanges {
  return { kinds: new Set(), targets: new Set(), actors: new Set(), grants: new Set() };
}

/** Whether anything in `reads` is among what changed. */
export function readsChanged(reads: Reads, estate: EstateChanges, rbac: RbacChanges, paths: PathChanges): boolean {
  for (const token of reads) {
    const colon = token.indexOf(':');
    const kind = colon < 0 ? token : token.slice(0, colon);
    const subject = token.slice(colon + 1);
    switch (kind) {
      case 'c':
        if (estate.fields.has(subject)) return true;
        break;
      case 'e':
        if (estate.entities.has(subject)) return true;
        break;
      case 'p':
        if (rbac.allPrincipals || rbac.principals.has(subject) || rbac.resolvesDifferently(subject)) return true;
        break;
      case 'a':
        if (rbac.scopes || rbac.allPrincipals || rbac.scopeKeys.has(subject)) return true;
        break;
      case 'es':
        if (rbac.entityAtScopeChanged(subject)) return true;
        break;
      case 'ao':
        if (rbac.estateAssignmentsChangedAt(subject)) return true;
        break;
      case 'of': {
        const bar = subject.indexOf('|');
        if (rbac.lookupChanged(subject.slice(0, bar), subject.slice(bar + 1))) return true;
        break;
      }
      case 'ag':
      case 'ah':
      case 'ap':
      case 'ak':
        if (assignmentReadChanged(kind, subject, rbac)) return true;
        break;
      case 'rbac':
        if (RBAC_FLAGS[subject]?.(rbac) ?? true) return true;
        break;
      case 'auto':
        if (rbac.automatic) return true;
        break;
      case 'k':
        if (subject === '*' ? paths.kinds.size > 0 : paths.kinds.has(subject)) return true;
        break;
      case 'kt':
        if (paths.targets.has(subject)) return true;
        break;
      case 'kf':
        if (paths.actors.has(subject)) return true;
        break;
      case 'kg':
        if (paths.grants.has(subject)) return true;
        break;
      default:
        return true;
    }
  }
  return false;
}
