import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { ErrorBoundary } from '../../components/error-boundary';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { selectComparison } from '../../store/compare-slice';
// Type only: erased from the bundle, so the dialog still loads on demand.
import type { CompareSample } from './compare-dialog';

// The dialog is fetched on the first "Compare with…": most visits never compare.
const CompareDialog = lazy(() =>
  import('./compare-dialog').then((module) => ({ default: module.CompareDialog })),
);

const selectHasEstate = (state: AppState) => state.estate !== undefined;
const selectSwap = (state: AppState) => state.swapComparison;
const selectStop = (state: AppState) => state.stopComparison;

/**
 * The header's compare controls: "Compare with…" opens a dialog to load the second estate (files, a folder,
 * a drop, pasted text or a sample); while comparing, what is compared, "Swap" and "Stop comparing".
 */
export function CompareControls({
  samples,
  className = '',
}: {
  samples: readonly CompareSample[] | undefined;
  className?: string;
}) {
  const comparison = useAppStore(selectComparison);
  const hasEstate = useAppStore(selectHasEstate);
  const swap = useAppStore(selectSwap);
  const stop = useAppStore(selectStop);
  const dialog = useRef<HTMLDialogElement>(null);
  // Set by a click that came before the dialog's code: the dialog opens as soon as it has mounted.
  const openWhenMounted = useRef(false);
  const [wanted, setWanted] = useState(false);
  const open = () => {
    if (dialog.current) dialog.current.showModal();
    else {
      openWhenMounted.current = true;
      setWanted(true);
    }
  };
  const mounted = useCallback(() => {
    if (!openWhenMounted.current) return;
    openWhenMounted.current = false;
    dialog.current?.showModal();
  }, []);

  if (comparison)
    return (
      <span className="inline-flex items-center gap-1.5" role="group" aria-label="Comparison">
        <span
          className="max-w-48 truncate text-xs text-slate-600 dark:text-slate-300"
          title={`Comparing with ${comparison.label}`}
        >
          Comparing with <strong>{comparison.label}</strong>
        </span>
        <button
          type="button"
          className={className}
          onClick={swap}
          title="Swap which estate counts as before and which as after"
        >
          Swap
        </button>
        <button type="button" className={className} onClick={stop}>
          Stop comparing
        </button>
      </span>
    );
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={!hasEstate}
        title={
          hasEstate
            ? 'Load a second estate and see what it changes against the open one'
            : 'Open an estate first'
        }
        onClick={open}
      >
        Compare with…
      </button>
      {wanted && (
        <ErrorBoundary what="compare dialog">
          <Suspense fallback={null}>
            <CompareDialog dialog={dialog} samples={samples} onMounted={mounted} />
          </Suspense>
        </ErrorBoundary>
      )}
    </>
  );
}
