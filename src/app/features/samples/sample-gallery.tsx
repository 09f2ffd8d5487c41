import type { ReactNode } from 'react';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { selectChooseSample } from '../../store/selectors';
import type { SampleSummary } from './api';

const selectSetToursOpen = (state: AppState) => state.setToursOpen;

/** Cards for the bundled samples: what a first visit shows, with room for other ways in (`children`). */
export function SampleGallery({
  samples,
  children,
}: {
  samples: readonly SampleSummary[];
  children?: ReactNode;
}) {
  const chooseSample = useAppStore(selectChooseSample);
  const openTours = useAppStore(selectSetToursOpen);
  return (
    <section aria-labelledby="gallery-title" className="mx-auto w-full max-w-4xl space-y-5 p-6">
      <div className="space-y-1.5">
        <h2 id="gallery-title" className="text-xl font-semibold text-slate-900 dark:text-slate-100">
          See who can reach what in an Azure ML estate
        </h2>
        <p className="max-w-2xl text-sm text-slate-600 dark:text-slate-300">
          Start from a sample, or open your own estate file. Everything stays in this browser: nothing is
          uploaded.
        </p>
      </div>
      {children}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-xl border border-blue-200 bg-blue-50 px-4 py-3 text-sm dark:border-blue-900 dark:bg-blue-950/40">
        <span className="text-slate-700 dark:text-slate-200">
          New to Azure ML identities? A guided tour opens a sample and walks you through one access question,
          step by step.
        </span>
        <button
          type="button"
          onClick={() => openTours(true)}
          className="font-medium text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
        >
          Choose a guided tour
        </button>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2" aria-label="Samples">
        {samples.map((sample) => (
          <li key={sample.id}>
            <button
              type="button"
              onClick={() => chooseSample(sample.id, sample.title)}
              data-testid={`sample-card-${sample.id}`}
              className="group flex h-full w-full flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 text-left shadow-sm transition hover:border-blue-400 hover:shadow-md dark:border-slate-700 dark:bg-slate-900 dark:hover:border-blue-500"
            >
              <span className="text-base font-semibold text-slate-900 group-hover:text-blue-700 dark:text-slate-100 dark:group-hover:text-blue-300">
                {sample.title}
              </span>
              <span className="text-sm text-slate-600 dark:text-slate-300">{sample.summary}</span>
              <span className="mt-auto pt-1 text-sm font-medium text-blue-700 dark:text-blue-300">
                Open this sample →
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
