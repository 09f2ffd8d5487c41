import type { StateCreator } from 'zustand';
import type { EntityId } from '../../engine/model/ids';
import type { AppState } from './app-store';

export interface SelectionSlice {
  selectedEntityId: EntityId | undefined;
  selectEntity: (id: EntityId | undefined) => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedEntityId: undefined,
  selectEntity: (id) => set({ selectedEntityId: id }),
});
