import type { EntityId, Estate } from '../../engine';
import type { Selection } from './selection';
import type { TourHighlight } from '../tours/engine/graph-highlight';
import type { TourProgressMap } from '../tours/engine/progress';

/**
 * The shape of the app store: every slice's state and actions, and the types they are made of. Kept apart from
 * the slices' code so that a slice can name the whole state without importing the store that combines the
 * slices (which would be a circle of imports).
 */

// compare slice
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

// estate slice
/** Where the open estate came from, so the UI can say so and reload it. */
export type EstateOrigin =
  | { kind: 'sample'; sampleId: string; file: string }
  | { kind: 'files'; files: string[] }
  | { kind: 'share-link' }
  | { kind: 'restored' };

/** At least this many edits can be undone. */

/** One step of undo history: the estate before (or after) it, and the edit's label. */
export interface HistoryStep {
  estate: Estate;
  label: string;
  /** What made it; a plain what-if when absent. */
  kind?: HistoryKind;
}

/**
 * What a step of history is: a what-if change the user made, a change of the design review's statuses only
 * (not a what-if change of the estate), or a what-if a tour made to set up or do its step (the user can
 * make it again by reopening the tour, so replacing it needs no question).
 */
export type HistoryKind = 'what-if' | 'review' | 'tour';

/** One what-if edit: a pure function from estate to estate, with the label undo and redo show. */
export interface EstateEdit {
  label: string;
  apply: (estate: Estate) => Estate;
  /** `review` when the edit changes only the design review's statuses (counted apart), `tour` when a tour made it. */
  kind?: HistoryKind;
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
  past: HistoryStep[];
  future: HistoryStep[];
  openEstate: (estate: Estate, origin: EstateOrigin) => void;
  closeEstate: () => void;
  /** Applies a what-if edit; an edit that returns the same estate object records nothing. */
  applyEdit: (edit: EstateEdit) => void;
  undo: () => void;
  redo: () => void;
}

// graph-view slice
/** Groups of edges the graph can show or hide. */
export type EdgeLayer = 'structure' | 'roles' | 'members' | 'paths';

/**
 * How the graph is shown: which containers are closed (for the open document only) and which edge layers
 * are on. Kept in the store, not in the graph component, so that a reload brings it back (persistence.ts).
 */
export interface GraphViewSlice {
  /** Closed containers of the document `documentVersion`; `undefined` collapsed means "as the graph first opens". */
  graphCollapsed: { documentVersion: number; ids: readonly string[] } | undefined;
  edgeLayers: Readonly<Record<EdgeLayer, boolean>>;
  setCollapsed: (ids: readonly string[]) => void;
  setEdgeLayer: (layer: EdgeLayer, on: boolean) => void;
}

// panels slice
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

// persistence slice
/** What the app has to say about saving and restoring, shown until dismissed. */
export type PersistenceNotice =
  /** `documentVersion` is the restored document's: once another is opened, its undo is gone and so is the notice. */
  | { kind: 'restored'; savedAt: string; edits: number; reviewMarks: number; documentVersion: number }
  | { kind: 'kept-aside'; key: string; reason: string }
  | { kind: 'trimmed'; dropped: number }
  | { kind: 'quota'; message: string }
  | { kind: 'unavailable'; message: string }
  /** Another tab saved its version; `open` replaces this tab's estate and history with it. */
  | { kind: 'changed-elsewhere'; savedAt: string; open: () => Promise<void> }
  /** This tab saved over work another tab had saved, which was moved to `key`. */
  | { kind: 'other-tab'; key: string; savedAt: string | undefined }
  /** The user kept their edited estate aside before opening something else; it is at `key`. */
  | { kind: 'set-aside'; key: string; what: string };

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

// replace-guard slice
/** A question the app is asking before it replaces an estate that has edits. */
export interface ReplaceQuestion {
  /** What would replace it, in words: `open the sample “Starter”`. */
  what: string;
  /** How many steps of history the open estate has. */
  edits: number;
  /** True goes ahead (after the work was kept aside or on purpose discarded); false cancels. */
  answer: (go: boolean) => void;
}

export interface ReplaceGuardSlice {
  replaceQuestion: ReplaceQuestion | undefined;
  /**
   * Runs `proceed` now when the open estate has no edits; otherwise asks (see replace-guard-slice.ts) and runs
   * it, or `cancelled`, once the user has answered.
   */
  requestReplace: (what: string, proceed: () => void, cancelled?: () => void) => void;
}

// samples slice
/** Which sample the user asked for. Whether it has loaded is TanStack Query's business, not the store's. */
export interface SamplesSlice {
  /** Undefined until the user picks one; the app then shows the sample gallery. */
  chosenSampleId: string | undefined;
  /**
   * Counts the user's requests to open a sample, so that asking again for the sample already chosen (after
   * opening a file, say) opens it again.
   */
  sampleRequest: number;
  /** Opens a sample; over an estate with edits, asks first (see {@link ReplaceGuardSlice}). */
  chooseSample: (id: string, title?: string) => void;
}

// selection slice

export interface SelectionSlice {
  /** Kept for the inspector: the selected entity, or the first subject of a selected finding. */
  selectedEntityId: EntityId | undefined;
  selection: Selection | undefined;
  /** When on, the graph draws only the nodes of the selected path or finding. */
  focusMode: boolean;
  selectEntity: (id: EntityId | undefined) => void;
  select: (selection: Selection | undefined) => void;
  setFocusMode: (on: boolean) => void;
}

// tours slice
/**
 * Where the running tour still has to be set up: `now` on the estate that is open, or once the tour's sample
 * has been opened (a document newer than `afterDocument`). Undefined when the step's estate is ready.
 */
export type TourSetup = { kind: 'now' } | { kind: 'after-open'; afterDocument: number };

export interface ActiveTour {
  tourId: string;
  stepIndex: number;
  setup: TourSetup | undefined;
}

/** The running tour, each tour's progress (saved in localStorage by the runner), and what the graph lights up for it. */
export interface ToursSlice {
  activeTour: ActiveTour | undefined;
  tourProgress: TourProgressMap;
  /** Resolved ids of the current step's highlight; the graph reads it with one narrow selector. */
  tourHighlight: TourHighlight | undefined;
  toursOpen: boolean;
  /**
   * Starts (or resumes) a tour at a step: opens the tour's sample unless it is what is open already, then
   * the runner applies what the earlier steps would have changed. Asynchronous until the tours have loaded
   * (see tours/catalog.ts).
   */
  startTour: (tourId: string, stepId?: string) => void;
  goToTourStep: (stepIndex: number) => void;
  /** Leaves the tour; its progress stays for "Resume". */
  leaveTour: () => void;
  completeTourSetup: () => void;
  setTourProgress: (progress: TourProgressMap) => void;
  setTourHighlight: (highlight: TourHighlight | undefined) => void;
  setToursOpen: (open: boolean) => void;
}

export type AppState = EstateSlice &
  SelectionSlice &
  SamplesSlice &
  PanelsSlice &
  GraphViewSlice &
  PersistenceSlice &
  CompareSlice &
  ToursSlice &
  ReplaceGuardSlice;
