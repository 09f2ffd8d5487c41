import type { StateCreator } from 'zustand';
import { loadTours, loadedTourById as tourById, toursLoaded } from '../tours/catalog';
import { stepIndexOf } from '../tours/engine/steps';
import type { TourProgressMap } from '../tours/engine/progress';
import type { AppState, TourSetup, ToursSlice } from './app-state';
import { sampleRequested } from './samples-slice';

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
    // The tour runs on its sample as published: one with what-if edits is opened afresh, like another sample.
    const open =
      state.estate !== undefined &&
      state.origin?.kind === 'sample' &&
      state.origin.sampleId === tour.sample &&
      state.past.length === 0;
    const begin = () => {
      const current = get();
      const setup: TourSetup = open ? { kind: 'now' } : { kind: 'after-open', afterDocument: current.documentVersion };
      set({
        activeTour: { tourId, stepIndex, setup },
        toursOpen: false,
        tourProgress: recordStep(current.tourProgress, tourId, stepIndex),
        ...(open ? {} : sampleRequested(current, tour.sample)),
      });
    };
    // A tour never replaces the open estate's edits silently.
    if (open) begin();
    else state.requestReplace(`start the tour “${tour.title}”`, begin);
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
