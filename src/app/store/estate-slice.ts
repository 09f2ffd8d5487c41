import type { StateCreator } from 'zustand';
import type { AppState, EstateSlice } from './app-state';

export const HISTORY_LIMIT = 200;

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
      const past = [
        ...state.past,
        edit.kind === undefined || edit.kind === 'what-if'
          ? { estate: state.estate, label: edit.label }
          : { estate: state.estate, label: edit.label, kind: edit.kind },
      ];
      return { estate: next, past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, future: [] };
    }),
  undo: () =>
    set((state) => {
      const previous = state.past[state.past.length - 1];
      if (!previous || !state.estate) return state;
      return { estate: previous.estate, past: state.past.slice(0, -1), future: [{ ...previous, estate: state.estate }, ...state.future] };
    }),
  redo: () =>
    set((state) => {
      const next = state.future[0];
      if (!next || !state.estate) return state;
      return { estate: next.estate, past: [...state.past, { ...next, estate: state.estate }], future: state.future.slice(1) };
    }),
});
