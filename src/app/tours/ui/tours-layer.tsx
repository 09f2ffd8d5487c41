import { useEffect, useId, useRef, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { PRIMARY_SMALL_BUTTON, SMALL_BUTTON } from '../../components/ui';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { selectActiveTour, selectTourProgress } from '../../store/tours-slice';
import { TOURS } from '../data';
import { stepIndexOf } from '../engine/engine';
import type { TourProgress } from '../engine/progress';
import type { Tour } from '../engine/types';
import { TourCard } from './tour-card';
import { TOUR_LIST_BOX } from './tour-list-box';
import { useTourHighlight, useTourRunner } from './use-tour-runner';

const selectStartTour = (state: AppState) => state.startTour;

function progressText(tour: Tour, progress: TourProgress | undefined): string {
  if (!progress) return 'Not started';
  if (progress.completed) return 'Finished';
  const index = stepIndexOf(tour, progress.stepId);
  return `Left at step ${index + 1} of ${tour.steps.length}: ${tour.steps[index]?.title ?? ''}`;
}

function TourItem({
  tour,
  progress,
  running,
  onChosen,
}: {
  tour: Tour;
  progress: TourProgress | undefined;
  running: boolean;
  onChosen: () => void;
}) {
  const startTour = useAppStore(selectStartTour);
  const titleId = useId();
  const index = progress ? stepIndexOf(tour, progress.stepId) : -1;
  const done = progress?.completed ? tour.steps.length : index + 1;
  const resumable = progress !== undefined && !progress.completed && index > 0;
  const start = (stepId?: string) => {
    startTour(tour.id, stepId);
    onChosen();
  };
  return (
    <li
      className="space-y-1.5 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
      data-testid={`tour-item-${tour.id}`}
      aria-labelledby={titleId}
    >
      <h3 id={titleId} className="text-sm font-semibold text-slate-900 dark:text-slate-50">
        {tour.title}
      </h3>
      <p className="text-xs text-slate-600 dark:text-slate-300">{tour.summary}</p>
      <div
        role="progressbar"
        aria-label={`Progress in ${tour.title}`}
        aria-valuemin={0}
        aria-valuemax={tour.steps.length}
        aria-valuenow={Math.max(0, done)}
        className="h-1 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
      >
        <div
          className="h-full rounded-full bg-blue-600 dark:bg-blue-400"
          style={{ width: `${(Math.max(0, done) / tour.steps.length) * 100}%` }}
        />
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="tour-progress">
        {running ? 'Running now' : progressText(tour, progress)}
      </p>
      <div className="flex flex-wrap gap-1.5">
        {resumable ? (
          <>
            <button
              type="button"
              className={PRIMARY_SMALL_BUTTON}
              onClick={() => start(progress.stepId)}
              aria-label={`Resume ${tour.title} at step ${index + 1}`}
            >
              Resume at step {index + 1}
            </button>
            <button
              type="button"
              className={SMALL_BUTTON}
              onClick={() => start()}
              aria-label={`Start ${tour.title} over`}
            >
              Start over
            </button>
          </>
        ) : (
          <button
            type="button"
            className={PRIMARY_SMALL_BUTTON}
            onClick={() => start()}
            aria-label={`${progress?.completed ? 'Take again' : 'Start'}: ${tour.title}`}
          >
            {progress?.completed ? 'Take again' : 'Start'}
          </button>
        )}
      </div>
    </li>
  );
}

/**
 * What the Tours button loads on first use (see tours-menu.tsx): the list of tours with each one's progress,
 * the running tour's card over the bottom of the graph, and the tours' wiring (use-tour-runner). Stays
 * mounted once loaded, so that the runner keeps the URL and the saved progress in step.
 */
export function ToursLayer({
  open,
  place,
  listId,
  onClose,
  onChosen,
  onLeave,
}: {
  open: boolean;
  place: CSSProperties;
  listId: string;
  onClose: () => void;
  onChosen: () => void;
  onLeave: () => void;
}) {
  useTourRunner();
  useTourHighlight();
  const progress = useAppStore(selectTourProgress);
  const active = useAppStore(selectActiveTour);
  const list = useRef<HTMLDivElement>(null);

  // Also on the first open, which mounts this component: the list only exists once the tours have loaded.
  useEffect(() => {
    if (open) list.current?.querySelector<HTMLElement>('button')?.focus();
  }, [open]);

  return (
    <>
      {open && (
        <div
          ref={list}
          id={listId}
          role="region"
          aria-label="Guided tours"
          data-testid="tour-list"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              onClose();
            }
          }}
          style={place}
          className={`${TOUR_LIST_BOX} space-y-2`}
        >
          <div className="flex items-center justify-between gap-2">
            <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-50">Guided tours</h2>
            <button type="button" className={SMALL_BUTTON} onClick={onClose}>
              Close
            </button>
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-300">
            Each tour opens a sample and walks through it step by step; some steps ask you to change
            something. Your place in each tour is kept in this browser.
          </p>
          <ul className="space-y-2">
            {TOURS.map((tour) => (
              <TourItem
                key={tour.id}
                tour={tour}
                progress={progress[tour.id]}
                running={active?.tourId === tour.id}
                onChosen={onChosen}
              />
            ))}
          </ul>
        </div>
      )}
      {active && createPortal(<TourCard onLeave={onLeave} />, document.body)}
    </>
  );
}
