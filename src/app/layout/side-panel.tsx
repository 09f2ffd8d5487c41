import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
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

/** The panels' width bounds, in CSS pixels; the default fits every tab on one line, within 40 % of the window. */
const PANEL_MIN_WIDTH = 320;
const PANEL_MAX_WIDTH = 820;
const PANEL_DEFAULT_WIDTH = 520;
const WIDTH_KEY = 'aml-access-map:panel-width';
const OPEN_KEY = 'aml-access-map:panel-open';

function clampWidth(width: number): number {
  return Math.round(Math.min(PANEL_MAX_WIDTH, Math.max(PANEL_MIN_WIDTH, width)));
}

/** The width last chosen (kept in this browser), or the default for this window. */
function initialWidth(): number {
  const stored = Number(recall(WIDTH_KEY));
  if (Number.isFinite(stored) && stored > 0) return clampWidth(stored);
  return clampWidth(Math.min(PANEL_DEFAULT_WIDTH, window.innerWidth * 0.4));
}

function recall(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Keeps a layout preference in localStorage; a browser that refuses storage just does not remember it. */
function remember(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode or a full quota: the preference lasts for this page only.
  }
}
const selectShowPanel = (state: AppState) => state.showPanel;

const COLLAPSE_BUTTON =
  'flex h-7 w-7 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800';

function Chevron({ pointing }: { pointing: 'left' | 'right' }) {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round">
      <path d={pointing === 'left' ? 'M15 6l-6 6 6 6' : 'M9 6l6 6-6 6'} />
    </svg>
  );
}

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

  const [open, setOpen] = useState(() => recall(OPEN_KEY) !== 'false');
  const [width, setWidth] = useState(initialWidth);
  const setPanelOpen = (next: boolean) => {
    setOpen(next);
    remember(OPEN_KEY, String(next));
  };
  const resize = (next: number) => {
    const clamped = clampWidth(next);
    setWidth(clamped);
    remember(WIDTH_KEY, String(clamped));
  };
  const dragging = useRef<{ x: number; width: number } | undefined>(undefined);
  const startDrag = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    dragging.current = { x: event.clientX, width };
  };
  // The edge is on the panels' left: moving it left widens them.
  const drag = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) setWidth(clampWidth(dragging.current.width + dragging.current.x - event.clientX));
  };
  const endDrag = () => {
    if (dragging.current) remember(WIDTH_KEY, String(width));
    dragging.current = undefined;
  };
  const resizeWithKeys = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 96 : 24;
    if (event.key === 'ArrowLeft') resize(width + step);
    else if (event.key === 'ArrowRight') resize(width - step);
    else if (event.key === 'Home') resize(PANEL_MAX_WIDTH);
    else if (event.key === 'End') resize(PANEL_MIN_WIDTH);
    else return;
    event.preventDefault();
  };

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

  if (!open)
    return (
      <aside
        id="panels"
        tabIndex={-1}
        aria-label="Panels"
        className="flex w-10 shrink-0 flex-col items-center border-l border-slate-200 bg-white pt-1.5 outline-none dark:border-slate-800 dark:bg-slate-900"
      >
        <button type="button" className={COLLAPSE_BUTTON} aria-expanded="false" aria-controls="panels" title="Show the panels" onClick={() => setPanelOpen(true)}>
          <Chevron pointing="left" />
          <span className="sr-only">Show the panels</span>
        </button>
      </aside>
    );

  return (
    <aside
      id="panels"
      tabIndex={-1}
      aria-label="Panels"
      style={{ width }}
      className="relative flex shrink-0 flex-col border-l outline-none border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
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
      {/* After the tabs in the page, so that Tab from "Skip to the panels" lands on the tabs; drawn on the edge and in the corner. */}
      {/* Drag (or use the arrow keys on) the panels' left edge to give the graph or the panels more room. */}
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the panels"
        aria-controls="panels"
        aria-valuenow={width}
        aria-valuemin={PANEL_MIN_WIDTH}
        aria-valuemax={PANEL_MAX_WIDTH}
        tabIndex={0}
        data-testid="panel-resizer"
        className="absolute inset-y-0 -left-1 z-20 w-2 cursor-col-resize hover:bg-blue-400/40 focus-visible:bg-blue-500/50 focus-visible:outline-2 focus-visible:outline-blue-600"
        onPointerDown={startDrag}
        onPointerMove={drag}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onKeyDown={resizeWithKeys}
      />
      <button
        type="button"
        // On the panels' left edge, half over the graph: out of the way of the tabs, next to the edge it moves.
        className={`${COLLAPSE_BUTTON} absolute top-1/2 -left-3.5 z-30 border border-slate-300 bg-white shadow-sm dark:border-slate-600 dark:bg-slate-900`}
        aria-expanded="true"
        aria-controls="panels"
        title="Hide the panels: the graph takes the whole width"
        onClick={() => setPanelOpen(false)}
      >
        <Chevron pointing="right" />
        <span className="sr-only">Hide the panels</span>
      </button>
    </aside>
  );
}
