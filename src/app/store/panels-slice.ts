import type { StateCreator } from 'zustand';
import type { AppState, PanelsSlice } from './app-state';

export const createPanelsSlice: StateCreator<AppState, [], [], PanelsSlice> = (set) => ({
  panelTab: 'findings',
  explainForm: { principal: '', action: '', dataAction: false, scope: '' },
  showPanel: (tab) => set({ panelTab: tab }),
  setExplainForm: (change) => set((state) => ({ explainForm: { ...state.explainForm, ...change } })),
  explainAccess: (form) => set({ panelTab: 'explain', explainForm: form }),
});
