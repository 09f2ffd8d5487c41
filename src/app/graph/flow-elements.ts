import { MarkerType, Position, type Edge, type Node } from '@xyflow/react';
import type { PathStatus } from '../../engine';
import { PATH_STATUS_PRESENTATION } from '../components/path-status';
import type { EdgeLayer } from '../store/app-state';
import { VISUAL_KINDS } from './entity-kinds';
import { sameItems, type EdgeRelation, type GraphEdgeSpec, type GraphModel, type GraphNodeSpec } from './graph-model';
import { pluralLabel } from './groups';
import type { Highlight } from './highlight';
import type { EdgeRoute } from './routing';
import { HEADER_HEIGHT, type GraphLayout, type NodeBox } from './layout';

/*
 * From the view model and its layout to React Flow's nodes and edges. Pure (xyflow types and the Position
 * constants only), so it is tested in Node. Node and edge objects are kept where nothing about them changed (see `reuseUnchanged`),
 * which is what lets React Flow's memoised node wrappers skip everything else.
 */

/** How a node or edge differs between the two sides of a comparison (change-marks.ts). */
export type ChangeKind = 'added' | 'removed' | 'changed';

export interface ChangeMarks {
  nodes: ReadonlyMap<string, ChangeKind>;
  edges: ReadonlyMap<string, ChangeKind>;
}

/** Words for a mark, for labels and for screen readers: the badge and the dash pattern say the same. */
export const CHANGE_WORDS: Readonly<Record<ChangeKind, string>> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
};

export type EntityNodeData = { spec: GraphNodeSpec };
export type ContainerNodeData = { spec: GraphNodeSpec; collapsed: boolean; descendants: number };
export type EntityFlowNode = Node<EntityNodeData, 'entity'>;
export type ContainerFlowNode = Node<ContainerNodeData, 'container'>;
export type FlowNode = EntityFlowNode | ContainerFlowNode;
/** `labelClass`: the label is drawn outside the edge's own element (estate-edge.tsx), so it carries its marks itself. */
/** `route`: where routing.ts drew the edge and its label (absent until routed: a bezier is drawn meanwhile). */
export type FlowEdgeData = { spec: GraphEdgeSpec; count: number; labelClass?: string; route?: EdgeRoute };
export type FlowEdge = Edge<FlowEdgeData>;

/** Which layer each relation belongs to, for the layer switches. */
export const LAYER_OF: Readonly<Record<EdgeRelation, EdgeLayer>> = {
  hasIdentity: 'structure',
  dependsOn: 'structure',
  runsOn: 'structure',
  memberOf: 'members',
  roleAssignment: 'roles',
  accessPath: 'paths',
};

/** Statuses whose path edges keep their label even when nothing is selected: they are what a reader looks for. */
const LOUD: ReadonlySet<PathStatus> = new Set(['missing', 'unsupported', 'unconfirmed', 'conditional']);

export interface Decorations {
  selectedId?: string;
  highlight?: Highlight;
  /** Nodes found by the search box. */
  found?: string;
  /** While comparing two estates: what is added, removed or changed. */
  changes?: ChangeMarks;
}

function nodeClass(id: string, decorations: Decorations): string | undefined {
  const classes: string[] = [];
  if (decorations.highlight) {
    if (decorations.highlight.nodes.has(id)) classes.push('is-highlighted');
    else if (decorations.highlight.dim) classes.push('is-dimmed');
  }
  if (decorations.found === id) classes.push('is-found');
  const change = decorations.changes?.nodes.get(id);
  if (change !== undefined) classes.push('has-change', `change-${change}`);
  return classes.length > 0 ? classes.join(' ') : undefined;
}

/** What a flow node is made from: when all of it is as it was, the node is last time's object (FlowNodeMemo). */
interface FlowNodeInputs {
  spec: GraphNodeSpec;
  box: NodeBox;
  parentId: string | undefined;
  selected: boolean;
  className: string | undefined;
  collapsed: boolean;
  descendants: number;
  change: ChangeKind | undefined;
  node: FlowNode;
}

/**
 * What one graph keeps from one set of flow nodes to the next (an edit, a new analysis, a selection), so that a
 * node is built again only when what it is made from changed: its spec (the graph model's object, kept across
 * edits by GraphModelMemo), its box's place and size, its parent, and its decorations. Built afresh, every node
 * was a new object that `reuseUnchanged` then compared field by field with the last one, handles included; on a
 * business unit that was thousands of nodes on every edit. The nodes are equal to those built without a memo.
 */
export class FlowNodeMemo {
  /** @internal */ last = new Map<string, FlowNodeInputs>();
}

function sameBox(a: NodeBox, b: NodeBox): boolean {
  return a === b || (a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);
}

/** The React Flow nodes: parents before children (React Flow requires it), hidden nodes left out. */
export function toFlowNodes(model: GraphModel, layout: GraphLayout, collapsed: ReadonlySet<string>, decorations: Decorations, memo?: FlowNodeMemo): FlowNode[] {
  const hidden = new Set(layout.hidden);
  const depth = new Map<string, number>();
  const byId = new Map(model.nodes.map((node) => [node.id, node]));
  const depthOf = (node: GraphNodeSpec): number => {
    const known = depth.get(node.id);
    if (known !== undefined) return known;
    const parent = node.parent !== undefined ? byId.get(node.parent) : undefined;
    const value = parent ? depthOf(parent) + 1 : 0;
    depth.set(node.id, value);
    return value;
  };
  const drawn = model.nodes.filter((node) => !hidden.has(node.id) && layout.boxes[node.id] !== undefined);
  drawn.sort((a, b) => depthOf(a) - depthOf(b));
  const kept = memo ? new Map<string, FlowNodeInputs>() : undefined;
  const nodes = drawn.map((spec): FlowNode => {
    const box = layout.boxes[spec.id]!;
    const change = decorations.changes?.nodes.get(spec.id);
    const inputs = {
      spec,
      box,
      parentId: spec.parent !== undefined && layout.boxes[spec.parent] ? spec.parent : undefined,
      selected: decorations.selectedId === spec.id,
      className: nodeClass(spec.id, decorations),
      collapsed: spec.container && collapsed.has(spec.id),
      descendants: spec.container ? (layout.descendants[spec.id] ?? 0) : 0,
      change,
    };
    const before = memo?.last.get(spec.id);
    const node =
      before &&
      before.spec === spec &&
      sameBox(before.box, box) &&
      before.parentId === inputs.parentId &&
      before.selected === inputs.selected &&
      before.className === inputs.className &&
      before.collapsed === inputs.collapsed &&
      before.descendants === inputs.descendants &&
      before.change === change
        ? before.node
        : flowNode(inputs);
    kept?.set(spec.id, { ...inputs, node });
    return node;
  });
  if (memo && kept) memo.last = kept;
  return nodes;
}

function flowNode({ spec, box, parentId, selected, className, collapsed: isCollapsed, descendants, change }: Omit<FlowNodeInputs, 'node'>): FlowNode {
  const label = VISUAL_KINDS[spec.visual].label;
  // The badge is drawn by CSS on the wrapper; the words are here so that a screen reader hears them too.
  const changeWords = change !== undefined ? `, ${CHANGE_WORDS[change]}` : '';
  const common = {
    id: spec.id,
    position: { x: box.x, y: box.y },
    width: box.width,
    height: box.height,
    ...(parentId !== undefined ? { parentId } : {}),
    selected,
    className,
    draggable: false,
    connectable: false,
    // Handles given up front: React Flow then routes edges without measuring the DOM, even for nodes it
    // has just been handed as new objects (a highlight change), and nothing flickers.
    handles: [
      { type: 'target' as const, position: Position.Left, x: 0, y: (spec.container ? HEADER_HEIGHT : box.height) / 2 - 0.5, width: 1, height: 1 },
      { type: 'source' as const, position: Position.Right, x: box.width - 1, y: (spec.container ? HEADER_HEIGHT : box.height) / 2 - 0.5, width: 1, height: 1 },
    ],
  };
  if (spec.container) {
    return {
      ...common,
      type: 'container',
      ariaLabel:
        spec.group !== undefined
          ? `${spec.name}, a group of ${pluralLabel(spec.visual).toLowerCase()}${isCollapsed ? ', closed' : ''}`
          : `${label} ${spec.name}${changeWords}${isCollapsed ? `, closed, ${descendants} inside` : ''}`,
      data: { spec, collapsed: isCollapsed, descendants },
      // Containers sit behind what they hold and behind the edges drawn across them.
      zIndex: -1,
    };
  }
  return { ...common, type: 'entity', ariaLabel: `${label} ${spec.name}${changeWords}`, data: { spec } };
}

/**
 * Whether two plain values hold the same data, as far as JSON would tell (a key holding `undefined` or a
 * function counts as absent). Not JSON.stringify: an edge's spec carries the ids of every access path along
 * it, tens of thousands on a business unit, and stringifying both sides on each render took a second or
 * more there; shared objects (a spec that did not change) are also skipped at once.
 */
function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameContent(a[i], other[i])) return false;
    return true;
  }
  const present = (value: object) =>
    Object.keys(value).filter((key) => {
      const field = (value as Record<string, unknown>)[key];
      return field !== undefined && typeof field !== 'function';
    });
  const keys = present(a);
  if (keys.length !== present(b).length) return false;
  const other = b as Record<string, unknown>;
  const own = a as Record<string, unknown>;
  return keys.every((key) => Object.hasOwn(other, key) && sameContent(own[key], other[key]));
}

/**
 * Keeps the previous object for every node or edge whose content is the same as before, and the previous
 * array when nothing changed. An edit or a new analysis rebuilds the whole view model; without this every
 * node and edge would be a new object and React Flow would render all of them again, not just what changed.
 */
export function reuseUnchanged<T extends { id: string }>(previous: readonly T[] | undefined, next: T[]): T[] {
  if (!previous) return next;
  const before = new Map(previous.map((element) => [element.id, element]));
  let same = previous.length === next.length;
  const result = next.map((element, i) => {
    const old = before.get(element.id);
    const kept = old !== undefined && sameContent(old, element) ? old : element;
    if (kept !== previous[i]) same = false;
    return kept;
  });
  return same ? (previous as T[]) : result;
}

/** A `reuseUnchanged` that remembers what it returned last, for one graph's nodes or edges. */
export function keepUnchanged<T extends { id: string }>(): (next: T[]) => T[] {
  let previous: T[] | undefined;
  return (next) => (previous = reuseUnchanged(previous, next));
}

const AGGREGATE_WORDS: Readonly<Record<EdgeRelation, string>> = {
  hasIdentity: 'identities',
  dependsOn: 'dependencies',
  runsOn: 'runs on',
  memberOf: 'memberships',
  roleAssignment: 'role assignments',
  accessPath: 'access paths',
};

function edgeClass(spec: GraphEdgeSpec, highlighted: boolean, dimmed: boolean, change: ChangeKind | undefined): string {
  const classes = [`rel-${spec.relation}`];
  if (change !== undefined) classes.push('has-change', `change-${change}`);
  if (spec.status !== undefined) classes.push(`status-${spec.status}`, 'has-status');
  if (spec.origin !== undefined) classes.push(`origin-${spec.origin}`);
  if (highlighted) classes.push('is-highlighted');
  else if (dimmed) classes.push('is-dimmed');
  return classes.join(' ');
}

function showLabel(spec: GraphEdgeSpec, highlighted: boolean, count: number, change: ChangeKind | undefined): boolean {
  if (highlighted || count > 1 || change !== undefined) return true;
  if (spec.relation === 'roleAssignment') return true;
  if (spec.relation === 'accessPath') return spec.status !== undefined && LOUD.has(spec.status);
  return false;
}

function labelClass(highlighted: boolean, dimmed: boolean, change: ChangeKind | undefined): string | undefined {
  const classes: string[] = [];
  if (highlighted) classes.push('is-highlighted');
  else if (dimmed) classes.push('is-dimmed');
  if (change !== undefined) classes.push('has-change', `change-${change}`);
  return classes.length > 0 ? classes.join(' ') : undefined;
}

export interface EdgeOptions {
  layers: Readonly<Record<EdgeLayer, boolean>>;
  decorations: Decorations;
  /** Focus mode: edges to nodes outside the focus are dropped, not redirected to a container. */
  focused: boolean;
}

/**
 * The React Flow edges. An edge whose end is inside a closed container is redirected to that container, and
 * edges that then coincide are merged (with a count), so a closed resource group still shows that roles are
 * held on something inside it.
 */
export function toFlowEdges(model: GraphModel, layout: GraphLayout, options: EdgeOptions, memo?: FlowEdgeMemo): FlowEdge[] {
  const hidden = new Set(layout.hidden);
  const parentOf = new Map(model.nodes.map((node) => [node.id, node.parent]));
  const visible = (id: string) => layout.boxes[id] !== undefined && !hidden.has(id);
  const representative = (id: string): string | undefined => {
    if (visible(id)) return id;
    if (options.focused) return undefined;
    for (let current = parentOf.get(id); current !== undefined; current = parentOf.get(current)) if (visible(current)) return current;
    return undefined;
  };
  const { highlight, selectedId, changes } = options.decorations;
  // A drawn edge standing for several: one mark when they agree, "changed" when they differ.
  const changeOf = (specs: readonly GraphEdgeSpec[]): ChangeKind | undefined => {
    if (!changes) return undefined;
    const kinds = new Set(specs.map((spec) => changes.edges.get(spec.id)));
    if (kinds.size === 1) return kinds.values().next().value;
    return 'changed';
  };
  const isHighlighted = (spec: GraphEdgeSpec) =>
    highlight !== undefined ? highlight.edges.has(spec.id) : selectedId !== undefined && (spec.source === selectedId || spec.target === selectedId);

  // Edges that end up between the same two boxes with the same meaning form a group. A group with an edge
  // redirected into a closed container is drawn once, with a count; a group of direct edges (two roles one
  // principal holds on one scope) is drawn once with every name on it.
  type Member = { spec: GraphEdgeSpec; source: string; target: string; direct: boolean };
  const groups = new Map<string, Member[]>();
  for (const spec of model.edges) {
    if (!options.layers[LAYER_OF[spec.relation]]) continue;
    const source = representative(spec.source);
    const target = representative(spec.target);
    if (source === undefined || target === undefined || source === target) continue;
    const key = `merged:${spec.relation}|${source}|${target}|${spec.status ?? spec.origin ?? ''}`;
    const member = { spec, source, target, direct: source === spec.source && target === spec.target };
    const group = groups.get(key);
    if (group) group.push(member);
    else groups.set(key, [member]);
  }
  const merged = new Map<string, { spec: GraphEdgeSpec; source: string; target: string; count: number; highlighted: boolean; change: ChangeKind | undefined }>();
  const joined = memo ? new Map<string, { specs: GraphEdgeSpec[]; spec: GraphEdgeSpec }>() : undefined;
  const order: string[] = [];
  for (const [key, group] of groups) {
    if (group.length === 1 || group.every((member) => member.direct)) {
      // Direct edges between the same two nodes would be drawn on top of each other: one edge, every label.
      const [first] = group;
      const labels = [...new Set(group.map((member) => member.spec.label).filter((label) => label !== undefined))];
      const specs = group.map((member) => member.spec);
      const before = memo?.joined.get(first!.spec.id);
      // Joined from the same specs as last time: last time's spec, so that the edge is kept too.
      const spec =
        group.length === 1
          ? first!.spec
          : before && sameItems(before.specs, specs)
            ? before.spec
            : { ...first!.spec, label: labels.join(' + '), ariaLabel: group.map((m) => m.spec.ariaLabel).join('; ') };
      if (group.length > 1) joined?.set(first!.spec.id, { specs, spec });
      merged.set(first!.spec.id, {
        spec,
        source: first!.source,
        target: first!.target,
        count: 1,
        highlighted: group.some((m) => isHighlighted(m.spec)),
        change: changeOf(group.map((m) => m.spec)),
      });
      order.push(first!.spec.id);
    } else {
      const [first] = group;
      merged.set(key, {
        spec: first!.spec,
        source: first!.source,
        target: first!.target,
        count: group.length,
        highlighted: group.some((m) => isHighlighted(m.spec)),
        change: changeOf(group.map((m) => m.spec)),
      });
      order.push(key);
    }
  }

  const dim = highlight?.dim === true;
  const kept = memo ? new Map<string, FlowEdgeInputs>() : undefined;
  const edges = order.map((key): FlowEdge => {
    const inputs = merged.get(key)!;
    const before = memo?.last.get(key);
    const edge =
      before &&
      before.spec === inputs.spec &&
      before.source === inputs.source &&
      before.target === inputs.target &&
      before.count === inputs.count &&
      before.highlighted === inputs.highlighted &&
      before.change === inputs.change &&
      before.dim === dim
        ? before.edge
        : flowEdge(key, inputs, dim);
    kept?.set(key, { ...inputs, dim, edge });
    return edge;
  });
  if (memo && kept && joined) {
    memo.last = kept;
    memo.joined = joined;
  }
  // Drawn last, on top: paths and whatever the selection lights up.
  return edges.sort((a, b) => (a.zIndex ?? 0) - (b.zIndex ?? 0));
}

function flowEdge(key: string, { spec, source, target, count, highlighted, change }: Omit<FlowEdgeInputs, 'dim' | 'edge'>, dim: boolean): FlowEdge {
  const color = spec.status !== undefined ? PATH_STATUS_PRESENTATION[spec.status].color : undefined;
  const plain = count > 1 ? `${count} ${AGGREGATE_WORDS[spec.relation]}` : spec.label;
  // Said in words on the edge, not only by its dash pattern: "added: Storage Blob Data Reader".
  const label = change !== undefined ? `${CHANGE_WORDS[change]}${plain !== undefined ? `: ${plain}` : ''}` : plain;
  const ariaLabel = count > 1 ? `${count} ${AGGREGATE_WORDS[spec.relation]} between closed groups` : spec.ariaLabel;
  const marks = labelClass(highlighted, dim, change);
  return {
    id: key,
    source,
    target,
    ...(showLabel(spec, highlighted, count, change) && label !== undefined ? { label } : {}),
    ariaLabel: change !== undefined ? `${ariaLabel} (${CHANGE_WORDS[change]})` : ariaLabel,
    className: edgeClass(spec, highlighted, dim, change),
    ...(color !== undefined ? { style: { stroke: color }, markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color } } : {}),
    data: { spec, count, ...(marks !== undefined ? { labelClass: marks } : {}) },
    zIndex: highlighted ? 2 : spec.relation === 'accessPath' || change !== undefined ? 1 : 0,
  };
}

/** What a flow edge is made from: when all of it is as it was, the edge is last time's object (FlowEdgeMemo). */
interface FlowEdgeInputs {
  spec: GraphEdgeSpec;
  source: string;
  target: string;
  count: number;
  highlighted: boolean;
  change: ChangeKind | undefined;
  dim: boolean;
  edge: FlowEdge;
}

/**
 * What one graph keeps from one set of flow edges to the next, as FlowNodeMemo does for nodes: an edge is built
 * again only when its spec (the graph model's or the lens's object), its drawn ends, its count or its marks
 * changed. The edges are equal to those built without a memo.
 */
export class FlowEdgeMemo {
  /** @internal */ last = new Map<string, FlowEdgeInputs>();
  /** @internal The spec of each edge that stands for several direct ones, with theirs, by the first one's id. */
  joined = new Map<string, { specs: GraphEdgeSpec[]; spec: GraphEdgeSpec }>();
  /** @internal Each edge with its route, by the edge and route objects it was made from (see withRoutes). */
  routed = new Map<string, { edge: FlowEdge; route: EdgeRoute; routed: FlowEdge }>();
}

/**
 * The edges with the routes and label places given to them (an edge without one keeps the bezier React Flow
 * draws). With `memo`, an edge whose flow edge and route are the objects of last time is last time's object.
 */
export function withRoutes(edges: readonly FlowEdge[], routes: Readonly<Record<string, EdgeRoute>>, memo?: FlowEdgeMemo): FlowEdge[] {
  const kept = memo ? new Map<string, { edge: FlowEdge; route: EdgeRoute; routed: FlowEdge }>() : undefined;
  const result = edges.map((edge) => {
    const route = routes[edge.id];
    if (!route) return edge;
    const before = memo?.routed.get(edge.id);
    const routed = before && before.edge === edge && before.route === route ? before.routed : { ...edge, data: { ...edge.data!, route } };
    kept?.set(edge.id, { edge, route, routed });
    return routed;
  });
  if (memo && kept) memo.routed = kept;
  return result;
}
