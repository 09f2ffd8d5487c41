import type { RoleDefinition } from '../model/types';
import { BUILT_IN_ROLES } from './builtin-roles';
import { OPERATION_ROWS } from './generated/operations.data';
import { ROLE_BREADTH_ROWS } from './generated/role-breadth.data';
import { compilePattern, compiledPattern, firstMatch, type CompiledPattern } from './wildcard';

// The action catalog: the provider operations of the resource providers an Azure ML estate touches,
// generated from `az provider operation show` output by scripts/update-role-catalog.ts. It answers three
// questions: which real actions match a search (a picker), which real action a typo meant, and which
// built-in roles grant an action, least first. Like the role catalog it is large: only lazily loaded
// chunks of the app may import it.

/** One operation a resource provider publishes. */
export interface ProviderOperation {
  /** The operation string, as the provider spells it (for example `Microsoft.Storage/storageAccounts/read`). */
  name: string;
  displayName: string;
  description: string;
  /** True for a data action (granted only by DataActions). */
  dataAction: boolean;
}

/** Every operation of the catalog, sorted by name; a name may appear twice, once per plane. */
export const PROVIDER_OPERATIONS: readonly ProviderOperation[] = Object.freeze(
  OPERATION_ROWS.map(([name, displayName, description, data]) => ({ name, displayName, description, dataAction: data === 1 })),
);

const providerOf = (actionOrPattern: string): string => actionOrPattern.slice(0, actionOrPattern.indexOf('/') >>> 0).toLowerCase();

// Built once, on first use: every call below needs one of these and a picker calls them per keystroke.
interface Indexes {
  byName: Map<string, ProviderOperation[]>;
  byProvider: Map<string, ProviderOperation[]>;
  /** Lower-cased name, display name and description per operation, for searching. */
  haystacks: Map<ProviderOperation, { name: string; text: string }>;
  /** Each operation's index in {@link PROVIDER_OPERATIONS}, its bit in breadth computations. */
  position: Map<ProviderOperation, number>;
}
let indexes: Indexes | undefined;

function getIndexes(): Indexes {
  if (indexes !== undefined) return indexes;
  const byName = new Map<string, ProviderOperation[]>();
  const byProvider = new Map<string, ProviderOperation[]>();
  const haystacks = new Map<ProviderOperation, { name: string; text: string }>();
  const position = new Map<ProviderOperation, number>();
  for (const op of PROVIDER_OPERATIONS) {
    position.set(op, position.size);
    const key = op.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), op]);
    const provider = providerOf(op.name);
    const list = byProvider.get(provider);
    if (list) list.push(op);
    else byProvider.set(provider, [op]);
    haystacks.set(op, { name: key, text: `${key} ${op.displayName.toLowerCase()} ${op.description.toLowerCase()}` });
  }
  indexes = { byName, byProvider, haystacks, position };
  return indexes;
}

/** The catalog's operations named `action` (any casing), in the given plane when `dataAction` is set. */
export function findOperations(action: string, dataAction?: boolean): ProviderOperation[] {
  const found = getIndexes().byName.get(action.trim().toLowerCase()) ?? [];
  return dataAction === undefined ? found : found.filter((op) => op.dataAction === dataAction);
}

/** True when the catalog covers the provider namespace of `action` (so that its silence about an action means something). */
export function coversProvider(action: string): boolean {
  return getIndexes().byProvider.has(providerOf(action.trim()));
}

/** The provider namespaces the action catalog holds, sorted. */
export function catalogProviders(): string[] {
  // Some operations spell their namespace in lower case (`microsoft.network/...`): one entry per provider.
  const spellings = new Map<string, string>();
  for (const op of PROVIDER_OPERATIONS) {
    const namespace = op.name.slice(0, op.name.indexOf('/'));
    const key = namespace.toLowerCase();
    const known = spellings.get(key);
    if (known === undefined || namespace < known) spellings.set(key, namespace);
  }
  return [...spellings.values()].sort();
}

/**
 * Searches the catalog for a picker: every word of `query` must occur in the operation's name, display name
 * or description. Ranked by where the words hit (an exact name, then a name that starts with the query,
 * then names containing every word, then descriptions), then by name. An empty query returns nothing.
 */
export function searchActions(query: string, options: { limit?: number; dataAction?: boolean } = {}): ProviderOperation[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [];
  const whole = words.join(' ');
  const scored: { op: ProviderOperation; score: number }[] = [];
  for (const [op, hay] of getIndexes().haystacks) {
    if (options.dataAction !== undefined && op.dataAction !== options.dataAction) continue;
    if (!words.every((w) => hay.text.includes(w))) continue;
    const score =
      hay.name === whole ? 0 : hay.name.startsWith(whole) ? 1 : words.every((w) => hay.name.includes(w)) ? 2 : 3;
    scored.push({ op, score });
  }
  scored.sort((a, b) => a.score - b.score || a.op.name.localeCompare(b.op.name) || Number(a.op.dataAction) - Number(b.op.dataAction));
  return scored.slice(0, options.limit ?? 50).map((entry) => entry.op);
}

// Edit distance with a ceiling: rows stop early once every cell exceeds it, so a typo search over thousands
// of names costs little more than the names that are close.
function boundedDistance(a: string, b: string, ceiling: number): number {
  if (Math.abs(a.length - b.length) > ceiling) return ceiling + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > ceiling) return ceiling + 1;
    previous = current;
  }
  return previous[b.length] ?? ceiling + 1;
}

/**
 * The real actions closest to `text`, for "did you mean": none when `text` is itself in the catalog or its
 * provider is one the catalog does not hold (then no suggestion would be honest). Case is ignored; at most
 * `limit` names within an edit distance of a third of the text's length, closest first.
 */
export function nearestActions(text: string, options: { limit?: number; dataAction?: boolean } = {}): ProviderOperation[] {
  const wanted = text.trim().toLowerCase();
  if (wanted === '' || findOperations(wanted).length > 0) return [];
  const ceiling = Math.max(2, Math.floor(wanted.length / 3));
  // A typo in the provider itself ("Microsoft.Storge") still deserves an answer, so the search falls back to
  // every provider when the named one is not in the catalog but a near spelling of it is.
  const provider = providerOf(wanted);
  const { byProvider } = getIndexes();
  const nearProvider = [...byProvider.keys()].some((p) => boundedDistance(p, provider, 2) <= 2);
  if (!nearProvider) return [];
  const pool = byProvider.get(provider) ?? PROVIDER_OPERATIONS;
  const scored: { op: ProviderOperation; distance: number }[] = [];
  for (const op of pool) {
    if (options.dataAction !== undefined && op.dataAction !== options.dataAction) continue;
    const distance = boundedDistance(wanted, op.name.toLowerCase(), ceiling);
    if (distance <= ceiling) scored.push({ op, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.op.name.localeCompare(b.op.name));
  const seen = new Set<string>();
  const result: ProviderOperation[] = [];
  for (const { op } of scored) {
    if (seen.has(op.name.toLowerCase())) continue;
    seen.add(op.name.toLowerCase());
    result.push(op);
    if (result.length >= (options.limit ?? 3)) break;
  }
  return result;
}

/** What the action catalog says about an action that is not one of its operations in the plane asked about. */
export interface ActionNameCheck {
  known: false;
  /** The action exists, but in the other plane (a data action asked as an action, or the reverse). */
  otherPlane: boolean;
  /** The nearest real actions, closest first (empty when none is close). */
  suggestions: string[];
  /** One sentence for a person, starting with "Note:". */
  note: string;
}

/**
 * Checks an action name against the catalog before a question is answered with it. Undefined for an action
 * the catalog holds in that plane, and for a provider the catalog does not cover (its silence about a
 * provider it never read proves nothing); otherwise the other plane, or the nearest real actions.
 */
export function checkActionName(action: string, dataAction: boolean): ActionNameCheck | undefined {
  const name = action.trim();
  if (findOperations(name, dataAction).length > 0) return undefined;
  if (findOperations(name, !dataAction).length > 0) {
    const [is, isNot] = dataAction ? ['a control-plane action', 'a data action'] : ['a data action', 'a control-plane action'];
    const ask = dataAction ? 'in the control plane (--action)' : 'in the data plane (--data-action)';
    return { known: false, otherPlane: true, suggestions: [], note: `Note: "${name}" is ${is}, not ${isNot}; ask about it ${ask}.` };
  }
  const suggestions = nearestActions(name, { dataAction }).map((op) => op.name);
  if (suggestions.length > 0) {
    const list = suggestions.map((s) => `"${s}"`).join(' or ');
    return { known: false, otherPlane: false, suggestions, note: `Note: "${name}" is not an operation Azure publishes; did you mean ${list}?` };
  }
  if (!coversProvider(name)) return undefined;
  const provider = name.split('/')[0] ?? name;
  return { known: false, otherPlane: false, suggestions, note: `Note: "${name}" is not an operation Azure publishes for ${provider}, and no real one is close to it.` };
}

interface CompiledBlock {
  actions: CompiledPattern[];
  notActions: CompiledPattern[];
  dataActions: CompiledPattern[];
  notDataActions: CompiledPattern[];
  condition?: string;
}

const compiledBlocks = new WeakMap<RoleDefinition, CompiledBlock[]>();

// Compiled once per role object: the pattern cache of wildcard.ts is bounded below the number of distinct
// patterns of all built-in roles, so relying on it alone would recompile on every question.
function compileBlocks(role: RoleDefinition): CompiledBlock[] {
  const known = compiledBlocks.get(role);
  if (known !== undefined) return known;
  const compile = (list: readonly string[]) => list.map((p) => compiledPattern(p));
  const blocks = role.permissions.map((p) => {
    const block: CompiledBlock = {
      actions: compile(p.actions),
      notActions: compile(p.notActions),
      dataActions: compile(p.dataActions),
      notDataActions: compile(p.notDataActions),
    };
    const condition = (p as { condition?: unknown }).condition;
    if (typeof condition === 'string') block.condition = condition;
    return block;
  });
  compiledBlocks.set(role, blocks);
  return blocks;
}

/** How one block treats an action: as the engine's evaluator does, NotActions only take back the same block's Actions. */
function blockGrants(block: CompiledBlock, action: string, dataAction: boolean): string | undefined {
  const pattern = firstMatch(dataAction ? block.dataActions : block.actions, action);
  if (pattern === undefined) return undefined;
  return firstMatch(dataAction ? block.notDataActions : block.notActions, action) === undefined ? pattern : undefined;
}

// Breadth per role: the number of catalog operations it grants, computed on bit sets over the catalog (one
// bit per operation). The operations a pattern matches are worked out once per distinct pattern and plane;
// patterns repeat across roles (`*/read`, `Microsoft.Support/*`), and only a pattern whose provider segment
// holds a star looks beyond its own provider's operations.
const WORD = 32;
const matchMemo = new Map<string, Uint32Array>();

function emptyBits(): Uint32Array {
  return new Uint32Array(Math.ceil(PROVIDER_OPERATIONS.length / WORD));
}

const NO_BITS = new Uint32Array(0);

function operationsMatched(source: string, dataAction: boolean): Uint32Array {
  const provider = providerOf(source);
  const wide = provider.includes('*') || !source.includes('/');
  // Most patterns of most roles name a provider outside the catalog: they match nothing here.
  if (!wide && !getIndexes().byProvider.has(provider)) return NO_BITS;
  const key = `${dataAction ? 'd' : 'c'}|${source.toLowerCase()}`;
  const known = matchMemo.get(key);
  if (known !== undefined) return known;
  const bits = emptyBits();
  const pool = wide ? PROVIDER_OPERATIONS : (getIndexes().byProvider.get(provider) ?? []);
  const { position } = getIndexes();
  const pattern = compilePattern(source);
  for (const op of pool) {
    if (op.dataAction !== dataAction || !pattern.matches(op.name)) continue;
    const at = position.get(op) ?? 0;
    bits[at >>> 5] = (bits[at >>> 5] ?? 0) | (1 << (at & 31));
  }
  matchMemo.set(key, bits);
  return bits;
}

function union(patterns: readonly string[], dataAction: boolean): Uint32Array {
  const bits = emptyBits();
  for (const pattern of patterns) {
    const matched = operationsMatched(pattern, dataAction);
    for (let i = 0; i < matched.length; i++) bits[i] = (bits[i] ?? 0) | (matched[i] ?? 0);
  }
  return bits;
}

function countGranted(role: RoleDefinition): number {
  const granted = emptyBits();
  for (const block of role.permissions)
    for (const dataAction of [false, true]) {
      const given = union(dataAction ? block.dataActions : block.actions, dataAction);
      const taken = union(dataAction ? block.notDataActions : block.notActions, dataAction);
      for (let i = 0; i < granted.length; i++) granted[i] = (granted[i] ?? 0) | ((given[i] ?? 0) & ~(taken[i] ?? 0));
    }
  let count = 0;
  for (let word of granted)
    for (; word !== 0; word &= word - 1) count += 1;
  return count;
}

const breadthCache = new WeakMap<RoleDefinition, number>();

/**
 * How many operations of the action catalog a role grants, counted over the catalog every time: what the
 * generator writes for each built-in role (scripts/update-role-catalog.ts). Use {@link roleBreadth}.
 */
export function countRoleBreadth(role: RoleDefinition): number {
  return countGranted(role);
}

// Counting all 928 built-in roles costs about 300 ms, which the first least-privilege check or "roles that grant
// this" in a process paid: the generator counts them once, and the count is read for the catalog's own role objects.
let generatedBreadth: Map<RoleDefinition, number> | undefined;
function generatedBreadthOf(role: RoleDefinition): number | undefined {
  if (generatedBreadth === undefined) {
    const byGuid = new Map(ROLE_BREADTH_ROWS);
    generatedBreadth = new Map();
    for (const builtIn of BUILT_IN_ROLES) {
      const breadth = byGuid.get(builtIn.id);
      if (breadth !== undefined) generatedBreadth.set(builtIn, breadth);
    }
  }
  return generatedBreadth.get(role);
}

/**
 * How many operations of the action catalog a role grants (Actions less NotActions, DataActions less
 * NotDataActions, per block). A wildcard counts every operation it matches, so Owner's and Contributor's
 * `*` are the widest. Operations of providers outside the catalog are not counted. A built-in role object of
 * the catalog reads the count generated with it; any other role (a custom one, or a copy) is counted.
 */
export function roleBreadth(role: RoleDefinition): number {
  let breadth = breadthCache.get(role);
  if (breadth === undefined) {
    breadth = generatedBreadthOf(role) ?? countGranted(role);
    breadthCache.set(role, breadth);
  }
  return breadth;
}

/** A role that grants an action, with the pattern that grants it and how wide the role is. */
export interface GrantingRole {
  role: RoleDefinition;
  /** The Actions or DataActions pattern that covers the action. */
  matchedPattern: string;
  /** Operations of the action catalog the role grants ({@link roleBreadth}). */
  breadth: number;
  /** Set when the granting block carries an ABAC condition: it grants only where the condition holds. */
  condition?: string;
}

const grantingMemo = new Map<string, GrantingRole[]>();

/**
 * The roles that grant `action` in its plane, least first: fewest catalog operations granted
 * ({@link roleBreadth}), then unconditioned before conditioned, then by name. `roles` defaults to every
 * built-in role; pass the estate's custom roles too to rank them alongside.
 */
export function rolesGrantingAction(
  action: string,
  dataAction: boolean,
  roles: readonly RoleDefinition[] = BUILT_IN_ROLES,
): GrantingRole[] {
  const wanted = action.trim();
  // Every check of the least-privilege rule asks the same few actions of all 928 built-in roles: ranked once
  // per action and plane. A copy goes out, so a caller that sorts or trims its answer cannot change the next one.
  const memoKey = roles === BUILT_IN_ROLES ? `${dataAction ? 'd' : 'c'}|${wanted}` : undefined;
  const known = memoKey === undefined ? undefined : grantingMemo.get(memoKey);
  if (known !== undefined) return known.slice();
  const found: GrantingRole[] = [];
  for (const role of roles) {
    let plain: string | undefined;
    let conditioned: { pattern: string; condition: string } | undefined;
    for (const block of compileBlocks(role)) {
      const pattern = blockGrants(block, wanted, dataAction);
      if (pattern === undefined) continue;
      if (block.condition === undefined) {
        plain = pattern;
        break;
      }
      conditioned ??= { pattern, condition: block.condition };
    }
    if (plain !== undefined) found.push({ role, matchedPattern: plain, breadth: roleBreadth(role) });
    else if (conditioned !== undefined)
      found.push({ role, matchedPattern: conditioned.pattern, breadth: roleBreadth(role), condition: conditioned.condition });
  }
  found.sort(
    (a, b) =>
      a.breadth - b.breadth ||
      Number(a.condition !== undefined) - Number(b.condition !== undefined) ||
      a.role.name.localeCompare(b.role.name),
  );
  if (memoKey !== undefined) {
    // Bounded: the app's action picker asks whatever a person types.
    if (grantingMemo.size >= 4096) grantingMemo.clear();
    grantingMemo.set(memoKey, found);
  }
  return memoKey === undefined ? found : found.slice();
}
