import { useEffect, useMemo, useState } from 'react';
import type { GraphNodeSpec } from './graph-model';
import type { GraphLayout } from './layout';
import { EdgeRouter, routingInput, type Point, type RoutableEdge, type Rect, type RoutingInput } from './routing';

/** Above this many edges the routes are searched in a worker; below it, in place (a few milliseconds). */
export const ROUTING_WORKER_EDGES = 200;

export interface RoutingRequest {
  id: number;
  input: RoutingInput;
}
export interface RoutingResponse {
  id: number;
  routes: Record<string, Point[]>;
}

let worker: Worker | undefined | null;
let nextId = 0;

function routingWorker(): Worker | undefined {
  if (worker === undefined) {
    try {
      worker = new Worker(new URL('./routing.worker.ts', import.meta.url), { type: 'module', name: 'edge-routing' });
    } catch {
      // No workers (or refused by policy): route on the main thread instead.
      worker = null;
    }
  }
  return worker ?? undefined;
}

const NO_ROUTES: Record<string, Point[]> = {};

const sameRect = (a: Rect, b: Rect) => a.left === b.left && a.top === b.top && a.right === b.right && a.bottom === b.bottom;
const samePoint = (a: Point, b: Point) => a.x === b.x && a.y === b.y;

/** A filter that gives back the input it was given last time when the new one is the same. */
function keepSameInput(): (next: RoutingInput) => RoutingInput {
  let last: RoutingInput | undefined;
  return (next) => {
    if (last && sameRoutingInput(last, next)) return last;
    last = next;
    return next;
  };
}

/** Whether two routing inputs have the same boxes and the same edges, anchored at the same places. */
export function sameRoutingInput(a: RoutingInput, b: RoutingInput): boolean {
  if (a.obstacles.length !== b.obstacles.length || a.edges.length !== b.edges.length) return false;
  if (!a.obstacles.every((o, i) => sameRect(o, b.obstacles[i]!))) return false;
  return a.edges.every((e, i) => {
    const f = b.edges[i]!;
    return e.id === f.id && e.source === f.source && e.target === f.target && samePoint(e.from, f.from) && samePoint(e.to, f.to) && sameRect(e.ends[0], f.ends[0]) && sameRect(e.ends[1], f.ends[1]);
  });
}

/**
 * The routes of a graph's edges around its boxes. A small graph is routed in place; a large one in a worker,
 * and until its routes come back the graph keeps the routes it had (an edge without one is drawn as a curve).
 * `routeKey` names the edges (ids and ends): routes are searched again only when it, the nodes or the layout
 * change. Either way an {@link EdgeRouter} keeps the routes an edit did not touch.
 */
export function useEdgeRoutes(
  nodes: readonly GraphNodeSpec[],
  layout: GraphLayout | undefined,
  edges: readonly Omit<RoutableEdge, 'label'>[],
  routeKey: string,
): { routes: Record<string, Point[]>; pending: boolean } {
  const [router] = useState(() => new EdgeRouter());
  const target = layout && edges.length > ROUTING_WORKER_EDGES ? routingWorker() : undefined;
  // Only the boxes and the edges' anchors: the worker is not sent the nodes or the layout (copying a business
  // unit's nodes to it took longer than the routing it spared).
  // An edit gives new node objects even where the boxes and edges are the same: the input of last time is
  // then kept, and nothing is routed or placed again.
  const [keepInput] = useState(keepSameInput);
  const input = useMemo(
    () => (layout ? keepInput(routingInput(nodes, layout, edges)) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on routeKey: a highlight change must not re-route
    [keepInput, nodes, layout, routeKey],
  );
  const inline = useMemo(() => (input && !target ? router.route(input) : undefined), [router, target, input]);
  const [received, setReceived] = useState<{ inputs: readonly unknown[]; routes: Record<string, Point[]> }>();

  useEffect(() => {
    if (!target || !input) return;
    const inputs = [input];
    const id = ++nextId;
    const onMessage = (event: MessageEvent<RoutingResponse>) => {
      if (event.data.id === id) setReceived({ inputs, routes: event.data.routes });
    };
    // A worker that fails must not leave the edges unrouted: route here instead.
    const onError = () => setReceived({ inputs, routes: router.route(input) });
    target.addEventListener('message', onMessage);
    target.addEventListener('error', onError);
    target.postMessage({ id, input } satisfies RoutingRequest);
    return () => {
      target.removeEventListener('message', onMessage);
      target.removeEventListener('error', onError);
    };
  }, [router, target, input]);

  if (inline) return { routes: inline, pending: false };
  if (!layout) return { routes: NO_ROUTES, pending: false };
  const current = received !== undefined && received.inputs[0] === input;
  return { routes: received?.routes ?? NO_ROUTES, pending: !current };
}
