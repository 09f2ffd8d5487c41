import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/** Groups of edges the graph can show or hide. */
export type EdgeLayer = 'structure' | 'roles' | 'members' | 'paths';
export const EDGE_LAYERS: readonly EdgeLayer[] = ['paths', 'roles', 'structure', 'members'];

/**
 * How the graph is shown: which containers are closed (for the open document only) and which edge layers
 * are on. Kept in the store, not in the graph component, so that a reload brings it back (persistence.ts).
 */
export interface GraphViewSlice {
  /** Closed containers of the document `documentVersion`; `undefined` collapsed means "as the graph first opens". */
  graphCollapsed: { documentVersion: number; ids: readonly string[] } | undefined;
  edgeLayers: Readonly<Record<EdgeLayer, boolean>>;
  setCollapsed: (ids: readonly string[]) => void;
  setEdgeLayer: (layer: EdgeLayer, on: boolean) => void;
}

export const createGraphViewSlice: StateCreator<AppState, [], [], GraphViewSlice> = (set) => ({
  graphCollapsed: undefined,
  edgeLayers: { structure: true, roles: true, members: true, paths: true },
  setCollapsed: (ids) => set((state) => ({ graphCollapsed: { documentVersion: state.documentVersion, ids: [...ids].sort() } })),
  setEdgeLayer: (layer, on) => set((state) => ({ edgeLayers: { ...state.edgeLayers, [layer]: on } })),
});

/** The closed containers of the open document, or undefined when the user has not opened or closed any. */
export const selectCollapsedIds = (state: AppState): readonly string[] | undefined =>
  state.graphCollapsed !== undefined && state.graphCollapsed.documentVersion === state.documentVersion
    ? state.graphCollapsed.ids
    : undefined;
