import { createContext, useContext } from 'react';

/** Actions nodes can take on the graph without subscribing to the store (see estate-graph.tsx). */
export interface GraphActions {
  toggleCollapsed: (id: string) => void;
}

export const GraphActionsContext = createContext<GraphActions>({ toggleCollapsed: () => undefined });

export function useGraphActions(): GraphActions {
  return useContext(GraphActionsContext);
}
