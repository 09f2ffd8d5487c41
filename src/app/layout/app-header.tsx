import { useState } from 'react';
import { CompareControls } from '../features/compare/compare-controls';
import { ExportMenu } from '../features/export/export-menu';
import type { SampleSummary } from '../features/samples/api';
import { SamplePicker } from '../features/samples/sample-picker';
import { OpenFilesButton, OpenFolderButton } from '../features/loading/open-files-button';
import { PasteButton } from '../features/loading/paste-dialog';
import { ThemeToggle } from '../features/theme/theme-toggle';
import { ToursMenu } from '../tours/ui/tours-menu';
import { KeptAsideMenu } from '../components/kept-aside-menu';
import { useAppStore } from '../store/app-store';
import type { AppState } from '../store/app-state';
import { selectEstateName } from '../store/selectors';
import { HistoryButtons } from './history-buttons';
import { ResetButton } from './reset-button';
import { TOOLBAR_BUTTON } from './styles';

const selectOrigin = (state: AppState) => state.origin;
const selectProvenance = (state: AppState) => state.estate?.provenance;

/** One line saying whether each part of the estate was read as an export of what exists or as a plan. */
function ProvenanceLine() {
  const provenance = useAppStore(selectProvenance);
  if (!provenance) return null;
  const { facts } = provenance;
  const grantsUnknown = facts['role-assignments'] === 'absent';
  return (
    <p
      data-testid="estate-provenance"
      className="truncate text-xs text-slate-500 dark:text-slate-400"
      title={provenance.missing.map((m) => m.note).join('\n') || undefined}
    >
      Read as: role assignments {facts['role-assignments']}
      {grantsUnknown && <span className="font-medium text-amber-700 dark:text-amber-300"> (grants not judged)</span>} · resources{' '}
      {facts.resources} · identities {facts.identities}
    </p>
  );
}
const selectEditCount = (state: AppState) => state.past.filter((step) => step.kind !== 'review').length;
const selectReviewMarkCount = (state: AppState) => state.past.filter((step) => step.kind === 'review').length;
const selectSampleId = (state: AppState) => (state.origin?.kind === 'sample' ? state.origin.sampleId : undefined);

/** Subscribes to the estate's name and origin only, so that it does not re-render on every edit. */
function EstateTitle() {
  const name = useAppStore(selectEstateName);
  const origin = useAppStore(selectOrigin);
  const edits = useAppStore(selectEditCount);
  const reviewMarks = useAppStore(selectReviewMarkCount);
  const from =
    origin?.kind === 'sample'
      ? 'sample'
      : origin?.kind === 'files'
        ? origin.files.join(', ')
        : origin?.kind === 'share-link'
          ? 'shared link'
          : origin?.kind === 'restored'
            ? 'restored from the last visit'
            : undefined;
  return (
    <div className="min-w-0 leading-tight">
      <h1 className="truncate text-base font-semibold text-slate-900 dark:text-slate-50" title={name}>
        {name ?? 'No estate open'}
      </h1>
      <p className="truncate text-xs text-slate-500 dark:text-slate-400">
        Azure ML Access Map
        {from && <> · {from}</>}
        {edits > 0 && (
          <>
            {' '}
            · <span className="font-medium text-amber-700 dark:text-amber-300">{edits} what-if change{edits === 1 ? '' : 's'}</span>
          </>
        )}
        {reviewMarks > 0 && (
          <>
            {' '}
            · <span className="font-medium text-violet-700 dark:text-violet-300">{reviewMarks} review mark{reviewMarks === 1 ? '' : 's'}</span>
          </>
        )}
      </p>
      <ProvenanceLine />
    </div>
  );
}

/**
 * The app's banner: what is open, the ways to open something else, history and the theme. One row at any
 * width from 1024 px: below 1280 px the less used actions (open a folder, paste, compare, reset, kept aside,
 * theme) fold into a "More" menu, so that the graph keeps the height and the header never wraps.
 */
export function AppHeader({ samples, samplesUnavailable }: { samples: readonly SampleSummary[] | undefined; samplesUnavailable: boolean }) {
  const sampleId = useAppStore(selectSampleId);
  const [moreOpen, setMoreOpen] = useState(false);
  return (
    <header className="flex flex-nowrap items-center justify-between gap-x-4 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex min-w-40 flex-1 items-center gap-3">
        <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={28} height={28} className="shrink-0" />
        <EstateTitle />
      </div>
      <div className="relative flex shrink-0 flex-nowrap items-center gap-2">
        <SamplePicker samples={samples} value={sampleId} unavailable={samplesUnavailable} />
        <ToursMenu />
        <OpenFilesButton className={TOOLBAR_BUTTON} />
        <ExportMenu />
        <HistoryButtons />
        <button
          type="button"
          className={`${TOOLBAR_BUTTON} xl:hidden`}
          aria-expanded={moreOpen}
          aria-controls="header-more"
          onClick={() => setMoreOpen(!moreOpen)}
        >
          More
        </button>
        {/* Inline from 1280 px; below, a drop-down under the More button (kept in the page, so nothing remounts). */}
        <div
          id="header-more"
          className={`${moreOpen ? 'max-xl:flex' : 'max-xl:hidden'} items-center gap-2 max-xl:absolute max-xl:top-10 max-xl:right-0 max-xl:z-40 max-xl:flex-col max-xl:items-stretch max-xl:rounded-lg max-xl:border max-xl:border-slate-200 max-xl:bg-white max-xl:p-2 max-xl:shadow-lg xl:flex dark:max-xl:border-slate-700 dark:max-xl:bg-slate-900`}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setMoreOpen(false);
          }}
        >
          <OpenFolderButton className={TOOLBAR_BUTTON} />
          <PasteButton className={TOOLBAR_BUTTON} />
          <CompareControls samples={samples} className={TOOLBAR_BUTTON} />
          <span aria-hidden="true" className="mx-1 h-6 w-px bg-slate-200 max-xl:hidden dark:bg-slate-700" />
          <ResetButton />
          <KeptAsideMenu />
          <span aria-hidden="true" className="mx-1 h-6 w-px bg-slate-200 max-xl:hidden dark:bg-slate-700" />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
