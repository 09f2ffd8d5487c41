import { DiagnosticsList } from '../../components/diagnostics-list';
import { useLoader, type LoadProgress } from './loader';
import { formatBytes } from '../../reading/read-inputs';
import { lazy, Suspense } from 'react';

// Only some loads need these (templates with no deployment target; YAML with no workspace among several): they
// load with the report that shows them, outside the first paint's budget.
const DeploymentTargetForm = lazy(() => import('./deployment-target-form').then((module) => ({ default: module.DeploymentTargetForm })));
const WorkspaceChooser = lazy(() => import('./workspace-chooser').then((module) => ({ default: module.WorkspaceChooser })));

const STAGE_TEXT = {
  reading: 'Reading',
  parsing: 'Checking',
  analysing: 'Analysing',
} as const;

function progressText(progress: LoadProgress): string {
  const bytes = progress.bytes && progress.bytes.total > 0 ? ` (${formatBytes(progress.bytes.done)} of ${formatBytes(progress.bytes.total)})` : '';
  return `${STAGE_TEXT[progress.stage]} ${progress.what}${progress.stage === 'reading' ? bytes : ''}…`;
}

/**
 * What loading is doing, and what went wrong: a progress card while a load runs, then (if any) the
 * problems of the last load, each with its location, over the graph. The estate underneath is untouched.
 */
export function LoadStatus() {
  const { progress, report, dismissReport, chooseWorkspace, placeTemplates } = useLoader();
  return (
    <>
      {progress && (
        <div className="pointer-events-none absolute inset-x-0 top-3 z-20 flex justify-center px-4">
          <div
            role="status"
            className="pointer-events-auto flex min-w-72 items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-2.5 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
          >
            <span aria-hidden="true" className="h-4 w-4 shrink-0 animate-spin rounded-full border-2 border-slate-300 border-t-blue-600" />
            <span className="text-slate-800 dark:text-slate-100">{progressText(progress)}</span>
            {progress.stage === 'reading' && progress.bytes && progress.bytes.total > 0 && (
              <progress className="h-1.5 w-24" max={progress.bytes.total} value={progress.bytes.done} aria-label="Bytes read" />
            )}
          </div>
        </div>
      )}
      {report && (
        <div className="absolute inset-x-0 top-3 z-20 flex justify-center px-4">
          <section
            role={report.outcome === 'rejected' ? 'alert' : 'status'}
            aria-label={report.outcome === 'rejected' ? 'Problems opening files' : 'Notes on the opened files'}
            data-testid="load-report"
            className="flex max-h-[70vh] w-full max-w-2xl flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 shadow-xl dark:border-slate-700 dark:bg-slate-900"
          >
            <div className="flex items-start justify-between gap-3">
              <div>
                <h2 className={`text-base font-semibold ${report.outcome === 'rejected' ? 'text-red-800 dark:text-red-300' : 'text-slate-900 dark:text-slate-100'}`}>
                  {report.outcome === 'rejected' ? `${report.what} could not be opened` : `${report.what} opened, with notes`}
                </h2>
                <p className="text-sm text-slate-600 dark:text-slate-300">
                  {report.outcome === 'rejected'
                    ? `Fix ${report.diagnostics.length === 1 ? 'this problem' : `these ${report.diagnostics.length} problems`} and open it again. The estate shown is unchanged.`
                    : 'The reader had something to say; nothing stopped it.'}
                </p>
              </div>
              <button
                type="button"
                onClick={dismissReport}
                className="rounded-md border border-slate-300 px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
              >
                Dismiss
              </button>
            </div>
            {report.undeployedTemplates && (
              <Suspense fallback={null}>
                <DeploymentTargetForm files={report.undeployedTemplates} onPlace={(target) => void placeTemplates(target)} />
              </Suspense>
            )}
            <div className="min-h-0 overflow-y-auto">
              <DiagnosticsList diagnostics={report.diagnostics} />
            </div>
            {report.workspaceChoice && (
              <Suspense fallback={null}>
                <WorkspaceChooser
                  workspaces={report.workspaceChoice}
                  diagnostics={report.diagnostics}
                  onChoose={(armId) => void chooseWorkspace(armId)}
                />
              </Suspense>
            )}
          </section>
        </div>
      )}
    </>
  );
}
