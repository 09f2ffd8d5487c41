import { useEffect, useMemo, useState } from 'react';
import type { GraphNodeSpec } from './graph-model';
import { layoutGraph, type GraphLayout, type LayoutOptions } from './layout';

/** Above this many nodes the layout runs in a worker. */
export const WORKER_THRESHOLD = 300;

export interface LayoutRequest {
  id: number;
  nodes: readonly GraphNodeSpec[];
  options: LayoutOptions;
}
export interface LayoutResponse {
  id: number;
  layout: GraphLayout;
}

let worker: Worker | undefined | null;
let nextId = 0;

function layoutWorker(): Worker | undefined {
  if (worker === undefined) {
    try {
      worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      // No workers (or refused by policy): lay out on the main thread instead.
      worker = null;
    }
  }
  return worker ?? undefined;
}

/**
 * The layout of the graph: computed in place for small graphs (a few milliseconds), in a Web Worker for
 * large ones. While a worker layout is on its way the previous layout stays on screen.
 */
export function useGraphLayout(
  nodes: readonly GraphNodeSpec[],
  collapsed: readonly string[],
  only: readonly string[] | undefined,
): { layout: GraphLayout | undefined; pending: boolean } {
  const target = nodes.length > WORKER_THRESHOLD ? layoutWorker() : undefined;
  const inline = useMemo(
    () => (target ? undefined : layoutGraph(nodes, only ? { collapsed, only } : { collapsed })),
    [target, nodes, collapsed, only],
  );
  const [result, setResult] = useState<{ inputs: readonly unknown[]; layout: GraphLayout } | undefined>();

  useEffect(() => {
    if (!target) return;
    const options: LayoutOptions = only ? { collapsed, only } : { collapsed };
    const inputs = [nodes, collapsed, only];
    const id = ++nextId;
    const onMessage = (event: MessageEvent<LayoutResponse>) => {
      if (event.data.id === id) setResult({ inputs, layout: event.data.layout });
    };
    // A worker that fails (a bug, or memory) must not leave the graph empty: lay out here instead.
    const onError = () => setResult({ inputs, layout: layoutGraph(nodes, options) });
    target.addEventListener('message', onMessage);
    target.addEventListener('error', onError);
    const request: LayoutRequest = { id, nodes, options };
    target.postMessage(request);
    return () => {
      target.removeEventListener('message', onMessage);
      target.removeEventListener('error', onError);
    };
  }, [target, nodes, collapsed, only]);

  if (inline) return { layout: inline, pending: false };
  const current = result !== undefined && result.inputs[0] === nodes && result.inputs[1] === collapsed && result.inputs[2] === only;
  return { layout: result?.layout, pending: !current };
}
