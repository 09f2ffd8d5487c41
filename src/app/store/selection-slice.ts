import type { StateCreator } from 'zustand';
import type { EntityId } from '../../engine/model/ids';
import type { AppState } from './app-store';

/** What the user is looking at: an entity, a finding or an access path (finding and path ids come from the analysis). */
export type Selection = { kind: 'entity'; id: EntityId } | { kind: 'finding'; id: string } | { kind: 'path'; id: string };

export interface SelectionSlice {
  /** Kept for the inspector: the selected entity, or the first subject of a selected finding. */
  selectedEntityId: EntityId | undefined;
  selection: Selection | undefined;
  /** When on, the graph draws only the nodes of the selected path or finding. */
  focusMode: boolean;
  selectEntity: (id: EntityId | undefined) => void;
  select: (selection: Selection | undefined) => void;
  setFocusMode: (on: boolean) => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedEntityId: undefined,
  selection: undefined,
  focusMode: false,
  selectEntity: (id) => set({ selectedEntityId: id, selection: id === undefined ? undefined : { kind: 'entity', id } }),
  select: (selection) => set(selection?.kind === 'entity' ? { selection, selectedEntityId: selection.id } : { selection }),
  setFocusMode: (on) => set({ focusMode: on }),
});
