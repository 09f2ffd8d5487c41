import {
  type AccessPath,
  allEntities,
  COLLECTION_OF_KIND,
  type EntityKind,
  referencesOf,
  type Analysis,
  COMPUTE_KINDS,
  type ComputeType,
  type Entity,
  type EntityId,
  type Estate,
  type ManagedIdentitySetting,
  type PathKind,
  type PathStatus,
  type RoleAssignment,
  type RoleId,
  scopeKey,
  systemIdentityId,
} from '../../engine';
import { PATH_STATUS_ORDER } from '../components/path-status';
import { defaultVisualKind, VISUAL_KINDS, type VisualKind } from './entity-kinds';
import type { EdgeRelation, GraphEdgeSpec, GraphModel, GraphNodeSpec, RoleNames } from './graph-model-types';
import { sameAssignment, sameItems, type Cached, type CachedAssignment, type CachedPathEdge, type GraphModelMemo, type ReadChanges, type ReadKind } from './graph-model-memo';

export { GraphModelMemo, sameItems } from './graph-model-memo';

/*
 * The graph view model: a pure projection of an estate (and its analysis) into nodes, containers and edges.
 * Plain serialisable data, free of React and of React Flow, so that it is unit tested in Node and can be
 * handed to the layout worker as it is. Positions are the layout's business (layout.ts).
 */

export type { EdgeRelation, GraphEdgeSpec, GraphModel, GraphNodeSpec, RoleNames } from './graph-model-types';

export const PRINCIPALS_BAND_ID = '#principals';

/** The virtual node for serverless compute in a workspace. */
export function serverlessNodeId(workspace: EntityId): string {
  return `${workspace}#serverless`;
}

/** The virtual node of one step of a pipeline job. */
export function stepNodeId(job: EntityId, step: string): string {
  return `${job}#step/${step}`;
}

/** The worse of two statuses (an edge that carries several paths shows the worst), by PATH_STATUS_ORDER. */
export function worseStatus(a: PathStatus | undefined, b: PathStatus): PathStatus {
  if (a === undefined) return b;
  return PATH_STATUS_ORDER.indexOf(a) <= PATH_STATUS_ORDER.indexOf(b) ? a : b;
}

/** What an access path does, as a verb phrase for its edge. */
export const PATH_VERBS: Readonly<Record<PathKind, string>> = {
  'job-datastore': 'reads or writes data',
  'compute-image-pull': 'pulls images',
  'compute-private-registry': 'pulls images',
  'environment-build-private-registry': 'builds from',
  'compute-key-vault': 'reads secrets',
  'workspace-dependency': 'manages',
  'studio-preview': 'previews data',
  'studio-browse': 'browses data',
  'deployment-image-pull': 'pulls image',
  'deployment-model-storage': 'reads model',
  'deployment-metrics': 'writes metrics',
  'deployment-connection-secret': 'reads connection',
  'deployment-key-vault-secret': 'reads secret',
  'endpoint-invoke': 'scores',
  'endpoint-manage': 'manages',
  'aks-image-pull': 'pulls images',
  'cmk-key-vault': 'uses key',
  'instance-idle-shutdown': 'idle shutdown',
};

const RANK: Readonly<Record<VisualKind, number>> = Object.fromEntries(
  (Object.keys(VISUAL_KINDS) as VisualKind[]).map((kind, index) => [kind, index]),
) as Record<VisualKind, number>;

/** Numbers inside names sort as numbers (`user2` before `user10`): digit runs are padded to one width. */
function natural(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(10, '0'));
}

function orderKey(visual: VisualKind, name: string, id: string): string {
  return `${String(RANK[visual]).padStart(3, '0')}|${natural(name)}|${id}`;
}

function identitySummary(setting: ManagedIdentitySetting): string {
  const parts = [
    setting.system ? 'system' : '',
    setting.userAssigned.length > 0 ? `${setting.userAssigned.length} user-assigned` : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'no identity' : `identity: ${parts.join(' + ')}`;
}

/** The kinds whose structural edges are drawn, in the order they are added (so that the graph is stable). */
const STRUCTURAL_EDGE_ORDER: readonly EntityKind[] = [
  'workspace',
  'compute',
  'onlineEndpoint',
  'aksCluster',
  'datastore',
  'connection',
  'job',
  'group',
];

/** Whether an entity has a system-assigned identity of its own. */
function systemIdentityOf(entity: Entity): boolean {
  switch (entity.kind) {
    case 'workspace':
    case 'compute':
    case 'onlineEndpoint':
      return entity.identity.system;
    case 'aksCluster':
      return entity.clusterIdentity.type === 'managed_identity' && entity.clusterIdentity.identity.system;
    default:
      return false;
  }
}


// Attached kinds draw as the nearest visual kind; their node's detail line names what they are.
const COMPUTE_VISUAL: Readonly<Record<ComputeType, VisualKind>> = {
  amlcompute: 'computeCluster',
  computeinstance: 'computeInstance',
  kubernetes: 'kubernetesCompute',
  aks: 'kubernetesCompute',
  virtualmachine: 'computeInstance',
  hdinsight: 'computeCluster',
  databricks: 'computeCluster',
  datalakeanalytics: 'computeCluster',
  synapsespark: 'computeCluster',
  datafactory: 'computeCluster',
  // The generic compute glyph; the node's detail names the kind as unknown.
  unknown: 'computeCluster',
};
const JOB_IDENTITY_WORDS = {
  unset: 'identity not set',
  user_identity: 'runs as the submitter',
  managed: 'runs as a managed identity',
  aml_token: 'AML token',
} as const;
const AUTH_WORDS = { key: 'key auth', aml_token: 'AML token auth', aad_token: 'Entra token auth' } as const;

/**
 * Builds the graph of an estate: one node per entity (scopes and workspaces as containers), virtual nodes
 * for serverless compute and pipeline steps, and edges for identities, dependencies, where jobs run, group
 * membership, role assignments (with Azure ML's automatic ones when an analysis is given) and access paths.
 * Deterministic: the same estate, analysis and roles give the same nodes and edges, in the same order.
 * `roles` names the built-in roles (the estate's own are named from `estate.roleDefinitions`); the catalog
 * loads after the first paint, so until it is given a built-in role is labelled by the start of its GUID.
 */
export function buildGraphModel(estate: Estate, analysis?: Analysis, roles?: RoleNames, memo?: GraphModelMemo): GraphModel {
  const entities = new Map<EntityId, Entity>();
  for (const entity of allEntities(estate)) if (!entities.has(entity.id)) entities.set(entity.id, entity);
  const nameOf = (id: string) => nodeNames.get(id) ?? entities.get(id as EntityId)?.name ?? id;

  // What a piece kept in `memo` reads of the rest of the estate goes through `observe`, which notes the value it
  // saw: the piece is reused only while every value it read is still the same (see GraphModelMemo).
  let reads: unknown[] | undefined;
  // By kind and id, never a key built from the id: ids are long ARM ids, and a new string per read (hashed
  // again for each map lookup) cost as much as building the piece afresh.
  const lookUp = (kind: ReadKind, id: string): unknown => {
    switch (kind) {
      case 'entity':
        return entities.get(id as EntityId);
      case 'workspaceRegistry':
        return workspaceRegistries.has(id as EntityId);
      case 'drawn':
        return drawn.has(id);
      case 'name':
        return nameOf(id);
      case 'role':
        return roleName(id as RoleId);
      case 'scope': {
        const scope = scopeNode(id);
        return scope && (scope.exact ? scope.id : `part of ${scope.id}`);
      }
    }
  };
  const observe = (kind: ReadKind, id: string): unknown => {
    const value = lookUp(kind, id);
    reads?.push(kind, id, value);
    return value;
  };
  const recorded = <T>(run: () => T): Cached<T> => {
    const outer = reads;
    reads = [];
    try {
      const value = run();
      return { value, reads, checked: memo?.build ?? 0 };
    } finally {
      reads = outer;
    }
  };
  // What may have changed since the last build (see ReadChanges): the boxes' reads now, the edges' once the boxes are built.
  let changes: ReadChanges | undefined = memo?.begin(estate, entities, roles);
  const stillValid = <T>(cached: Cached<T> | undefined): cached is Cached<T> => memo !== undefined && changes !== undefined && memo.stillValid(cached, changes, lookUp);
  const entityOf = (id: EntityId) => observe('entity', id) as Entity | undefined;
  const has = (id: EntityId | undefined): id is EntityId => id !== undefined && entityOf(id) !== undefined;

  const workspaceRegistries = new Set(estate.workspaces.map((w) => w.containerRegistry).filter(has));
  const serverlessWorkspaces = new Set<EntityId>();
  for (const job of estate.jobs)
    if (job.compute === 'serverless' || job.steps.some((step) => step.compute === 'serverless'))
      serverlessWorkspaces.add(job.workspace);

  const nodes: GraphNodeSpec[] = [];
  const nodeNames = new Map<string, string>();
  const addNode = (node: GraphNodeSpec) => {
    // Every box that comes out the same as last time is last time's object (a kept entity box already is): the
    // node list is then the same list (use-graph-model.ts), and the layout is not computed again.
    if (memo) node = memo.keepNode(node);
    nodes.push(node);
    nodeNames.set(node.id, node.name);
  };
  const hasPrincipals = estate.users.length + estate.groups.length + estate.servicePrincipals.length > 0;
  if (hasPrincipals)
    addNode({
      id: PRINCIPALS_BAND_ID,
      visual: 'principals',
      name: 'People and apps',
      container: true,
      column: 0,
      order: '',
    });

  const parentIfPresent = (id: EntityId | undefined) => (has(id) ? id : undefined);

  for (const entity of entities.values()) {
    let cached = memo?.nodes.get(entity);
    if (!stillValid(cached)) {
      cached = recorded((): GraphNodeSpec => {
        const node = nodeFor(entity);
        return { ...node, order: orderKey(node.visual, node.name, node.id) };
      });
      memo?.nodes.set(entity, cached);
    }
    addNode(cached.value);
  }

  function nodeFor(entity: Entity): Omit<GraphNodeSpec, 'order'> {
    const base = {
      id: entity.id,
      entityId: entity.id,
      name: entity.name,
      visual: defaultVisualKind(entity.kind),
      container: false,
      column: 0,
    };
    switch (entity.kind) {
      case 'managementGroup':
        return {
          ...base,
          container: true,
          parent: parentIfPresent(entity.parent) ?? undefined,
          column: 1,
          detail: entity.displayName,
        };
      case 'subscription':
        return {
          ...base,
          container: true,
          parent: parentIfPresent(entity.managementGroup),
          column: 1,
          detail: entity.displayName,
        };
      case 'resourceGroup':
        return {
          ...base,
          container: true,
          parent: parentIfPresent(entity.subscription),
          column: 1,
          detail: entity.location,
        };
      case 'workspace':
        return {
          ...base,
          container: true,
          parent: parentIfPresent(entity.resourceGroup),
          column: 0,
          reservesIdentity: true,
          // The header already says "Workspace": only a hub or project says its kind again.
          detail: `${entity.workspaceKind === 'default' ? '' : `${entity.workspaceKind} · `}${identitySummary(entity.identity)}`,
        };
      case 'storageAccount':
      case 'keyVault':
      case 'applicationInsights':
        return { ...base, parent: parentIfPresent(entity.resourceGroup), column: 1 };
      case 'containerRegistry':
        return {
          ...base,
          visual: observe('workspaceRegistry', entity.id) === true ? 'workspaceRegistry' : 'privateRegistry',
          parent: parentIfPresent(entity.resourceGroup),
          column: 1,
          detail: entity.adminUserEnabled ? 'admin user on' : undefined,
        };
      case 'aksCluster':
        return { ...base, parent: parentIfPresent(entity.resourceGroup), column: 1, reservesIdentity: true };
      case 'userAssignedIdentity':
        // In the same column as the other resources of the group, after them (by kind rank): one column less to cross.
        return { ...base, parent: parentIfPresent(entity.resourceGroup), column: 1 };
      case 'compute':
        return {
          ...base,
          visual: COMPUTE_VISUAL[entity.computeType],
          parent: parentIfPresent(entity.workspace),
          column: 1,
          reservesIdentity: true,
          detail: (COMPUTE_KINDS[entity.computeType].attached && entity.computeType !== 'kubernetes') || entity.computeType === 'unknown'
            ? `${COMPUTE_KINDS[entity.computeType].label} · ${identitySummary(entity.identity)}`
            : identitySummary(entity.identity),
        };
      case 'onlineEndpoint':
        return {
          ...base,
          parent: parentIfPresent(entity.workspace),
          column: 1,
          reservesIdentity: true,
          detail: `${AUTH_WORDS[entity.authMode]} · ${identitySummary(entity.identity)}`,
        };
      case 'onlineDeployment': {
        const endpoint = entityOf(entity.endpoint);
        const workspace =
          endpoint?.kind === 'onlineEndpoint' ? parentIfPresent(endpoint.workspace) : undefined;
        return {
          ...base,
          parent: workspace,
          column: 1,
          attachedTo: has(entity.endpoint) ? entity.endpoint : undefined,
          small: true,
        };
      }
      case 'datastore':
        return {
          ...base,
          parent: parentIfPresent(entity.workspace),
          column: 2,
          detail:
            entity.credentialKind === 'none'
              ? 'identity-based'
              : `stores ${entity.credentialKind.replace(/_/g, ' ')}`,
        };
      case 'connection':
        return {
          ...base,
          parent: parentIfPresent(entity.workspace),
          column: 2,
          detail: entity.connectionType.replace(/_/g, ' '),
        };
      case 'job':
        return {
          ...base,
          parent: parentIfPresent(entity.workspace),
          column: 0,
          detail: `${entity.jobType} · ${JOB_IDENTITY_WORDS[entity.identity.type]}`,
        };
      case 'systemAssignedIdentity': {
        const owner = entityOf(entity.owner);
        // A workspace holds its identity inside; other owners have it drawn under them, in their own container.
        const parent =
          owner === undefined ? undefined : owner.kind === 'workspace' ? owner.id : parentOfEntity(owner);
        return {
          ...base,
          parent,
          column: owner?.kind === 'workspace' ? 2 : columnOfEntity(owner),
          attachedTo: owner?.id,
          small: true,
        };
      }
      case 'user':
      case 'servicePrincipal':
        return { ...base, parent: PRINCIPALS_BAND_ID, column: 0 };
      case 'group':
        return { ...base, parent: PRINCIPALS_BAND_ID, column: 1 };
    }
  }

  function parentOfEntity(entity: Entity): string | undefined {
    return nodeFor(entity).parent;
  }
  function columnOfEntity(entity: Entity | undefined): number {
    return entity ? nodeFor(entity).column : 0;
  }

  for (const workspace of serverlessWorkspaces) {
    if (!has(workspace)) continue;
    const id = serverlessNodeId(workspace);
    addNode({
      id,
      visual: 'serverlessCompute',
      container: false,
      name: 'Serverless',
      detail: 'per-job compute',
      parent: workspace,
      column: 1,
      order: orderKey('serverlessCompute', '', id),
    });
  }
  for (const job of estate.jobs) {
    job.steps.forEach((step, index) => {
      const id = stepNodeId(job.id, step.name);
      addNode({
        id,
        visual: 'pipelineStep',
        container: false,
        name: step.name,
        detail: JOB_IDENTITY_WORDS[step.identity.type],
        parent: parentIfPresent(job.workspace),
        column: 0,
        // Steps keep the pipeline's own order, which is the order a reader follows.
        order: String(index).padStart(4, '0'),
        attachedTo: job.id,
        small: true,
      });
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Edges

  const edges: GraphEdgeSpec[] = [];
  const byKey = new Map<string, GraphEdgeSpec>();
  // The edges an access path may run along, by source and then target: a business unit has tens of
  // thousands of paths, and building an id string per path and relation to look them up was most of the cost.
  const dependsOnEnds = new Map<string, Map<string, GraphEdgeSpec>>();
  const runsOnEnds = new Map<string, Map<string, GraphEdgeSpec>>();
  const drawn = new Set(nodeNames.keys());
  if (memo && changes) changes = memo.drawnChanges(changes, nodeNames);
  // An edge between two drawn boxes, named; undefined when an end is not drawn. Reads go through `observe`.
  const edgeSpec = (edge: Omit<GraphEdgeSpec, 'ariaLabel'> & { ariaLabel?: string; verb?: string }): GraphEdgeSpec | undefined => {
    if (observe('drawn', edge.source) !== true || observe('drawn', edge.target) !== true || edge.source === edge.target) return undefined;
    const { verb, ...rest } = edge;
    return {
      ...rest,
      ariaLabel: edge.ariaLabel ?? `${observe('name', edge.source) as string} ${verb ?? edge.label ?? ''} ${observe('name', edge.target) as string}`,
    };
  };
  // The first edge of an id is drawn; access paths find the structural edges they run along by their ends.
  const place = (spec: GraphEdgeSpec) => {
    if (byKey.has(spec.id)) return;
    byKey.set(spec.id, spec);
    if (spec.relation === 'dependsOn' || spec.relation === 'runsOn') {
      const bySource = spec.relation === 'dependsOn' ? dependsOnEnds : runsOnEnds;
      let byTarget = bySource.get(spec.source);
      if (byTarget === undefined) bySource.set(spec.source, (byTarget = new Map()));
      byTarget.set(spec.target, spec);
    }
    edges.push(spec);
  };
  // The structural edges are the references model/references.ts marks with an edge, drawn from the entity (or
  // from its pipeline step) to the target; a member is drawn towards its group. A system-assigned identity is no
  // reference (its owner only says it has one) and where a job runs is drawn here, because serverless compute and
  // a step that inherits its pipeline's compute have virtual nodes.
  const structuralEdgesOf = (entity: Entity): GraphEdgeSpec[] => {
    const found: GraphEdgeSpec[] = [];
    const structural = (relation: EdgeRelation, source: string, target: string | undefined, label: string) => {
      if (target === undefined) return;
      const spec = edgeSpec({ id: `${relation}:${source}->${target}`, source, target, relation, label });
      if (spec) found.push(spec);
    };
    const referenceEdges = (refs: ReturnType<typeof referencesOf>, owner: string, source: string) => {
      for (const ref of refs) {
        const edge = ref.spec.edge;
        if (edge === undefined || ref.owner !== owner || (entity.kind === 'job' && edge.relation === 'runsOn'))
          continue;
        if (edge.relation === 'memberOf') structural(edge.relation, ref.id, source, edge.label);
        else structural(edge.relation, source, ref.id, edge.label);
      }
    };
    if (systemIdentityOf(entity)) structural('hasIdentity', entity.id, systemIdentityId(entity.id), 'identity');
    // Once per entity: a pipeline's steps each take their own references from the one list.
    const refs = referencesOf(entity);
    if (entity.kind !== 'job') {
      referenceEdges(refs, '', entity.id);
      return found;
    }
    structural('runsOn', entity.id, computeNode(entity.workspace, entity.compute), 'runs on');
    referenceEdges(refs, '', entity.id);
    entity.steps.forEach((step, index) => {
      const id = stepNodeId(entity.id, step.name);
      structural('runsOn', id, computeNode(entity.workspace, step.compute ?? entity.compute), 'runs on');
      referenceEdges(refs, `steps[${index}]`, id);
    });
    return found;
  };
  const computeNode = (workspace: EntityId, compute: EntityId | 'serverless' | undefined) =>
    compute === 'serverless' ? serverlessNodeId(workspace) : compute;
  for (const kind of STRUCTURAL_EDGE_ORDER) {
    for (const entity of estate[COLLECTION_OF_KIND[kind]] as Entity[]) {
      let cached = memo?.structural.get(entity);
      if (!stillValid(cached)) {
        cached = recorded(() => structuralEdgesOf(entity));
        memo?.structural.set(entity, cached);
      }
      for (const spec of cached.value) place(spec);
    }
  }

  // Role assignments: principal -> the drawn scope, or the nearest drawn scope above a finer one (a blob container).
  const byScope = new Map<string, EntityId>();
  for (const entity of entities.values())
    if ('armId' in entity) byScope.set(scopeKey(entity.armId), entity.id);
  // Many assignments share a scope (a business unit's thousands sit on a few hundred): each is resolved once.
  const scopeNodes = new Map<string, { id: EntityId; exact: boolean } | undefined>();
  const scopeNode = (scope: string): { id: EntityId; exact: boolean } | undefined => {
    if (scopeNodes.has(scope)) return scopeNodes.get(scope);
    const found = climbToScopeNode(scope);
    scopeNodes.set(scope, found);
    return found;
  };
  const climbToScopeNode = (scope: string): { id: EntityId; exact: boolean } | undefined => {
    let key: string = scopeKey(scope);
    let exact = true;
    // Only finer scopes inside a resource (a blob container, a secret) climb to the resource: a grant on a
    // resource outside the estate is not drawn on the subscription around it.
    for (;;) {
      const id = byScope.get(key);
      if (id !== undefined) return { id, exact };
      if (!key.includes('/providers/')) return undefined;
      exact = false;
      key = key.slice(0, key.lastIndexOf('/'));
    }
  };
  const customRoles = new Map(estate.roleDefinitions.map((role) => [role.id.toLowerCase(), role.name]));
  const roleNames = new Map<RoleId, string>();
  const roleName = (role: RoleId) => {
    let name = roleNames.get(role);
    if (name === undefined) {
      name = customRoles.get(role.toLowerCase()) ?? roles?.get(role)?.name ?? `role ${role.slice(0, 8)}…`;
      roleNames.set(role, name);
    }
    return name;
  };
  let unplacedAssignments = 0;
  const assignments: RoleAssignment[] = [...estate.roleAssignments];
  const seenAssignments = new Set(assignments.map((a) => a.id));
  for (const automatic of analysis?.automaticAssignments ?? [])
    if (!seenAssignments.has(automatic.id)) assignments.push(automatic);
  // An assignment's edge, or 'unplaced' when its principal or scope is not drawn.
  const assignmentEdge = (assignment: RoleAssignment): GraphEdgeSpec | 'unplaced' | undefined => {
    const placed = observe('scope', assignment.scope) as string | undefined;
    if (placed === undefined || observe('drawn', assignment.principal) !== true) return 'unplaced';
    const scope = scopeNode(assignment.scope)!;
    const role = observe('role', assignment.role) as string;
    const scopeName = observe('name', scope.id) as string;
    const where = scope.exact ? scopeName : `part of ${scopeName} (${assignment.scope.split('/').slice(-2).join('/')})`;
    return edgeSpec({
      id: `roleAssignment:${assignment.id}`,
      source: assignment.principal,
      target: scope.id,
      relation: 'roleAssignment',
      label: scope.exact ? role : `${role} (part)`,
      ariaLabel: `${observe('name', assignment.principal) as string} holds ${role} on ${where}${assignment.origin === 'automatic' ? ', granted by Azure ML' : assignment.origin === 'planned' ? ', planned' : ''}`,
      origin: assignment.origin,
      roleId: assignment.role,
      assignmentId: assignment.id,
    });
  };
  // Kept by id, not by object: Azure ML's automatic assignments are new objects with each analysis.
  const keptAssignments = new Map<string, CachedAssignment>();
  for (const assignment of assignments) {
    let cached = memo?.assignments.get(assignment.id);
    if (!cached || !sameAssignment(cached.assignment, assignment) || !stillValid(cached.edge))
      cached = { assignment, edge: recorded(() => assignmentEdge(assignment)) };
    keptAssignments.set(assignment.id, cached);
    const edge = cached.edge.value;
    if (edge === 'unplaced') unplacedAssignments += 1;
    else if (edge) place(edge);
  }
  if (memo) memo.assignments = keptAssignments;

  const keepEdge = memo ? (edge: GraphEdgeSpec) => memo.keepEdge(edge) : (edge: GraphEdgeSpec) => edge;
  // Access paths: one edge per actor and target with the worst status; a path along a structural edge colours it.
  // Gathered first, then each group built: a group of the same path objects as last time (the page keeps every
  // path an edit left unchanged, analysis-delta.ts) is last time's edge, without building or comparing it again.
  const pathGroups = new Map<string, Map<string, AccessPath[]>>();
  const groupOrder: AccessPath[][] = [];
  const alongPaths = new Map<GraphEdgeSpec, AccessPath[]>();
  for (const path of analysis?.paths ?? []) {
    const target = path.target as string;
    if (!drawn.has(path.actor) || !drawn.has(target) || path.actor === target) continue;
    const along = dependsOnEnds.get(path.actor)?.get(target) ?? runsOnEnds.get(path.actor)?.get(target);
    let group = along && alongPaths.get(along);
    if (along && !group) alongPaths.set(along, (group = []));
    if (!group) {
      let byTarget = pathGroups.get(path.actor);
      if (byTarget === undefined) pathGroups.set(path.actor, (byTarget = new Map()));
      group = byTarget.get(target);
      if (!group) {
        byTarget.set(target, (group = []));
        groupOrder.push(group);
      }
    }
    group.push(path);
  }
  const worstOf = (paths: readonly AccessPath[]) => paths.reduce<PathStatus | undefined>((worst, path) => worseStatus(worst, path.status), undefined)!;
  const keptPathEdges = new Map<AccessPath, CachedPathEdge>();
  const pathEdge = (paths: readonly AccessPath[], along: GraphEdgeSpec | undefined, sourceName: string | undefined, targetName: string | undefined, build: () => GraphEdgeSpec): GraphEdgeSpec => {
    const before = memo?.pathEdges.get(paths[0]!);
    const spec =
      before && before.along === along && before.sourceName === sourceName && before.targetName === targetName && sameItems(before.paths, paths)
        ? before.spec
        : keepEdge(build());
    keptPathEdges.set(paths[0]!, { paths, along, sourceName, targetName, spec });
    return spec;
  };
  for (const paths of groupOrder) {
    const [first] = paths as [AccessPath];
    const source = first.actor as string;
    const target = first.target as string;
    // Named from both ends when it carries several paths; with one it keeps that path's title.
    const several = paths.length > 1;
    edges.push(pathEdge(paths, undefined, several ? nameOf(source) : undefined, several ? nameOf(target) : undefined, () => {
      let label = PATH_VERBS[first.kind];
      for (const path of paths) if (!label.includes(PATH_VERBS[path.kind])) label = `${label}, ${PATH_VERBS[path.kind]}`;
      const status = worstOf(paths);
      return {
        id: `accessPath:${source}->${target}`,
        source,
        target,
        relation: 'accessPath',
        label,
        ariaLabel: paths.length > 1 ? `${nameOf(source)} to ${nameOf(target)}: ${paths.length} access paths, worst ${status}` : `${first.title}: ${first.status}`,
        status,
        pathIds: paths.map((path) => path.id),
      };
    }));
  }
  // A structural edge that paths run along is drawn as a coloured copy (the structural edge may be the one kept in
  // `memo` for the next build). Everything that comes out the same as last time is last time's object: React Flow
  // and the memoised views then skip it.
  const coloured = alongPaths.size === 0 ? edges : edges.map((edge) => {
    const paths = alongPaths.get(edge);
    return paths ? pathEdge(paths, edge, undefined, undefined, () => ({ ...edge, status: worstOf(paths), pathIds: paths.map((path) => path.id) })) : edge;
  });
  if (memo) memo.pathEdges = keptPathEdges;
  memo?.prune(nodes.length, coloured.length);
  memo?.finish(estate, entities, roles, nodeNames);
  return { nodes, edges: coloured, unplacedAssignments };
}
