/// <reference lib="webworker" />
import { layoutGraph } from './layout';
import type { LayoutRequest, LayoutResponse } from './use-graph-layout';

// Lays out large graphs off the main thread, so panning and typing stay responsive while it works.
self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, nodes, options } = event.data;
  const response: LayoutResponse = { id, layout: layoutGraph(nodes, options) };
  self.postMessage(response);
};
