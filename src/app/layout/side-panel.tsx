import { lazy, Suspense, useEffect } from 'react';
import { AnalysisStatus } from '../analysis/analysis-status';
import { useAnalysis } from '../analysis/use-analysis';
import { ErrorBoundary } from '../components/error-boundary';
import { Tabs } from '../components/tabs';
import { FindingsPanel } from '../panels/findings/findings-panel';
import { useAppStore } from '../store/app-store';
import type { AppState, PanelTab } from '../store/app-state';
import { selectIsComparing } from '../store/compare-slice';

// Findings open first, so they come with the page; the other panels are fetched as their own chunks
// (the inspector's editors most of all) to keep the first load small, and are warmed once the page is idle.
const loadInspector = () => import('../panels/inspector/inspector-panel');
const loadPaths = () => import('../panels/paths/paths-panel');
const loadExplain = () => import('../panels/explain/explain-panel');
const InspectorPanel = lazy(() => loadInspector().then((module) => ({ default: module.InspectorPanel })));
const PathsPanel = lazy(() => loadPaths().then((module) => ({ default: module.PathsPanel })));
const ExplainPanel = lazy(() => loadExplain().then((module) => ({ default: module.ExplainPanel })));
const loadReview = () => import('../features/review/review-panel');
const ReviewPanel = lazy(() => loadReview().then((module) => ({ default: module.ReviewPanel })));
// Only shown while comparing, so it waits for a comparison like the diff it lists.
const ChangesPanel = lazy(() => import('../features/compare/changes-panel').then((module) => ({ default: module.ChangesPanel })));
const warmPanels = () => Promise.all([loadInspector(), loadPaths(), loadExplain()]).catch(() => undefined);

const selectPanelTab = (state: AppState) => state.panelTab;
const selectShowPanel = (state: AppState) => state.showPanel;

function Count({ value, tone }: { value: number; tone: 'problem' | 'plain' }) {
  return (
    <span
      className={`rounded-full px-1.5 text-[11px] leading-4 font-semibold ${
        tone === 'problem' && value > 0
          ? 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200'
          : 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300'
      }`}
    >
      {value}
    </span>
  );
}

/**
 * The right-hand panels. Choosing something anywhere brings up the panel that explains it: an entity the
 * inspector, a finding the findings, a path the paths.
 */
export function SidePanel() {
  const comparing = useAppStore(selectIsComparing);
  const storedTab = useAppStore(selectPanelTab);
  // The Changes tab exists only while comparing (a reload ends a comparison but may restore the tab).
  const tab = storedTab === 'changes' && !comparing ? 'findings' : storedTab;
  const showPanel = useAppStore(selectShowPanel);
  const analysis = useAnalysis();

  useEffect(() => {
    // Safari has no requestIdleCallback; a timer does the same job there.
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = window.setTimeout(() => void warmPanels(), 1500);
      return () => window.clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(() => void warmPanels());
    return () => window.cancelIdleCallback(idle);
  }, []);

  useEffect(
    () =>
      useAppStore.subscribe((state, previous) => {
        const selection = state.selection;
        if (selection === previous.selection || selection === undefined) return;
        // Choosing a line of the Changes list selects it on the graph; the list stays in view.
        if (state.panelTab === 'changes' && state.comparison !== undefined) return;
        const wanted: PanelTab = selection.kind === 'entity' ? 'inspector' : selection.kind === 'finding' ? 'findings' : 'paths';
        if (state.panelTab !== wanted) state.showPanel(wanted);
      }),
    [],
  );

  const problems = analysis ? analysis.summary.findings.error + analysis.summary.findings.warning : 0;
  const broken = analysis ? (analysis.summary.paths.missing ?? 0) + (analysis.summary.paths.unsupported ?? 0) : 0;
  const tabs = [
    { id: 'inspector' as const, label: 'Inspector' },
    {
      id: 'findings' as const,
      label: (
        <>
          Findings {analysis && <Count value={analysis.findings.length} tone={problems > 0 ? 'problem' : 'plain'} />}
        </>
      ),
    },
    {
      id: 'paths' as const,
      label: (
        <>
          Paths {analysis && <Count value={analysis.paths.length} tone={broken > 0 ? 'problem' : 'plain'} />}
        </>
      ),
    },
    { id: 'explain' as const, label: 'Explain access' },
    { id: 'review' as const, label: 'Review' },
    ...(comparing ? [{ id: 'changes' as const, label: 'Changes' }] : []),
  ];

  return (
    <aside
      id="panels"
      tabIndex={-1}
      aria-label="Panels"
      className="flex w-[27rem] shrink-0 flex-col border-l outline-none border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <AnalysisStatus />
      <Tabs
        label="Panels"
        tabs={tabs}
        value={tab}
        onChange={showPanel}
        className="flex min-h-0 flex-1 flex-col"
        // More tabs than fit on one line wrap onto a second: every tab stays in sight, none hides off the edge.
        listClassName="shrink-0 flex-wrap px-2 pt-1.5"
        panelClassName="min-h-0 flex-1 overflow-y-auto focus-visible:outline-offset-[-2px]"
      >
        <ErrorBoundary what={`${tab} panel`} resetKey={tab}>
          <Suspense fallback={<p className="p-4 text-sm text-slate-500 dark:text-slate-400">Loading the panel…</p>}>
            {tab === 'inspector' && <InspectorPanel />}
            {tab === 'findings' && <FindingsPanel />}
            {tab === 'paths' && <PathsPanel />}
            {tab === 'explain' && <ExplainPanel />}
            {tab === 'review' && <ReviewPanel />}
            {tab === 'changes' && <ChangesPanel />}
          </Suspense>
        </ErrorBoundary>
      </Tabs>
    </aside>
  );
}
