import type { EstateDiff } from './diff';

/*
 * Apart from diff.ts for the same reason as grant-identity.ts: the changes panel loads with the page, the
 * diff itself only when a comparison starts.
 */

/** True when the diff found nothing at all. */
export function isEmptyDiff(diff: EstateDiff): boolean {
  const s = diff.summary;
  return (
    s.grantsAdded +
      s.grantsRemoved +
      s.grantConditionsChanged +
      s.pathsChanged +
      s.pathsAdded +
      s.pathsRemoved +
      s.entitiesAdded +
      s.entitiesRemoved +
      s.entitiesChanged ===
      0 && diff.findings.opened.length + diff.findings.closed.length === 0
  );
}
