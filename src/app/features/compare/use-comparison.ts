import { useEffect, useState } from 'react';
import { analysisFor } from '../../analysis/use-analysis';
import { useAppStore } from '../../store/app-store';
import { selectComparison } from '../../store/compare-slice';
import type { Comparison } from '../../store/app-state';
import { selectEstate } from '../../store/selectors';
import { compareEstates, peekComparison, type ComparisonResult } from './comparison';

export type ComparisonState =
  | { status: 'off' }
  | { status: 'pending'; comparison: Comparison }
  | { status: 'failed'; comparison: Comparison; message: string }
  | { status: 'ready'; comparison: Comparison; result: ComparisonResult };

/**
 * The comparison under way, worked out after rendering (never during a render) and once per pair of
 * estates: an edit to the open estate while comparing gives a new pair and a fresh diff.
 */
export function useComparison(): ComparisonState {
  const comparison = useAppStore(selectComparison);
  const open = useAppStore(selectEstate);
  const before = comparison && open ? (comparison.openIsBefore ? open : comparison.other) : undefined;
  const after = comparison && open ? (comparison.openIsBefore ? comparison.other : open) : undefined;
  const cached = before && after ? peekComparison(before, after) : undefined;
  const [failure, setFailure] = useState<{ before: object; after: object; message: string }>();
  const [, setComputed] = useState(0);

  useEffect(() => {
    if (!before || !after || cached) return;
    let cancelled = false;
    // Both analyses come from the app's analysis runner (a worker for large estates); the diff itself runs
    // in a task of its own once they are in (and its module has loaded), never inside a render.
    void Promise.all([analysisFor(before), analysisFor(after)])
      .then(([beforeAnalysis, afterAnalysis]) =>
        cancelled ? undefined : compareEstates(before, after, beforeAnalysis, afterAnalysis),
      )
      .then((result) => {
        if (!cancelled && result) setComputed((n) => n + 1);
      })
      .catch((error: unknown) => {
        if (!cancelled)
          setFailure({ before, after, message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [before, after, cached]);

  if (!comparison || !before || !after) return { status: 'off' };
  if (cached) return { status: 'ready', comparison, result: cached };
  if (failure && failure.before === before && failure.after === after)
    return { status: 'failed', comparison, message: failure.message };
  return { status: 'pending', comparison };
}
