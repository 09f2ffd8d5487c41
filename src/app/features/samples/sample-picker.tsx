import { useId } from 'react';
import { useAppStore } from '../../store/app-store';
import { selectChooseSample } from '../../store/selectors';
import type { SampleSummary } from './api';

export function SamplePicker({
  samples,
  value,
  unavailable,
}: {
  samples: readonly SampleSummary[] | undefined;
  value: string | undefined;
  /** The index failed to load: say so instead of "Loading…" forever. */
  unavailable: boolean;
}) {
  const chooseSample = useAppStore(selectChooseSample);
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium text-slate-600">
        Sample
      </label>
      <select
        id={id}
        value={value ?? ''}
        disabled={!samples || samples.length === 0}
        onChange={(event) => chooseSample(event.target.value)}
        className="max-w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm disabled:opacity-50"
      >
        {!samples && <option value="">{unavailable ? 'Unavailable' : 'Loading…'}</option>}
        {samples?.map((sample) => (
          <option key={sample.id} value={sample.id}>
            {sample.title}
          </option>
        ))}
      </select>
    </div>
  );
}
