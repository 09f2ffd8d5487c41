import { useEffect } from 'react';
import { useAnalysis } from '../analysis/use-analysis';
import { ErrorBoundary } from '../components/error-boundary';
import { Tabs } from '../components/tabs';
import { ExplainPanel } from '../panels/explain/explain-panel';
import { FindingsPanel } from '../panels/findings/findings-panel';
import { InspectorPanel } from '../panels/inspector/inspector-panel';
import { PathsPanel } from '../panels/paths/paths-panel';
import { useAppStore, type AppState } from '../store/app-store';
import type { PanelTab } from '../store/panels-slice';

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
  const tab = useAppStore(selectPanelTab);
  const showPanel = useAppStore(selectShowPanel);
  const analysis = useAnalysis();

  useEffect(
    () =>
      useAppStore.subscribe((state, previous) => {
        const selection = state.selection;
        if (selection === previous.selection || selection === undefined) return;
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
  ];

  return (
    <aside
      id="panels"
      tabIndex={-1}
      aria-label="Panels"
      className="flex w-[27rem] shrink-0 flex-col border-l outline-none border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <Tabs
        label="Panels"
        tabs={tabs}
        value={tab}
        onChange={showPanel}
        className="flex min-h-0 flex-1 flex-col"
        listClassName="shrink-0 px-2 pt-1.5"
        panelClassName="min-h-0 flex-1 overflow-y-auto focus-visible:outline-offset-[-2px]"
      >
        <ErrorBoundary what={`${tab} panel`} resetKey={tab}>
          {tab === 'inspector' && <InspectorPanel />}
          {tab === 'findings' && <FindingsPanel />}
          {tab === 'paths' && <PathsPanel />}
          {tab === 'explain' && <ExplainPanel />}
        </ErrorBoundary>
      </Tabs>
    </aside>
  );
}
