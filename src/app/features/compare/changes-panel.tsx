import { useMemo, useState } from 'react';
import { isEmptyDiff } from '../../../engine';
import { PanelEmpty } from '../../components/panel-empty';
import { SECTION_TITLE, SMALL_BUTTON } from '../../components/ui';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { selectEstateName } from '../../store/selectors';
import { changeItems, SECTION_TITLES, type ChangeItem, type ChangeSection } from './change-items';
import { PlanToggle, PlanVersusReality } from './plan-versus-reality';
import { useComparison } from './use-comparison';

const SECTIONS: readonly ChangeSection[] = ['grants', 'paths', 'findings', 'entities'];

const selectSelection = (state: AppState) => state.selection;
const selectSwap = (state: AppState) => state.swapComparison;
const selectStop = (state: AppState) => state.stopComparison;
const selectSelect = (state: AppState) => state.select;
const selectReveal = (state: AppState) => state.revealNode;

function sameSelection(a: AppState['selection'], b: ChangeItem['selection']): boolean {
  return a !== undefined && a.kind === b.kind && a.id === b.id;
}

/** The "Changes" tab: what differs between the two estates, each line selecting and showing its part of the graph. */
export function ChangesPanel() {
  const state = useComparison();
  const selection = useAppStore(selectSelection);
  const swap = useAppStore(selectSwap);
  const stop = useAppStore(selectStop);
  const select = useAppStore(selectSelect);
  const reveal = useAppStore(selectReveal);
  const openEstateName = useAppStore(selectEstateName);
  const result = state.status === 'ready' ? state.result : undefined;
  const items = useMemo(() => (result ? changeItems(result.diff, result.analysis) : []), [result]);
  const [planView, setPlanView] = useState(false);

  if (state.status === 'off')
    return (
      <PanelEmpty>
        Nothing is being compared. Choose <strong>Compare with…</strong> in the header to load a second estate
        and see what it changes.
      </PanelEmpty>
    );

  const { comparison } = state;
  const openName = openEstateName ?? 'the open estate';
  const beforeName = comparison.openIsBefore
    ? `${openName} (open)`
    : `${comparison.other.name} (${comparison.label})`;
  const afterName = comparison.openIsBefore
    ? `${comparison.other.name} (${comparison.label})`
    : `${openName} (open)`;

  return (
    <div className="space-y-3 p-3 text-sm" data-testid="changes-panel">
      <section
        aria-label="What is compared"
        className="space-y-2 rounded-md border border-slate-200 p-2.5 dark:border-slate-700"
      >
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
          <dt className="font-semibold text-slate-600 dark:text-slate-300">Before</dt>
          <dd className="min-w-0 truncate" data-testid="compare-before" title={beforeName}>
            {beforeName}
          </dd>
          <dt className="font-semibold text-slate-600 dark:text-slate-300">After</dt>
          <dd className="min-w-0 truncate" data-testid="compare-after" title={afterName}>
            {afterName}
          </dd>
        </dl>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          The graph draws the after estate. What only the before estate had is drawn too, faded with a dashed
          outline and marked <span className="change-badge change-removed">− removed</span>; new things are
          marked <span className="change-badge change-added">+ added</span> and altered ones{' '}
          <span className="change-badge change-changed">~ changed</span>. The open estate and its undo history
          are not touched.
        </p>
        <div className="flex flex-wrap gap-1.5">
          <button
            type="button"
            className={SMALL_BUTTON}
            onClick={swap}
            title="Swap which estate counts as before and which as after"
          >
            Swap before and after
          </button>
          <button type="button" className={SMALL_BUTTON} onClick={stop}>
            Stop comparing
          </button>
          <PlanToggle on={planView} onChange={setPlanView} />
        </div>
      </section>

      {result && planView && <PlanVersusReality plan={result.before} reality={result.after} diff={result.diff} />}

      {state.status === 'pending' && (
        <p role="status" className="text-slate-600 dark:text-slate-300">
          Working out the differences…
        </p>
      )}
      {state.status === 'failed' && (
        <p role="alert" className="text-red-800 dark:text-red-300">
          The comparison failed: {state.message}
        </p>
      )}
      {result && !planView && isEmptyDiff(result.diff) && (
        <p role="status" className="text-slate-700 dark:text-slate-200">
          No differences: both estates grant the same, reach the same and raise the same findings.
        </p>
      )}
      {result &&
        !planView &&
        SECTIONS.map((section) => {
          const list = items.filter((item) => item.section === section);
          if (list.length === 0) return null;
          return (
            <section key={section} aria-labelledby={`changes-${section}`} data-testid={`changes-${section}`}>
              <h3 id={`changes-${section}`} className={`${SECTION_TITLE} mb-1`}>
                {SECTION_TITLES[section]} <span className="font-normal normal-case">({list.length})</span>
              </h3>
              <ul className="space-y-1">
                {list.map((item) => {
                  const current = sameSelection(selection, item.selection);
                  return (
                    <li key={item.key}>
                      <button
                        type="button"
                        aria-current={current ? 'true' : undefined}
                        onClick={() => {
                          select(item.selection);
                          if (item.reveal !== '') reveal(item.reveal);
                        }}
                        className={`w-full rounded-md border px-2 py-1.5 text-left hover:bg-slate-50 dark:hover:bg-slate-800 ${
                          current
                            ? 'border-blue-500 bg-blue-50 dark:bg-blue-950'
                            : 'border-slate-200 dark:border-slate-700'
                        }`}
                        data-testid="change-item"
                      >
                        <span className="flex items-center gap-1.5">
                          <span className={`change-badge change-${item.kind} shrink-0`}>{item.badge}</span>
                          <span className="min-w-0 truncate font-medium text-slate-900 dark:text-slate-50">
                            {item.title}
                          </span>
                        </span>
                        <span className="mt-0.5 block text-xs text-slate-600 dark:text-slate-400">
                          {item.detail}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
    </div>
  );
}
