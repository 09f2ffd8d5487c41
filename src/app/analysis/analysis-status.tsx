import { useAnalysisView } from './use-analysis';

/**
 * Says when the findings and paths on screen are not those of the estate as it is now: while an analysis
 * computes (showing the previous one, or none yet) and when it failed. Silent when they are current.
 */
export function AnalysisStatus() {
  const view = useAnalysisView();
  // The live region stays mounted so that screen readers hear the change, not only sighted users.
  return (
    <div
      role="status"
      aria-live="polite"
      data-analysis-status={view.status}
      className="shrink-0 empty:hidden"
    >
      {view.status === 'analysing' && (
        <p className="flex items-center gap-2 border-b border-slate-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:border-slate-800 dark:bg-amber-950 dark:text-amber-100">
          <span
            aria-hidden="true"
            className="h-3 w-3 animate-spin rounded-full border-2 border-amber-300 border-t-amber-700"
          />
          {view.stale
            ? 'Analysing… the findings and paths below are from before the last edit.'
            : 'Analysing…'}
        </p>
      )}
      {view.status === 'failed' && (
        <p className="border-b border-slate-200 bg-red-50 px-3 py-1.5 text-xs text-red-900 dark:border-slate-800 dark:bg-red-950 dark:text-red-100">
          The analysis stopped: {view.error}
        </p>
      )}
    </div>
  );
}
