import { COLLECTION_OF_KIND, type AccessPath, type Entity, type EntityId, type Estate, type RoleAssignment, scopeKey } from '../../engine';
import type { GraphEdgeSpec, GraphNodeSpec, RoleNames } from './graph-model-types';

/*
 * What the graph model keeps from one build to the next (graph-model.ts), and how it tells which of the values
 * its kept pieces read may have changed since the last build.
 */

/** What a kept piece may read of the rest of the estate while it is built (see GraphModelMemo). */
export type ReadKind = 'entity' | 'workspaceRegistry' | 'drawn' | 'name' | 'role' | 'scope';

export interface Cached<T> {
  value: T;
  /** Each read as three items: its kind, the id it read, and the value it got. */
  reads: unknown[];
  /** The build that last found it valid (or built it): see ReadChanges. */
  checked: number;
}

export interface CachedAssignment {
  assignment: RoleAssignment;
  edge: Cached<GraphEdgeSpec | 'unplaced' | undefined>;
}

/** An edge built from a group of access paths, with what it was built from: the paths (objects), the structural edge it colours, the end names. */
export interface CachedPathEdge {
  paths: readonly AccessPath[];
  along: GraphEdgeSpec | undefined;
  /** The names of its ends, when it carries several paths (it is named from them); else undefined. */
  sourceName: string | undefined;
  targetName: string | undefined;
  spec: GraphEdgeSpec;
}

/**
 * Which of the values a piece may read can differ from what the last build saw, by kind: the ids whose value
 * may differ, or `true` for any id. A piece the last build found valid is valid now unless it read one of these
 * and the value it got then is not the value now; a piece the last build did not check is checked read by read.
 * Telling the changed reads apart costs what the edit changed (an estate's unchanged collections are the same
 * arrays, structural sharing); checking every read of every piece was, on a business unit, going over 5,000
 * role assignments' scopes, ends and role names on each edit.
 */
export interface ReadChanges {
  entity: ReadonlySet<string>;
  drawn: ReadonlySet<string> | true;
  name: ReadonlySet<string> | true;
  scope: boolean;
  role: boolean;
  workspaceRegistry: boolean;
}

/** What the last build read from, to tell what changed since (see ReadChanges). */
interface LastBuild {
  number: number;
  estate: Estate;
  roles: RoleNames | undefined;
  entities: ReadonlyMap<EntityId, Entity>;
  /** The name of each box, by id: which boxes were drawn and what they were called. */
  names: ReadonlyMap<string, string>;
}

/** Whether two lists hold the same items (by identity) in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function sameAssignment(a: RoleAssignment, b: RoleAssignment): boolean {
  return a === b || (a.principal === b.principal && a.scope === b.scope && a.role === b.role && a.origin === b.origin);
}

/**
 * Whether two specs hold the same values: fields by identity, lists (an edge's path ids) item by item. A spec's
 * fields are plain values and lists of them; comparing a business unit's thousands of path ids this way takes
 * well under a millisecond, where a deep comparison took tens.
 */
function sameSpec(a: object, b: object): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

const scopeOf = (entity: Entity | undefined): string | undefined => (entity && 'armId' in entity ? scopeKey(entity.armId) : undefined);

/**
 * What one graph keeps from building its model to the next build (a what-if edit, a new analysis), so that an
 * edit costs what it changed: each entity's box and structural edges (by entity object) and each role
 * assignment's edge (by id) are built again only when their entity or assignment changed or something they
 * read of the rest of the estate did (a name, whether an end is drawn, a scope, a role's name): each piece
 * notes what it read and the value it saw, and only reads that may have changed since the last build are looked
 * at again (ReadChanges). Every node and edge that comes out the same as in the last model is that model's
 * object. The model is equal to one built without a memo; only the objects are shared.
 */
export class GraphModelMemo {
  /** @internal */ readonly nodes = new WeakMap<Entity, Cached<GraphNodeSpec>>();
  /** @internal */ readonly structural = new WeakMap<Entity, Cached<GraphEdgeSpec[]>>();
  /** @internal */ assignments = new Map<string, CachedAssignment>();
  /** @internal Each access path edge and coloured structural edge, by the first path of its group. */
  pathEdges = new Map<AccessPath, CachedPathEdge>();
  /** @internal The number of the build under way (pieces note the build that last checked them). */
  build = 0;
  /** What the last build read from: set when a build finishes, taken when the next begins. */
  private last: LastBuild | undefined;
  /** The last build, while the one under way looks at what changed since. */
  private previous: LastBuild | undefined;
  private readonly lastNodes = new Map<string, GraphNodeSpec>();
  private readonly lastEdges = new Map<string, GraphEdgeSpec>();

  /**
   * @internal Starts a build: what may have changed since the last one among the reads of the boxes (entities,
   * registries, roles, scopes). Which boxes are drawn and their names are known once the boxes are built
   * (`drawnChanges`); until then they count as changed. Everything counts as changed after a build that did
   * not finish, or when there was none.
   */
  begin(estate: Estate, entities: ReadonlyMap<EntityId, Entity>, roles: RoleNames | undefined): ReadChanges {
    const last = this.last;
    this.last = undefined;
    this.build += 1;
    this.previous = last?.number === this.build - 1 ? last : undefined;
    if (last === undefined || last.number !== this.build - 1)
      return { entity: new Set(entities.keys()), drawn: true, name: true, scope: true, role: true, workspaceRegistry: true };
    const entity = new Set<string>();
    for (const collection of Object.values(COLLECTION_OF_KIND)) {
      const before = last.estate[collection] as readonly Entity[];
      const now = estate[collection] as readonly Entity[];
      if (before === now) continue;
      for (const item of before) if (entities.get(item.id) !== last.entities.get(item.id)) entity.add(item.id);
      for (const item of now) if (entities.get(item.id) !== last.entities.get(item.id)) entity.add(item.id);
    }
    let scope = false;
    for (const id of entity)
      if (scopeOf(entities.get(id as EntityId)) !== scopeOf(last.entities.get(id as EntityId))) {
        scope = true;
        break;
      }
    return {
      entity,
      drawn: true,
      name: true,
      scope,
      role: roles !== last.roles || estate.roleDefinitions !== last.estate.roleDefinitions,
      // Registries are read through `has`: any entity that changed may be one.
      workspaceRegistry: estate.workspaces !== last.estate.workspaces || entity.size > 0,
    };
  }

  /**
   * @internal Once the boxes are built: which ids were drawn or not, or named otherwise, in the last build (an
   * entity's name is read for ids without a box too, so a changed entity counts).
   */
  drawnChanges(changes: ReadChanges, names: ReadonlyMap<string, string>): ReadChanges {
    const last = this.previous?.names;
    if (last === undefined) return changes;
    const drawn = new Set<string>();
    const name = new Set<string>(changes.entity);
    for (const [id, now] of names) {
      const before = last.get(id);
      if (before === undefined) drawn.add(id);
      if (before !== now) name.add(id);
    }
    if (drawn.size > 0 || names.size !== last.size)
      for (const id of last.keys())
        if (!names.has(id)) {
          drawn.add(id);
          name.add(id);
        }
    return { ...changes, drawn, name };
  }

  /** @internal Ends a build: what it read from, for the next one to tell what changed. */
  finish(estate: Estate, entities: ReadonlyMap<EntityId, Entity>, roles: RoleNames | undefined, names: ReadonlyMap<string, string>): void {
    this.last = { number: this.build, estate, roles, entities, names };
    this.previous = undefined;
  }

  /** @internal Whether a piece's reads still give what they gave, looking only at those `changes` names. */
  stillValid<T>(cached: Cached<T> | undefined, changes: ReadChanges, lookUp: (kind: ReadKind, id: string) => unknown): cached is Cached<T> {
    if (cached === undefined) return false;
    const seen = cached.reads;
    // Checked by the last build: only reads that may have changed since.
    const recent = cached.checked === this.build - 1 || cached.checked === this.build;
    for (let i = 0; i < seen.length; i += 3) {
      const kind = seen[i] as ReadKind;
      const id = seen[i + 1] as string;
      if (recent) {
        const changed = changes[kind];
        if (changed === false || (changed !== true && !changed.has(id))) continue;
      }
      if (lookUp(kind, id) !== seen[i + 2]) return false;
    }
    cached.checked = this.build;
    return true;
  }

  /** @internal The node last built under this id when it has the same values, else `node`. */
  keepNode(node: GraphNodeSpec): GraphNodeSpec {
    return keep(this.lastNodes, node);
  }

  /** @internal The same for an edge built afresh each time (access paths, structural edges they colour). */
  keepEdge(edge: GraphEdgeSpec): GraphEdgeSpec {
    return keep(this.lastEdges, edge);
  }

  /** @internal Forgets what a model of `nodes` and `edges` items no longer has, once it is most of what is kept. */
  prune(nodes: number, edges: number): void {
    if (this.lastNodes.size > 2 * nodes + 100) this.lastNodes.clear();
    if (this.lastEdges.size > 2 * edges + 100) this.lastEdges.clear();
  }
}

function keep<T extends { id: string }>(last: Map<string, T>, item: T): T {
  const old = last.get(item.id);
  if (old !== undefined && sameSpec(old, item)) return old;
  last.set(item.id, item);
  return item;
}
