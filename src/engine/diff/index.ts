/**
 * Comparing two estates: grants added and removed, paths whose identity or status changed, findings opened
 * and closed, entities added, removed and changed.
 */
export { grantIdentity } from './grant-identity';
export { isEmptyDiff } from './empty';
export {
  diffEstates,
  type DiffOptions,
  type EntityChange,
  type EstateDiff,
  type FindingChange,
  type GrantChange,
  type PathChange,
  type PathPresence,
} from './diff';
