import { useEffect, useId, useMemo, useRef } from 'react';
import { analysisFor, useAnalysisView } from '../../analysis/use-analysis';
import { CopyButton } from '../../components/copy-button';
import { ExternalLink } from '../../components/external-link';
import { PRIMARY_SMALL_BUTTON, SMALL_BUTTON } from '../../components/ui';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { selectActiveTour } from '../../store/tours-slice';
import { tourById } from '../data';
import { actionEdit, actionView, shouldAutoAdvance, stepSatisfied } from '../engine/engine';
import type { Tour, TourContext } from '../engine/types';
import { shareableTourUrl } from '../engine/url';

const selectEstate = (state: AppState) => state.estate;
const selectSelection = (state: AppState) => state.selection;
const selectPanelTab = (state: AppState) => state.panelTab;
const selectOriginSample = (state: AppState) =>
  state.origin?.kind === 'sample' ? state.origin.sampleId : undefined;

/** The running tour's card. Not a dialog: the graph and panels stay usable while it is open. */
export function TourCard({ onLeave }: { onLeave: () => void }) {
  const active = useAppStore(selectActiveTour);
  const tour = tourById(active?.tourId);
  if (!active || !tour) return null;
  return (
    <TourCardView
      tour={tour}
      stepIndex={active.stepIndex}
      settingUp={active.setup !== undefined}
      onLeave={onLeave}
    />
  );
}

function TourCardView({
  tour,
  stepIndex,
  settingUp,
  onLeave,
}: {
  tour: Tour;
  stepIndex: number;
  settingUp: boolean;
  onLeave: () => void;
}) {
  const estate = useAppStore(selectEstate);
  const selection = useAppStore(selectSelection);
  const panelTab = useAppStore(selectPanelTab);
  const originSample = useAppStore(selectOriginSample);
  const goToTourStep = useAppStore((state) => state.goToTourStep);
  const analysisView = useAnalysisView();
  // A condition asked of the previous estate's analysis would answer for the wrong estate.
  const analysis = analysisView.stale ? undefined : analysisView.analysis;
  const step = tour.steps[stepIndex]!;
  const last = stepIndex === tour.steps.length - 1;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  // Conditions are only asked about the tour's own sample, once whatever the step needs is set up.
  const ready = !settingUp && estate !== undefined && analysis !== undefined && originSample === tour.sample;
  const context: TourContext | undefined = useMemo(
    () => (ready && estate && analysis ? { estate, analysis, selection, panelTab } : undefined),
    [ready, estate, analysis, selection, panelTab],
  );
  const satisfied = stepSatisfied(step, context);

  // Whether the condition held when the step opened: only a change to "done" while it is shown moves on.
  const entry = useRef<{ key: string; held: boolean } | undefined>(undefined);
  const key = `${tour.id}/${step.id}`;
  useEffect(() => {
    if (!context) return;
    if (entry.current?.key !== key) {
      entry.current = { key, held: satisfied };
      return;
    }
    if (shouldAutoAdvance(step, entry.current.held, satisfied) && !last) goToTourStep(stepIndex + 1);
  }, [context, key, satisfied, step, last, stepIndex, goToTourStep]);

  // A tour that just started (from the list, which closes, or from a link) takes focus unless something else has it.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) heading.current?.focus();
  }, [tour.id]);

  // A step change that came from the card's own buttons moves focus to the new step's title.
  const focusNext = useRef(false);
  useEffect(() => {
    if (focusNext.current) heading.current?.focus();
    focusNext.current = false;
  }, [key]);
  const go = (index: number) => {
    focusNext.current = true;
    goToTourStep(index);
  };

  const doIt = async () => {
    // The button goes away once the step is done: focus follows to the next step's title.
    focusNext.current = true;
    const state = useAppStore.getState();
    for (const action of step.doIt ?? []) {
      const current = useAppStore.getState().estate;
      if (!current) return;
      const edit = actionEdit(action, current);
      if (edit) state.applyEdit({ ...edit, kind: 'tour' });
      const after = useAppStore.getState().estate;
      const change = after ? actionView(action, after, await analysisFor(after)) : undefined;
      if (change && 'selection' in change) state.select(change.selection);
      else if (change) state.showPanel(change.panelTab);
    }
  };

  const percent = Math.round(((stepIndex + 1) / tour.steps.length) * 100);
  const link = shareableTourUrl(window.location.href, tour.sample, { tourId: tour.id, stepId: step.id });

  return (
    <section
      aria-labelledby={headingId}
      data-testid="tour-card"
      data-tour-id={tour.id}
      data-step-id={step.id}
      className="fixed bottom-4 left-16 z-40 flex max-h-[70vh] w-[26rem] max-w-[calc(100vw-5rem)] flex-col gap-2.5 overflow-y-auto rounded-xl border border-blue-200 bg-white p-4 text-sm shadow-xl dark:border-blue-900 dark:bg-slate-900"
    >
      <div className="space-y-1">
        <p className="flex items-center justify-between gap-2 text-xs text-slate-500 dark:text-slate-400">
          <span className="truncate font-medium">Tour · {tour.title}</span>
          <span className="shrink-0" data-testid="tour-step-count">
            Step {stepIndex + 1} of {tour.steps.length}
          </span>
        </p>
        <div
          role="progressbar"
          aria-label="Tour progress"
          aria-valuemin={1}
          aria-valuemax={tour.steps.length}
          aria-valuenow={stepIndex + 1}
          aria-valuetext={`Step ${stepIndex + 1} of ${tour.steps.length}`}
          className="h-1.5 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
        >
          <div
            className="h-full rounded-full bg-blue-600 transition-[width] dark:bg-blue-400"
            style={{ width: `${percent}%` }}
          />
        </div>
      </div>
      {/* Announces each new step briefly; the text itself is read when the person moves into the card. */}
      <p className="sr-only" aria-live="polite">
        {settingUp
          ? 'Opening the tour’s sample…'
          : `Step ${stepIndex + 1} of ${tour.steps.length}: ${step.title}`}
      </p>
      <h2
        id={headingId}
        ref={heading}
        tabIndex={-1}
        className="text-base font-semibold text-slate-900 outline-none dark:text-slate-50"
      >
        {step.title}
      </h2>
      {settingUp ? (
        <p role="status" className="text-slate-600 dark:text-slate-300">
          Opening the tour’s sample…
        </p>
      ) : (
        <>
          <div className="space-y-1.5 text-slate-700 dark:text-slate-200">
            {step.text.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </div>
          {step.sources && step.sources.length > 0 && (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Source{step.sources.length > 1 ? 's' : ''}:{' '}
              {step.sources.map((item, index) => (
                <span key={item.url}>
                  {index > 0 && ' · '}
                  <ExternalLink href={item.url}>{item.title}</ExternalLink>
                </span>
              ))}
            </p>
          )}
          {step.waitFor && (
            <p
              role="status"
              data-testid="tour-waiting"
              data-satisfied={satisfied}
              className={`rounded-md px-2.5 py-1.5 text-xs ${
                satisfied
                  ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100'
                  : 'bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100'
              }`}
            >
              {satisfied ? 'Done. Go on with Next.' : `Waiting for you to ${step.waitFor.hint}.`}
            </p>
          )}
        </>
      )}
      <div className="flex flex-wrap items-center gap-1.5 pt-1">
        <button
          type="button"
          className={SMALL_BUTTON}
          disabled={stepIndex === 0}
          onClick={() => go(stepIndex - 1)}
        >
          Back
        </button>
        {last ? (
          <button type="button" className={PRIMARY_SMALL_BUTTON} onClick={onLeave}>
            Finish
          </button>
        ) : (
          <button
            type="button"
            className={PRIMARY_SMALL_BUTTON}
            disabled={settingUp || !satisfied}
            onClick={() => go(stepIndex + 1)}
          >
            Next
          </button>
        )}
        {step.waitFor && !satisfied && !settingUp && (
          <button type="button" className={SMALL_BUTTON} onClick={() => void doIt()}>
            Do it for me
          </button>
        )}
        <span className="ml-auto flex items-center gap-1.5">
          <CopyButton text={link} label="Copy link to this step" />
          <button type="button" className={SMALL_BUTTON} onClick={onLeave}>
            Leave tour
          </button>
        </span>
      </div>
    </section>
  );
}
