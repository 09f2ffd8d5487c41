/**
 * Comparing two estates: grants added and removed, paths whose identity or status changed, findings opened
 * and closed, entities added, removed and changed.
 */
export {
  diffEstates,
  grantIdentity,
  isEmptyDiff,
  type DiffOptions,
  type EntityChange,
  type EstateDiff,
  type FindingChange,
  type GrantChange,
  type PathChange,
  type PathPresence,
} from './diff';
