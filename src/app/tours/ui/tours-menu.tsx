import { lazy, Suspense, useId, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { ErrorBoundary } from '../../components/error-boundary';
import { TOOLBAR_BUTTON } from '../../layout/styles';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { selectActiveTour, selectToursOpen } from '../../store/tours-slice';
import { loadTours } from '../catalog';
import { tourLinkFromUrl } from '../engine/url';
import { TOUR_LIST_BOX } from './tour-list-box';

// The list, the card, the runner and the tours themselves come in one go, on first use: about a sixth of
// the app's first-load JavaScript that most visits never need.
const ToursLayer = lazy(() =>
  Promise.all([import('./tours-layer'), loadTours()]).then(([module]) => ({ default: module.ToursLayer })),
);

const selectSetToursOpen = (state: AppState) => state.setToursOpen;

/**
 * The header's way into the guided tours: the Tours button, and everything else (the list, the running
 * tour's card, the wiring to the store and the URL) loaded when the list first opens, a tour is running or
 * the page was opened with a `?tour=` link.
 */
export function ToursMenu() {
  const open = useAppStore(selectToursOpen);
  const setOpen = useAppStore(selectSetToursOpen);
  const active = useAppStore(selectActiveTour);
  const leaveTour = useAppStore((state) => state.leaveTour);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  // Once wanted, the layer stays mounted: its runner keeps the URL and the saved progress in step.
  const [wanted, setWanted] = useState(() => tourLinkFromUrl(window.location.href) !== undefined);
  if (!wanted && (open || active !== undefined)) setWanted(true);
  // Placed against the viewport from the button: the header wraps, so the button can sit at either edge. Measured
  // whenever the list opens, as other places (the first-visit gallery) open it too.
  const [place, setPlace] = useState<CSSProperties>({});
  useLayoutEffect(() => {
    const rect = button.current?.getBoundingClientRect();
    if (!open || !rect) return;
    const width = Math.min(416, window.innerWidth - 16);
    setPlace({
      top: rect.bottom + 6,
      left: Math.max(8, Math.min(rect.left, window.innerWidth - width - 8)),
      width,
    });
  }, [open]);
  const toggle = () => setOpen(!open);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const leave = () => {
    leaveTour();
    button.current?.focus();
  };

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        className={TOOLBAR_BUTTON}
        aria-expanded={open}
        aria-controls={listId}
        onClick={toggle}
      >
        Tours
      </button>
      {(wanted || open) && (
        // A failed fetch (offline, a new deployment) shows in place of the list instead of blanking the page.
        <ErrorBoundary what="tours">
          <Suspense
            fallback={
              open ? (
                <div
                  id={listId}
                  role="status"
                  style={place}
                  className={`${TOUR_LIST_BOX} text-sm text-slate-600 dark:text-slate-300`}
                >
                  Fetching the tours…
                </div>
              ) : null
            }
          >
            <ToursLayer
              open={open}
              place={place}
              listId={listId}
              onClose={close}
              onChosen={() => setOpen(false)}
              onLeave={leave}
            />
          </Suspense>
        </ErrorBoundary>
      )}
    </div>
  );
}
