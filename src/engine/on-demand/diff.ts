/* An on-demand entry (see ./analysis.ts): comparing two estates. */
export { diffEstates } from '../diff/diff';
export { comparePlan, isPlanMatched } from '../diff/plan';
