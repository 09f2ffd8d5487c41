/** The design review of an estate's findings: statuses, validation and the summary the UI and reports show. */
export { REVIEW_STATUSES, REVIEW_STATUS_VALUES, reviewEntryOf, reviewEntryProblem, reviewStatusLabel } from './entry';
export { reviewSummary, type IdentityChoiceRow, type ReviewedFinding, type ReviewSummary } from './summary';
export type { Review, ReviewEntry, ReviewStatus } from '../model/types';
