import type { StateCreator } from 'zustand';
import type { Estate } from '../../engine/model/types';
import type { AppState } from './app-store';

/** Where the open estate came from, so the UI can say so and reload it. */
export type EstateOrigin = { kind: 'sample'; sampleId: string; file: string };

export interface EstateSlice {
  estate: Estate | undefined;
  origin: EstateOrigin | undefined;
  /**
   * Bumped each time a different document is opened. Views that keep their own copy of derived state
   * (React Flow's node positions) key on it to start afresh, instead of diffing two unrelated estates.
   */
  documentVersion: number;
  openEstate: (estate: Estate, origin: EstateOrigin) => void;
  closeEstate: () => void;
}

export const createEstateSlice: StateCreator<AppState, [], [], EstateSlice> = (set) => ({
  estate: undefined,
  origin: undefined,
  documentVersion: 0,
  openEstate: (estate, origin) =>
    set((state) =>
      state.estate === estate
        ? state
        : // A selection in the previous document means nothing in the new one.
          { estate, origin, documentVersion: state.documentVersion + 1, selectedEntityId: undefined },
    ),
  closeEstate: () =>
    set((state) => ({ estate: undefined, origin: undefined, documentVersion: state.documentVersion + 1, selectedEntityId: undefined })),
});
