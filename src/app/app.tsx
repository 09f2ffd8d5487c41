import type { UseQueryResult } from '@tanstack/react-query';
import { Button } from './components/button';
import { DiagnosticsList } from './components/diagnostics-list';
import { EntityDetails } from './components/entity-details';
import { KindLegend } from './components/kind-legend';
import { StatusMessage } from './components/status-message';
import type { LoadedSample, SampleSummary } from './features/samples/api';
import { SamplePicker } from './features/samples/sample-picker';
import { useActiveSample } from './features/samples/use-active-sample';
import { EstateGraph } from './graph/estate-graph';
import { useAppStore } from './store/app-store';
import { selectEstateName } from './store/selectors';

export function App() {
  const { index, sampleId, sample } = useActiveSample();
  const summary = sample.data?.sample ?? index.data?.find((entry) => entry.id === sampleId);

  return (
    <div className="flex h-dvh flex-col bg-slate-50 text-slate-900">
      <a
        href="#graph"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to the graph
      </a>
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2.5">
        <div className="flex min-w-0 items-center gap-3">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={28} height={28} />
          <div className="min-w-0 leading-tight">
            <p className="text-xs font-medium text-slate-500">Azure ML Access Map</p>
            <EstateTitle />
          </div>
        </div>
        <SamplePicker samples={index.data} value={sampleId} unavailable={index.isError} />
      </header>

      <div className="flex min-h-0 flex-1">
        <main
          id="graph"
          tabIndex={-1}
          aria-label="Estate graph"
          className="relative min-w-0 flex-1 outline-none"
        >
          <GraphArea index={index} sampleId={sampleId} sample={sample} />
        </main>
        <aside
          aria-label="About this estate"
          className="hidden w-80 shrink-0 space-y-6 overflow-y-auto border-l border-slate-200 bg-white p-4 md:block"
        >
          {summary && (
            <section aria-labelledby="sample-title" className="space-y-1">
              <h2 id="sample-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                {summary.title}
              </h2>
              <p className="text-sm text-slate-700">{summary.summary}</p>
            </section>
          )}
          <EntityDetails />
          <ReaderNotes sample={sample.data} />
          <KindLegend />
        </aside>
      </div>
    </div>
  );
}

/** Subscribes to the estate's name only, so that it does not re-render when anything else in the estate changes. */
function EstateTitle() {
  const name = useAppStore(selectEstateName);
  return <h1 className="truncate text-lg font-semibold text-slate-900">{name ?? 'No estate open'}</h1>;
}

function GraphArea({
  index,
  sampleId,
  sample,
}: {
  index: UseQueryResult<SampleSummary[]>;
  sampleId: string | undefined;
  sample: UseQueryResult<LoadedSample>;
}) {
  if (index.isPending) return <StatusMessage tone="busy" title="Loading the list of samples…" />;
  if (index.isError)
    return (
      <StatusMessage tone="problem" title="The list of samples could not be loaded">
        <p>{index.error.message}</p>
        <Button className="mt-3" onClick={() => void index.refetch()}>
          Try again
        </Button>
      </StatusMessage>
    );
  if (sampleId === undefined) return <StatusMessage tone="problem" title="This build ships no samples" />;
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
  return <EstateGraph />;
}

/** Warnings from a sample that did load: worth seeing, but no reason to hide the graph. */
function ReaderNotes({ sample }: { sample: LoadedSample | undefined }) {
  if (!sample?.estate || sample.diagnostics.length === 0) return null;
  return (
    <details className="space-y-2">
      <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-500">
        Reader notes ({sample.diagnostics.length})
      </summary>
      <DiagnosticsList diagnostics={sample.diagnostics} />
    </details>
  );
}
