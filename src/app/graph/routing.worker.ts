/// <reference lib="webworker" />
import { EdgeRouter } from './routing';
import type { RoutingRequest, RoutingResponse } from './use-edge-routes';

// Routes the edges of large graphs off the main thread: a business unit's graph has hundreds of edges, and
// searching routes for all of them (after a lens change, or opening a group) took seconds. One router for the
// page's graph, so that an edit's routing keeps the routes it does not touch (see EdgeRouter).
const router = new EdgeRouter();

self.onmessage = (event: MessageEvent<RoutingRequest>) => {
  const { id, input } = event.data;
  const response: RoutingResponse = { id, routes: router.route(input) };
  self.postMessage(response);
};
