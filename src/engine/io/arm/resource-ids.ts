/**
 * The text work behind the ids the ARM template reader gives resources (template.ts): a resource's provider path
 * from its type and name, its resource group's id, and where a role assignment's id leaves its scope. Each runs
 * for every resource of every module, so each avoids the lists and lower-cased copies a plain version would make.
 */

/** Where a template is deployed, as far as an id needs it. */
export interface DeploymentPlace {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
}

/**
 * Resource group ids by subscription and group: each module is read with a target of its own, and one text for
 * all of them lets the lookups keyed by it (providerId) find their key by identity rather than by comparing it.
 */
const resourceGroupIds = new Map<string, Map<string, string>>();
/** A target's resource group id, made once per subscription and group (every resource of a module is placed under it). */
export function resourceGroupIdOf(target: DeploymentPlace): string {
  let bySubscription = resourceGroupIds.get(target.subscriptionId);
  if (bySubscription === undefined) {
    if (resourceGroupIds.size >= 1_000) resourceGroupIds.clear();
    bySubscription = new Map();
    resourceGroupIds.set(target.subscriptionId, bySubscription);
  }
  let id = bySubscription.get(target.resourceGroup);
  if (id === undefined) {
    id = `/subscriptions/${target.subscriptionId}/resourceGroups/${target.resourceGroup}`;
    if (bySubscription.size >= 1_000) bySubscription.clear();
    bySubscription.set(target.resourceGroup, id);
  }
  return id;
}

/** A resource type's `/`-separated segments, split once per type text (a template repeats a few types). */
const TYPE_SEGMENTS = new Map<string, readonly string[]>();
function typeSegments(type: string): readonly string[] {
  let segments = TYPE_SEGMENTS.get(type);
  if (segments === undefined) {
    segments = type.split('/');
    if (TYPE_SEGMENTS.size >= 1_000) TYPE_SEGMENTS.clear();
    TYPE_SEGMENTS.set(type, segments);
  }
  return segments;
}

/**
 * {@link pathOf} for a resource's full name (`ws/compute`), its `/`-separated names read in place rather than
 * split into a list: every resource of every module comes through here.
 */
export function pathOfName(type: string, name: string): string | undefined {
  const segments = typeSegments(type);
  if (segments.length < 2) return undefined;
  let path = segments[0] as string;
  let start = 0;
  for (let i = 1; i < segments.length; i++) {
    const slash = name.indexOf('/', start);
    const last = i === segments.length - 1;
    // One name per type segment: a slash before each but the last name, none after it.
    if (last ? slash >= 0 : slash < 0) return undefined;
    const end = last ? name.length : slash;
    path += `/${segments[i] as string}/${name.slice(start, end)}`;
    start = end + 1;
  }
  return path;
}

/**
 * Canonical ids by where a resource is placed (`base`), its type and its full name: compiled Bicep places each
 * module's resources under one base and repeats a few types, so the lookups hash those two texts once and the
 * short name, where a cache keyed by the built id hashed (and first joined) a new hundred-character text for every
 * resource of every module. Bounded: emptied when it holds {@link MAX_IDS} names.
 */
const IDS = new Map<string, Map<string, Map<string, string>>>();
const MAX_IDS = 100_000;
let idCount = 0;

/**
 * `canonical(`${base}/providers/${pathOfName(type, name)}`)`, kept by base, type and name; undefined when the name
 * does not fit the type ({@link pathOfName}). `canonical` must give the same text for the same text.
 */
export function providerId(
  base: string,
  type: string,
  name: string,
  canonical: (id: string) => string,
): string | undefined {
  if (idCount >= MAX_IDS) {
    IDS.clear();
    idCount = 0;
  }
  let byType = IDS.get(base);
  if (byType === undefined) {
    byType = new Map();
    IDS.set(base, byType);
  }
  let byName = byType.get(type);
  if (byName === undefined) {
    byName = new Map();
    byType.set(type, byName);
  }
  let id = byName.get(name);
  if (id === undefined) {
    const path = pathOfName(type, name);
    if (path === undefined) return undefined;
    id = canonical(`${base}/providers/${path}`);
    byName.set(name, id);
    idCount++;
  }
  return id;
}

/** `Namespace/type1/name1/type2/name2…` for a resource type and its names, one name per type segment. */
export function pathOf(type: string, names: string[]): string | undefined {
  const segments = type.split('/');
  if (segments.length < 2 || segments.length - 1 !== names.length) return undefined;
  // A loop rather than destructuring and map/join: every resource of every module comes through here.
  let path = segments[0] as string;
  for (let i = 1; i < segments.length; i++) path += `/${segments[i] as string}/${names[i - 1] ?? ''}`;
  return path;
}


const ASSIGNMENT_SUFFIX = '/providers/Microsoft.Authorization/roleAssignments/';

/**
 * Where a role assignment's id leaves its scope: its last `/providers/Microsoft.Authorization/roleAssignments/`,
 * in any case (-1 when there is none). The spelling the template reader writes is tried first, so that
 * the whole id is lower-cased only for an old-style id written otherwise.
 */
export function assignmentSuffixAt(id: string): number {
  const at = id.lastIndexOf(ASSIGNMENT_SUFFIX);
  const lowerSuffix = ASSIGNMENT_SUFFIX.toLowerCase();
  // An exact match is the last one in any case when no other spelling follows it (only its short tail is searched).
  if (at >= 0) {
    const later = id.slice(at + 1).toLowerCase().lastIndexOf(lowerSuffix);
    return later < 0 ? at : at + 1 + later;
  }
  return id.toLowerCase().lastIndexOf(lowerSuffix);
}

/**
 * Whether `id` is its text up to `suffixAt` (see {@link assignmentSuffixAt}), the assignment suffix spelled as
 * {@link ASSIGNMENT_SUFFIX} and `name`, with nothing more: then it is the id a role assignment of that scope and name
 * is given, as it stands.
 */
export function endsAsAssignment(id: string, suffixAt: number, name: string): boolean {
  return (
    suffixAt >= 0 &&
    id.length === suffixAt + ASSIGNMENT_SUFFIX.length + name.length &&
    id.startsWith(ASSIGNMENT_SUFFIX, suffixAt) &&
    id.endsWith(name)
  );
}

/** `text` without the `/` it ends with, if any. */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
  return end === text.length ? text : text.slice(0, end);
}
