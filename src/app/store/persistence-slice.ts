import type { StateCreator } from 'zustand';
import type { AppState, PersistenceSlice } from './app-state';

export const createPersistenceSlice: StateCreator<AppState, [], [], PersistenceSlice> = (set, get) => ({
  persistenceNotice: undefined,
  baseline: undefined,
  setPersistenceNotice: (notice) => set({ persistenceNotice: notice }),
  resetToSample: (confirm) => {
    const { estate, baseline, origin, applyEdit } = get();
    if (!estate || !baseline || estate === baseline) return false;
    const what = origin?.kind === 'sample' ? 'the sample' : 'the estate as it was opened';
    if (!confirm(`Discard your what-if edits and go back to ${what}? (Undo brings them back.)`)) return false;
    applyEdit({ label: `Reset to ${what}`, apply: () => baseline });
    return true;
  },
});

export const selectPersistenceNotice = (state: AppState) => state.persistenceNotice;
export const selectResetToSample = (state: AppState) => state.resetToSample;
/** True when the estate differs from how it was opened (there is something to reset). */
export const selectHasEdits = (state: AppState) => state.estate !== undefined && state.baseline !== undefined && state.estate !== state.baseline;
