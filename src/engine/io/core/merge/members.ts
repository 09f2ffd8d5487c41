import type { EntityId } from '../../../model/ids';
import type { Diagnostic, Entity, EntityKind, Estate, KeyVaultAccessPolicy, PrivateEndpointLink, SourceRef } from '../../../model/types';
import { ENTITY_REFERENCES, PRINCIPAL_KINDS as PRINCIPAL_KIND_LIST } from '../../../model/references';
import { clone, deepEqual, ENTITY_DEFAULTS, showValue } from '../fragment';
import { canonicalArmId, parseArmId } from '../azure/ids';
import { mergeLink } from '../azure/private-endpoints';
import { KIND_LABELS } from '../kinds';
import { ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION } from '../naming';
import type { EntityMeta, ReaderResult } from '../reader';

/**
 * The entities being merged, and how their fields combine: a value an input gave beats a default, two given
 * values that differ are a warning with both places, and some fields (members, access policies) add up.
 */

/** One estate to merge, with the reader's side information when it has any. */
export interface MergeInput {
  file: string;
  estate: Estate;
  provenance?: ReaderResult['provenance'];
  /** The input's format never describes role assignments (az ml YAML), so it does not say whether they are planned. */
  describesNoGrants?: boolean;
}

/** One entity of one input, with what its reader knew about it and its place in input order. */
export interface Member {
  entity: Entity;
  meta: EntityMeta | undefined;
  order: number;
  file: string;
}

/**
 * Fields that follow from an entity's id (or are its identity) and are never merged as values: the id itself,
 * and every parent reference of the model's reference table (resource group, workspace, endpoint, owner).
 */
export const STRUCTURAL: ReadonlySet<string> = new Set([
  'id',
  'kind',
  'name',
  'armId',
  'source',
  'subscriptionId',
  ...Object.values(ENTITY_REFERENCES).flatMap((specs) => specs.filter((spec) => spec.parent).map((spec) => spec.path)),
]);
/** Fields whose values from several inputs add up instead of conflicting. */
export const UNION_FIELDS = new Set(['members', 'accessPolicies', 'callers', 'tags', 'environmentVariables', 'privateEndpoints']);
/**
 * Fields whose conflict leaves the value unknown instead of keeping the first: which principal a datastore's
 * stored credential belongs to decides whose grants the storage checks, so two files naming different ones is
 * a mistake to show, not a choice for file order to make. Without the value no path or finding rests on it.
 */
const UNKNOWN_ON_CONFLICT: ReadonlySet<string> = new Set(['credentialPrincipal']);
/** How a message names a field of {@link UNKNOWN_ON_CONFLICT}: as the user wrote it. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  credentialPrincipal: 'the principal of its stored credential, `credentials.client_id`',
};
/** Principals merge by identity (object id, app id, resource), not by ARM id. */
export const PRINCIPAL_KINDS: ReadonlySet<EntityKind> = new Set(PRINCIPAL_KIND_LIST);
/** Resources whose settings matter to the analysis: a stub of one of these is worth a note. */
export const CONFIGURABLE = new Set<EntityKind>([
  'workspace',
  'storageAccount',
  'keyVault',
  'containerRegistry',
  'compute',
  'onlineEndpoint',
  'aksCluster',
  'onlineDeployment',
  'datastore',
  'connection',
]);

/** Known only because something refers to it. */
export function isStub(member: Member): boolean {
  return member.meta?.stub ?? false;
}

/**
 * Whether the input gave `field`: the reader's record says so, or (for an estate without one, such as a native
 * file) the value is there and differs from the default.
 */
export function isGiven(member: Member, field: string): boolean {
  if (member.meta) return member.meta.given.has(field);
  const value: unknown = Reflect.get(member.entity, field);
  if (value === undefined) return false;
  const fallback = ENTITY_DEFAULTS[member.entity.kind]?.[field];
  if (fallback !== undefined && deepEqual(value, fallback)) return false;
  if (Array.isArray(value) && value.length === 0) return false;
  return true;
}

/** Where a member (or one of its fields) was written. */
export function where(member: Member, field?: string): SourceRef {
  return (
    (field !== undefined ? member.meta?.fieldSources.get(field) : undefined) ??
    member.entity.source ?? { file: member.file }
  );
}

/**
 * Fields whose values two exports spell differently for the same thing: a time (`az acr show` prints
 * `2024-10-14T20:19:30.123456+00:00`, Resource Graph `2024-10-14T20:19:30.1234567Z`) and a VM size, whose name
 * Azure compares ignoring case (`az ml compute show` prints it as created, Resource Graph in upper case). Each
 * maps a value to what is compared; a value it cannot read is compared as written.
 */
const SPELLINGS: Readonly<Record<string, (value: string) => string>> = {
  createdOn: (value) => {
    const time = Date.parse(value);
    return Number.isNaN(time) ? value : new Date(time).toISOString();
  },
  size: (value) => value.toLowerCase(),
};

/** Compares merged values: ARM ids ignoring case, the fields of {@link SPELLINGS} as Azure reads them, anything else structurally. */
export function sameValue(a: unknown, b: unknown, field?: string): boolean {
  const spelling = field !== undefined ? SPELLINGS[field] : undefined;
  if (spelling !== undefined && typeof a === 'string' && typeof b === 'string') return spelling(a) === spelling(b);
  const norm = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.startsWith('/')
        ? value.toLowerCase()
        : value
      : Array.isArray(value)
        ? value.map(norm)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, norm(v)]))
          : value;
  return deepEqual(norm(a), norm(b));
}

/** Two values of a field that adds up (see UNION_FIELDS), combined. */
export function union(field: string, a: unknown, b: unknown): unknown {
  if (field === 'accessPolicies') {
    const list = [...(a as KeyVaultAccessPolicy[])];
    for (const policy of b as KeyVaultAccessPolicy[])
      if (!list.some((p) => p.principal === policy.principal)) list.push(policy);
    return list;
  }
  if (field === 'privateEndpoints') return unionPrivateEndpoints(a as PrivateEndpointLink[], b as PrivateEndpointLink[]);
  if (Array.isArray(a) && Array.isArray(b)) return [...new Set([...a, ...b])];
  if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object')
    return { ...(b as object), ...(a as object) };
  return a;
}

/**
 * Private endpoints from two inputs: one entry per endpoint id, each filled from both (the storage account's
 * connection list names the endpoint; the endpoint's own export gives its sub-resources and subnet).
 */
function unionPrivateEndpoints(a: PrivateEndpointLink[], b: PrivateEndpointLink[]): PrivateEndpointLink[] {
  const list = a.map((link) => ({ ...link }));
  for (const link of b) {
    const same = link.endpoint === undefined ? undefined : list.find((l) => l.endpoint?.toLowerCase() === link.endpoint?.toLowerCase());
    if (same) mergeLink(same, link);
    else {
      // An endpoint named by no id is the same as one listed already when all it says is the same, wherever it was read.
      const twin = list.find((l) => sameValue(withoutSources(l), withoutSources(link)));
      if (twin) mergeLink(twin, link);
      else list.push({ ...link });
    }
  }
  return list;
}

function withoutSources(link: PrivateEndpointLink): PrivateEndpointLink {
  const { sources: _sources, ...rest } = link;
  return rest;
}

/** The ids without repeats, in first-seen order. */
export function dedupe(ids: EntityId[]): EntityId[] {
  return [...new Set(ids)];
}

/** The location fields of a diagnostic at `ref`. */
export function refToDiagnostic(ref: SourceRef): Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'> {
  const out: Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'> = { file: ref.file };
  if (ref.line !== undefined) out.line = ref.line;
  if (ref.column !== undefined) out.column = ref.column;
  if (ref.path !== undefined) out.path = ref.path;
  return out;
}

/** Merges same-kind members field by field; see the module docs for the rules. */
export function mergeFields(members: Member[], diagnostics: Diagnostic[]): Record<string, unknown> {
  const first = members[0];
  if (!first) return {};
  const { source: _source, ...fieldsOfFirst } = first.entity;
  const result: Record<string, unknown> = clone(fieldsOfFirst);
  const fields = new Set<string>();
  for (const m of members) for (const key of Object.keys(m.entity)) if (!STRUCTURAL.has(key)) fields.add(key);
  for (const field of fields) {
    const value = (m: Member): unknown => Reflect.get(m.entity, field);
    const given = members.filter((m) => isGiven(m, field));
    if (given.length === 0) {
      // Defaults and what a reader wrote for a stub: the most preferred kind of member, and
      // among equals the first by file name, so that the value does not follow the order of the files.
      const holder = firstByFile(members.filter((m) => value(m) !== undefined));
      if (holder) result[field] = clone(value(holder));
      continue;
    }
    if (UNKNOWN_ON_CONFLICT.has(field) && given.some((m) => !sameValue(value(m), value(given[0] as Member)))) {
      diagnostics.push(unknownOnConflict(field, given, value));
      // Undefined, not absent: the caller lays these fields over the lead declaration, which may still hold one.
      result[field] = undefined;
      continue;
    }
    const keeper = given[0] as Member;
    let merged = clone(value(keeper));
    for (const other of given.slice(1)) {
      if (UNION_FIELDS.has(field)) merged = union(field, merged, clone(value(other)));
      else if (field in SPELLINGS && sameValue(merged, value(other), field)) {
        // One value spelt two ways: keep the spelling that sorts first, so that it does not follow the file order.
        if (String(value(other)) < String(merged)) merged = clone(value(other));
      } else if (!sameValue(merged, value(other), field)) {
        const label = `${KIND_LABELS[keeper.entity.kind]} \`${keeper.entity.name}\``;
        const [here, kept] = showConflict(value(other), merged);
        diagnostics.push({
          severity: 'warning',
          message: `${label}: \`${field}\` is ${here} here but ${kept} in ${where(keeper, field).file}; the first value is kept`,
          ...refToDiagnostic(where(other, field)),
          related: where(keeper, field),
        });
      }
    }
    // Values that add up are put in one order, whichever file gave its part first.
    result[field] = UNION_FIELDS.has(field) && given.length > 1 ? inStableOrder(merged) : merged;
  }
  delete result.source;
  return result;
}

/**
 * Two values that conflict, as a warning shows them. Every ARM id in them is shown from the first segment where the
 * ids differ (at least its type and name): cut at 80 characters, two ids in one resource group read the same
 * (`/subscriptions/…/provid…` twice), and the warning did not say what differs.
 */
function showConflict(a: unknown, b: unknown): [string, string] {
  const idsIn = (v: unknown): string[][] =>
    typeof v === 'string'
      ? v.startsWith('/') ? [v.split('/')] : []
      : Array.isArray(v) ? v.flatMap(idsIn) : v !== null && typeof v === 'object' ? Object.values(v).flatMap(idsIn) : [];
  const ids = [...idsIn(a), ...idsIn(b)];
  const first = ids[0];
  if (first === undefined) return [showValue(a), showValue(b)];
  const shortest = Math.min(...ids.map((segments) => segments.length));
  let common = 0;
  while (common < shortest - 2 && ids.every((segments) => segments[common]?.toLowerCase() === first[common]?.toLowerCase())) common++;
  const shorten = (v: unknown): unknown =>
    typeof v === 'string'
      ? v.startsWith('/') && common > 0 ? `…/${v.split('/').slice(common).join('/')}` : v
      : Array.isArray(v)
        ? v.map(shorten)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([key, inner]) => [key, shorten(inner)]))
          : v;
  return [showValue(shorten(a)), showValue(shorten(b))];
}

/** Orders a list that several inputs added up: ids by id, access policies by principal. */
function inStableOrder(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const keyOf = (item: unknown): string =>
    typeof item === 'string' ? item : JSON.stringify((item as { principal?: unknown }).principal ?? item);
  return [...(value as unknown[])].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

/**
 * The first of `members` (which are in {@link byPreference} order) among those as preferred as it, by file name
 * then input order.
 */
function firstByFile(members: Member[]): Member | undefined {
  const first = members[0];
  if (!first) return undefined;
  const rank = (m: Member) => `${Number(isStub(m))}${Number(standIn(m))}`;
  const peers = members.filter((m) => rank(m) === rank(first));
  return peers.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.order - b.order))[0];
}

/**
 * The warning for a field of {@link UNKNOWN_ON_CONFLICT} that the files disagree on: every value with the files
 * that give it, in an order that does not follow the files', located at the first file in that order.
 */
function unknownOnConflict(field: string, given: Member[], value: (m: Member) => unknown): Diagnostic {
  const byValue = new Map<string, Member[]>();
  for (const m of given) {
    const raw = value(m);
    // An ARM id by its last two segments (`userAssignedIdentities/uai-train`): the rest is the same place.
    const shown =
      raw === undefined ? 'not set' : showValue(typeof raw === 'string' && raw.startsWith('/') ? raw.split('/').slice(-2).join('/') : raw);
    byValue.set(shown, [...(byValue.get(shown) ?? []), m]);
  }
  const variants = [...byValue.entries()]
    .map(([shown, list]) => ({ shown, list: [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) }))
    .sort((a, b) => ((a.list[0] as Member).file < (b.list[0] as Member).file ? -1 : 1));
  const first = variants[0]?.list[0] as Member;
  const second = variants[1]?.list[0] as Member;
  const label = `${KIND_LABELS[first.entity.kind]} \`${first.entity.name}\``;
  return {
    severity: 'warning',
    message: `${label}: the files disagree on ${FIELD_LABELS[field] ?? `\`${field}\``}: ${variants.map((v) => `${v.shown} in ${v.list.map((m) => m.file).join(', ')}`).join(', but ')}; it is taken as unknown, so no path or finding rests on it until one file is corrected`,
    ...refToDiagnostic(where(first, field)),
    related: where(second, field),
  };
}

/** True for an id an input could only place under a stand-in subscription or resource group. */
export function underPlaceholderScope(id: string): boolean {
  const parsed = parseArmId(id);
  return (
    parsed !== undefined &&
    (parsed.subscriptionId?.includes('<') === true ||
      parsed.resourceGroup?.includes('<') === true ||
      parsed.subscriptionId === ARM_TEMPLATE_PLACEHOLDER_SUBSCRIPTION)
  );
}

/**
 * True for a member placed under a stand-in (`<workspace>`, `<resource-group>`, an unplaced template's
 * deployment group) that the merge moved to a real place.
 */
function standIn(member: Member): boolean {
  const armId = (member.entity as { armId?: string }).armId ?? '';
  return armId.includes('<') || underPlaceholderScope(armId);
}

/**
 * Orders members: declarations before stubs, then members in their real place before those placed under a
 * stand-in (whose references, such as the resource group, still name the stand-in), each in input order.
 */
export function byPreference(members: Member[]): Member[] {
  return [...members].sort(
    (a, b) => Number(isStub(a)) - Number(isStub(b)) || Number(standIn(a)) - Number(standIn(b)) || a.order - b.order,
  );
}

/**
 * The ARM id a cluster of members of one resource is merged under. Azure compares ids without case, so two files
 * (or two entries of one list) may spell one resource differently; of the members the merge prefers equally (see
 * {@link byPreference}), the spelling that sorts first is taken, so that the id, and the name read from it, do not
 * follow the order in which the files were given.
 */
export function preferredArmId(members: Member[], rebase: (id: string) => string): string {
  const [lead] = byPreference(members);
  if (lead === undefined) throw new Error('preferredArmId needs at least one member');
  const armIdOf = (m: Member) => canonicalArmId(rebase((m.entity as { armId?: string }).armId ?? m.entity.id));
  let best = armIdOf(lead);
  for (const m of members) {
    if (isStub(m) !== isStub(lead) || standIn(m) !== standIn(lead)) continue;
    const spelling = armIdOf(m);
    if (spelling < best) best = spelling;
  }
  return best;
}

/** The name a merged entity shows: a declaration's, else one that is not a bare GUID. */
export function bestName(kind: EntityKind, same: Member[], all: Member[]): string {
  // A name a template left as a placeholder (`<workspaceName>`, no Azure name holds `<`) gives way to one a file
  // states, and placeholders among themselves go by text, so that the name does not follow the file order.
  const declared = same.filter((m) => !isStub(m));
  const stated = declared.find((m) => !m.entity.name.includes('<'));
  if (stated) return stated.entity.name;
  if (declared.length > 0) return declared.map((m) => m.entity.name).sort()[0] as string;
  if (kind === 'userAssignedIdentity' || kind === 'systemAssignedIdentity')
    return (same[0] ?? all[0])?.entity.name ?? '?';
  const guidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  // Only ids are known (an object id from a role assignment, a client id from az ml YAML): the lowest, so that
  // the name does not follow which file was read first.
  const ids = (same.length > 0 ? same : all).map((m) => m.entity.name).sort();
  return all.find((m) => !m.meta?.anyKind && !guidLike.test(m.entity.name))?.entity.name ?? ids[0] ?? '?';
}
