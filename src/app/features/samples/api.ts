import { queryOptions } from '@tanstack/react-query';
import type { Diagnostic, Estate } from '../../../engine';
import { loadNativeFormat } from '../../../engine';

/** One entry of `public/samples/index.json`. */
export interface SampleSummary {
  id: string;
  title: string;
  summary: string;
  /** The estate file, relative to the samples folder. */
  file: string;
}

/** A sample as read: the estate when it parsed, and whatever the reader had to say either way. */
export interface LoadedSample {
  sample: SampleSummary;
  estate: Estate | undefined;
  diagnostics: Diagnostic[];
}

const SAMPLES_PATH = `${import.meta.env.BASE_URL}samples/`;

export const sampleKeys = {
  all: ['samples'] as const,
  index: () => [...sampleKeys.all, 'index'] as const,
  detail: (id: string) => [...sampleKeys.all, 'detail', id] as const,
};

async function fetchOk(url: string, signal: AbortSignal): Promise<Response> {
  const response = await fetch(url, {
    signal,
    headers: { Accept: 'application/json, application/yaml, text/plain' },
  });
  if (!response.ok)
    throw new Error(`Could not load ${url}: the server answered ${response.status} ${response.statusText}.`);
  return response;
}

/** Samples are fetched relative to the app, never from another origin, whatever the index says. */
function sampleFileUrl(file: string): string {
  const url = new URL(file, new URL(SAMPLES_PATH, window.location.href));
  if (url.origin !== window.location.origin) throw new Error(`Sample file "${file}" is not on this site.`);
  return url.href;
}

function isSampleSummary(value: unknown): value is SampleSummary {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return ['id', 'title', 'summary', 'file'].every((field) => typeof entry[field] === 'string');
}

/** The index ships with the app, so a malformed one is a build mistake: fail loudly rather than show half a list. */
export function parseSampleIndex(value: unknown): SampleSummary[] {
  if (!Array.isArray(value)) throw new Error('The samples index is not a list.');
  const bad = value.findIndex((entry) => !isSampleSummary(entry));
  if (bad !== -1)
    throw new Error(`Entry ${bad + 1} of the samples index lacks an id, title, summary or file.`);
  return value as SampleSummary[];
}

/** The list of bundled samples. Static files: fetched once per session. */
export function sampleIndexQueryOptions() {
  return queryOptions({
    queryKey: sampleKeys.index(),
    queryFn: async ({ signal }) =>
      parseSampleIndex(await (await fetchOk(`${SAMPLES_PATH}index.json`, signal)).json()),
    staleTime: Infinity,
  });
}

/**
 * One sample, read into an estate. A file that does not parse is not a query error: the result carries
 * the reader's located diagnostics so the UI can show them. Query errors are for fetch failures.
 */
export function sampleQueryOptions(id: string) {
  return queryOptions({
    queryKey: sampleKeys.detail(id),
    queryFn: async ({ client, signal }): Promise<LoadedSample> => {
      const index = await client.ensureQueryData(sampleIndexQueryOptions());
      const sample = index.find((entry) => entry.id === id);
      if (!sample) throw new Error(`There is no sample called "${id}".`);
      // Loaded on first use: the reader and its YAML parser are most of the bundle, and the shell can paint without them.
      const [response, { readNativeEstate }] = await Promise.all([
        fetchOk(sampleFileUrl(sample.file), signal),
        loadNativeFormat(),
      ]);
      const { estate, diagnostics } = readNativeEstate(await response.text(), sample.file);
      return { sample, estate, diagnostics };
    },
    staleTime: Infinity,
    // The estate is a large plain object that never changes once read; comparing it deeply on every fetch buys nothing.
    structuralSharing: false,
  });
}
