import type { StateCreator } from 'zustand';
import type { AppState, EdgeLayer, GraphViewSlice } from './app-state';

export const EDGE_LAYERS: readonly EdgeLayer[] = ['paths', 'roles', 'structure', 'members'];

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
