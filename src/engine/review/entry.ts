import type { Estate, ReviewEntry, ReviewStatus } from '../model/types';

/** The review statuses in checklist order, with the words the UI and the reports use for them. */
export const REVIEW_STATUSES = [
  { value: 'to-fix', label: 'To fix' },
  { value: 'accepted-risk', label: 'Accepted risk' },
  { value: 'fixed', label: 'Fixed' },
] as const satisfies readonly { value: ReviewStatus; label: string }[];

/** Just the status values, in checklist order. */
export const REVIEW_STATUS_VALUES: readonly ReviewStatus[] = REVIEW_STATUSES.map((status) => status.value);

/** The label of a status ("Accepted risk"). */
export function reviewStatusLabel(status: ReviewStatus): string {
  return REVIEW_STATUSES.find((option) => option.value === status)?.label ?? status;
}

/**
 * What is wrong with a review entry as it stands, in words, or undefined when nothing is. Readers, the
 * edit and the app ask the same question, so a file, an edit and a form refuse the same entries.
 *
 * @param entry - the entry, or the parts of it a form holds so far
 */
export function reviewEntryProblem(entry: Pick<ReviewEntry, 'finding' | 'status' | 'reason'>): string | undefined {
  if (entry.finding.trim() === '') return 'a review entry must name the finding it is about';
  if (entry.status === 'accepted-risk' && (entry.reason ?? '').trim() === '')
    return 'an accepted risk needs a reason: say why the risk is acceptable';
  return undefined;
}

/**
 * The review entry of a finding, or undefined when the finding has not been reviewed (it then counts as
 * still to fix).
 *
 * @param estate - the estate whose review is consulted
 * @param findingId - a `Finding.id`
 */
export function reviewEntryOf(estate: Estate, findingId: string): ReviewEntry | undefined {
  return estate.review?.entries.find((entry) => entry.finding === findingId);
}
