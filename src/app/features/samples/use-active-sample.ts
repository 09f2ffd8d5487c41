import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/app-store';
import { selectChosenSampleId, selectCloseEstate, selectOpenEstate } from '../../store/selectors';
import { sampleIndexQueryOptions, sampleQueryOptions } from './api';
import { forgetSampleInUrl, rememberSampleInUrl } from './url';

/**
 * Loads the sample the user chose and opens it in the store once it has parsed, once per request (so that a
 * file opened afterwards is not replaced by the sample, and choosing the sample again reopens it). The
 * query owns fetching and caching; the store owns the open document, which edits then change.
 * Call it once, high in the tree.
 */
export function useActiveSample() {
  const index = useQuery(sampleIndexQueryOptions());
  const sampleId = useAppStore(selectChosenSampleId);
  const request = useAppStore((state) => state.sampleRequest);
  const sample = useQuery({ ...sampleQueryOptions(sampleId ?? ''), enabled: sampleId !== undefined });

  const openEstate = useAppStore(selectOpenEstate);
  const closeEstate = useAppStore(selectCloseEstate);
  const handled = useRef(0);
  const loaded = sample.data;
  useEffect(() => {
    if (!loaded || loaded.sample.id !== sampleId || handled.current === request) return;
    handled.current = request;
    rememberSampleInUrl(loaded.sample.id);
    // A sample that failed to parse must not leave the previous estate on screen under the new sample's name.
    if (loaded.estate)
      openEstate(loaded.estate, { kind: 'sample', sampleId: loaded.sample.id, file: loaded.sample.file });
    else closeEstate();
  }, [loaded, sampleId, request, openEstate, closeEstate]);

  // The URL names a sample only while that sample is what is open (not after a file replaced it).
  const originKind = useAppStore((state) => state.origin?.kind);
  useEffect(() => {
    if (originKind !== undefined && originKind !== 'sample') forgetSampleInUrl();
  }, [originKind]);

  return { index, sampleId, sample };
}
