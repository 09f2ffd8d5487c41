import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '../components/button';
import { DiagnosticsList } from '../components/diagnostics-list';
import { ErrorBoundary } from '../components/error-boundary';
import { StatusMessage } from '../components/status-message';
import { LoadStatus } from '../features/loading/load-status';
import { useLoader } from '../features/loading/loader';
import { OpenFilesButton } from '../features/loading/open-files-button';
import { PasteButton } from '../features/loading/paste-dialog';
import type { LoadedSample, SampleSummary } from '../features/samples/api';
import { SampleGallery } from '../features/samples/sample-gallery';
import { useAppStore } from '../store/app-store';
import type { AppState } from '../store/app-state';
import { loadedEstateGraph, loadEstateGraph } from './estate-graph-chunk';

const selectHasEstate = (state: AppState) => state.estate !== undefined;
const selectDocumentVersion = (state: AppState) => state.documentVersion;

const PRIMARY =
  'inline-flex items-center rounded-md bg-blue-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-blue-700 dark:bg-blue-500 dark:hover:bg-blue-400';
const SECONDARY =
  'inline-flex items-center rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700';

/** The sample gallery's index, and the sample the page was linked to with its query. */
interface SampleQueries {
  index: UseQueryResult<SampleSummary[]>;
  sampleId: string | undefined;
  sample: UseQueryResult<LoadedSample>;
}

/** The centre of the page: the graph once an estate is open; before that, the gallery or what the sample is doing. */
export function MainArea({
  index,
  sampleId,
  sample,
}: SampleQueries) {
  const hasEstate = useAppStore(selectHasEstate);
  const documentVersion = useAppStore(selectDocumentVersion);
  return (
    <main id="graph" tabIndex={-1} aria-label="Estate graph" className="relative min-w-0 flex-1 outline-none">
      {hasEstate ? (
        <ErrorBoundary what="graph" resetKey={documentVersion}>
          <EstateGraphWhenLoaded />
        </ErrorBoundary>
      ) : (
        <NoEstate index={index} sampleId={sampleId} sample={sample} />
      )}
      {hasEstate && sampleId !== undefined && sample.isFetching && (
        <div className="pointer-events-none absolute inset-x-0 top-3 z-20 flex justify-center">
          <p role="status" className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900">
            <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-blue-600" />
            Reading the sample…
          </p>
        </div>
      )}
      <LoadStatus />
      <FetchGraphEarly sampleId={sampleId} />
    </main>
  );
}

/**
 * Starts fetching the graph's chunk once an estate is on its way (a sample chosen, files being read), so that
 * the download overlaps the reading. A component of its own: a load's progress re-renders it, not the graph.
 */
function FetchGraphEarly({ sampleId }: { sampleId: string | undefined }) {
  const loading = useLoader().progress !== undefined;
  const estateComing = loading || sampleId !== undefined;
  useEffect(() => {
    // A failed fetch is shown by the graph's error boundary when the graph is drawn; here it only loses the head start.
    if (estateComing) loadEstateGraph().catch(() => undefined);
  }, [estateComing]);
  return null;
}

/**
 * The graph once its chunk is in (see estate-graph-chunk.ts). Until then the graph's area stays as the graph
 * itself leaves it before its first layout: empty. A chunk that cannot be fetched is thrown to the error boundary.
 */
function EstateGraphWhenLoaded() {
  const [graph, setGraph] = useState(loadedEstateGraph);
  const [failure, setFailure] = useState<Error>();
  useEffect(() => {
    if (graph) return;
    let mounted = true;
    loadEstateGraph().then(
      (module) => {
        if (mounted) setGraph(module);
      },
      (error: unknown) => {
        if (mounted) setFailure(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return () => {
      mounted = false;
    };
  }, [graph]);
  if (failure) throw failure;
  if (!graph) return <div className="h-full" aria-busy="true" />;
  return <graph.EstateGraph />;
}

function NoEstate({
  index,
  sampleId,
  sample,
}: SampleQueries) {
  if (sampleId !== undefined) {
    if (sample.isPending) return <StatusMessage tone="busy" title="Reading the sample…" />;
    if (sample.isError)
      return (
        <StatusMessage tone="problem" title="The sample could not be loaded">
          <p>{sample.error.message}</p>
          <Button className="mt-3" onClick={() => void sample.refetch()}>
            Try again
          </Button>
        </StatusMessage>
      );
    if (!sample.data.estate)
      return (
        <StatusMessage tone="problem" title={`${sample.data.sample.title} could not be read`}>
          <p className="mb-3">The reader stopped at these problems:</p>
          <DiagnosticsList diagnostics={sample.data.diagnostics} />
        </StatusMessage>
      );
    // Parsed: the store opens it on the next effect.
    return <StatusMessage tone="busy" title="Opening the sample…" />;
  }
  if (index.isPending) return <StatusMessage tone="busy" title="Loading the list of samples…" />;
  const ownFiles = (
    <div className="flex flex-wrap items-center gap-2">
      <OpenFilesButton className={PRIMARY} label="Open estate files…" />
      <PasteButton className={SECONDARY} />
      <span className="text-sm text-slate-500 dark:text-slate-400">or drop files anywhere on this page.</span>
    </div>
  );
  if (index.isError)
    return (
      <div className="mx-auto max-w-xl space-y-4 p-6">
        <StatusMessage tone="problem" title="The list of samples could not be loaded">
          <p>{index.error.message}</p>
          <Button className="mt-3" onClick={() => void index.refetch()}>
            Try again
          </Button>
        </StatusMessage>
        {ownFiles}
      </div>
    );
  return (
    <div className="h-full overflow-y-auto">
      <SampleGallery samples={index.data}>{ownFiles}</SampleGallery>
    </div>
  );
}
