import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/** Which sample the user asked for. Whether it has loaded is TanStack Query's business, not the store's. */
export interface SamplesSlice {
  /** Undefined until the user picks one; the app then shows the sample gallery. */
  chosenSampleId: string | undefined;
  /**
   * Counts the user's requests to open a sample, so that asking again for the sample already chosen (after
   * opening a file, say) opens it again.
   */
  sampleRequest: number;
  chooseSample: (id: string) => void;
}

export const createSamplesSlice: StateCreator<AppState, [], [], SamplesSlice> = (set) => ({
  chosenSampleId: undefined,
  sampleRequest: 0,
  chooseSample: (id) => set((state) => ({ chosenSampleId: id, sampleRequest: state.sampleRequest + 1 })),
});
