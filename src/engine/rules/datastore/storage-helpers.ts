import { systemIdentityId, type EntityId, type ScopeKey } from '../../model/ids';
import type { EntityKind, Job, Workspace } from '../../model/types';
import type { RunUnit } from '../../paths/resolve-jobs';
import type { AccessPath } from '../../paths/types';
import type { FindingDraft, RuleContext } from '../types';
import {
  grantingAssignmentsToken,
  groupMemberHoldersToken,
  holderToken,
  readTracker,
  type ReadTracker,
} from '../../context/read-tracking';

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

/**
 * The principals of {@link principalsWithRolesAt} that hold, themselves or through a group, an assignment on the
 * scope's chain whose role grants `action`: exactly those for which `mayGrant` is true, in no particular order.
 * Worked out per scope of the chain from the top down and kept for the scopes above the resource, so that the
 * resources under one resource group share their ancestors' answer instead of asking each of a subscription's
 * thousands of role holders about each resource.
 *
 * In a tracked run it reads the raw context and notes only what the answer depends on (see
 * {@link noteGrantingReads}), so that an edit to a role holder whose roles cannot grant the action keeps the rule.
 */
export function principalsWithRoleGranting(
  context: RuleContext,
  scope: string,
  action: string,
  kinds: readonly EntityKind[],
  dataAction = false,
): readonly EntityId[] {
  const tracker = readTracker(context);
  const raw = tracker?.raw ?? context;
  const chain = grantingChain(context, scope);
  const candidates = grantingCandidates(raw, chain, action, dataAction);
  if (tracker) noteGrantingReads(tracker, chain, action, dataAction, candidates);
  return candidates.filter((principal) => ofKind(raw, principal, kinds));
}

/**
 * {@link principalsWithRoleGranting} in the order {@link principalsWithRolesAt} lists them (the scope's own role
 * holders first, then each ancestor's new ones, each scope's in the order it files them), for rules whose
 * message names them in that order. The chain is walked until every one has been placed.
 */
export function principalsWithRoleGrantingInOrder(
  context: RuleContext,
  scope: string,
  action: string,
  kinds: readonly EntityKind[],
  dataAction = false,
): EntityId[] {
  return inHolderOrder(context, scope, principalsWithRoleGranting(context, scope, action, kinds, dataAction));
}

/**
 * Some of the role holders on `scope`'s chain, in the order {@link principalsWithRolesAt} lists them. In a tracked
 * run, where each comes depends only on its own assignments, which {@link principalsWithRoleGranting} noted.
 */
export function inHolderOrder(context: RuleContext, scope: string, principals: Iterable<EntityId>): EntityId[] {
  const { rbac } = readTracker(context)?.raw ?? context;
  // Each is taken out of `unplaced` once placed: a principal holding roles at two scopes of the chain is placed
  // at the nearer, as principalsWithRolesAt does.
  const unplaced = new Set(principals);
  const ordered: EntityId[] = [];
  for (const key of grantingChain(context, scope)) {
    if (unplaced.size === 0) break;
    for (const principal of rbac.assignmentsByPrincipalAt(key)?.keys() ?? []) {
      if (unplaced.delete(principal)) ordered.push(principal);
    }
  }
  return ordered;
}

/** The scope, then its ancestors, read through the (tracked) context: how scopes nest is read as a whole. */
function grantingChain(context: RuleContext, scope: string): readonly ScopeKey[] {
  return context.rbac.ancestors(scope);
}

/**
 * What the granting holders of a chain depend on, for incremental analysis: at each scope, the assignments whose
 * role grants the action and those held by group members (who may be granted it through their group); the group
 * memberships; and, for each candidate, its kind and which scopes of the chain it holds roles at (its place in
 * the order). A change to another holder's assignments that grant nothing here cannot change the answer.
 */
function noteGrantingReads(
  tracker: ReadTracker<RuleContext>,
  chain: readonly ScopeKey[],
  action: string,
  dataAction: boolean,
  candidates: readonly EntityId[],
): void {
  tracker.note('c:groups');
  for (const key of chain) {
    tracker.note(grantingAssignmentsToken(key, action, dataAction));
    tracker.note(groupMemberHoldersToken(key));
  }
  for (const principal of candidates) {
    tracker.note(`e:${principal}`);
    for (const key of chain) tracker.note(holderToken(key, principal));
  }
}

function ofKind(context: RuleContext, principal: EntityId, kinds: readonly EntityKind[]): boolean {
  const entity = context.topology.get(principal);
  return entity !== undefined && kinds.includes(entity.kind);
}

/** Role holders on the chain who hold `action` there, themselves or through a group, of any kind, in a fixed order. */
function grantingCandidates(context: RuleContext, chain: readonly ScopeKey[], action: string, dataAction: boolean): readonly EntityId[] {
  if (chain.length === 0) return [];
  const question: GrantingQuestion = { context, chain, cache: grantingCache(context, action, dataAction), action, dataAction };
  const above = chain.length > 1 ? grantingBelow(question, 1) : EMPTY;
  const found = [...above];
  for (const principal of newlyGranting(question, 0, above)) found.push(principal);
  return found;
}

interface GrantingQuestion {
  context: RuleContext;
  /** The scope asked about, then its ancestors. */
  chain: readonly ScopeKey[];
  action: string;
  dataAction: boolean;
  cache: GrantingCache;
}

interface GrantingCache {
  /** Principals holding a granting assignment made exactly at a scope. */
  grantingAt: Map<ScopeKey, ReadonlySet<EntityId>>;
  /** The answer for the chain starting at a scope (kept for the scopes above resources). */
  below: Map<ScopeKey, ReadonlySet<EntityId>>;
}

const EMPTY: ReadonlySet<EntityId> = new Set();

/** The answer for `chain.slice(at)`, kept per scope. */
function grantingBelow(question: GrantingQuestion, at: number): ReadonlySet<EntityId> {
  const key = question.chain[at] as ScopeKey;
  let found = question.cache.below.get(key);
  if (found === undefined) {
    const above = at + 1 < question.chain.length ? grantingBelow(question, at + 1) : EMPTY;
    const extra = newlyGranting(question, at, above);
    found = extra.size === 0 ? above : new Set([...above, ...extra]);
    question.cache.below.set(key, found);
  }
  return found;
}

/**
 * What the scope `chain[at]` adds to the answer `above` of the chain above it: its own role holders whose roles
 * there or above grant the action (themselves or through a group), and the holders of a role above it who are
 * members of a group granted the action there.
 */
function newlyGranting(question: GrantingQuestion, at: number, above: ReadonlySet<EntityId>): Set<EntityId> {
  const { context, chain } = question;
  const { rbac } = context;
  const key = chain[at] as ScopeKey;
  // The granting holders of each scope from here up, looked up once rather than once per role holder here; a
  // chain where nobody holds a granting assignment makes nobody here granting (but group members, below).
  const sets: ReadonlySet<EntityId>[] = [];
  for (let i = at; i < chain.length; i++) {
    const holders = grantingAt(question, chain[i] as ScopeKey);
    if (holders.size > 0) sets.push(holders);
  }
  const granting = (principal: EntityId) => {
    for (const holders of sets) if (holders.has(principal)) return true;
    return false;
  };
  const extra = new Set<EntityId>();
  if (sets.length > 0) {
    for (const principal of rbac.assignmentsByPrincipalAt(key)?.keys() ?? []) {
      if (above.has(principal)) continue;
      if (granting(principal) || rbac.groupsOf(principal).some((m) => granting(m.group))) extra.add(principal);
    }
  }
  const here = grantingAt(question, key);
  if (here.size > 0) {
    // Members of a group granted the action here, nested groups included, who hold some role above.
    const members = membersByGroup(context);
    const seen = new Set<EntityId>(here);
    const queue = [...here];
    const holdsAbove = (principal: EntityId) => chain.slice(at + 1).some((k) => rbac.assignmentsByPrincipalAt(k)?.has(principal) === true);
    while (queue.length > 0) {
      for (const member of members.get(queue.pop() as EntityId) ?? []) {
        if (seen.has(member)) continue;
        seen.add(member);
        queue.push(member);
        if (!above.has(member) && holdsAbove(member)) extra.add(member);
      }
    }
  }
  return extra;
}

/** Principals holding an assignment made exactly at `key` whose role grants the action. */
function grantingAt(question: GrantingQuestion, key: ScopeKey): ReadonlySet<EntityId> {
  let holders = question.cache.grantingAt.get(key);
  if (holders === undefined) {
    const { rbac } = question.context;
    const found = new Set<EntityId>();
    for (const [principal, list] of rbac.assignmentsByPrincipalAt(key) ?? []) {
      if (list.some((a) => rbac.matchRole(a.role, question.action, question.dataAction).kind === 'granted')) found.add(principal);
    }
    question.cache.grantingAt.set(key, (holders = found));
  }
  return holders;
}

// Per index (one analysis: the raw one even in a tracked run, which notes its reads itself), action and plane.
const grantingCaches = new WeakMap<object, Map<string, GrantingCache>>();

function grantingCache(context: RuleContext, action: string, dataAction: boolean): GrantingCache {
  let byQuestion = grantingCaches.get(context.rbac);
  if (byQuestion === undefined) grantingCaches.set(context.rbac, (byQuestion = new Map()));
  const key = `${dataAction ? 'd' : 'c'}:${action}`;
  let cache = byQuestion.get(key);
  if (cache === undefined) byQuestion.set(key, (cache = { grantingAt: new Map(), below: new Map() }));
  return cache;
}

// Direct members of each group, per index.
const groupMembers = new WeakMap<object, Map<EntityId, readonly EntityId[]>>();

function membersByGroup(context: RuleContext): Map<EntityId, readonly EntityId[]> {
  let members = groupMembers.get(context.rbac);
  if (members === undefined) groupMembers.set(context.rbac, (members = new Map(context.estate.groups.map((g) => [g.id, g.members]))));
  return members;
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
