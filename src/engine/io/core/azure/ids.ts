import type { EntityKind } from '../../../model/types';

/**
 * ARM ids as exported by az, Resource Graph and templates come in every casing (`resourcegroups`,
 * `Microsoft.Keyvault`, `microsoft.insights`). Readers put them into the casing the native format uses
 * (naming.ts) so that ids from different files compare equal as strings, not only ignoring case. Names are
 * kept exactly as written: Azure compares them ignoring case, but people recognise their own spelling.
 */

/** Provider namespaces and resource types with Azure's casing, keyed by their lower-case form. */
const CANONICAL_WORDS: ReadonlyMap<string, string> = new Map(
  [
    'subscriptions',
    'resourceGroups',
    'providers',
    'Microsoft.MachineLearningServices',
    'Microsoft.Storage',
    'Microsoft.KeyVault',
    'Microsoft.ContainerRegistry',
    'Microsoft.Insights',
    'Microsoft.ManagedIdentity',
    'Microsoft.ContainerService',
    'Microsoft.Management',
    'Microsoft.Authorization',
    'Microsoft.Resources',
    'Microsoft.Network',
    'Microsoft.OperationalInsights',
    'Microsoft.Kubernetes',
    'managementGroups',
    'workspaces',
    'storageAccounts',
    'vaults',
    'registries',
    'components',
    'userAssignedIdentities',
    'managedClusters',
    'roleAssignments',
    'roleDefinitions',
    'denyAssignments',
    'computes',
    'onlineEndpoints',
    'deployments',
    'datastores',
    'connections',
    'jobs',
    'blobServices',
    'fileServices',
    'containers',
    'shares',
    'keys',
    'secrets',
    'connectedClusters',
  ].map((word) => [word.toLowerCase(), word] as const),
);

/** Resource types (provider/type[/child...], lower case) and the entity kind each one maps to. */
export const KIND_BY_TYPE: ReadonlyMap<string, EntityKind> = new Map<string, EntityKind>([
  ['microsoft.management/managementgroups', 'managementGroup'],
  ['microsoft.resources/subscriptions', 'subscription'],
  ['microsoft.resources/subscriptions/resourcegroups', 'resourceGroup'],
  ['microsoft.resources/resourcegroups', 'resourceGroup'],
  ['microsoft.machinelearningservices/workspaces', 'workspace'],
  ['microsoft.machinelearningservices/workspaces/computes', 'compute'],
  ['microsoft.machinelearningservices/workspaces/onlineendpoints', 'onlineEndpoint'],
  ['microsoft.machinelearningservices/workspaces/onlineendpoints/deployments', 'onlineDeployment'],
  ['microsoft.machinelearningservices/workspaces/datastores', 'datastore'],
  ['microsoft.machinelearningservices/workspaces/connections', 'connection'],
  ['microsoft.machinelearningservices/workspaces/jobs', 'job'],
  ['microsoft.storage/storageaccounts', 'storageAccount'],
  ['microsoft.keyvault/vaults', 'keyVault'],
  ['microsoft.containerregistry/registries', 'containerRegistry'],
  ['microsoft.insights/components', 'applicationInsights'],
  ['microsoft.managedidentity/userassignedidentities', 'userAssignedIdentity'],
  ['microsoft.containerservice/managedclusters', 'aksCluster'],
]);

/**
 * An ARM id taken apart. `types` and `names` run in parallel: `workspaces/ws/computes/c` gives two of each.
 * Shared between the callers that parse the same id, so read-only.
 */
export interface ParsedArmId {
  /** The id with canonical casing and no trailing slash. */
  readonly id: string;
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
  readonly managementGroup?: string;
  /** `Microsoft.MachineLearningServices`, with Azure's casing when known. */
  readonly provider?: string;
  readonly types: readonly string[];
  readonly names: readonly string[];
  /** `provider/type1/type2`, lower case: the key of {@link KIND_BY_TYPE}. */
  readonly typeKey?: string;
}

function canonicalWord(word: string): string {
  return CANONICAL_WORDS.get(word.toLowerCase()) ?? word;
}

/**
 * Parses an ARM id (`/subscriptions/...`, `/providers/Microsoft.Management/managementGroups/...`) and puts its
 * fixed words into canonical casing. Returns undefined for anything that is not an ARM id, including ids with
 * empty segments. Extension resources (`<resource>/providers/Microsoft.Authorization/...`) keep the last
 * provider as theirs.
 */
export function parseArmId(raw: string): ParsedArmId | undefined {
  // Readers parse the same ids over and over (an entity's, its parent's, its identity's owner's); the parsed
  // form is shared, which is why its fields are read-only.
  let parsed = parsedCache.get(raw);
  if (parsed === undefined) {
    parsed = parseArmIdText(raw) ?? null;
    if (parsedCache.size > 200_000) parsedCache.clear();
    parsedCache.set(raw, parsed);
    // Kept under its canonical text too (which parses to the same): readers go on with that text, and a lookup
    // finds a key that is the very same text at once, where an equal text is compared character by character.
    if (parsed !== null && parsed.id !== raw) parsedCache.set(parsed.id, parsed);
  }
  return parsed ?? undefined;
}

const parsedCache = new Map<string, ParsedArmId | null>();

function parseArmIdText(raw: string): ParsedArmId | undefined {
  const text = raw.trim().replace(/\/+$/, '');
  if (!text.startsWith('/')) return undefined;
  const parts = text.slice(1).split('/');
  if (parts.length < 2 || parts.some((part) => part === '' || /\s/.test(part))) return undefined;
  const out: string[] = [];
  const parsed: { -readonly [K in keyof ParsedArmId]: ParsedArmId[K] } & { types: string[]; names: string[] } = {
    id: '',
    types: [],
    names: [],
  };
  let i = 0;
  const first = parts[0]?.toLowerCase();
  if (first === 'subscriptions') {
    parsed.subscriptionId = parts[1] ?? '';
    out.push('subscriptions', parsed.subscriptionId);
    i = 2;
    if (parts[i]?.toLowerCase() === 'resourcegroups') {
      if (parts[i + 1] === undefined) return undefined;
      parsed.resourceGroup = parts[i + 1] ?? '';
      out.push('resourceGroups', parsed.resourceGroup);
      i += 2;
    }
  } else if (first !== 'providers') {
    return undefined;
  }
  while (i < parts.length) {
    if (parts[i]?.toLowerCase() !== 'providers') {
      // Below a provider, segments alternate type/name.
      if (parsed.provider === undefined) return undefined;
      const type = parts[i] ?? '';
      const name = parts[i + 1];
      if (name === undefined) return undefined;
      parsed.types.push(canonicalWord(type));
      parsed.names.push(name);
      out.push(canonicalWord(type), name);
      i += 2;
      continue;
    }
    const provider = parts[i + 1];
    const type = parts[i + 2];
    const name = parts[i + 3];
    if (provider === undefined || type === undefined || name === undefined) return undefined;
    parsed.provider = canonicalWord(provider);
    parsed.types = [canonicalWord(type)];
    parsed.names = [name];
    out.push('providers', parsed.provider, canonicalWord(type), name);
    i += 4;
    if (
      parsed.provider === 'Microsoft.Management' &&
      parsed.types[0] === 'managementGroups' &&
      out.length === 4
    )
      parsed.managementGroup = name;
  }
  parsed.id = `/${out.join('/')}`;
  if (parsed.provider !== undefined)
    parsed.typeKey = [parsed.provider, ...parsed.types].join('/').toLowerCase();
  else if (parsed.resourceGroup !== undefined)
    parsed.typeKey = 'microsoft.resources/subscriptions/resourcegroups';
  else if (parsed.subscriptionId !== undefined) parsed.typeKey = 'microsoft.resources/subscriptions';
  return parsed;
}

const canonicalCache = new Map<string, string>();

/** The ARM id with canonical casing, or the text unchanged when it is not an ARM id (`/` stays `/`). */
export function canonicalArmId(raw: string): string {
  // Exports repeat the same scopes and resource ids many thousand times; parsing each once is enough.
  let id = canonicalCache.get(raw);
  if (id === undefined) {
    id = parseArmId(raw)?.id ?? raw.trim();
    if (canonicalCache.size > 200_000) canonicalCache.clear();
    canonicalCache.set(raw, id);
  }
  return id;
}

/** The entity kind of an ARM id, or undefined for types the estate does not model. */
export function kindOfArmId(parsed: ParsedArmId): EntityKind | undefined {
  return parsed.typeKey === undefined ? undefined : KIND_BY_TYPE.get(parsed.typeKey);
}

/** The id of the resource group holding a resource, when the id names one. */
export function resourceGroupIdOf(parsed: ParsedArmId): string | undefined {
  if (parsed.subscriptionId === undefined || parsed.resourceGroup === undefined) return undefined;
  return `/subscriptions/${parsed.subscriptionId}/resourceGroups/${parsed.resourceGroup}`;
}

/** The id of a child resource's parent (`.../workspaces/ws` for `.../workspaces/ws/computes/c`). */
export function parentIdOf(parsed: ParsedArmId): string | undefined {
  if (parsed.types.length < 2) return undefined;
  const cut = parsed.id.lastIndexOf('/', parsed.id.lastIndexOf('/') - 1);
  return parsed.id.slice(0, cut);
}

/** What {@link scopeKeyOfParsed}, {@link parsedParentOf} and {@link parsedResourceGroupOf} worked out, by parsed id. */
interface Derived {
  key?: string;
  parent?: ParsedArmId | null;
  resourceGroup?: ParsedArmId | null;
}

/**
 * Forms derived from a parsed id, kept beside it (parsed ids are shared and read-only): a builder asks for the same
 * workspace's key, parent and group for each of its computes and grants, and each new string built for a lookup
 * costs its hashing again.
 */
const derivedForms = new WeakMap<ParsedArmId, Derived>();

function derivedOf(parsed: ParsedArmId): Derived {
  let derived = derivedForms.get(parsed);
  if (derived === undefined) {
    derived = {};
    derivedForms.set(parsed, derived);
  }
  return derived;
}

/**
 * The scope key (lower case, see model/ids.ts `scopeKey`) of a parsed id, made once per parsed id. A parsed id
 * never ends with `/` and is never empty, so this is its lower-cased text.
 */
export function scopeKeyOfParsed(parsed: ParsedArmId): string {
  const derived = derivedOf(parsed);
  return (derived.key ??= parsed.id.toLowerCase());
}

/** The parsed id of a child resource's parent ({@link parentIdOf}), made once per parsed id. */
export function parsedParentOf(parsed: ParsedArmId): ParsedArmId | undefined {
  const derived = derivedOf(parsed);
  if (derived.parent === undefined) derived.parent = parseArmId(parentIdOf(parsed) ?? '') ?? null;
  return derived.parent ?? undefined;
}

/** The parsed id of the resource group holding a resource ({@link resourceGroupIdOf}), made once per parsed id. */
export function parsedResourceGroupOf(parsed: ParsedArmId): ParsedArmId | undefined {
  const derived = derivedOf(parsed);
  if (derived.resourceGroup === undefined)
    derived.resourceGroup = parseArmId(resourceGroupIdOf(parsed) ?? '') ?? null;
  return derived.resourceGroup ?? undefined;
}
