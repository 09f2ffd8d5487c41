import { useMemo, useState } from 'react';
import { applyFixGrants, type AnalysisContext, type Finding } from '../../../engine';
import { FixView } from '../../components/fix-view';
import { PRIMARY_SMALL_BUTTON, SMALL_BUTTON } from '../../components/ui';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { combinedFix, describeFixGrant, fixAllLabel, fixGrantsOfFindings, tryFixLabel } from './try-fix';

const selectApplyEdit = (state: AppState) => state.applyEdit;

/**
 * Applies one finding's grants as a what-if (one undo step, named after the finding). The finding stays
 * selected, so the panel then says it is gone; the added assignment is drawn as a planned edge.
 */
export function TryFixButton({ finding }: { finding: Finding }) {
  const applyEdit = useAppStore(selectApplyEdit);
  const changes = useMemo(() => fixGrantsOfFindings([finding]), [finding]);
  if (changes.length === 0) return null;
  return (
    <button
      type="button"
      className={PRIMARY_SMALL_BUTTON}
      data-testid="try-fix"
      title="Apply this fix as a what-if change: undo takes it back"
      onClick={() => applyEdit({ label: tryFixLabel(finding), apply: (estate) => applyFixGrants(estate, changes) })}
    >
      Try this fix
    </button>
  );
}

/**
 * "Fix all in view": the grant fixes of the findings the filters show, listed before anything changes, then
 * applied as one what-if (one undo step), or copied as az, Bicep or Terraform.
 */
export function FixAllInView({ findings, context }: { findings: readonly Finding[]; context: AnalysisContext }) {
  const applyEdit = useAppStore(selectApplyEdit);
  const [open, setOpen] = useState(false);
  const fixable = useMemo(() => findings.filter((finding) => fixGrantsOfFindings([finding]).length > 0), [findings]);
  const changes = useMemo(() => fixGrantsOfFindings(fixable), [fixable]);
  const fix = useMemo(() => combinedFix(fixable), [fixable]);
  if (changes.length === 0) return null;
  if (!open)
    return (
      <button type="button" className={SMALL_BUTTON} onClick={() => setOpen(true)} data-testid="fix-all-in-view">
        Fix all in view ({fixable.length})
      </button>
    );
  return (
    <section
      aria-label="Fix all in view"
      data-testid="fix-all-preview"
      className="space-y-2 rounded-lg border border-blue-300 bg-blue-50/60 p-2.5 dark:border-blue-800 dark:bg-blue-950/40"
    >
      <p className="text-sm text-slate-800 dark:text-slate-200">
        {changes.length} change{changes.length === 1 ? '' : 's'} for {fixable.length} finding
        {fixable.length === 1 ? '' : 's'}, applied together as one what-if (one undo):
      </p>
      <ul className="list-disc space-y-0.5 pl-5 text-sm text-slate-800 dark:text-slate-200" data-testid="fix-all-changes">
        {changes.map((change, index) => (
          // A change has no id of its own; the list is fixed while the preview is open.
          <li key={index}>{describeFixGrant(change, context)}</li>
        ))}
      </ul>
      <div className="flex gap-2">
        <button
          type="button"
          className={PRIMARY_SMALL_BUTTON}
          onClick={() => {
            applyEdit({ label: fixAllLabel(fixable.length), apply: (estate) => applyFixGrants(estate, changes) });
            setOpen(false);
          }}
        >
          Apply {changes.length} change{changes.length === 1 ? '' : 's'}
        </button>
        <button type="button" className={SMALL_BUTTON} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {fix && (
        <details>
          <summary className="cursor-pointer text-xs font-medium text-slate-700 dark:text-slate-300">Export as az, Bicep or Terraform</summary>
          <FixView fix={fix} />
        </details>
      )}
    </section>
  );
}
