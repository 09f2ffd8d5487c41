import type { StateCreator } from 'zustand';
import type { AppState, SamplesSlice } from './app-state';

/** The state change that asks for a sample, with no question asked: the callers have asked already. */
export const sampleRequested = (state: Pick<AppState, 'sampleRequest'>, id: string) => ({
  chosenSampleId: id,
  sampleRequest: state.sampleRequest + 1,
});

export const createSamplesSlice: StateCreator<AppState, [], [], SamplesSlice> = (set, get) => ({
  chosenSampleId: undefined,
  sampleRequest: 0,
  chooseSample: (id, title) =>
    get().requestReplace(`open the sample “${title ?? id}”`, () => set((state) => sampleRequested(state, id))),
});
