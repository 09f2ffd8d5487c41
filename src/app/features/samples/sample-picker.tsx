import { useId } from 'react';
import { useAppStore } from '../../store/app-store';
import { selectChooseSample } from '../../store/selectors';
import type { SampleSummary } from './api';

/** The header's compact way to switch samples; the gallery is the roomy one. */
export function SamplePicker({
  samples,
  value,
  unavailable,
}: {
  samples: readonly SampleSummary[] | undefined;
  /** The sample open now; undefined when the open estate is not a sample. */
  value: string | undefined;
  /** The index failed to load: say so instead of "Loading…" forever. */
  unavailable: boolean;
}) {
  const chooseSample = useAppStore(selectChooseSample);
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium text-slate-600 dark:text-slate-300">
        Sample
      </label>
      <select
        id={id}
        value={value ?? ''}
        disabled={!samples || samples.length === 0}
        onChange={(event) => {
          if (event.target.value)
            chooseSample(event.target.value, samples?.find((sample) => sample.id === event.target.value)?.title);
        }}
        className="h-8 max-w-48 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
      >
        {!samples && <option value="">{unavailable ? 'Unavailable' : 'Loading…'}</option>}
        {samples && value === undefined && <option value="">Choose a sample…</option>}
        {samples?.map((sample) => (
          <option key={sample.id} value={sample.id}>
            {sample.title}
          </option>
        ))}
      </select>
    </div>
  );
}
