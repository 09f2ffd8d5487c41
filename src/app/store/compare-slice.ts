import type { StateCreator } from 'zustand';
import type { AppState, CompareSlice, Comparison } from './app-state';

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
