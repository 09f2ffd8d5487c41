import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/** The tabs of the side panel, in the order they are shown. */
export const PANEL_TABS = ['inspector', 'findings', 'paths', 'explain', 'review', 'changes'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

/** The explain panel's question as typed: names or ids, resolved against the estate when asked. */
export interface ExplainForm {
  principal: string;
  action: string;
  dataAction: boolean;
  scope: string;
}

/** Which side panel is showing, and the explain panel's question (kept while other panels are open). */
export interface PanelsSlice {
  panelTab: PanelTab;
  explainForm: ExplainForm;
  showPanel: (tab: PanelTab) => void;
  setExplainForm: (change: Partial<ExplainForm>) => void;
  /** Fills the explain panel's question and shows it (from a cell of the inspector's matrix, say). */
  explainAccess: (form: ExplainForm) => void;
}

export const createPanelsSlice: StateCreator<AppState, [], [], PanelsSlice> = (set) => ({
  panelTab: 'findings',
  explainForm: { principal: '', action: '', dataAction: false, scope: '' },
  showPanel: (tab) => set({ panelTab: tab }),
  setExplainForm: (change) => set((state) => ({ explainForm: { ...state.explainForm, ...change } })),
  explainAccess: (form) => set({ panelTab: 'explain', explainForm: form }),
});
