import type { GraphNodeSpec } from './graph-model';
import { HEADER_HEIGHT, type GraphLayout } from './layout';

/*
 * Orthogonal edge routing around the boxes, and edge labels placed where they overlap nothing (issue 16:
 * no edge through a box that is not one of its ends, no label over a label or a box, labels on their edge).
 * The layout places the boxes without looking at edges, so positions never depend on what is drawn between
 * them; this module then finds, for each edge, the shortest path with few bends on a sparse grid made of the
 * lines just outside every box (a visibility grid, as orthogonal connector routers do). Leaves and the headers
 * of containers are obstacles; the open body of a container is ground that edges may cross. Pure and
 * deterministic: the same boxes and edges give the same routes.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface EdgeRoute {
  points: Point[];
  /** The label's centre, when it was given one and a free place on the edge was found for it. */
  label?: Point;
  /** The label's size as placed (CSS pixels at zoom 1), so that it is drawn exactly as big as it was planned. */
  labelWidth?: number;
}

export interface RoutableEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
}

/** Distance kept between an edge and a box it passes. */
export const CLEARANCE = 6;
/** A bend costs as much as this many pixels of length: fewer, longer straight runs are easier to follow. */
const BEND_COST = 40;
/** Running along a segment another edge already uses costs this much extra, so edges spread over channels. */
const SHARED_COST = 14;
/**
 * The distance still to go counts this much more than the distance gone (weighted A*): the search heads for
 * the target instead of trying every equally short detour, for routes at most this factor longer than the best.
 */
const HEURISTIC_WEIGHT = 1.6;
export const LABEL_HEIGHT = 17;
const LABEL_CHAR_WIDTH = 6.4;
const LABEL_PADDING = 10;
const LABEL_MAX_WIDTH = 220;

/** The width a label is drawn at (graph.css sets the font; the label box is given this width and ellipsises). */
export function labelWidth(text: string): number {
  return Math.min(LABEL_MAX_WIDTH, Math.ceil(text.length * LABEL_CHAR_WIDTH + LABEL_PADDING));
}

interface Grid {
  xs: number[];
  ys: number[];
  point: Uint8Array;
  horizontal: Uint8Array;
  vertical: Uint8Array;
  used: Uint16Array;
}

function uniqueSorted(values: number[]): number[] {
  const sorted = [...new Set(values.map((v) => Math.round(v * 2) / 2))].sort((a, b) => a - b);
  return sorted;
}

function lowerBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function buildGrid(obstacles: readonly Rect[], extra: readonly Point[]): Grid {
  const xsRaw: number[] = [];
  const ysRaw: number[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const o of obstacles) {
    xsRaw.push(o.left - CLEARANCE, o.right + CLEARANCE);
    ysRaw.push(o.top - CLEARANCE, o.bottom + CLEARANCE);
    minX = Math.min(minX, o.left);
    minY = Math.min(minY, o.top);
    maxX = Math.max(maxX, o.right);
    maxY = Math.max(maxY, o.bottom);
  }
  for (const p of extra) {
    xsRaw.push(p.x);
    ysRaw.push(p.y);
  }
  // A ring around everything, so that an edge can always go round.
  xsRaw.push(minX - 4 * CLEARANCE, maxX + 4 * CLEARANCE);
  ysRaw.push(minY - 4 * CLEARANCE, maxY + 4 * CLEARANCE);
  const xs = uniqueSorted(xsRaw);
  const ys = uniqueSorted(ysRaw);
  const nx = xs.length;
  const ny = ys.length;
  const point = new Uint8Array(nx * ny);
  const horizontal = new Uint8Array(nx * ny);
  const vertical = new Uint8Array(nx * ny);
  for (const o of obstacles) {
    // Blocked: the open rectangle grown by the clearance. Its border lines are grid lines, and stay free.
    const l = o.left - CLEARANCE;
    const r = o.right + CLEARANCE;
    const t = o.top - CLEARANCE;
    const b = o.bottom + CLEARANCE;
    const i0 = lowerBound(xs, l);
    const i1 = lowerBound(xs, r);
    const j0 = lowerBound(ys, t);
    const j1 = lowerBound(ys, b);
    for (let i = i0; i <= i1 && i < nx; i++) {
      const xInside = xs[i]! > l && xs[i]! < r;
      const hInside = i < i1 && xs[i]! >= l; // the segment from i to i + 1 runs inside [l, r]
      for (let j = j0; j <= j1 && j < ny; j++) {
        const yInside = ys[j]! > t && ys[j]! < b;
        const k = i * ny + j;
        if (xInside && yInside) point[k] = 1;
        if (hInside && yInside) horizontal[k] = 1;
        if (xInside && j < j1 && ys[j]! >= t) vertical[k] = 1;
      }
    }
  }
  return { xs, ys, point, horizontal, vertical, used: new Uint16Array(nx * ny * 2) };
}

/** A binary min-heap of (priority, value) pairs, in typed arrays: the search pushes hundreds of thousands. */
class Heap {
  private keys = new Float64Array(1024);
  private values = new Int32Array(1024);
  size = 0;
  push(key: number, value: number) {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(this.size * 2);
      values.set(this.values);
      this.values = values;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!;
      this.values[i] = this.values[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.values[i] = value;
  }
  pop(): number {
    const top = this.values[0]!;
    const key = this.keys[--this.size]!;
    const value = this.values[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.keys[i] = this.keys[child]!;
      this.values[i] = this.values[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.values[i] = value;
    return top;
  }
}

const DX = [1, -1, 0, 0];
const DY = [0, 0, 1, -1];

/**
 * The search's cost and back-pointer tables, one pair per grid (a route search touches a small part of them:
 * resetting what it touched is far cheaper than a fresh table per edge).
 */
const scratch = new WeakMap<Grid, { cost: Float64Array; from: Int32Array; touched: number[] }>();
function scratchFor(grid: Grid) {
  let tables = scratch.get(grid);
  if (!tables) {
    const states = grid.xs.length * grid.ys.length * 4;
    tables = { cost: new Float64Array(states).fill(Infinity), from: new Int32Array(states).fill(-1), touched: [] };
    scratch.set(grid, tables);
  }
  return tables;
}

/** A* over the grid, state = point and direction of arrival; returns grid points, or undefined when boxed in. */
function search(grid: Grid, start: Point, end: Point, startDir: number, endDir: number): Point[] | undefined {
  const found = searchOnce(grid, start, end, startDir, endDir);
  const { cost, from, touched } = scratchFor(grid);
  for (const state of touched) {
    cost[state] = Infinity;
    from[state] = -1;
  }
  touched.length = 0;
  return found;
}

function searchOnce(grid: Grid, start: Point, end: Point, startDir: number, endDir: number): Point[] | undefined {
  const { xs, ys } = grid;
  const nx = xs.length;
  const ny = ys.length;
  const si = lowerBound(xs, Math.round(start.x * 2) / 2);
  const sj = lowerBound(ys, Math.round(start.y * 2) / 2);
  const ei = lowerBound(xs, Math.round(end.x * 2) / 2);
  const ej = lowerBound(ys, Math.round(end.y * 2) / 2);
  const { cost, from, touched } = scratchFor(grid);
  touched.length = 0;
  const heap = new Heap();
  const heuristic = (i: number, j: number) => Math.abs(xs[i]! - xs[ei]!) + Math.abs(ys[j]! - ys[ej]!);
  const first = (si * ny + sj) * 4 + startDir;
  cost[first] = 0;
  touched.push(first);
  heap.push(heuristic(si, sj), first);
  while (heap.size > 0) {
    const state = heap.pop();
    const dir = state & 3;
    const k = state >> 2;
    const i = Math.floor(k / ny);
    const j = k % ny;
    const here = cost[state]!;
    if (i === ei && j === ej && dir === endDir) {
      const points: Point[] = [];
      for (let s = state; s >= 0; s = from[s]!) {
        const kk = s >> 2;
        points.push({ x: xs[Math.floor(kk / ny)]!, y: ys[kk % ny]! });
      }
      return points.reverse();
    }
    for (let d = 0; d < 4; d++) {
      if ((d ^ 1) === dir) continue; // no turning back
      const ni = i + DX[d]!;
      const nj = j + DY[d]!;
      if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) continue;
      const nk = ni * ny + nj;
      if (grid.point[nk]) continue;
      const segment = d < 2 ? (d === 0 ? k : nk) : d === 2 ? k : nk;
      if (d < 2 ? grid.horizontal[segment] : grid.vertical[segment]) continue;
      const length = d < 2 ? Math.abs(xs[ni]! - xs[i]!) : Math.abs(ys[nj]! - ys[j]!);
      const shared = grid.used[segment * 2 + (d < 2 ? 0 : 1)]!;
      const step = length + (d !== dir ? BEND_COST : 0) + shared * SHARED_COST;
      const next = nk * 4 + d;
      if (here + step < cost[next]!) {
        if (cost[next] === Infinity) touched.push(next);
        cost[next] = here + step;
        from[next] = state;
        heap.push(here + step + HEURISTIC_WEIGHT * heuristic(ni, nj), next);
      }
    }
  }
  return undefined;
}

function markUsed(grid: Grid, points: readonly Point[]) {
  const { xs, ys } = grid;
  const ny = ys.length;
  for (let n = 1; n < points.length; n++) {
    const a = points[n - 1]!;
    const b = points[n]!;
    const i = lowerBound(xs, Math.min(a.x, b.x));
    const j = lowerBound(ys, Math.min(a.y, b.y));
    // A kept route (see EdgeRouter) may run on lines this grid does not have: it then marks nothing.
    if (xs[i] !== Math.min(a.x, b.x) || ys[j] !== Math.min(a.y, b.y)) continue;
    const k = i * ny + j;
    grid.used[k * 2 + (a.y === b.y ? 0 : 1)]! += 1;
  }
}

/** Drops the points in the middle of straight runs. */
export function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const a = out[out.length - 2];
    const b = out[out.length - 1];
    if (b && b.x === p.x && b.y === p.y) continue;
    if (a && b && ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y))) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

const overlaps = (a: Rect, b: Rect, margin: number) =>
  a.left < b.right + margin && b.left < a.right + margin && a.top < b.bottom + margin && b.top < a.bottom + margin;

/** Where a box takes and gives edges: the middle of its left and right sides (a container's, of its header). */
function anchors(spec: GraphNodeSpec | undefined, box: { absX: number; absY: number; width: number; height: number }) {
  const y = box.absY + (spec?.container ? HEADER_HEIGHT : box.height) / 2;
  return { out: { x: box.absX + box.width, y }, in: { x: box.absX, y } };
}

/** The boxes edges must go round: every drawn leaf, and the header of every drawn container. */
function obstaclesOf(nodes: readonly GraphNodeSpec[], layout: GraphLayout): Rect[] {
  const hidden = new Set(layout.hidden);
  const obstacles: Rect[] = [];
  for (const node of nodes) {
    const box = layout.boxes[node.id];
    if (!box || hidden.has(node.id)) continue;
    obstacles.push({
      left: box.absX,
      top: box.absY,
      right: box.absX + box.width,
      bottom: box.absY + (node.container ? HEADER_HEIGHT : box.height),
    });
  }
  return obstacles;
}

/** An edge ready to route: where it leaves its source and enters its target, and those two boxes. */
export interface PlannedEdge {
  id: string;
  source: string;
  target: string;
  from: Point;
  to: Point;
  /** The boxes of its ends, as obstacles: a route leaves the one and enters the other. */
  ends: [Rect, Rect];
}

/**
 * What routing needs of a graph, and nothing more: the boxes to go round and the edges with their anchors.
 * Small enough to hand to a worker, where the nodes and the whole layout are not.
 */
export interface RoutingInput {
  obstacles: Rect[];
  edges: PlannedEdge[];
}

/** The {@link RoutingInput} of a graph: its drawn boxes, and its edges whose two ends are drawn, in order. */
export function routingInput(
  nodes: readonly GraphNodeSpec[],
  layout: GraphLayout,
  edges: readonly Omit<RoutableEdge, 'label'>[],
): RoutingInput {
  const hidden = new Set(layout.hidden);
  const specs = new Map(nodes.map((node) => [node.id, node]));
  const rectOf = (id: string, box: { absX: number; absY: number; width: number; height: number }): Rect => ({
    left: box.absX,
    top: box.absY,
    right: box.absX + box.width,
    bottom: box.absY + (specs.get(id)?.container ? HEADER_HEIGHT : box.height),
  });
  const planned: PlannedEdge[] = [];
  for (const edge of edges) {
    const source = layout.boxes[edge.source];
    const target = layout.boxes[edge.target];
    if (!source || !target || hidden.has(edge.source) || hidden.has(edge.target)) continue;
    planned.push({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      from: anchors(specs.get(edge.source), source).out,
      to: anchors(specs.get(edge.target), target).in,
      ends: [rectOf(edge.source, source), rectOf(edge.target, target)],
    });
  }
  return { obstacles: obstaclesOf(nodes, layout), edges: planned };
}

/**
 * Routes every edge around the drawn boxes. Edges are routed in the order given (put the important ones
 * first: they get the straightest runs). An edge whose ends are not both drawn is left out. The costly part
 * of drawing the graph after an edit: it depends on which edges there are, not on their labels or colours.
 */
export function routeEdges(
  nodes: readonly GraphNodeSpec[],
  layout: GraphLayout,
  edges: readonly Omit<RoutableEdge, 'label'>[],
): Record<string, Point[]> {
  return routePlanned(routingInput(nodes, layout, edges));
}

/** Routes prepared edges (see {@link routeEdges}); `kept` gives the route an edge keeps, if any. */
function routePlanned({ obstacles, edges }: RoutingInput, kept?: (edge: PlannedEdge) => Point[] | undefined): Record<string, Point[]> {
  const ends: Point[] = [];
  const planned: { id: string; start: Point; end: Point; from: Point; to: Point }[] = [];
  const keep: { id: string; points: Point[] }[] = [];
  for (const edge of edges) {
    const { from, to } = edge;
    const points = kept?.(edge);
    if (points) {
      keep.push({ id: edge.id, points });
      continue;
    }
    const start = { x: from.x + CLEARANCE, y: from.y };
    const end = { x: to.x - CLEARANCE, y: to.y };
    ends.push(start, end);
    planned.push({ id: edge.id, start, end, from, to });
  }
  const routes: Record<string, Point[]> = {};
  for (const { id, points } of keep) routes[id] = points;
  if (planned.length === 0) return routes;
  const grid = buildGrid(obstacles, ends);
  // Kept routes count as used channels, so that the new edges spread beside them as they would have.
  for (const { points } of keep) markUsed(grid, points);
  for (const { id, start, end, from, to } of planned) {
    const found = search(grid, start, end, 0, 0);
    if (found) markUsed(grid, found);
    routes[id] = simplify([from, ...(found ?? [start, end]), to]);
  }
  return routes;
}

/** Whether an axis-parallel segment runs through the inside of a box grown by the clearance (its border is free). */
function segmentBlocked(a: Point, b: Point, o: Rect): boolean {
  const l = o.left - CLEARANCE;
  const r = o.right + CLEARANCE;
  const t = o.top - CLEARANCE;
  const bottom = o.bottom + CLEARANCE;
  if (a.y === b.y) return a.y > t && a.y < bottom && Math.max(a.x, b.x) > l && Math.min(a.x, b.x) < r;
  return a.x > l && a.x < r && Math.max(a.y, b.y) > t && Math.min(a.y, b.y) < bottom;
}

const rectKey = (r: Rect) => `${r.left},${r.top},${r.right},${r.bottom}`;

const sameRect = (a: Rect, b: Rect) => a.left === b.left && a.top === b.top && a.right === b.right && a.bottom === b.bottom;

/**
 * Routes a graph's edges as {@link routeEdges} does, again and again as the graph changes, keeping every
 * route that still holds: an edge whose ends are where they were and whose route runs through no box of the
 * new layout keeps its route, and only the others are searched for. After an edit that touches a few edges
 * of a business unit's graph, that is those few searches instead of hundreds, and nothing already drawn
 * moves. (Routes then depend on what was drawn before; every route still goes round every box.)
 */
export class EdgeRouter {
  private last: { routes: Record<string, Point[]>; ends: Map<string, string>; obstacles: readonly Rect[] } | undefined;

  /** Routes a graph (see {@link routingInput}), keeping what still holds of the routes it gave last. */
  route(input: RoutingInput): Record<string, Point[]> {
    const last = this.last;
    const ends = new Map<string, string>();
    // A kept route was clear of every box of last time (or had no clear way then, and is looked for again only
    // when the boxes change), so only a box that is new or moved can be in its way:
    // checking each route against those alone, not against every box (most of a small graph's re-routing
    // after an edit, which moves a box or two at most).
    const before = new Set(last?.obstacles.map(rectKey));
    const placed = input.obstacles.filter((o) => !before.has(rectKey(o)));
    const routes = routePlanned(input, (edge) => {
      const key = `${edge.source}|${edge.target}|${edge.from.x},${edge.from.y}|${edge.to.x},${edge.to.y}`;
      ends.set(edge.id, key);
      const points = last?.routes[edge.id];
      if (!points || last?.ends.get(edge.id) !== key) return undefined;
      // The route leaves its source's side and enters its target's; it must stay clear of every other box.
      for (const o of placed) {
        if (sameRect(o, edge.ends[0]) || sameRect(o, edge.ends[1])) continue;
        for (let n = 1; n < points.length; n++) if (segmentBlocked(points[n - 1]!, points[n]!, o)) return undefined;
      }
      return points;
    });
    this.last = { routes, ends, obstacles: input.obstacles };
    return routes;
  }
}

/**
 * Gives each labelled edge a place for its label on one of its runs, where it overlaps no box and no label
 * placed before it (edges earlier in the list choose first). A label that finds no free place is left off:
 * the edge's accessible name still carries its words. Cheap next to routing, so it runs again when a
 * selection shows or hides labels.
 */
export function placeLabels(
  nodes: readonly GraphNodeSpec[],
  layout: GraphLayout,
  routes: Readonly<Record<string, Point[]>>,
  edges: readonly RoutableEdge[],
): Record<string, EdgeRoute> {
  return new LabelPlacer().place(nodes, layout, routes, edges);
}

/**
 * Places labels as {@link placeLabels} does, again and again as the graph changes, keeping every label whose
 * edge has the same route (the same points, which {@link EdgeRouter} keeps for an edge an edit did not touch)
 * and the same words, where its place still overlaps no box and no label placed before it: only the others
 * look for a place. After a what-if edit that is a few searches instead of one per label, and labels already
 * drawn do not move. (Places then depend on what was drawn before; no label overlaps a box or another label.)
 */
export class LabelPlacer {
  private last = new Map<string, { points: readonly Point[]; label: string; route: EdgeRoute; rect: Rect }>();
  /** The route of each edge without a label, kept while its points are the same (so is the flow edge, withRoutes). */
  private lastPlain = new Map<string, EdgeRoute>();

  /** Gives each labelled edge a place for its label (see {@link placeLabels}). */
  place(
    nodes: readonly GraphNodeSpec[],
    layout: GraphLayout,
    routes: Readonly<Record<string, Point[]>>,
    edges: readonly RoutableEdge[],
  ): Record<string, EdgeRoute> {
    const taken = new RectIndex();
    for (const obstacle of obstaclesOf(nodes, layout)) taken.add(obstacle);
    const placed = new Map<string, { points: readonly Point[]; label: string; route: EdgeRoute; rect: Rect }>();
    const result: Record<string, EdgeRoute> = {};
    const plain = new Map<string, EdgeRoute>();
    for (const edge of edges) {
      const points = routes[edge.id];
      if (!points) continue;
      if (edge.label === undefined || edge.label === '') {
        const before = this.lastPlain.get(edge.id);
        const route = before?.points === points ? before : { points };
        plain.set(edge.id, route);
        result[edge.id] = route;
        continue;
      }
      const before = this.last.get(edge.id);
      if (before && before.points === points && before.label === edge.label && !taken.overlapsAny(before.rect, 2)) {
        taken.add(before.rect);
        placed.set(edge.id, before);
        result[edge.id] = before.route;
        continue;
      }
      const route: EdgeRoute = { points };
      const width = labelWidth(edge.label);
      const place = placeLabel(points, width, taken);
      if (place) {
        route.label = place.centre;
        route.labelWidth = width;
        taken.add(place.rect);
        placed.set(edge.id, { points, label: edge.label, route, rect: place.rect });
      }
      result[edge.id] = route;
    }
    this.last = placed;
    this.lastPlain = plain;
    return result;
  }
}

/**
 * Rectangles filed by the cells of a coarse grid they touch, so that asking whether a label's place overlaps
 * any box or label looks at its neighbours only: a business unit's graph has hundreds of each, and every
 * label tries dozens of places.
 */
class RectIndex {
  private static readonly CELL = 128;
  private readonly cells = new Map<number, Rect[]>();

  private static cellsOf(rect: Rect, margin: number, visit: (key: number) => boolean | void): boolean {
    const size = RectIndex.CELL;
    const x0 = Math.floor((rect.left - margin) / size);
    const x1 = Math.floor((rect.right + margin) / size);
    const y0 = Math.floor((rect.top - margin) / size);
    const y1 = Math.floor((rect.bottom + margin) / size);
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++)
        // Cells as one number: x and y stay well inside ±2^20 on any graph a page can draw.
        if (visit((x + 0x100000) * 0x200000 + (y + 0x100000)) === true) return true;
    return false;
  }

  add(rect: Rect): void {
    RectIndex.cellsOf(rect, 0, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(rect);
      else this.cells.set(key, [rect]);
    });
  }

  /** Whether `rect`, grown by `margin`, overlaps any rectangle added. */
  overlapsAny(rect: Rect, margin: number): boolean {
    return RectIndex.cellsOf(rect, margin, (key) => this.cells.get(key)?.some((other) => overlaps(rect, other, margin)));
  }
}

/** The first free place for a label centred on one of the route's segments, longest segments first. */
function placeLabel(points: readonly Point[], width: number, taken: RectIndex) {
  const segments = points.slice(1).map((b, n) => ({ a: points[n]!, b, length: Math.abs(b.x - points[n]!.x) + Math.abs(b.y - points[n]!.y) }));
  segments.sort((s, t) => t.length - s.length);
  for (const { a, b, length } of segments) {
    const steps = Math.max(1, Math.floor(length / 12));
    // From the middle outwards: 1/2, then alternately nearer each end.
    const order: number[] = [];
    for (let n = 0; n <= steps; n++) order.push(n);
    order.sort((s, t) => Math.abs(s / steps - 0.5) - Math.abs(t / steps - 0.5) || s - t);
    // Centred on the run first; then hanging to one side of it, still touching it (a vertical run in a narrow
    // channel has no room for a label across it, but often has room beside it).
    const vertical = a.x === b.x;
    const side = vertical ? width / 2 - 3 : LABEL_HEIGHT / 2 - 3;
    for (const shift of [0, side, -side]) {
      for (const n of order) {
        const f = steps === 0 ? 0.5 : n / steps;
        const centre = {
          x: a.x + (b.x - a.x) * f + (vertical ? shift : 0),
          y: a.y + (b.y - a.y) * f + (vertical ? 0 : shift),
        };
        const rect = {
          left: centre.x - width / 2,
          right: centre.x + width / 2,
          top: centre.y - LABEL_HEIGHT / 2,
          bottom: centre.y + LABEL_HEIGHT / 2,
        };
        if (taken.overlapsAny(rect, 2)) continue;
        return { centre, rect };
      }
    }
  }
  return undefined;
}

/** The SVG path of a route, with its corners slightly rounded. */
export function routePath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  let d = `M ${points[0]!.x} ${points[0]!.y}`;
  for (let n = 1; n < points.length; n++) {
    const p = points[n]!;
    const next = points[n + 1];
    if (!next) {
      d += ` L ${p.x} ${p.y}`;
      break;
    }
    const prev = points[n - 1]!;
    const r = Math.min(5, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const inX = p.x - Math.sign(p.x - prev.x) * r;
    const inY = p.y - Math.sign(p.y - prev.y) * r;
    const outX = p.x + Math.sign(next.x - p.x) * r;
    const outY = p.y + Math.sign(next.y - p.y) * r;
    d += ` L ${inX} ${inY} Q ${p.x} ${p.y} ${outX} ${outY}`;
  }
  return d;
}
