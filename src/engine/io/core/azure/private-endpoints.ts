import type { Entity, EntityKind, PrivateEndpointLink, SourceRef } from '../../../model/types';
import type { FragmentBuilder, Loc } from '../fragment';
import { kindOfArmId, parseArmId } from './ids';
import { isRec, Obj } from './values';

/**
 * Private endpoints, read in every shape that carries them, onto the resource they reach: a
 * `Microsoft.Network/privateEndpoints` resource (ARM templates, Resource Graph, `az network private-endpoint list`,
 * where az prints the connection properties flattened), and a resource's own `privateEndpointConnections`
 * (`az storage account show`, Resource Graph). The estate has no private endpoint entity: an endpoint matters
 * here only as a way into a storage account, key vault, registry or workspace, so it is kept on that resource.
 */

/** The ARM type of a private endpoint, lower-cased as the readers compare types. */
export const PRIVATE_ENDPOINT_TYPE = 'microsoft.network/privateendpoints';

/** The kinds of resource whose private endpoints the estate keeps. */
type PrivateLinkKind = 'storageAccount' | 'keyVault' | 'containerRegistry' | 'workspace';
type PrivateLinkEntity = Extract<Entity, { kind: PrivateLinkKind }>;

const PRIVATE_LINK_KINDS: readonly PrivateLinkKind[] = ['storageAccount', 'keyVault', 'containerRegistry', 'workspace'];

/**
 * Which kind of resource a sub-resource (group id) belongs to, so that an endpoint whose target cannot be worked
 * out still says which resources it might reach (https://learn.microsoft.com/azure/private-link/private-endpoint-overview#private-link-resource).
 */
const KIND_OF_GROUP: Readonly<Record<string, PrivateLinkKind>> = {
  blob: 'storageAccount',
  blob_secondary: 'storageAccount',
  file: 'storageAccount',
  file_secondary: 'storageAccount',
  dfs: 'storageAccount',
  dfs_secondary: 'storageAccount',
  queue: 'storageAccount',
  queue_secondary: 'storageAccount',
  table: 'storageAccount',
  table_secondary: 'storageAccount',
  web: 'storageAccount',
  web_secondary: 'storageAccount',
  vault: 'keyVault',
  registry: 'containerRegistry',
  amlworkspace: 'workspace',
};

function isPrivateLinkKind(kind: EntityKind | undefined): kind is PrivateLinkKind {
  return kind !== undefined && (PRIVATE_LINK_KINDS as readonly string[]).includes(kind);
}

/** Adds `link` to the resource's private endpoints; the same endpoint twice adds up to one entry. */
function addLink(b: FragmentBuilder, entity: PrivateLinkEntity, link: PrivateEndpointLink, loc: Loc): void {
  const list = entity.privateEndpoints;
  if (list === undefined || !b.metaOf(entity).gave('privateEndpoints')) {
    b.set(entity, 'privateEndpoints', [link], loc);
    return;
  }
  const same = link.endpoint === undefined ? undefined : list.find((l) => l.endpoint?.toLowerCase() === link.endpoint?.toLowerCase());
  if (same) mergeLink(same, link);
  else list.push(link);
}

/**
 * Fills what `into` leaves unknown from `from`, the same endpoint seen from its other side. The outcome does not
 * depend on which side comes first (inputs merge in any order): group ids are sorted, and of two approval states
 * the one first in {@link STATUS_ORDER} is kept, the one that says less traffic flows.
 */
export function mergeLink(into: PrivateEndpointLink, from: PrivateEndpointLink): void {
  into.endpoint ??= from.endpoint;
  into.subnet ??= from.subnet;
  if (from.groupIds !== undefined) into.groupIds = [...new Set([...(into.groupIds ?? []), ...from.groupIds])].sort();
  if (from.status !== undefined && (into.status === undefined || statusRank(from.status) < statusRank(into.status)))
    into.status = from.status;
  if (from.sources !== undefined) into.sources = mergeSources(into.sources ?? [], from.sources);
  for (const key of ['endpoint', 'subnet'] as const) if (into[key] === undefined) delete into[key];
}

/**
 * The places of `a` and `b` without repeats, sorted by file, line, column and path: the same whichever input
 * came first.
 */
function mergeSources(a: readonly SourceRef[], b: readonly SourceRef[]): SourceRef[] {
  const key = (s: SourceRef) => `${s.file}\u0000${s.line ?? ''}\u0000${s.column ?? ''}\u0000${s.path ?? ''}`;
  const byKey = new Map<string, SourceRef>();
  for (const source of [...a, ...b]) if (!byKey.has(key(source))) byKey.set(key(source), source);
  return [...byKey.values()].sort(
    (x, y) =>
      compareText(x.file, y.file) ||
      (x.line ?? 0) - (y.line ?? 0) ||
      (x.column ?? 0) - (y.column ?? 0) ||
      compareText(x.path ?? '', y.path ?? ''),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Approval states from least to most traffic; an unknown spelling ranks last. */
const STATUS_ORDER = ['disconnected', 'rejected', 'pending', 'approved'];

function statusRank(status: string): number {
  const rank = STATUS_ORDER.indexOf(status.toLowerCase());
  return rank < 0 ? STATUS_ORDER.length : rank;
}

/**
 * Per file: the resources whose own `privateEndpointConnections` the file gives, and those an exported endpoint
 * resource reaches. Kept beside the builder rather than on it, since only this module asks.
 */
interface EndpointLists {
  listed: Set<PrivateLinkEntity>;
  reached: Set<PrivateLinkEntity>;
}
const LISTS = new WeakMap<FragmentBuilder, EndpointLists>();

function listsOf(b: FragmentBuilder): EndpointLists {
  let lists = LISTS.get(b);
  if (lists === undefined) {
    lists = { listed: new Set(), reached: new Set() };
    LISTS.set(b, lists);
    const made = lists;
    // An export shows what exists: the endpoint resources it holds are those of the scope it read (a resource
    // group, a subscription), and an endpoint in another one may reach the same resource. Only the resource's own
    // connection list says which endpoints reach it, so without it the list the endpoints make is partial. A plan
    // (an ARM template, `terraform plan`) is read as the whole of what it creates: a resource it declares has, once
    // created, the endpoints the plan declares and no other, so its list is known there.
    b.atEnd(() => {
      for (const entity of made.reached) if (!made.listed.has(entity)) b.unknown(entity, 'privateEndpoints', { partial: true });
    });
  }
  return lists;
}

/**
 * Reads one private endpoint resource onto the resources its connections reach. A connection whose target the input
 * could not know (null: an ARM expression left unevaluated, a Terraform value known only after apply) makes the private endpoints of every resource
 * of the kinds its group ids name unknown in this file, rather than "none": whether one of them is its target
 * cannot be told. Targets of kinds the estate does not model are left out silently.
 */
export function readPrivateEndpoint(b: FragmentBuilder, o: Obj): void {
  const p = o.child('properties') ?? o;
  const endpoint = o.str('id');
  const subnet = p.child('subnet')?.str('id');
  // Null is a value the input could not know (an ARM expression, a Terraform value known only after apply); no
  // export writes null for these.
  const subnetUnknown = isRec(p.raw.subnet) && p.raw.subnet.id === null;
  for (const [key, automatic] of [
    ['privateLinkServiceConnections', true],
    ['manualPrivateLinkServiceConnections', false],
  ] as const) {
    (p.list(key) ?? []).forEach((item, i) => {
      if (!isRec(item)) return;
      const entry = new Obj(b, p.ctx, [...p.path, key, i], item);
      const connection = entry.child('properties') ?? entry;
      const groupIds = connection.strings('groupIds');
      const target = connection.str('privateLinkServiceId');
      if (target === undefined) {
        if (connection.raw.privateLinkServiceId === null) unknownTargets(b, groupIds);
        return;
      }
      const parsed = parseArmId(target);
      const kind = parsed ? kindOfArmId(parsed) : undefined;
      if (!parsed || !isPrivateLinkKind(kind)) return;
      const loc = connection.locOf('privateLinkServiceId');
      const entity = b.resource(kind, parsed.id, loc, { stub: true });
      if (!entity) return;
      // A connection requested for manual approval waits for the target's owner: Pending until approved.
      const status = connection.child('privateLinkServiceConnectionState')?.str('status') ?? (automatic ? undefined : 'Pending');
      const link: PrivateEndpointLink = {};
      if (endpoint !== undefined) link.endpoint = endpoint;
      // An empty list is no answer: Azure refuses an endpoint without a group id, so its items were unknown.
      if (groupIds !== undefined && groupIds.length > 0) link.groupIds = groupIds;
      if (subnet !== undefined && !subnetUnknown) link.subnet = subnet;
      if (status !== undefined) link.status = status;
      // Where the endpoint resource is declared: the resource itself, since the Terraform reader reads an
      // `azurerm_private_endpoint` through an ARM shape whose inner paths are not in the file.
      link.sources = [b.source(o.at())];
      addLink(b, entity, link, loc);
      if (b.estate.assignmentsOrigin === 'observed') listsOf(b).reached.add(entity);
    });
  }
}

/**
 * Reads a resource's own `privateEndpointConnections`: each names its endpoint and approval state, never the subnet,
 * and the sub-resource only in the services whose connection carries `groupIds` (read when given, else unknown). A
 * list written (even empty) says which endpoints there are.
 */
export function readPrivateEndpointConnections(b: FragmentBuilder, entity: PrivateLinkEntity, p: Obj): void {
  const key = p.key('privateEndpointConnections');
  if (key === undefined) return;
  listsOf(b).listed.add(entity);
  const list = p.list(key) ?? [];
  const loc = p.locOf(key);
  if (list.length === 0 && !b.metaOf(entity).gave('privateEndpoints')) b.set(entity, 'privateEndpoints', [], loc);
  list.forEach((item, i) => {
    if (!isRec(item)) return;
    const entry = new Obj(b, p.ctx, [...p.path, key, i], item);
    const connection = entry.child('properties') ?? entry;
    const endpoint = connection.child('privateEndpoint')?.str('id');
    // An entry that names no endpoint (a bare connection id) still says that one exists.
    const link: PrivateEndpointLink = {};
    if (endpoint !== undefined) link.endpoint = endpoint;
    const status = connection.child('privateLinkServiceConnectionState')?.str('status');
    if (status !== undefined) link.status = status;
    const groupIds = connection.strings('groupIds');
    if (groupIds !== undefined && groupIds.length > 0) link.groupIds = groupIds;
    const at = entry.at();
    link.sources = [b.source(at)];
    addLink(b, entity, link, at);
  });
}

/**
 * Marks the private endpoints of every resource of the kinds `groupIds` names (all four kinds when it is not known)
 * unknown once the file is read, since the target may be any of them. A resource whose private endpoints the file
 * also gives keeps those, and its list is unknown beside them: it may miss this one.
 */
function unknownTargets(b: FragmentBuilder, groupIds: string[] | undefined): void {
  // Group ids of other services only (`sqlServer`, `namespace`) name a target the estate does not model.
  const named = (groupIds ?? []).map((g) => KIND_OF_GROUP[g.toLowerCase()]).filter((k) => k !== undefined);
  const kinds = new Set<PrivateLinkKind>(groupIds !== undefined && groupIds.length > 0 ? named : PRIVATE_LINK_KINDS);
  if (kinds.size === 0) return;
  b.atEnd(() => {
    for (const entity of [...b.estate.storageAccounts, ...b.estate.keyVaults, ...b.estate.containerRegistries, ...b.estate.workspaces])
      if (kinds.has(entity.kind)) b.unknown(entity, 'privateEndpoints', { partial: true });
  });
}
