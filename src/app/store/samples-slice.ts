import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/** Which sample the user asked for. Whether it has loaded is TanStack Query's business, not the store's. */
export interface SamplesSlice {
  /** Undefined until the user picks one; the app then shows the default sample. */
  chosenSampleId: string | undefined;
  chooseSample: (id: string) => void;
}

export const createSamplesSlice: StateCreator<AppState, [], [], SamplesSlice> = (set) => ({
  chosenSampleId: undefined,
  chooseSample: (id) => set({ chosenSampleId: id }),
});
