import { useEffect, useMemo, useState } from 'react';
import type { GraphNodeSpec } from './graph-model';
import type { GraphLayout } from './layout';
import { EdgeRouter, type Point, type RoutableEdge } from './routing';

/** Above this many edges the routes are searched in a worker; below it, in place (a few milliseconds). */
export const ROUTING_WORKER_EDGES = 200;

export interface RoutingRequest {
  id: number;
  nodes: readonly GraphNodeSpec[];
  layout: GraphLayout;
  edges: readonly Omit<RoutableEdge, 'label'>[];
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
  const inline = useMemo(
    () => (layout && !target ? router.route(nodes, layout, edges) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on routeKey: a highlight change must not re-route
    [router, target, nodes, layout, routeKey],
  );
  const [received, setReceived] = useState<{ inputs: readonly unknown[]; routes: Record<string, Point[]> }>();

  useEffect(() => {
    if (!target || !layout) return;
    const inputs = [nodes, layout, routeKey];
    const id = ++nextId;
    const onMessage = (event: MessageEvent<RoutingResponse>) => {
      if (event.data.id === id) setReceived({ inputs, routes: event.data.routes });
    };
    // A worker that fails must not leave the edges unrouted: route here instead.
    const onError = () => setReceived({ inputs, routes: router.route(nodes, layout, edges) });
    target.addEventListener('message', onMessage);
    target.addEventListener('error', onError);
    target.postMessage({ id, nodes, layout, edges } satisfies RoutingRequest);
    return () => {
      target.removeEventListener('message', onMessage);
      target.removeEventListener('error', onError);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on routeKey, as above
  }, [router, target, nodes, layout, routeKey]);

  if (inline) return { routes: inline, pending: false };
  if (!layout) return { routes: NO_ROUTES, pending: false };
  const current = received !== undefined && received.inputs[0] === nodes && received.inputs[1] === layout && received.inputs[2] === routeKey;
  return { routes: received?.routes ?? NO_ROUTES, pending: !current };
}
