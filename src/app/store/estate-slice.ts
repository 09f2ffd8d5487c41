import type { StateCreator } from 'zustand';
import type { Estate } from '../../engine/model/types';
import type { AppState } from './app-store';

/** Where the open estate came from, so the UI can say so and reload it. */
export type EstateOrigin = { kind: 'sample'; sampleId: string; file: string } | { kind: 'files'; files: string[] } | { kind: 'share-link' } | { kind: 'restored' };

/** At least this many edits can be undone. */
export const HISTORY_LIMIT = 200;

/** One what-if edit: a pure function from estate to estate, with the label undo and redo show. */
export interface EstateEdit {
  label: string;
  apply: (estate: Estate) => Estate;
}

export interface EstateSlice {
  estate: Estate | undefined;
  origin: EstateOrigin | undefined;
  /**
   * Bumped each time a different document is opened (not on edits). Views that keep their own copy of
   * derived state key on it to start afresh instead of diffing two unrelated estates.
   */
  documentVersion: number;
  /** Estates before the current one, oldest first, with the label of the edit that left each. */
  past: { estate: Estate; label: string }[];
  future: { estate: Estate; label: string }[];
  openEstate: (estate: Estate, origin: EstateOrigin) => void;
  closeEstate: () => void;
  /** Applies a what-if edit; an edit that returns the same estate object records nothing. */
  applyEdit: (edit: EstateEdit) => void;
  undo: () => void;
  redo: () => void;
}

export const createEstateSlice: StateCreator<AppState, [], [], EstateSlice> = (set) => ({
  estate: undefined,
  origin: undefined,
  documentVersion: 0,
  past: [],
  future: [],
  openEstate: (estate, origin) =>
    set((state) =>
      state.estate === estate
        ? state
        : // A selection or history in the previous document means nothing in the new one.
          { estate, origin, documentVersion: state.documentVersion + 1, selectedEntityId: undefined, selection: undefined, past: [], future: [] },
    ),
  closeEstate: () =>
    set((state) => ({
      estate: undefined,
      origin: undefined,
      documentVersion: state.documentVersion + 1,
      selectedEntityId: undefined,
      selection: undefined,
      past: [],
      future: [],
    })),
  applyEdit: (edit) =>
    set((state) => {
      if (!state.estate) return state;
      const next = edit.apply(state.estate);
      if (next === state.estate) return state;
      const past = [...state.past, { estate: state.estate, label: edit.label }];
      return { estate: next, past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, future: [] };
    }),
  undo: () =>
    set((state) => {
      const previous = state.past[state.past.length - 1];
      if (!previous || !state.estate) return state;
      return { estate: previous.estate, past: state.past.slice(0, -1), future: [{ estate: state.estate, label: previous.label }, ...state.future] };
    }),
  redo: () =>
    set((state) => {
      const next = state.future[0];
      if (!next || !state.estate) return state;
      return { estate: next.estate, past: [...state.past, { estate: state.estate, label: next.label }], future: state.future.slice(1) };
    }),
});
