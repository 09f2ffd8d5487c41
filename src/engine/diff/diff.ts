import { analyze, type Analysis } from '../analysis/analyze';
import type { EntityId, RoleId } from '../model/ids';
import { buildTopology, type Topology } from '../model/topology';
import { ENTITY_COLLECTIONS, type Entity, type EntityKind, type Estate, type PrivateEndpointLink, type RoleAssignment } from '../model/types';
import { createRoleCatalog } from '../rbac/catalog';
import type { IdentityKind, PathStatus } from '../paths/types';
import type { Finding, Severity } from '../rules/types';
import { grantIdentity } from './grant-identity';

/** A role assignment as the diff reports it: matched by principal, role and scope, never by its id. */
export interface GrantChange {
  principal: EntityId;
  principalName: string;
  role: RoleId;
  roleName: string;
  scope: string;
  scopeName: string;
  /** Present when the assignment carries an ABAC condition. */
  condition?: string;
}

/** A path present on both sides whose resolved identity or status changed. */
export interface PathChange {
  id: string;
  title: string;
  before: { status: PathStatus; identity: string; identityKind: IdentityKind; principal?: EntityId };
  after: { status: PathStatus; identity: string; identityKind: IdentityKind; principal?: EntityId };
  /** Which of the two changed: `status`, `identity` or both. */
  changed: ('status' | 'identity')[];
}

/** A path on one side only. */
export interface PathPresence {
  id: string;
  title: string;
  status: PathStatus;
  identity: string;
}

export interface FindingChange {
  id: string;
  ruleId: string;
  title: string;
  severity: Severity;
  message: string;
  subjects: { id: EntityId; name: string }[];
}

export interface EntityChange {
  id: EntityId;
  kind: EntityKind;
  name: string;
  /** For a changed entity: the top-level fields whose values differ (source locations are ignored). */
  fields?: string[];
}

/** What changed between two estates, in what they grant, what reaches what, and what the analysis finds. */
export interface EstateDiff {
  /** `conditionChanged`: the same principal, role and scope on both sides with a different ABAC condition. */
  grants: { added: GrantChange[]; removed: GrantChange[]; conditionChanged: { before: GrantChange; after: GrantChange }[] };
  paths: { changed: PathChange[]; added: PathPresence[]; removed: PathPresence[] };
  findings: { opened: FindingChange[]; closed: FindingChange[] };
  entities: { added: EntityChange[]; removed: EntityChange[]; changed: EntityChange[] };
  summary: {
    grantsAdded: number;
    grantsRemoved: number;
    grantConditionsChanged: number;
    pathsChanged: number;
    pathsAdded: number;
    pathsRemoved: number;
    findingsOpened: Record<Severity, number>;
    findingsClosed: Record<Severity, number>;
    entitiesAdded: number;
    entitiesRemoved: number;
    entitiesChanged: number;
  };
}

export interface DiffOptions {
  /** Analyses already computed for the two estates (the CLI and the app have them); computed when absent. */
  beforeAnalysis?: Analysis;
  afterAnalysis?: Analysis;
}

/**
 * Compares two estates. Role assignments are matched by principal, role, scope (and condition), not by id, so
 * an export that renamed every assignment shows no change; paths by their stable id, findings by their stable
 * id, entities by id with the top-level fields that differ. Automatic grants Azure ML makes are compared as
 * well: a change that makes Azure ML grant something shows up as an added grant.
 */
export function diffEstates(before: Estate, after: Estate, options: DiffOptions = {}): EstateDiff {
  const beforeAnalysis = options.beforeAnalysis ?? analyze(before);
  const afterAnalysis = options.afterAnalysis ?? analyze(after);
  const beforeTopology = buildTopology(before);
  const afterTopology = buildTopology(after);

  const grants = diffGrants(before, after, beforeAnalysis, afterAnalysis, beforeTopology, afterTopology);
  const paths = diffPaths(beforeAnalysis, afterAnalysis);
  const findings = diffFindings(beforeAnalysis, afterAnalysis, beforeTopology, afterTopology);
  const entities = diffEntities(before, after);
  const count = (list: readonly FindingChange[]) => {
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of list) counts[f.severity]++;
    return counts;
  };
  return {
    grants,
    paths,
    findings,
    entities,
    summary: {
      grantsAdded: grants.added.length,
      grantsRemoved: grants.removed.length,
      grantConditionsChanged: grants.conditionChanged.length,
      pathsChanged: paths.changed.length,
      pathsAdded: paths.added.length,
      pathsRemoved: paths.removed.length,
      findingsOpened: count(findings.opened),
      findingsClosed: count(findings.closed),
      entitiesAdded: entities.added.length,
      entitiesRemoved: entities.removed.length,
      entitiesChanged: entities.changed.length,
    },
  };
}

function diffGrants(
  before: Estate,
  after: Estate,
  beforeAnalysis: Analysis,
  afterAnalysis: Analysis,
  beforeTopology: Topology,
  afterTopology: Topology,
): EstateDiff['grants'] {
  const index = (assignments: readonly RoleAssignment[]) => {
    const map = new Map<string, RoleAssignment>();
    for (const a of assignments) if (!map.has(grantIdentity(a))) map.set(grantIdentity(a), a);
    return map;
  };
  const beforeGrants = index([...before.roleAssignments, ...beforeAnalysis.automaticAssignments]);
  const afterGrants = index([...after.roleAssignments, ...afterAnalysis.automaticAssignments]);
  const describe = (a: RoleAssignment, estate: Estate, topology: Topology): GrantChange => {
    const catalog = createRoleCatalog(estate.roleDefinitions);
    return {
      principal: a.principal,
      principalName: topology.nameOf(a.principal),
      role: a.role,
      roleName: catalog.get(a.role)?.name ?? a.role,
      scope: a.scope,
      scopeName: topology.nameOf(a.scope as EntityId),
      ...(a.condition ? { condition: a.condition } : {}),
    };
  };
  const added = [...afterGrants].filter(([key]) => !beforeGrants.has(key)).map(([, a]) => describe(a, after, afterTopology));
  const removed = [...beforeGrants].filter(([key]) => !afterGrants.has(key)).map(([, a]) => describe(a, before, beforeTopology));
  const conditionChanged = [...afterGrants]
    .filter(([key, a]) => beforeGrants.has(key) && (beforeGrants.get(key)?.condition ?? '') !== (a.condition ?? ''))
    .map(([key, a]) => ({ before: describe(beforeGrants.get(key) as RoleAssignment, before, beforeTopology), after: describe(a, after, afterTopology) }));
  return { added, removed, conditionChanged };
}

function diffPaths(beforeAnalysis: Analysis, afterAnalysis: Analysis): EstateDiff['paths'] {
  const beforeById = new Map(beforeAnalysis.paths.map((p) => [p.id, p]));
  const afterById = new Map(afterAnalysis.paths.map((p) => [p.id, p]));
  const changed: PathChange[] = [];
  for (const [id, a] of afterById) {
    const b = beforeById.get(id);
    if (!b) continue;
    const what: PathChange['changed'] = [];
    if (a.status !== b.status) what.push('status');
    if (a.identity.kind !== b.identity.kind || a.identity.principal !== b.identity.principal || a.identity.label !== b.identity.label) what.push('identity');
    if (what.length === 0) continue;
    const side = (p: typeof a) => ({ status: p.status, identity: p.identity.label, identityKind: p.identity.kind, ...(p.identity.principal ? { principal: p.identity.principal } : {}) });
    changed.push({ id, title: a.title, before: side(b), after: side(a), changed: what });
  }
  const presence = (p: (typeof afterAnalysis.paths)[number]): PathPresence => ({ id: p.id, title: p.title, status: p.status, identity: p.identity.label });
  return {
    changed,
    added: afterAnalysis.paths.filter((p) => !beforeById.has(p.id)).map(presence),
    removed: beforeAnalysis.paths.filter((p) => !afterById.has(p.id)).map(presence),
  };
}

function diffFindings(beforeAnalysis: Analysis, afterAnalysis: Analysis, beforeTopology: Topology, afterTopology: Topology): EstateDiff['findings'] {
  const beforeIds = new Set(beforeAnalysis.findings.map((f) => f.id));
  const afterIds = new Set(afterAnalysis.findings.map((f) => f.id));
  const describe = (f: Finding, topology: Topology): FindingChange => ({
    id: f.id,
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    message: f.message,
    subjects: f.subjects.map((id) => ({ id, name: topology.nameOf(id) })),
  });
  return {
    opened: afterAnalysis.findings.filter((f) => !beforeIds.has(f.id)).map((f) => describe(f, afterTopology)),
    closed: beforeAnalysis.findings.filter((f) => !afterIds.has(f.id)).map((f) => describe(f, beforeTopology)),
  };
}

/** Deep equality of plain data (what an estate holds): objects by keys, arrays by order. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Fields that say where an entity was read from, not what it is. */
const IGNORED_FIELDS = new Set(['source']);

/** A field's value as compared: a private endpoint's `sources` say where it was read, not what it is. */
function compared(field: string, value: unknown): unknown {
  if (field !== 'privateEndpoints' || !Array.isArray(value)) return value;
  return (value as PrivateEndpointLink[]).map(({ sources: _sources, ...link }) => link);
}

function diffEntities(before: Estate, after: Estate): EstateDiff['entities'] {
  const collect = (estate: Estate) => {
    const map = new Map<EntityId, Entity>();
    for (const collection of ENTITY_COLLECTIONS) for (const entity of estate[collection] as Entity[]) map.set(entity.id, entity);
    return map;
  };
  const b = collect(before);
  const a = collect(after);
  const brief = (e: Entity): EntityChange => ({ id: e.id, kind: e.kind, name: e.name });
  const changed: EntityChange[] = [];
  for (const [id, next] of a) {
    const previous = b.get(id);
    if (!previous) continue;
    const keys = new Set([...Object.keys(previous), ...Object.keys(next)].filter((k) => !IGNORED_FIELDS.has(k)));
    const fields = [...keys]
      .filter((k) => !same(compared(k, (previous as unknown as Record<string, unknown>)[k]), compared(k, (next as unknown as Record<string, unknown>)[k])))
      .sort();
    if (fields.length > 0) changed.push({ ...brief(next), fields });
  }
  return {
    added: [...a.values()].filter((e) => !b.has(e.id)).map(brief),
    removed: [...b.values()].filter((e) => !a.has(e.id)).map(brief),
    changed,
  };
}
