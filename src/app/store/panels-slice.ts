import type { StateCreator } from 'zustand';
import type { AccessQuestion } from '../../engine/rbac/types';
import type { AppState } from './app-store';

/** The tabs of the side panel, in the order they are shown. */
export const PANEL_TABS = ['inspector', 'findings', 'paths', 'explain'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

/** Which side panel is showing, and a question handed to the explain panel by another panel. */
export interface PanelsSlice {
  panelTab: PanelTab;
  /**
   * Set when a panel asks the explain panel a question (a cell of the inspector's matrix, say); the explain
   * panel fills its form from it. A fresh object each time, so asking the same question twice still counts.
   */
  explainRequest: AccessQuestion | undefined;
  showPanel: (tab: PanelTab) => void;
  explainAccess: (question: AccessQuestion) => void;
}

export const createPanelsSlice: StateCreator<AppState, [], [], PanelsSlice> = (set) => ({
  panelTab: 'findings',
  explainRequest: undefined,
  showPanel: (tab) => set({ panelTab: tab }),
  explainAccess: (question) => set({ panelTab: 'explain', explainRequest: { ...question } }),
});
