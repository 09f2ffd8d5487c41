import { create, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AppState } from './app-state';
import { createCompareSlice } from './compare-slice';
import { createEstateSlice } from './estate-slice';
import { createGraphViewSlice } from './graph-view-slice';
import { createPanelsSlice } from './panels-slice';
import { createPersistenceSlice } from './persistence-slice';
import { createReplaceGuardSlice } from './replace-guard-slice';
import { createSamplesSlice } from './samples-slice';
import { createSelectionSlice } from './selection-slice';
import { createToursSlice } from './tours-slice';

const createAppState: StateCreator<AppState> = (...args) => ({
  ...createEstateSlice(...args),
  ...createSelectionSlice(...args),
  ...createSamplesSlice(...args),
  ...createPanelsSlice(...args),
  ...createGraphViewSlice(...args),
  ...createPersistenceSlice(...args),
  ...createCompareSlice(...args),
  ...createToursSlice(...args),
  ...createReplaceGuardSlice(...args),
});

/** The one client-side store: the estate document and UI state, each slice owning its actions. */
export const useAppStore = create<AppState>()(createAppState);

/** A fresh store with every slice, outside React: for tests, which each need their own. */
export const createAppStore = () => createStore<AppState>()(createAppState);
