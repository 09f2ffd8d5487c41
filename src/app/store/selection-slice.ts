import type { StateCreator } from 'zustand';
import type { AppState, SelectionSlice } from './app-state';

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedEntityId: undefined,
  selection: undefined,
  focusMode: false,
  selectEntity: (id) => set({ selectedEntityId: id, selection: id === undefined ? undefined : { kind: 'entity', id } }),
  select: (selection) => set(selection?.kind === 'entity' ? { selection, selectedEntityId: selection.id } : { selection }),
  setFocusMode: (on) => set({ focusMode: on }),
});
