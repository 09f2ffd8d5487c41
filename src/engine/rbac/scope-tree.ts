import { scopeKey, type EntityId, type ScopeKey } from '../model/ids';
import type { Estate } from '../model/types';
import { scopeCollections } from './estate-collections';

// The explicit scope tree. Inside a subscription the parent of a scope can be read off its ARM id, but the
// management-group part of the tree is data: a subscription's id says nothing about which management group
// holds it, so those parents come from the estate.

/** The tenant root scope. */
export const ROOT_SCOPE = '/' as ScopeKey;

/** Parent links and ancestor chains for every scope, including scopes the estate does not list. */
export interface ScopeTree {
  /** The parent scope, or undefined for the tenant root. */
  parentOf(scope: string): ScopeKey | undefined;
  /** The scope itself, then each ancestor up to and including `/`. */
  ancestors(scope: string): readonly ScopeKey[];
  /** True for `/` and for scopes that are, or sit below, a scope the estate mentions. */
  isKnown(scope: string): boolean;
  /** Scopes the estate mentions (entity ARM ids, assignment and deny scopes), as keys. */
  readonly seen: ReadonlySet<ScopeKey>;
}

/** Extra scopes to treat as mentioned by the estate (for example the scopes of automatic assignments). */
export interface ScopeTreeOptions {
  extraScopes?: Iterable<string>;
  /**
   * The tree of an earlier version of the estate (a what-if edit's). Its ancestor chains are reused when the
   * management groups and subscriptions, the only data chains depend on, are the same arrays.
   */
  previous?: ScopeTree;
}

// What a tree's chains were computed from, kept beside the tree so that the next edit's tree can share them.
interface ChainSource {
  readonly managementGroups: Estate['managementGroups'];
  readonly subscriptions: Estate['subscriptions'];
  readonly chains: Map<ScopeKey, readonly ScopeKey[]>;
}
const chainSources = new WeakMap<ScopeTree, ChainSource>();

// Every index build keys thousands of assignment scopes and ARM ids, mostly the very strings the build
// before it keyed (an edit shares the untouched objects): memoised by the string, bounded.
const KEY_MEMO_LIMIT = 200_000;
const keyMemo = new Map<string, ScopeKey>();

/** {@link scopeKey}, memoised by the id as given (a build of the index keys the same ids again and again). */
export function cachedScopeKey(armId: string): ScopeKey {
  let key = keyMemo.get(armId);
  if (key === undefined) {
    key = scopeKey(armId);
    if (keyMemo.size >= KEY_MEMO_LIMIT) keyMemo.clear();
    keyMemo.set(armId, key);
  }
  return key;
}

const OTHER_CHAIN_LIMIT = 100_000;

const MG_PREFIX = ['providers', 'microsoft.management', 'managementgroups'] as const;

/**
 * The segment counts at which a scope ends along `segments` (the scope's ARM id split on `/`), excluding
 * zero. For `/subscriptions/s/resourceGroups/rg/providers/NS/t/n/ct/cn` these are 2, 4, 8 and 10.
 * Unparseable tails count one level per segment, so odd input still gets a finite chain.
 */
export function scopeCuts(segments: readonly string[]): number[] {
  const cuts: number[] = [];
  const len = segments.length;
  let i = 0;
  if (segments[0] === 'subscriptions' && len >= 2) {
    i = 2;
    cuts.push(i);
    if (segments[2] === 'resourcegroups' && len >= 4) {
      i = 4;
      cuts.push(i);
    }
  } else if (isManagementGroupSegments(segments)) {
    i = 4;
    cuts.push(i);
  }
  while (i < len) {
    if (segments[i] === 'providers' && i + 3 < len) {
      // providers/<namespace>/<type>/<name> opens a resource (or an extension resource on the scope so far).
      i += 4;
      cuts.push(i);
      while (i + 1 < len && segments[i] !== 'providers') {
        i += 2;
        cuts.push(i);
      }
    } else {
      i += 1;
      cuts.push(i);
    }
  }
  return cuts;
}

function isManagementGroupSegments(segments: readonly string[]): boolean {
  return segments.length >= 4 && MG_PREFIX.every((part, k) => segments[k] === part);
}

function segmentsOf(key: ScopeKey): string[] {
  return key === ROOT_SCOPE ? [] : key.replace(/^\//, '').split('/');
}

/** What kind of top-level scope a key is, for the parents that must come from estate data. */
function topLevelKind(segments: readonly string[]): 'managementGroup' | 'subscription' | undefined {
  if (segments.length === 4 && isManagementGroupSegments(segments)) return 'managementGroup';
  if (segments.length === 2 && segments[0] === 'subscriptions') return 'subscription';
  return undefined;
}

/**
 * Builds the scope tree of an estate. Chains for every scope the estate mentions are computed up front;
 * other scopes (a blob container, a scope typed into the inspector) are computed on first use and kept.
 */
export function createScopeTree(estate: Estate, options: ScopeTreeOptions = {}): ScopeTree {
  const mgScopeById = new Map<EntityId, ScopeKey>();
  for (const mg of estate.managementGroups) mgScopeById.set(mg.id, scopeKey(mg.armId));
  // A reference to a management group the estate does not list is still usable when it is an ARM id.
  const mgScope = (ref: EntityId | undefined): ScopeKey | undefined => {
    if (ref === undefined) return undefined;
    const known = mgScopeById.get(ref);
    if (known !== undefined) return known;
    return ref.startsWith('/') ? scopeKey(ref) : undefined;
  };

  const dataParent = new Map<ScopeKey, ScopeKey>();
  for (const mg of estate.managementGroups)
    dataParent.set(scopeKey(mg.armId), mgScope(mg.parent) ?? ROOT_SCOPE);
  for (const sub of estate.subscriptions)
    dataParent.set(scopeKey(sub.armId), mgScope(sub.managementGroup) ?? ROOT_SCOPE);

  const parentOfKey = (key: ScopeKey): ScopeKey | undefined => {
    if (key === ROOT_SCOPE) return undefined;
    if (!key.startsWith('/')) return ROOT_SCOPE;
    const segments = segmentsOf(key);
    if (topLevelKind(segments) !== undefined) return dataParent.get(key) ?? ROOT_SCOPE;
    const cuts = scopeCuts(segments);
    // The parent ends at the last cut short of the whole id.
    let parentCut = 0;
    for (const cut of cuts) if (cut < segments.length) parentCut = cut;
    return parentCut === 0 ? ROOT_SCOPE : (`/${segments.slice(0, parentCut).join('/')}` as ScopeKey);
  };

  // Chains depend only on the management groups and subscriptions (dataParent) and on ARM ids themselves.
  const earlier = options.previous && chainSources.get(options.previous);
  const reuseChains = earlier !== undefined && earlier.managementGroups === estate.managementGroups && earlier.subscriptions === estate.subscriptions;
  const chains = reuseChains ? earlier.chains : new Map<ScopeKey, readonly ScopeKey[]>();
  const otherChains = new Map<ScopeKey, readonly ScopeKey[]>();
  let precomputing = true;
  const chainOf = (key: ScopeKey): readonly ScopeKey[] => {
    const cached = chains.get(key) ?? otherChains.get(key);
    if (cached !== undefined) return cached;
    const chain: ScopeKey[] = [];
    const onChain = new Set<ScopeKey>();
    let current: ScopeKey | undefined = key;
    while (current !== undefined) {
      const memo = chains.get(current) ?? otherChains.get(current);
      if (memo !== undefined && current !== key) {
        // Reuse the ancestor's chain, minus anything already on ours (only malformed, cyclic data repeats).
        for (const k of memo) if (!onChain.has(k)) chain.push(k);
        break;
      }
      if (onChain.has(current)) {
        // A management-group cycle in the input: cut it and finish at the root.
        if (!onChain.has(ROOT_SCOPE)) chain.push(ROOT_SCOPE);
        break;
      }
      onChain.add(current);
      chain.push(current);
      current = parentOfKey(current);
    }
    const frozen = Object.freeze(chain);
    // Chains of scopes the estate never mentions are memoised in a separate, bounded map, so that a long
    // session asking about ever new child scopes cannot grow memory without end.
    if (precomputing || seen.has(key)) {
      chains.set(key, frozen);
    } else {
      if (otherChains.size >= OTHER_CHAIN_LIMIT) otherChains.clear();
      otherChains.set(key, frozen);
    }
    return frozen;
  };

  const seen = new Set<ScopeKey>();
  const mention = (armId: string): void => {
    seen.add(cachedScopeKey(armId));
  };
  for (const collection of scopeCollections(estate)) {
    for (const entity of collection) mention(entity.armId);
  }
  for (const a of estate.roleAssignments) mention(a.scope);
  for (const d of estate.denyAssignments) mention(d.scope);
  for (const s of options.extraScopes ?? []) mention(s);
  // Ancestors of mentioned scopes (a resource group above an assignment's resource) are kept too.
  for (const key of seen) chainOf(key);
  precomputing = false;

  const knownMemo = new Map<ScopeKey, boolean>();
  const isKnownKey = (key: ScopeKey): boolean => {
    if (key === ROOT_SCOPE) return true;
    let known = knownMemo.get(key);
    if (known === undefined) {
      known = chainOf(key).some((k) => k !== ROOT_SCOPE && seen.has(k));
      knownMemo.set(key, known);
    }
    return known;
  };

  const tree: ScopeTree = {
    parentOf: (scope) => parentOfKey(scopeKey(scope)),
    ancestors: (scope) => chainOf(scopeKey(scope)),
    isKnown: (scope) => isKnownKey(scopeKey(scope)),
    seen,
  };
  chainSources.set(tree, { managementGroups: estate.managementGroups, subscriptions: estate.subscriptions, chains });
  return tree;
}
