import type { ReviewEntry, SourceRef } from '../../model/types';
import { REVIEW_STATUS_VALUES, reviewEntryProblem } from '../../review/entry';
import { quote } from '../core/source';
import type { Path, Rec } from '../core/context';
import type { NativeReading } from './reading';
import { REVIEW_ENTRY_FIELDS, REVIEW_FIELDS } from './schema';

/**
 * The `review` section. Entries name findings by id and are not checked against the analysis here: an entry
 * whose finding is gone is kept (the review summary shows it as stale) rather than dropped on reading.
 */
export function readReview(r: NativeReading, top: Rec): void {
  if (top.review === undefined || top.review === null) return;
  const review = r.ctx.map(top.review, ['review'], 'a mapping with `entries` (the reviewed findings)');
  if (review === undefined) return;
  r.ctx.checkKeys(review, ['review'], REVIEW_FIELDS);
  const entries: ReviewEntry[] = [];
  const first = new Map<string, SourceRef>();
  r.ctx.list(review.entries, ['review', 'entries'], 'a list of reviewed findings').forEach((item, index) => {
    const path: Path = ['review', 'entries', index];
    const obj = r.ctx.map(item, path, 'a mapping with `finding` and `status`');
    if (obj === undefined) {
      if (item === null || item === undefined)
        r.ctx.error(path, 'empty entry in `review.entries`; remove the lone `-`');
      return;
    }
    r.ctx.checkKeys(obj, path, REVIEW_ENTRY_FIELDS);
    const finding = r.ctx.str(obj, 'finding', path, {
      required: true,
      what: 'the id of the finding reviewed',
    });
    if (obj.status === undefined || obj.status === null)
      r.ctx.error(
        path,
        `missing required field \`status\` (one of ${REVIEW_STATUS_VALUES.map((s) => `\`${s}\``).join(', ')})`,
      );
    const status = r.ctx.oneOf(obj, 'status', path, REVIEW_STATUS_VALUES);
    const reason = r.ctx.text(obj, 'reason', path);
    const notes = r.ctx.text(obj, 'notes', path);
    const updatedAt = r.ctx.date(obj, 'updated_at', path);
    if (finding === undefined || status === undefined) return;
    const problem = reviewEntryProblem({ finding, status, ...(reason !== undefined ? { reason } : {}) });
    if (problem !== undefined) {
      r.ctx.error(path, `review of finding ${quote(finding, 120)}: ${problem}`);
      return;
    }
    const source = r.ctx.source(path);
    const seen = first.get(finding);
    if (seen) {
      r.ctx.error(
        [...path, 'finding'],
        `finding ${quote(finding, 120)} is reviewed twice (first at line ${seen.line ?? '?'})`,
        {
          related: seen,
        },
      );
      return;
    }
    first.set(finding, source);
    const entry: ReviewEntry = { finding, status };
    if (reason !== undefined && reason.trim() !== '') entry.reason = reason;
    if (notes !== undefined && notes.trim() !== '') entry.notes = notes;
    if (updatedAt !== undefined) entry.updatedAt = updatedAt;
    entries.push(entry);
  });
  r.estate.review = { entries };
}
