import type { EntityId } from './ids';
import type { Entity, EntityKind } from './types';

/**
 * Which field of which entity kind refers to which other entity kinds: the one table that validation, the
 * merge's reference rewriting, the readers' resolution, the ARM mapping and the graph's structural edges derive
 * from. Adding a reference to the model means adding one line here, and every one of them follows.
 *
 * A reference is named by a path into the entity: dot-separated field names, where `[]` after a name walks every
 * item of that list (`steps[].inputs[].datastore`, `identity.userAssigned[]`). A path that ends in `[]` is a list
 * of ids (kept free of duplicates when rewritten); any other path ends in a single id. A field that is absent, or
 * an object that is not there (an AKS cluster's `clusterIdentity.servicePrincipal` when it signs in with a managed
 * identity), holds no reference.
 */

/** Every kind that can hold a role or sign in: the targets of `principal`-like fields. */
export const PRINCIPAL_KINDS: readonly EntityKind[] = [
  'user',
  'group',
  'servicePrincipal',
  'userAssignedIdentity',
  'systemAssignedIdentity',
];

/** The kinds that can own a system-assigned identity. */
export const SYSTEM_IDENTITY_OWNER_KINDS: readonly EntityKind[] = [
  'workspace',
  'compute',
  'onlineEndpoint',
  'aksCluster',
];

/**
 * How the app's graph draws a reference as a structural edge, from the referring entity to the target (or the
 * other way round for `memberOf`, which runs from the member to its group).
 */
export interface StructuralEdge {
  relation: 'hasIdentity' | 'dependsOn' | 'runsOn' | 'memberOf';
  /** The verb shown on the edge (`uses`, `runs on`). */
  label: string;
}

/** One reference field of an entity kind. */
export interface ReferenceSpec {
  /** Where the id sits: dotted field names, `[]` after a list (see the module comment). */
  readonly path: string;
  /** The kinds the id may point at. */
  readonly targets: readonly EntityKind[];
  /** Values the field may hold that are not references (a job's `compute: serverless`). */
  readonly sentinels?: readonly string[];
  /** Drawn as a structural edge of the graph when both ends are drawn. */
  readonly edge?: StructuralEdge;
  /**
   * The target is the entity's parent: the entity's id lies under the target's (a compute under its workspace, a
   * resource under its group), so the field follows from the id and is never set on its own.
   */
  readonly parent?: true;
}

const identityRefs = (prefix: string, edge?: StructuralEdge): ReferenceSpec =>
  edge
    ? { path: `${prefix}.userAssigned[]`, targets: ['userAssignedIdentity'], edge }
    : { path: `${prefix}.userAssigned[]`, targets: ['userAssignedIdentity'] };
const HAS_IDENTITY: StructuralEdge = { relation: 'hasIdentity', label: 'identity' };
const USES: StructuralEdge = { relation: 'dependsOn', label: 'uses' };
const RUNS_ON: StructuralEdge = { relation: 'runsOn', label: 'runs on' };
const RUNS_AS: StructuralEdge = { relation: 'hasIdentity', label: 'runs as' };
const SERVERLESS = ['serverless'] as const;

/**
 * The references of every entity kind, in the order validation reports them and the graph draws them (a
 * resource's identities before what it uses). Role and deny assignments are not
 * entities and keep their own checks (their `principal` and principal lists refer to {@link PRINCIPAL_KINDS}).
 */
export const ENTITY_REFERENCES: { readonly [K in EntityKind]: readonly ReferenceSpec[] } = {
  managementGroup: [{ path: 'parent', targets: ['managementGroup'] }],
  subscription: [{ path: 'managementGroup', targets: ['managementGroup'] }],
  resourceGroup: [{ path: 'subscription', targets: ['subscription'], parent: true }],
  workspace: [
    { path: 'resourceGroup', targets: ['resourceGroup'], parent: true },
    identityRefs('identity', HAS_IDENTITY),
    {
      path: 'primaryUserAssignedIdentity',
      targets: ['userAssignedIdentity'],
      edge: { relation: 'hasIdentity', label: 'primary identity' },
    },
    { path: 'storageAccount', targets: ['storageAccount'], edge: USES },
    { path: 'keyVault', targets: ['keyVault'], edge: USES },
    { path: 'containerRegistry', targets: ['containerRegistry'], edge: USES },
    { path: 'applicationInsights', targets: ['applicationInsights'], edge: USES },
    { path: 'customerManagedKey.keyVault', targets: ['keyVault'] },
    { path: 'customerManagedKey.userAssignedIdentity', targets: ['userAssignedIdentity'] },
    { path: 'hub', targets: ['workspace'], edge: { relation: 'dependsOn', label: 'project of' } },
    identityRefs('plannedUpdate.identity'),
    { path: 'plannedUpdate.primaryUserAssignedIdentity', targets: ['userAssignedIdentity'] },
  ],
  storageAccount: [{ path: 'resourceGroup', targets: ['resourceGroup'], parent: true }],
  keyVault: [
    { path: 'resourceGroup', targets: ['resourceGroup'], parent: true },
    { path: 'accessPolicies[].principal', targets: PRINCIPAL_KINDS },
  ],
  containerRegistry: [{ path: 'resourceGroup', targets: ['resourceGroup'], parent: true }],
  applicationInsights: [{ path: 'resourceGroup', targets: ['resourceGroup'], parent: true }],
  compute: [
    { path: 'workspace', targets: ['workspace'], parent: true },
    identityRefs('identity', HAS_IDENTITY),
    { path: 'assignedUser', targets: ['user'] },
  ],
  aksCluster: [
    { path: 'resourceGroup', targets: ['resourceGroup'], parent: true },
    // Only one of the two is there: `clusterIdentity` is a service principal or a managed identity setting.
    {
      path: 'clusterIdentity.servicePrincipal',
      targets: ['servicePrincipal'],
      edge: { relation: 'hasIdentity', label: 'signs in as' },
    },
    identityRefs('clusterIdentity.identity', HAS_IDENTITY),
    { path: 'attachedWorkspace', targets: ['workspace'], edge: { relation: 'dependsOn', label: 'attached to' } },
  ],
  onlineEndpoint: [
    { path: 'workspace', targets: ['workspace'], parent: true },
    identityRefs('identity', HAS_IDENTITY),
    { path: 'compute', targets: ['compute'], edge: RUNS_ON },
    { path: 'createdBy', targets: PRINCIPAL_KINDS },
    { path: 'callers[]', targets: PRINCIPAL_KINDS },
    identityRefs('plannedUpdate.identity'),
  ],
  onlineDeployment: [
    { path: 'endpoint', targets: ['onlineEndpoint'], parent: true },
    { path: 'createdBy', targets: PRINCIPAL_KINDS },
  ],
  datastore: [
    { path: 'workspace', targets: ['workspace'], parent: true },
    { path: 'storageAccount', targets: ['storageAccount'], edge: { relation: 'dependsOn', label: 'points to' } },
    { path: 'credentialPrincipal', targets: PRINCIPAL_KINDS },
  ],
  connection: [
    { path: 'workspace', targets: ['workspace'], parent: true },
    { path: 'identity', targets: ['userAssignedIdentity'], edge: HAS_IDENTITY },
  ],
  job: [
    { path: 'workspace', targets: ['workspace'], parent: true },
    { path: 'compute', targets: ['compute'], sentinels: SERVERLESS, edge: RUNS_ON },
    { path: 'identity.userAssignedIdentity', targets: ['userAssignedIdentity'], edge: RUNS_AS },
    { path: 'submittedBy', targets: PRINCIPAL_KINDS },
    { path: 'inputs[].datastore', targets: ['datastore'] },
    { path: 'outputs[].datastore', targets: ['datastore'] },
    { path: 'steps[].compute', targets: ['compute'], sentinels: SERVERLESS, edge: RUNS_ON },
    { path: 'steps[].identity.userAssignedIdentity', targets: ['userAssignedIdentity'], edge: RUNS_AS },
    { path: 'steps[].componentIdentity.userAssignedIdentity', targets: ['userAssignedIdentity'] },
    { path: 'steps[].inputs[].datastore', targets: ['datastore'] },
    { path: 'steps[].outputs[].datastore', targets: ['datastore'] },
  ],
  user: [],
  group: [{ path: 'members[]', targets: PRINCIPAL_KINDS, edge: { relation: 'memberOf', label: 'member of' } }],
  servicePrincipal: [],
  userAssignedIdentity: [{ path: 'resourceGroup', targets: ['resourceGroup'], parent: true }],
  systemAssignedIdentity: [{ path: 'owner', targets: SYSTEM_IDENTITY_OWNER_KINDS, parent: true }],
};

/** One reference an entity holds. */
export interface EntityReference {
  spec: ReferenceSpec;
  /** Where it sits in this entity, with list positions: `steps[1].inputs[0].datastore`. */
  field: string;
  id: EntityId;
  /**
   * The list item the reference sits in (`steps[1]` for `steps[1].identity.userAssignedIdentity`, `inputs[0]` for
   * `inputs[0].datastore`); empty for one held by the entity itself, such as `identity.userAssigned[2]`.
   */
  owner: string;
}

interface Segment {
  name: string;
  list: boolean;
}

const parsedPaths = new Map<string, Segment[]>();

function segmentsOf(path: string): Segment[] {
  let segments = parsedPaths.get(path);
  if (!segments) {
    segments = path.split('.').map((part) =>
      part.endsWith('[]') ? { name: part.slice(0, -2), list: true } : { name: part, list: false },
    );
    parsedPaths.set(path, segments);
  }
  return segments;
}

/**
 * Visits every slot of `path` in `holder`: the object holding the id, the key (a field name or a list index) and
 * the field as written with list positions. Missing objects and lists end the walk quietly.
 */
function visitSlots(
  holder: unknown,
  segments: readonly Segment[],
  prefix: string,
  visit: (target: Record<string, unknown> | unknown[], key: string | number, field: string, holder: string) => void,
): void {
  const [head, ...rest] = segments;
  if (!head || holder === null || typeof holder !== 'object') return;
  const record = holder as Record<string, unknown>;
  const field = prefix === '' ? head.name : `${prefix}.${head.name}`;
  if (!head.list) {
    if (rest.length === 0) visit(record, head.name, field, prefix);
    else visitSlots(record[head.name], rest, field, visit);
    return;
  }
  const list = record[head.name];
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (rest.length === 0) visit(list, i, `${field}[${i}]`, prefix);
    else visitSlots(item, rest, `${field}[${i}]`, visit);
  });
}

/** The list item a reference sits in, from the path of the object that holds it (`steps[1].identity` -> `steps[1]`). */
function ownerOf(holder: string): string {
  const end = holder.lastIndexOf(']');
  return end < 0 ? '' : holder.slice(0, end + 1);
}

/**
 * Every reference `entity` holds, in the order of {@link ENTITY_REFERENCES}: one entry per id, with the field it
 * sits in. Absent fields and sentinel values (`serverless`) are left out.
 */
export function referencesOf(entity: Entity): EntityReference[] {
  const found: EntityReference[] = [];
  for (const spec of ENTITY_REFERENCES[entity.kind]) {
    visitSlots(entity, segmentsOf(spec.path), '', (target, key, field, holder) => {
      const value = (target as Record<string | number, unknown>)[key];
      if (typeof value !== 'string' || spec.sentinels?.includes(value)) return;
      found.push({ spec, field, id: value as EntityId, owner: ownerOf(holder) });
    });
  }
  return found;
}

/**
 * Passes every reference of `entity` through `map`, in place: each id is replaced by what `map` returns, and a
 * list of ids (`identity.userAssigned`, `members`, `callers`) loses the duplicates the mapping made. Sentinel
 * values stay as they are. Callers that must not change the entity pass a copy.
 */
export function mapReferencesInPlace(entity: Entity, map: (id: EntityId) => EntityId): void {
  for (const spec of ENTITY_REFERENCES[entity.kind]) {
    const segments = segmentsOf(spec.path);
    const lists = new Set<unknown[]>();
    visitSlots(entity, segments, '', (target, key) => {
      const slot = target as Record<string | number, unknown>;
      const value = slot[key];
      if (typeof value !== 'string' || spec.sentinels?.includes(value)) return;
      slot[key] = map(value as EntityId);
      if (Array.isArray(target)) lists.add(target);
    });
    for (const list of lists) {
      const unique = [...new Set(list)];
      list.length = 0;
      list.push(...unique);
    }
  }
}

/** The kinds of entity that the field at `path` of a `kind` may refer to, or undefined when it is no reference. */
export function referenceTargets(kind: EntityKind, path: string): readonly EntityKind[] | undefined {
  return ENTITY_REFERENCES[kind].find((spec) => spec.path === path)?.targets;
}

/** The reference to an entity kind's parent (see {@link ReferenceSpec.parent}), or undefined for a kind without one. */
export function parentReference(kind: EntityKind): ReferenceSpec | undefined {
  return ENTITY_REFERENCES[kind].find((spec) => spec.parent === true);
}
