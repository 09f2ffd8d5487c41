import { describe, expect, it } from 'vitest';
import { REDACTED } from '../io/secrets';
import { setReviewEntry, setReviewEntryLabel } from './set-review-entry';
import { editsTestEstate } from '../testing/edits';

const FINDING = 'AML-ACR-004|a|b';

describe('setReviewEntry', () => {
  const estate = editsTestEstate();

  it('adds an entry, then replaces it in place, touching only the review', () => {
    const first = setReviewEntry(estate, { finding: FINDING, status: 'accepted-risk', reason: '  Only a test workspace ', updatedAt: '2025-06-01' });
    expect(first.review).toEqual({
      entries: [{ finding: FINDING, status: 'accepted-risk', reason: 'Only a test workspace', updatedAt: '2025-06-01' }],
    });
    expect(first.roleAssignments).toBe(estate.roleAssignments);
    expect(estate.review).toBeUndefined();

    const other = setReviewEntry(first, { finding: 'other', status: 'fixed' });
    const fixed = setReviewEntry(other, { finding: FINDING, status: 'fixed', notes: 'granted AcrPull in PR 12' });
    expect(fixed.review?.entries).toEqual([
      { finding: FINDING, status: 'fixed', notes: 'granted AcrPull in PR 12' },
      { finding: 'other', status: 'fixed' },
    ]);
    expect(other.review?.entries).toHaveLength(2);
  });

  it('returns the same estate when only the date would change', () => {
    const once = setReviewEntry(estate, { finding: FINDING, status: 'to-fix', notes: 'ask the platform team', updatedAt: '2025-06-01' });
    expect(setReviewEntry(once, { finding: FINDING, status: 'to-fix', notes: 'ask the platform team ', updatedAt: '2025-06-02' })).toBe(once);
    expect(setReviewEntry(once, { finding: FINDING, status: 'to-fix' })).not.toBe(once);
  });

  it('refuses an accepted risk without a reason, naming the finding', () => {
    expect(() => setReviewEntry(estate, { finding: FINDING, status: 'accepted-risk', reason: '   ' })).toThrow(
      /review of finding "AML-ACR-004\|a\|b": an accepted risk needs a reason/,
    );
  });

  it('drops secret-looking text from reasons and notes, as the readers do', () => {
    const key = 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH==';
    const next = setReviewEntry(estate, { finding: FINDING, status: 'accepted-risk', reason: 'fine', notes: key });
    expect(next.review?.entries[0]?.notes).toBe(REDACTED);
  });

  it('labels the step with the finding title when known', () => {
    expect(setReviewEntryLabel({ finding: FINDING, status: 'accepted-risk' }, 'Registry admin user is on')).toBe(
      'Mark “Registry admin user is on” as accepted risk',
    );
    expect(setReviewEntryLabel({ finding: FINDING, status: 'fixed' }, undefined)).toBe(`Mark finding ${FINDING} as fixed`);
  });
});
