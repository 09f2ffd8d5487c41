import type { Edge, Node } from '@xyflow/react';
import { allEntities } from '../../engine/model/estate';
import { scopeKey, type EntityId, type RoleId } from '../../engine/model/ids';
import type {
  AssignmentOrigin,
  Entity,
  EntityKind,
  Estate,
  ManagedIdentitySetting,
} from '../../engine/model/types';
import { KIND_ORDER, KIND_PRESENTATION } from './entity-kinds';

/*
 * The graph view model: a pure projection of an estate into React Flow nodes and edges. Keeping it free of
 * React (only xyflow *types* are imported) lets it be unit tested in Node and later moved into a worker.
 */

export type EntityNodeData = {
  entityId: EntityId;
  kind: EntityKind;
  name: string;
};
export type EntityNode = Node<EntityNodeData, 'entity'>;

export type Relation = 'dependsOn' | 'hasIdentity' | 'partOf' | 'roleAssignment';

export type RelationEdgeData = {
  relation: Relation;
  /** Role assignments only. */
  roleId?: RoleId;
  assignmentId?: EntityId;
  origin?: AssignmentOrigin;
};
export type RelationEdge = Edge<RelationEdgeData>;

export interface GraphModel {
  nodes: EntityNode[];
  edges: RelationEdge[];
  /** Role assignments left out because their principal or scope is not an entity of the estate. */
  unplacedAssignments: number;
}

export const COLUMN_WIDTH = 340;
export const ROW_HEIGHT = 84;

const RELATION_LABEL: Record<Exclude<Relation, 'roleAssignment'>, string> = {
  dependsOn: 'depends on',
  hasIdentity: 'has identity',
  partOf: 'in',
};

/** Containment is everywhere and obvious from the legend's colour; a label on each would only crowd the graph. */
const SHOW_LABEL: Record<Exclude<Relation, 'roleAssignment'>, boolean> = {
  dependsOn: true,
  hasIdentity: true,
  partOf: false,
};

/** A role's display name when the estate defines the role; otherwise a shortened GUID (built-ins are resolved later). */
function roleLabel(roleId: RoleId, names: ReadonlyMap<RoleId, string>): string {
  return names.get(roleId) ?? `role ${roleId.slice(0, 8)}…`;
}

/** Entities an entity points at, other than role assignments, as [relation, target] pairs. */
function outgoing(entity: Entity): Array<[Exclude<Relation, 'roleAssignment'>, EntityId | undefined]> {
  const identities = (setting: ManagedIdentitySetting) =>
    setting.userAssigned.map((id): ['hasIdentity', EntityId] => ['hasIdentity', id]);
  switch (entity.kind) {
    case 'workspace':
      return [
        ['dependsOn', entity.storageAccount],
        ['dependsOn', entity.keyVault],
        ['dependsOn', entity.containerRegistry],
        ['dependsOn', entity.applicationInsights],
        ['partOf', entity.hub],
        ...identities(entity.identity),
      ];
    case 'compute':
      return [['partOf', entity.workspace], ...identities(entity.identity)];
    case 'onlineEndpoint':
      return [['partOf', entity.workspace], ...identities(entity.identity)];
    case 'aksCluster':
      return [
        ['partOf', entity.attachedWorkspace],
        ...(entity.clusterIdentity.type === 'managed_identity'
          ? identities(entity.clusterIdentity.identity)
          : []),
      ];
    case 'onlineDeployment':
      return [['partOf', entity.endpoint]];
    case 'datastore':
      return [
        ['partOf', entity.workspace],
        ['dependsOn', entity.storageAccount],
      ];
    case 'connection':
    case 'job':
      return [['partOf', entity.workspace]];
    case 'systemAssignedIdentity':
      // Drawn from the owner's side so that every "has identity" edge reads resource -> identity.
      return [];
    default:
      return [];
  }
}

/**
 * Projects an estate into graph nodes (one per entity) and edges (workspace dependencies, containment,
 * managed identities, role assignments), laid out in columns by kind. Deterministic: the same estate
 * always yields the same ids, order and positions. References to entities missing from the estate are
 * skipped rather than drawn dangling; readers report those as diagnostics.
 */
export function buildGraphModel(estate: Estate): GraphModel {
  const entities = new Map<EntityId, Entity>();
  for (const entity of allEntities(estate)) {
    // A duplicate id is a reader bug or bad input; drawing it twice would break React Flow's keyed lists.
    if (!entities.has(entity.id)) entities.set(entity.id, entity);
  }

  const nodes = layoutInColumns([...entities.values()]);
  // React Flow's default edge label is "Edge from <id> to <id>": unreadable with ARM ids.
  const nameOf = (id: EntityId) => entities.get(id)?.name ?? id;

  const edges: RelationEdge[] = [];
  const seen = new Set<string>();
  const addEdge = (edge: RelationEdge) => {
    if (seen.has(edge.id)) return;
    seen.add(edge.id);
    edges.push(edge);
  };

  for (const entity of entities.values()) {
    for (const [relation, target] of outgoing(entity)) {
      if (target === undefined || !entities.has(target)) continue;
      addEdge({
        id: `${relation}:${entity.id}->${target}`,
        source: entity.id,
        target,
        ...(SHOW_LABEL[relation] ? { label: RELATION_LABEL[relation] } : {}),
        ariaLabel: `${entity.name} ${RELATION_LABEL[relation]} ${nameOf(target)}`,
        data: { relation },
        className: `edge-${relation}`,
      });
    }
  }
  for (const identity of estate.systemAssignedIdentities) {
    if (!entities.has(identity.owner)) continue;
    addEdge({
      id: `hasIdentity:${identity.owner}->${identity.id}`,
      source: identity.owner,
      target: identity.id,
      label: RELATION_LABEL.hasIdentity,
      ariaLabel: `${nameOf(identity.owner)} ${RELATION_LABEL.hasIdentity} ${identity.name}`,
      data: { relation: 'hasIdentity' },
      className: 'edge-hasIdentity',
    });
  }

  // Scopes are ARM ids compared case-insensitively; only entities with an ARM id can be a scope.
  const byScope = new Map<string, EntityId>();
  for (const entity of entities.values()) {
    if ('armId' in entity) byScope.set(scopeKey(entity.armId), entity.id);
  }
  const roleNames = new Map<RoleId, string>(estate.roleDefinitions.map((role) => [role.id, role.name]));
  let unplacedAssignments = 0;
  for (const assignment of estate.roleAssignments) {
    const target = byScope.get(scopeKey(assignment.scope));
    if (target === undefined || !entities.has(assignment.principal)) {
      unplacedAssignments += 1;
      continue;
    }
    const role = roleLabel(assignment.role, roleNames);
    addEdge({
      id: `roleAssignment:${assignment.id}`,
      source: assignment.principal,
      target,
      label: role,
      ariaLabel: `${nameOf(assignment.principal)} holds ${role} on ${nameOf(target)}`,
      data: {
        relation: 'roleAssignment',
        roleId: assignment.role,
        assignmentId: assignment.id,
        origin: assignment.origin,
      },
      className: `edge-roleAssignment edge-${assignment.origin}`,
    });
  }

  return { nodes, edges, unplacedAssignments };
}

/** One column per kind group (empty groups take no space), rows centred vertically, estate order within a kind. */
function layoutInColumns(entities: readonly Entity[]): EntityNode[] {
  const rank = new Map(KIND_ORDER.map((kind, index) => [kind, index]));
  const ordered = entities
    .map((entity, index) => ({ entity, index }))
    .sort((a, b) => (rank.get(a.entity.kind) ?? 0) - (rank.get(b.entity.kind) ?? 0) || a.index - b.index)
    .map(({ entity }) => entity);

  const columns = new Map<number, Entity[]>();
  for (const entity of ordered) {
    const column = KIND_PRESENTATION[entity.kind].column;
    const list = columns.get(column);
    if (list) list.push(entity);
    else columns.set(column, [entity]);
  }

  const nodes: EntityNode[] = [];
  [...columns.keys()]
    .sort((a, b) => a - b)
    .forEach((column, x) => {
      const members = columns.get(column) ?? [];
      members.forEach((entity, row) => {
        nodes.push({
          id: entity.id,
          type: 'entity',
          position: { x: x * COLUMN_WIDTH, y: (row - (members.length - 1) / 2) * ROW_HEIGHT },
          data: { entityId: entity.id, kind: entity.kind, name: entity.name },
          ariaLabel: `${KIND_PRESENTATION[entity.kind].label} ${entity.name}`,
        });
      });
    });
  return nodes;
}
