import { useEffect } from 'react';
import type { Analysis, Estate } from '../../engine';
import { useAppStore } from '../store/app-store';
import { selectDocumentVersion, selectEstate } from '../store/selectors';
import { afterPaint } from './after-paint';
import { AnalysisRunner, type AnalysisView } from './analysis-runner';
import { analyzeInWorker, holdInWorker, workerAvailable } from './analysis-worker-client';
import { incrementalAnalyzer } from './incremental-engine';
import { useTransitionVersion } from './use-transition-version';
import { loadAnalysis } from '../../engine';

// The rules and path resolvers are most of the engine's code: they load as their own chunk, after the first
// paint, and the graph draws without statuses until they are in (a sample or a file loaded through the
// loading worker arrives with its analysis already done).
// Edits are analysed incrementally: only the rules and paths an edit can change run again.
const loadEngine = () => loadAnalysis().then((module) => incrementalAnalyzer(module));

const paintFirst = () => new Promise<void>((resolve) => afterPaint(resolve));

const runner = new AnalysisRunner({
  loadEngine,
  get analyzeInWorker() {
    if (!workerAvailable()) return undefined;
    // An edit's patch goes to the worker at once, so that the worker analyses while this thread paints the edit
    // (and the "Analysing…" state); a whole estate is copied after that paint, in a task of its own.
    return (estate: Estate) =>
      analyzeInWorker(estate, paintFirst)
        .catch(async (error: unknown) => {
          // The worker died under us (or never started): this thread takes over rather than show nothing.
          if (workerAvailable()) throw error;
          return (await loadEngine())(estate);
        });
  },
  get holdInWorker() {
    return workerAvailable() ? holdInWorker : undefined;
  },
});

/** The analysis of an estate however it has to be computed: for exports and other one-off uses. */
export function analysisFor(estate: Estate): Promise<Analysis> {
  return runner.analysisOf(estate);
}

/**
 * Records an analysis computed elsewhere (the loading worker) for an estate, so the first render does not
 * analyse it again. Only for an analysis of exactly this estate.
 */
export function primeAnalysis(estate: Estate, analysis: Analysis): void {
  runner.prime(estate, analysis);
}

/**
 * Runs `run` after the paint that follows the commit showing the analysis of `estate` (at once after the next
 * paint when nothing is on its way for it). For work the page can do later: while the worker analyses a large
 * estate's edit, the main thread's work would compete with it for the machine's cores, and the edit's findings
 * would show later; and run while the analysis's render is under way, it would make React start that render
 * again (see AnalysisRunner.whenShown).
 */
export function afterAnalysisOf(estate: Estate, run: () => void): void {
  afterPaint(() => {
    let waited = false;
    runner.whenShown(estate, () => (waited ? afterPaint(run) : run()));
    waited = true;
  });
}

const NO_ESTATE: AnalysisView = { analysis: undefined, status: 'ready', stale: false };

/**
 * What the open estate's analysis looks like right now: the analysis (possibly the previous one of the same
 * document while the new one computes), and whether it is current. Derived, never stored.
 */
export function useAnalysisView(): AnalysisView {
  const estate = useAppStore(selectEstate);
  const document = useAppStore(selectDocumentVersion);
  // What the worker sends back re-renders as a transition (see useTransitionVersion).
  useTransitionVersion(runner.subscribe, runner.getVersion);
  useEffect(() => {
    if (estate) runner.request(estate, document);
  }, [estate, document]);
  const view = estate ? runner.view(estate, document) : NO_ESTATE;
  const current = view.status === 'ready' && !view.stale;
  // After the commit that shows this estate with its own analysis: what waits for it may run (afterAnalysisOf).
  useEffect(() => {
    if (estate && current) runner.shown(estate);
  }, [estate, current]);
  return view;
}

/** The analysis (findings and paths) to show for the open estate; derived, never stored. */
export function useAnalysis(): Analysis | undefined {
  return useAnalysisView().analysis;
}
