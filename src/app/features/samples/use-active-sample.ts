import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useAppStore } from '../../store/app-store';
import { selectChosenSampleId, selectCloseEstate, selectOpenEstate } from '../../store/selectors';
import { defaultSampleId, sampleIndexQueryOptions, sampleQueryOptions } from './api';

/**
 * Loads the sample the user chose (or the default one) and opens it in the store once it has parsed.
 * The query owns fetching and caching; the store owns the open document, which later edits will change.
 */
export function useActiveSample() {
  const index = useQuery(sampleIndexQueryOptions());
  const chosenSampleId = useAppStore(selectChosenSampleId);
  const sampleId = chosenSampleId ?? defaultSampleId(index.data);
  const sample = useQuery({ ...sampleQueryOptions(sampleId ?? ''), enabled: sampleId !== undefined });

  const openEstate = useAppStore(selectOpenEstate);
  const closeEstate = useAppStore(selectCloseEstate);
  const loaded = sample.data;
  useEffect(() => {
    if (!loaded) return;
    // A sample that failed to parse must not leave the previous estate on screen under the new sample's name.
    if (loaded.estate)
      openEstate(loaded.estate, { kind: 'sample', sampleId: loaded.sample.id, file: loaded.sample.file });
    else closeEstate();
  }, [loaded, openEstate, closeEstate]);

  return { index, sampleId, sample };
}
