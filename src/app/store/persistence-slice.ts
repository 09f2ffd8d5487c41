import type { StateCreator } from 'zustand';
import type { Estate } from '../../engine/model/types';
import type { AppState } from './app-store';

/** What the app has to say about saving and restoring, shown until dismissed. */
export type PersistenceNotice =
  | { kind: 'restored'; savedAt: string; edits: number }
  | { kind: 'kept-aside'; key: string; reason: string }
  | { kind: 'trimmed'; dropped: number }
  | { kind: 'quota'; message: string }
  | { kind: 'unavailable'; message: string }
  /** Another tab saved its version; `open` replaces this tab's estate and history with it. */
  | { kind: 'changed-elsewhere'; savedAt: string; open: () => Promise<void> }
  /** This tab saved over work another tab had saved, which was moved to `key`. */
  | { kind: 'other-tab'; key: string; savedAt: string | undefined };

export interface PersistenceSlice {
  persistenceNotice: PersistenceNotice | undefined;
  /** The estate as the open document was first opened (before any what-if edit), for "reset". */
  baseline: Estate | undefined;
  setPersistenceNotice: (notice: PersistenceNotice | undefined) => void;
  /**
   * Puts the estate back as it was opened, after asking: the reset is an edit like any other, so it can be
   * undone. Returns whether it reset. `confirm` is given the question (window.confirm in the app).
   */
  resetToSample: (confirm: (question: string) => boolean) => boolean;
}

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
