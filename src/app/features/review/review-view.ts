import { type ReviewedFinding, type ReviewEntry, reviewEntryProblem, type ReviewStatus, type ReviewSummary, type RuleArea } from '../../../engine';

/** What the checklist shows: every status, or one. */
export type StatusFilter = ReviewStatus | 'all';

/** The checklist's areas with only the findings in the chosen status; areas left empty are dropped. */
export function filterChecklist(
  summary: ReviewSummary,
  filter: StatusFilter,
): { area: RuleArea; findings: ReviewedFinding[] }[] {
  if (filter === 'all') return summary.areas;
  return summary.areas
    .map((group) => ({ area: group.area, findings: group.findings.filter((f) => f.status === filter) }))
    .filter((group) => group.findings.length > 0);
}

/** A finding's review form as the person is filling it in. */
export interface ReviewDraft {
  status: ReviewStatus;
  reason: string;
  notes: string;
}

/** The form's starting point: the entry as saved, or a blank "to fix". */
export function draftOf(entry: ReviewEntry | undefined): ReviewDraft {
  return { status: entry?.status ?? 'to-fix', reason: entry?.reason ?? '', notes: entry?.notes ?? '' };
}

/** Whether saving the draft would change the saved entry (a reason only counts for an accepted risk). */
export function draftChanged(draft: ReviewDraft, entry: ReviewEntry | undefined): boolean {
  const saved = draftOf(entry);
  const reason = (d: ReviewDraft) => (d.status === 'accepted-risk' ? d.reason.trim() : '');
  return (
    entry === undefined || draft.status !== saved.status || reason(draft) !== reason(saved) || draft.notes.trim() !== saved.notes.trim()
  );
}

/** Why the draft cannot be saved, in words for the person, or undefined when it can. */
export function draftProblem(finding: string, draft: ReviewDraft): string | undefined {
  return reviewEntryProblem({ finding, status: draft.status, reason: draft.reason }) === undefined
    ? undefined
    : 'Say why this risk is acceptable: an accepted risk needs a reason.';
}
