import type { Estate, ReviewEntry, ReviewStatus } from '../model/types';
import { sanitizeText } from '../io/secrets';
import { reviewEntryProblem, reviewStatusLabel } from '../review/entry';

export interface SetReviewEntryParams {
  /** The finding's id (`Finding.id`). */
  finding: string;
  status: ReviewStatus;
  /** Required for `accepted-risk`; blank means none. */
  reason?: string;
  /** Blank means none. */
  notes?: string;
  /** When the change was made; the edit is pure, so the caller supplies it. */
  updatedAt?: string;
}

/** Trimmed text with anything secret-looking replaced, or undefined when blank. */
function cleanText(value: string | undefined): string | undefined {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? undefined : sanitizeText(trimmed).text;
}

function sameContent(a: ReviewEntry, b: ReviewEntry): boolean {
  return a.status === b.status && a.reason === b.reason && a.notes === b.notes;
}

/**
 * Records where the design review leaves one finding: replaces its review entry (or adds one) with exactly
 * the status, reason and notes given. Returns the estate itself when the entry would not change apart from its
 * date, so saving an untouched form records no undo step. Free text is trimmed, and anything that looks like a
 * secret is dropped, as the readers do.
 *
 * @throws RangeError when the entry is not valid (an accepted risk without a reason): callers check with
 *   `reviewEntryProblem` first, so reaching this is a bug.
 */
export function setReviewEntry(estate: Estate, params: SetReviewEntryParams): Estate {
  const entry: ReviewEntry = { finding: params.finding, status: params.status };
  const reason = cleanText(params.reason);
  const notes = cleanText(params.notes);
  if (reason !== undefined) entry.reason = reason;
  if (notes !== undefined) entry.notes = notes;
  if (params.updatedAt !== undefined) entry.updatedAt = params.updatedAt;
  const problem = reviewEntryProblem(entry);
  if (problem !== undefined) throw new RangeError(`review of finding "${params.finding}": ${problem}`);

  const entries = estate.review?.entries ?? [];
  const index = entries.findIndex((existing) => existing.finding === params.finding);
  const current = entries[index];
  if (current && sameContent(current, entry)) return estate;
  const next = entries.slice();
  if (index === -1) next.push(entry);
  else next[index] = entry;
  return { ...estate, review: { ...estate.review, entries: next } };
}

/** The label undo and redo show: "Mark “Registry admin user is on” as accepted risk". */
export function setReviewEntryLabel(params: SetReviewEntryParams, findingTitle: string | undefined): string {
  const what = findingTitle === undefined ? `finding ${params.finding}` : `“${findingTitle}”`;
  return `Mark ${what} as ${reviewStatusLabel(params.status).toLowerCase()}`;
}
