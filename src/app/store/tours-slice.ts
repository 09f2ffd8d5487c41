import type { StateCreator } from 'zustand';
import { loadTours, loadedTourById as tourById, toursLoaded } from '../tours/catalog';
import { stepIndexOf } from '../tours/engine/steps';
import type { TourHighlight } from '../tours/engine/graph-highlight';
import type { TourProgressMap } from '../tours/engine/progress';
import type { AppState } from './app-store';

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

function recordStep(progress: TourProgressMap, tourId: string, stepIndex: number): TourProgressMap {
  const tour = tourById(tourId);
  const step = tour?.steps[stepIndex];
  if (!tour || !step) return progress;
  const completed = progress[tourId]?.completed === true || stepIndex === tour.steps.length - 1;
  return { ...progress, [tourId]: { stepId: step.id, completed, updatedAt: new Date().toISOString() } };
}

export const createToursSlice: StateCreator<AppState, [], [], ToursSlice> = (set, get) => ({
  activeTour: undefined,
  tourProgress: {},
  tourHighlight: undefined,
  toursOpen: false,
  startTour: (tourId, stepId) => {
    // The tours load on demand; a start asked for before they are in runs once they are.
    if (!toursLoaded()) {
      loadTours().then(
        () => get().startTour(tourId, stepId),
        () => undefined,
      );
      return;
    }
    const tour = tourById(tourId);
    if (!tour) return;
    const stepIndex = stepIndexOf(tour, stepId);
    const state = get();
    const open =
      state.estate !== undefined && state.origin?.kind === 'sample' && state.origin.sampleId === tour.sample;
    const setup: TourSetup = open
      ? { kind: 'now' }
      : { kind: 'after-open', afterDocument: state.documentVersion };
    set({
      activeTour: { tourId, stepIndex, setup },
      toursOpen: false,
      tourProgress: recordStep(state.tourProgress, tourId, stepIndex),
    });
    if (!open) state.chooseSample(tour.sample);
  },
  goToTourStep: (stepIndex) =>
    set((state) => {
      const active = state.activeTour;
      const tour = tourById(active?.tourId);
      if (
        !active ||
        !tour ||
        stepIndex < 0 ||
        stepIndex >= tour.steps.length ||
        stepIndex === active.stepIndex
      )
        return state;
      return {
        activeTour: { ...active, stepIndex },
        tourProgress: recordStep(state.tourProgress, active.tourId, stepIndex),
      };
    }),
  leaveTour: () => set({ activeTour: undefined, tourHighlight: undefined }),
  completeTourSetup: () =>
    set((state) =>
      state.activeTour?.setup ? { activeTour: { ...state.activeTour, setup: undefined } } : state,
    ),
  setTourProgress: (progress) => set({ tourProgress: progress }),
  setTourHighlight: (highlight) => set({ tourHighlight: highlight }),
  setToursOpen: (open) => set({ toursOpen: open }),
});

export const selectActiveTour = (state: AppState) => state.activeTour;
export const selectTourProgress = (state: AppState) => state.tourProgress;
export const selectTourHighlight = (state: AppState) => state.tourHighlight;
export const selectToursOpen = (state: AppState) => state.toursOpen;
