import { createContext, useContext } from 'react';

/** Actions nodes can take on the graph without subscribing to the store (see estate-graph.tsx). */
export interface GraphActions {
  toggleCollapsed: (id: string) => void;
}

export const GraphActionsContext = createContext<GraphActions>({ toggleCollapsed: () => undefined });

export function useGraphActions(): GraphActions {
  return useContext(GraphActionsContext);
}

/**
 * Where edges put their HTML labels: React Flow's label layer, looked up once. Its own EdgeLabelRenderer
 * looks it up with querySelector in a store selector, once per labelled edge on every store change, which
 * while panning is every frame.
 */
export const EdgeLabelLayerContext = createContext<HTMLElement | null>(null);
