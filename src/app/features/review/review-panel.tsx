import { useId, useMemo, useState } from 'react';
import { removeReviewEntry, removeReviewEntryLabel, REVIEW_STATUSES, type ReviewedFinding, type ReviewEntry, type ReviewStatus, reviewStatusLabel, reviewSummary, type ReviewSummary, setReviewEntry, setReviewEntryLabel } from '../../../engine';
import { useAnalysis } from '../../analysis/use-analysis';
import { useAnalysisContext } from '../../analysis/use-analysis-context';
import { SeverityBadge } from '../../components/badge';
import { PanelEmpty } from '../../components/panel-empty';
import { SEVERITY_ORDER, SEVERITY_PRESENTATION } from '../../components/path-status';
import { CODE, INPUT, LABEL, PRIMARY_SMALL_BUTTON, SECTION_TITLE, SELECT, SMALL_BUTTON } from '../../components/ui';
import { AREA_LABEL } from '../../panels/findings/group-findings';
import { PATH_KIND_LABEL } from '../../panels/paths/group-paths';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';
import { selectEstate } from '../../store/selectors';
import { draftChanged, draftOf, draftProblem, filterChecklist, type ReviewDraft, type StatusFilter } from './review-view';

const selectApplyEdit = (state: AppState) => state.applyEdit;
const selectSelect = (state: AppState) => state.select;

const TEXTAREA = `${INPUT} h-auto min-h-[3.25rem] py-1 leading-snug`;

/** Status badge colours; written out in full for Tailwind. */
const STATUS_BADGE: Record<ReviewStatus, string> = {
  'to-fix': 'bg-slate-100 text-slate-800 ring-slate-400/50 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-500/50',
  'accepted-risk': 'bg-violet-100 text-violet-900 ring-violet-600/40 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-400/40',
  fixed: 'bg-emerald-100 text-emerald-900 ring-emerald-600/40 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-400/40',
};

function ReviewStatusBadge({ status, unreviewed, detected }: { status: ReviewStatus; unreviewed?: boolean; detected?: boolean }) {
  // "Fixed" is what the reviewer says; the analysis may disagree, and the badge says so rather than hide it.
  const stillDetected = status === 'fixed' && detected === true;
  return (
    <span
      data-review-status={status}
      data-still-detected={stillDetected || undefined}
      className={`inline-flex shrink-0 items-center rounded px-1.5 py-0.5 text-[11px] leading-none font-semibold ring-1 ${
        stillDetected ? 'bg-amber-100 text-amber-950 ring-amber-600/50 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-400/50' : STATUS_BADGE[status]
      }`}
      title={
        unreviewed
          ? 'Not reviewed yet: counted as to fix'
          : stillDetected
            ? 'Marked fixed, but the estate as it is still produces this finding'
            : undefined
      }
    >
      {reviewStatusLabel(status)}
      {unreviewed && ' (not reviewed)'}
      {stillDetected && ' · still detected'}
    </span>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The design review: a checklist of the estate's findings grouped by area, each with a status, a reason
 * when the risk is accepted and notes. The review is part of the estate, so every change goes through the
 * store's `applyEdit`: it can be undone, it survives a reload, and exports and share links carry it.
 */
export function ReviewPanel() {
  const analysis = useAnalysis();
  const estate = useAppStore(selectEstate);
  const [filter, setFilter] = useState<StatusFilter>('all');
  const filterId = useId();
  const summary = useMemo(() => (analysis && estate ? reviewSummary(analysis, estate) : undefined), [analysis, estate]);
  const areas = useMemo(() => (summary ? filterChecklist(summary, filter) : []), [summary, filter]);

  if (!summary) return <PanelEmpty>Open an estate to review its findings.</PanelEmpty>;

  return (
    <div className="space-y-3 p-3" data-testid="review-panel">
      <ReviewSummaryView summary={summary} />

      {summary.findings.length > 0 && (
        <div className="flex items-end gap-2">
          <div className="w-48 space-y-0.5">
            <label htmlFor={filterId} className={LABEL}>
              Show
            </label>
            <select id={filterId} value={filter} onChange={(event) => setFilter(event.target.value as StatusFilter)} className={SELECT}>
              <option value="all">Every finding ({summary.findings.length})</option>
              {REVIEW_STATUSES.map((status) => (
                <option key={status.value} value={status.value}>
                  {status.label} ({summary.totals[status.value]})
                </option>
              ))}
            </select>
          </div>
        </div>
      )}

      {summary.findings.length === 0 && <p className="text-sm text-slate-700 dark:text-slate-300">No findings: there is nothing to review.</p>}
      {summary.findings.length > 0 && areas.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">No finding has this status.</p>
      )}

      {areas.map((group) => (
        <section key={group.area} aria-labelledby={`review-area-${group.area}`} className="space-y-1.5">
          <h3 id={`review-area-${group.area}`} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
            {AREA_LABEL[group.area]} ({group.findings.length})
          </h3>
          <ul className="space-y-1.5">
            {group.findings.map((reviewed) => (
              <ChecklistItem key={reviewed.finding.id} reviewed={reviewed} />
            ))}
          </ul>
        </section>
      ))}

      {summary.stale.length > 0 && <StaleEntries entries={summary.stale} />}
    </div>
  );
}

function ReviewSummaryView({ summary }: { summary: ReviewSummary }) {
  const { identity } = summary;
  return (
    <section aria-labelledby="review-summary" className="space-y-2 rounded-lg border border-slate-200 p-2.5 dark:border-slate-700">
      <h3 id="review-summary" className={SECTION_TITLE}>
        Review summary
      </h3>
      <table className="w-full text-left text-xs tabular-nums">
        <caption className="sr-only">Findings by severity and review status</caption>
        <thead>
          <tr className="text-slate-500 dark:text-slate-400">
            <th scope="col" className="py-0.5 font-medium">
              Severity
            </th>
            {REVIEW_STATUSES.map((status) => (
              <th key={status.value} scope="col" className="py-0.5 text-right font-medium">
                {status.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="text-slate-800 dark:text-slate-200">
          {SEVERITY_ORDER.map((severity) => (
            <tr key={severity} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-0.5 font-medium">
                {SEVERITY_PRESENTATION[severity].plural}
              </th>
              {REVIEW_STATUSES.map((status) => (
                <td key={status.value} className="py-0.5 text-right" data-cell={`${severity}:${status.value}`}>
                  {summary.counts[severity][status.value]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {summary.unreviewed === 0
          ? 'Every finding has been reviewed.'
          : `${summary.unreviewed} of ${summary.findings.length} findings are not reviewed yet; they count as to fix.`}
      </p>
      {identity.byKind.length > 0 && (
        <details className="text-xs text-slate-700 dark:text-slate-300">
          <summary className="cursor-pointer">
            Identities: {identity.explicit} access path{identity.explicit === 1 ? '' : 's'} chosen on purpose, {identity.fallback} picked by default
          </summary>
          <table className="mt-1 w-full text-left tabular-nums">
            <caption className="sr-only">Access paths by kind and how their identity was chosen</caption>
            <thead>
              <tr className="text-slate-500 dark:text-slate-400">
                <th scope="col" className="py-0.5 font-medium">
                  Path kind
                </th>
                <th scope="col" className="py-0.5 text-right font-medium">
                  On purpose
                </th>
                <th scope="col" className="py-0.5 text-right font-medium">
                  By default
                </th>
              </tr>
            </thead>
            <tbody>
              {identity.byKind.map((row) => (
                <tr key={row.kind} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-0.5 font-normal">
                    {PATH_KIND_LABEL[row.kind]}
                  </th>
                  <td className="py-0.5 text-right">{row.explicit}</td>
                  <td className={`py-0.5 text-right ${row.fallback > 0 ? 'font-semibold text-amber-700 dark:text-amber-300' : ''}`}>{row.fallback}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-slate-500 dark:text-slate-400">
            “By default” means no setting names the identity: Azure ML falls back to one by its own rules, which a review should confirm.
          </p>
        </details>
      )}
    </section>
  );
}

function ChecklistItem({ reviewed }: { reviewed: ReviewedFinding }) {
  const { finding, entry, status } = reviewed;
  const context = useAnalysisContext();
  const select = useAppStore(selectSelect);
  const [open, setOpen] = useState(false);
  const formId = useId();
  const subjects = context ? finding.subjects.slice(0, 3).map((id) => context.topology.nameOf(id)) : [];
  return (
    <li
      data-finding-id={finding.id}
      data-rule-id={finding.ruleId}
      className="rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex items-start gap-2 px-3 py-2">
        <SeverityBadge severity={finding.severity} />
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-slate-900 dark:text-slate-100">{finding.title}</p>
          <p className="truncate text-xs text-slate-500 dark:text-slate-400">
            {subjects.join(', ')}
            {finding.subjects.length > 3 && ` +${finding.subjects.length - 3}`}
          </p>
          {entry?.reason && <p className="mt-0.5 text-xs whitespace-pre-wrap text-slate-700 dark:text-slate-300">Reason: {entry.reason}</p>}
          {entry?.notes && <p className="mt-0.5 text-xs whitespace-pre-wrap text-slate-600 dark:text-slate-400">Notes: {entry.notes}</p>}
          <div className="mt-1.5 flex flex-wrap items-center gap-1.5">
            <ReviewStatusBadge status={status} unreviewed={entry === undefined} detected />
            <button
              type="button"
              aria-expanded={open}
              aria-controls={open ? formId : undefined}
              onClick={() => setOpen(!open)}
              className={SMALL_BUTTON}
            >
              {open ? 'Close' : 'Review'}
              <span className="sr-only"> {finding.title}</span>
            </button>
            <button
              type="button"
              onClick={() => select({ kind: 'finding', id: finding.id })}
              className="text-xs font-medium text-blue-700 underline hover:text-blue-900 dark:text-blue-300 dark:hover:text-blue-200"
            >
              Show finding<span className="sr-only"> {finding.title}</span>
            </button>
          </div>
        </div>
      </div>
      {open && <ReviewForm id={formId} reviewed={reviewed} onDone={() => setOpen(false)} />}
    </li>
  );
}

function ReviewForm({ id, reviewed, onDone }: { id: string; reviewed: ReviewedFinding; onDone: () => void }) {
  const { finding, entry } = reviewed;
  const applyEdit = useAppStore(selectApplyEdit);
  const [draft, setDraft] = useState<ReviewDraft>(() => draftOf(entry));
  const [savedEntry, setSavedEntry] = useState<ReviewEntry | undefined>(entry);
  const [showProblem, setShowProblem] = useState(false);
  const reasonId = useId();
  const notesId = useId();
  const problemId = useId();
  // Undo, redo or another tab changing the entry resets the form to what is saved now.
  if (savedEntry !== entry) {
    setSavedEntry(entry);
    setDraft(draftOf(entry));
    setShowProblem(false);
  }
  const problem = draftProblem(finding.id, draft);
  const update = (change: Partial<ReviewDraft>) => setDraft((current) => ({ ...current, ...change }));

  const save = () => {
    if (problem !== undefined) {
      setShowProblem(true);
      document.getElementById(reasonId)?.focus();
      return;
    }
    if (draftChanged(draft, entry)) {
      const params = {
        finding: finding.id,
        status: draft.status,
        ...(draft.status === 'accepted-risk' ? { reason: draft.reason } : {}),
        notes: draft.notes,
        updatedAt: today(),
      };
      applyEdit({ label: setReviewEntryLabel(params, finding.title), apply: (estate) => setReviewEntry(estate, params), kind: 'review' });
    }
    onDone();
  };

  return (
    <form
      id={id}
      aria-label={`Review of ${finding.title}`}
      className="space-y-2 border-t border-slate-200 px-3 py-2 dark:border-slate-700"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <fieldset className="space-y-1">
        <legend className={LABEL}>Status</legend>
        <div className="flex flex-wrap gap-1.5">
          {REVIEW_STATUSES.map((option) => (
            <label
              key={option.value}
              className={`inline-flex cursor-pointer items-center gap-1.5 rounded-md border px-2 py-1 text-xs font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600 ${
                draft.status === option.value
                  ? 'border-slate-500 bg-slate-100 text-slate-900 dark:border-slate-400 dark:bg-slate-800 dark:text-slate-100'
                  : 'border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400'
              }`}
            >
              <input
                type="radio"
                name={`${id}-status`}
                value={option.value}
                checked={draft.status === option.value}
                onChange={() => update({ status: option.value })}
                className="accent-blue-600"
              />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
      {draft.status === 'accepted-risk' && (
        <div className="space-y-0.5">
          <label htmlFor={reasonId} className={LABEL}>
            Reason (required)
          </label>
          <textarea
            id={reasonId}
            value={draft.reason}
            rows={2}
            aria-required="true"
            aria-invalid={showProblem && problem !== undefined}
            aria-describedby={showProblem && problem !== undefined ? problemId : undefined}
            onChange={(event) => update({ reason: event.target.value })}
            placeholder="Why is this risk acceptable?"
            className={TEXTAREA}
          />
          {showProblem && problem !== undefined && (
            <p id={problemId} role="alert" className="text-xs font-medium text-red-700 dark:text-red-300">
              {problem}
            </p>
          )}
        </div>
      )}
      <div className="space-y-0.5">
        <label htmlFor={notesId} className={LABEL}>
          Notes
        </label>
        <textarea id={notesId} value={draft.notes} rows={2} onChange={(event) => update({ notes: event.target.value })} className={TEXTAREA} />
      </div>
      <div className="flex flex-wrap gap-1.5">
        <button type="submit" className={PRIMARY_SMALL_BUTTON}>
          Save review
        </button>
        <button type="button" onClick={onDone} className={SMALL_BUTTON}>
          Cancel
        </button>
        {entry !== undefined && (
          <button
            type="button"
            className={SMALL_BUTTON}
            onClick={() => {
              const params = { finding: finding.id };
              applyEdit({ label: removeReviewEntryLabel(params, finding.title), apply: (estate) => removeReviewEntry(estate, params), kind: 'review' });
              onDone();
            }}
          >
            Clear review
          </button>
        )}
      </div>
    </form>
  );
}

function StaleEntries({ entries }: { entries: ReviewEntry[] }) {
  const applyEdit = useAppStore(selectApplyEdit);
  return (
    <section aria-labelledby="review-stale" className="space-y-1.5 rounded-lg border border-amber-300 bg-amber-50/60 p-2.5 dark:border-amber-800 dark:bg-amber-950/30">
      <h3 id="review-stale" className="text-sm font-semibold text-slate-900 dark:text-slate-100">
        Stale review entries ({entries.length})
      </h3>
      <p className="text-xs text-slate-700 dark:text-slate-300">
        The estate no longer produces these findings (fixed, or a subject renamed). They stay in the review until you remove them.
      </p>
      <ul className="space-y-1.5">
        {entries.map((entry) => (
          <li key={entry.finding} className="space-y-1 rounded-md border border-slate-200 bg-white p-2 text-xs dark:border-slate-700 dark:bg-slate-900">
            <p>
              <code className={CODE}>{entry.finding}</code>
            </p>
            <ReviewStatusBadge status={entry.status} />
            {entry.reason && <p className="whitespace-pre-wrap text-slate-700 dark:text-slate-300">Reason: {entry.reason}</p>}
            {entry.notes && <p className="whitespace-pre-wrap text-slate-600 dark:text-slate-400">Notes: {entry.notes}</p>}
            <button
              type="button"
              className={SMALL_BUTTON}
              onClick={() => {
                const params = { finding: entry.finding };
                applyEdit({ label: removeReviewEntryLabel(params, undefined), apply: (estate) => removeReviewEntry(estate, params) });
              }}
            >
              Remove<span className="sr-only"> the stale entry for {entry.finding}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
