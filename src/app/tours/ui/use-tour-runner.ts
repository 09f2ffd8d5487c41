import { useEffect } from 'react';
import { analysisFor, useAnalysisView } from '../../analysis/use-analysis';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { selectActiveTour } from '../../store/tours-slice';
import { tourById } from '../data';
import { setupEdits, setupView, stepHighlight } from '../engine/engine';
import type { TourHighlight } from '../engine/graph-highlight';
import { loadTourProgress, saveTourProgress } from '../engine/progress';
import { tourLinkFromUrl, withTourLink } from '../engine/url';

function storage() {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function sameHighlight(a: TourHighlight | undefined, b: TourHighlight | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.nodes.join('\n') === b.nodes.join('\n') && a.paths.join('\n') === b.paths.join('\n');
}

/** Applies what a tour still has to set up once its sample is open: earlier steps' edits, then their view. */
async function runSetup(state: AppState): Promise<void> {
  const active = state.activeTour;
  const tour = tourById(active?.tourId);
  if (!active?.setup || !tour) return;
  if (active.setup.kind === 'after-open' && state.documentVersion <= active.setup.afterDocument) return;
  // The sample failed to open, or the person opened something else meanwhile: the tour cannot go on.
  if (!state.estate || state.origin?.kind !== 'sample' || state.origin.sampleId !== tour.sample) {
    if (active.setup.kind === 'after-open' && state.estate) state.leaveTour();
    return;
  }
  // Marked done first: the edits below change the store, and this must not run again for them.
  state.completeTourSetup();
  const edits = await setupEdits(tour, active.stepIndex, state.estate, analysisFor);
  // The person may have moved on while the analysis ran; the edits still apply to whatever is open then.
  for (const edit of edits) useAppStore.getState().applyEdit({ ...edit, kind: 'tour' });
  const estate = useAppStore.getState().estate;
  if (!estate) return;
  const view = setupView(tour, active.stepIndex, estate, await analysisFor(estate));
  const now = useAppStore.getState();
  if (now.activeTour?.tourId !== tour.id) return;
  if (view.selection) now.select(view.selection);
  if (view.panelTab) now.showPanel(view.panelTab);
}

/**
 * Wires the tours to the store and the page, once, high in the tree: restores saved progress, starts the
 * tour a link names, keeps the URL on the current step, saves progress as it changes and runs a tour's setup
 * once its sample is open.
 */
export function useTourRunner(): void {
  useEffect(() => {
    const store = useAppStore;
    store.getState().setTourProgress(loadTourProgress(storage()));
    const link = tourLinkFromUrl(window.location.href);
    if (link && tourById(link.tourId)) store.getState().startTour(link.tourId, link.stepId);
    else if (link)
      window.history.replaceState(window.history.state, '', withTourLink(window.location.href, undefined));

    const sync = (state: AppState, previous: AppState | undefined) => {
      if (state.activeTour?.setup) void runSetup(state);
      if (previous !== undefined && state.tourProgress !== previous.tourProgress)
        saveTourProgress(storage(), state.tourProgress);
      if (previous === undefined || state.activeTour !== previous.activeTour) {
        const tour = tourById(state.activeTour?.tourId);
        const step = state.activeTour ? tour?.steps[state.activeTour.stepIndex] : undefined;
        const href = withTourLink(
          window.location.href,
          tour && step ? { tourId: tour.id, stepId: step.id } : undefined,
        );
        if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
      }
    };
    sync(store.getState(), undefined);
    return store.subscribe((state, previous) => sync(state, previous));
  }, []);
}

const selectEstate = (state: AppState) => state.estate;
const selectOriginSample = (state: AppState) =>
  state.origin?.kind === 'sample' ? state.origin.sampleId : undefined;

/**
 * Keeps the graph's tour highlight on the current step, resolved against the estate as it is now (an edit
 * can add or remove paths). Waits for the analysis of the current estate rather than use a stale one.
 */
export function useTourHighlight(): void {
  const active = useAppStore(selectActiveTour);
  const estate = useAppStore(selectEstate);
  const originSample = useAppStore(selectOriginSample);
  const view = useAnalysisView();
  const setTourHighlight = useAppStore((state) => state.setTourHighlight);
  const tour = tourById(active?.tourId);
  const step =
    active && !active.setup && originSample === tour?.sample ? tour?.steps[active.stepIndex] : undefined;
  const analysis = view.stale ? undefined : view.analysis;
  useEffect(() => {
    if (view.stale) return;
    const found = step && estate && analysis ? stepHighlight(step, estate, analysis) : undefined;
    const next = found && found.nodes.length + found.paths.length > 0 ? found : undefined;
    if (!sameHighlight(next, useAppStore.getState().tourHighlight)) setTourHighlight(next);
  }, [step, estate, analysis, view.stale, setTourHighlight]);
}
