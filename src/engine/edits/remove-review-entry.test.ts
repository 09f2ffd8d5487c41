import { describe, expect, it } from 'vitest';
import { removeReviewEntry, removeReviewEntryLabel } from './remove-review-entry';
import { setReviewEntry } from './set-review-entry';
import { editsTestEstate } from '../testing/edits';

describe('removeReviewEntry', () => {
  const estate = setReviewEntry(setReviewEntry(editsTestEstate(), { finding: 'a', status: 'fixed' }), {
    finding: 'b',
    status: 'to-fix',
  });

  it('removes the entry of one finding and keeps the others', () => {
    const next = removeReviewEntry(estate, { finding: 'a' });
    expect(next.review?.entries).toEqual([{ finding: 'b', status: 'to-fix' }]);
    expect(next.computes).toBe(estate.computes);
  });

  it('returns the same estate when there is no such entry', () => {
    expect(removeReviewEntry(estate, { finding: 'zzz' })).toBe(estate);
    const plain = editsTestEstate();
    expect(removeReviewEntry(plain, { finding: 'a' })).toBe(plain);
  });

  it('labels the step', () => {
    expect(removeReviewEntryLabel({ finding: 'a' }, 'Some title')).toBe('Clear the review of “Some title”');
  });
});
