import type { StateCreator } from 'zustand';
import type { AppState, SamplesSlice } from './app-state';

export const createSamplesSlice: StateCreator<AppState, [], [], SamplesSlice> = (set) => ({
  chosenSampleId: undefined,
  sampleRequest: 0,
  chooseSample: (id) => set((state) => ({ chosenSampleId: id, sampleRequest: state.sampleRequest + 1 })),
});
