import type { StateCreator } from 'zustand';
import type { Estate } from '../../engine/model/types';
import type { AppState } from './app-store';

/**
 * A second estate held beside the open one to compare with. It is a view, not a document: it is never
 * edited, never enters the undo history and is not saved with the session (a reload ends the comparison
 * and leaves the open estate as it was).
 */
export interface Comparison {
  other: Estate;
  /** Where the other estate came from, in words (`after.yaml`, `3 files`, `sample Starter`). */
  label: string;
  /**
   * Which side the open estate is on. By default it is "before" and the loaded one "after": the usual
   * question is "what would this change do to what I have open".
   */
  openIsBefore: boolean;
}

export interface CompareSlice {
  comparison: Comparison | undefined;
  /** Asks the graph to bring a node into view (opening the boxes around it); `request` counts so that asking again works. */
  revealRequest: { id: string; request: number } | undefined;
  startComparison: (other: Estate, label: string) => void;
  swapComparison: () => void;
  stopComparison: () => void;
  revealNode: (id: string) => void;
}

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set) => ({
  comparison: undefined,
  revealRequest: undefined,
  startComparison: (other, label) =>
    set({
      comparison: { other, label, openIsBefore: true },
      panelTab: 'changes',
      selection: undefined,
      selectedEntityId: undefined,
      focusMode: false,
    }),
  swapComparison: () =>
    set((state) =>
      state.comparison
        ? { comparison: { ...state.comparison, openIsBefore: !state.comparison.openIsBefore } }
        : state,
    ),
  stopComparison: () =>
    set((state) =>
      state.comparison === undefined
        ? state
        : {
            comparison: undefined,
            // A selection may name something only the other estate had, and the focus may be on it.
            selection: undefined,
            selectedEntityId: undefined,
            focusMode: false,
            panelTab: state.panelTab === 'changes' ? 'findings' : state.panelTab,
          },
    ),
  revealNode: (id) =>
    set((state) => ({ revealRequest: { id, request: (state.revealRequest?.request ?? 0) + 1 } })),
});

export const selectComparison = (state: AppState): Comparison | undefined => state.comparison;
export const selectIsComparing = (state: AppState): boolean => state.comparison !== undefined;
export const selectRevealRequest = (state: AppState) => state.revealRequest;
