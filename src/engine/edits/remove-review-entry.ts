import type { Estate } from '../model/types';

export interface RemoveReviewEntryParams {
  /** The finding id of the entry to remove (it may name a finding the estate no longer produces). */
  finding: string;
}

/**
 * Removes the review entry of one finding, which then counts as still to fix again. This is how a person
 * clears a stale entry: the review never drops one on its own. Returns the estate itself when there is no
 * such entry.
 */
export function removeReviewEntry(estate: Estate, params: RemoveReviewEntryParams): Estate {
  const entries = estate.review?.entries ?? [];
  const next = entries.filter((entry) => entry.finding !== params.finding);
  if (next.length === entries.length) return estate;
  return { ...estate, review: { ...estate.review, entries: next } };
}

/** The label undo and redo show. */
export function removeReviewEntryLabel(params: RemoveReviewEntryParams, findingTitle: string | undefined): string {
  return `Clear the review of ${findingTitle === undefined ? `finding ${params.finding}` : `“${findingTitle}”`}`;
}
