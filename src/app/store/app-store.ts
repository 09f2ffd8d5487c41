import { create } from 'zustand';
import { createCompareSlice, type CompareSlice } from './compare-slice';
import { createEstateSlice, type EstateSlice } from './estate-slice';
import { createGraphViewSlice, type GraphViewSlice } from './graph-view-slice';
import { createPanelsSlice, type PanelsSlice } from './panels-slice';
import { createPersistenceSlice, type PersistenceSlice } from './persistence-slice';
import { createSamplesSlice, type SamplesSlice } from './samples-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createToursSlice, type ToursSlice } from './tours-slice';

export type AppState = EstateSlice & SelectionSlice & SamplesSlice & PanelsSlice & GraphViewSlice & PersistenceSlice & CompareSlice & ToursSlice;

/** The one client-side store: the estate document and UI state, each slice owning its actions. */
export const useAppStore = create<AppState>()((...args) => ({
  ...createEstateSlice(...args),
  ...createSelectionSlice(...args),
  ...createSamplesSlice(...args),
  ...createPanelsSlice(...args),
  ...createGraphViewSlice(...args),
  ...createPersistenceSlice(...args),
  ...createCompareSlice(...args),
  ...createToursSlice(...args),
}));
