import { create, type StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createCompareSlice, type CompareSlice } from './compare-slice';
import { createEstateSlice, type EstateSlice } from './estate-slice';
import { createGraphViewSlice, type GraphViewSlice } from './graph-view-slice';
import { createPanelsSlice, type PanelsSlice } from './panels-slice';
import { createPersistenceSlice, type PersistenceSlice } from './persistence-slice';
import { createSamplesSlice, type SamplesSlice } from './samples-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createToursSlice, type ToursSlice } from './tours-slice';

export type AppState = EstateSlice & SelectionSlice & SamplesSlice & PanelsSlice & GraphViewSlice & PersistenceSlice & CompareSlice & ToursSlice;

const createAppState: StateCreator<AppState> = (...args) => ({
  ...createEstateSlice(...args),
  ...createSelectionSlice(...args),
  ...createSamplesSlice(...args),
  ...createPanelsSlice(...args),
  ...createGraphViewSlice(...args),
  ...createPersistenceSlice(...args),
  ...createCompareSlice(...args),
  ...createToursSlice(...args),
});

/** The one client-side store: the estate document and UI state, each slice owning its actions. */
export const useAppStore = create<AppState>()(createAppState);

/** A fresh store with every slice, outside React: for tests, which each need their own. */
export const createAppStore = () => createStore<AppState>()(createAppState);
