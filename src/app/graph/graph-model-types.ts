import type { AssignmentOrigin, EntityId, PathStatus, RoleId } from '../../engine';
import type { VisualKind } from './entity-kinds';

/*
 * The graph view model's shapes (built by graph-model.ts): plain serialisable data, free of React and of React
 * Flow, so that it is unit tested in Node and can be handed to the layout worker as it is.
 */

/** One box on the graph: an entity, a container (scope or workspace) or a virtual node. */
export interface GraphNodeSpec {
  id: string;
  visual: VisualKind;
  name: string;
  /** A short line under the name (compute type, auth mode, identity type). */
  detail?: string;
  /** Absent for virtual nodes: serverless compute, pipeline steps, the band of people and apps. */
  entityId?: EntityId;
  container: boolean;
  /** The container it is drawn in. */
  parent?: string;
  /** Which column of its parent it sits in (see layout.ts for the columns of each container). */
  column: number;
  /** Sort key inside its column: kind rank, then name, then id, so the order never depends on input order. */
  order: string;
  /** Drawn right under this node: a system identity under its owner, steps under their pipeline, deployments under their endpoint. */
  attachedTo?: string;
  /**
   * Keeps room for a system-assigned identity under the node (inside it, for a workspace) whether or not one
   * exists, so that turning the identity on or off never moves anything else.
   */
  reservesIdentity?: boolean;
  small?: boolean;
  /** A summary box for a large set of one kind (groups.ts): how many things it holds. */
  group?: number;
}

export type EdgeRelation =
  'hasIdentity' | 'dependsOn' | 'runsOn' | 'memberOf' | 'roleAssignment' | 'accessPath';

export interface GraphEdgeSpec {
  id: string;
  source: string;
  target: string;
  relation: EdgeRelation;
  /** Shown on the edge when there is room (role names, the verb of a structural edge). */
  label?: string;
  ariaLabel: string;
  /** Role assignments. */
  origin?: AssignmentOrigin;
  roleId?: RoleId;
  assignmentId?: string;
  /** Access paths, and structural edges an access path runs along: the worst status among them. */
  status?: PathStatus;
  pathIds?: string[];
  /** An edge that stands for several grants (lens.ts): how many, how many holders, and the edges it bundles. */
  bundle?: { count: number; holders: number; edgeIds: string[] };
}

export interface GraphModel {
  nodes: GraphNodeSpec[];
  edges: GraphEdgeSpec[];
  /** Role assignments left out because their principal or scope is not drawn (a scope outside the estate). */
  unplacedAssignments: number;
}

/** Looks a role up by GUID: a role catalog, or anything else that names roles. */
export interface RoleNames {
  get(id: RoleId): { name: string } | undefined;
}
