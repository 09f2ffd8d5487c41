import { queryOptions } from '@tanstack/react-query';
import { describeForExport, keptAsideEntries, parseSession, type KeptAside } from '../store/persistence';
import { appStorage } from '../store/persistence-idb';
import { loadNativeFormat } from '../../engine';

/** What is kept aside in this browser's storage; refetched whenever something new is put there or deleted. */
export const keptAsideQuery = () =>
  queryOptions({
    queryKey: ['kept-aside'] as const,
    queryFn: () => keptAsideEntries(appStorage()),
    staleTime: Number.POSITIVE_INFINITY,
  });

function save(text: string, type: string, name: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Downloads a record kept aside: work set aside before something else was opened, or another tab's work as an estate file, which any tab can open again; an
 * unreadable record (or another tab's that turns out unreadable) as the JSON it holds, to look at or report.
 */
export async function downloadKeptAside(entry: Pick<KeptAside, 'key' | 'kind'>): Promise<void> {
  const value = await appStorage().get(entry.key);
  const safeKey = entry.key.replace(/[^0-9A-Za-z-]/g, '');
  if (entry.kind === 'other-tab' || entry.kind === 'set-aside') {
    const parsed = parseSession(value);
    if (parsed.ok) {
      const { writeNativeEstate } = await loadNativeFormat();
      save(
        writeNativeEstate(parsed.session.estate, 'yaml'),
        'application/yaml',
        `aml-access-map-${entry.kind}-${safeKey}.yaml`,
      );
      return;
    }
    save(describeForExport(value), 'application/json', `aml-access-map-${entry.kind}-${safeKey}.json`);
    return;
  }
  save(describeForExport(value), 'application/json', `aml-access-map-unreadable-session-${safeKey}.json`);
}

/** A saved time for a sentence: the local time of day, or "an earlier time" when there is none to read. */
export function timeOf(savedAt: string | undefined): string {
  const date = savedAt === undefined ? undefined : new Date(savedAt);
  return date === undefined || Number.isNaN(date.getTime()) ? 'an earlier time' : date.toLocaleTimeString();
}
