/**
 * The engine's public surface: everything the app and the CLI use, and the only module they may import
 * (ESLint and `npm run check:deps` enforce it). Modules behind it are free to move.
 *
 * Grouped by floor, lowest first (the order .dependency-cruiser.mjs enforces): the estate model, RBAC, the
 * analysis context, paths, rules, the analysis, then what is built on it (diff, review, edits) and the io
 * block (readers and writers) last.
 *
 * Everything here is pure and free of side effects at load, so a bundler keeps only what a chunk uses. The app
 * loads the heavy parts (the analysis, readers, writers, the diff) on demand through the entries in ./on-demand/
 * instead, so that they stay out of the first paint's bundle: see on-demand/analysis.ts.
 */

// The estate model
export type { EntityId, RoleId } from './model/ids';
export { scopeKey, systemIdentityId } from './model/ids';
export type {
  AssignmentOrigin,
  Compute,
  Diagnostic,
  Entity,
  EntityKind,
  Estate,
  FactKind,
  JobIdentity,
  JobIdentityType,
  KeyVault,
  ManagedIdentitySetting,
  OnlineEndpoint,
  PrivateEndpointLink,
  ReviewEntry,
  ReviewStatus,
  RoleAssignment,
  RoleDefinition,
  SourceRef,
  Workspace,
} from './model/types';
export { COLLECTION_OF_KIND, ENTITY_COLLECTIONS } from './model/types';
export { COMPUTE_KINDS, type ComputeType } from './model/compute-kinds';
export { referencesOf } from './model/references';
export { allEntities, entityMap } from './model/estate';
export { buildTopology, defaultIdentity, type Topology } from './model/topology';

// RBAC
export type { AccessQuestion, AssignmentMatch, ConditionVerdict, Decision, GrantReason, GroupPath } from './rbac/types';
export {
  check,
  checkActionName,
  describeDecision,
  findOperations,
  matchesAction,
  ROLE_ALIASES,
  roleBreadth,
  rolesGrantingAction,
  searchActions,
  WELL_KNOWN_ACTIONS,
  type RbacIndex,
  type RoleCatalog,
} from './rbac';
export { createRoleCatalog } from './rbac/catalog';

// The analysis context
export { createAnalysisContext, type AnalysisContext } from './context/analysis-context';
export { SOURCES, type SourceId } from './context/sources';

// Paths and rules
export {
  PATH_KINDS,
  pathPrincipals,
  type AccessPath,
  type IdentityKind,
  type PathKind,
  type PathStatus,
  type PrincipalCounts,
} from './paths/types';
export type { Evidence, Finding, Fix, Rule, RuleArea, Severity } from './rules/types';
export { RULES } from './rules/all-rules';
export { emittableSeverities } from './rules/severity';
export { groupEvidence, type AccessEvidence } from './rules/evidence-groups';

// The analysis
export { analyze, type Analysis } from './analysis/analyze';
export { analyzeTracked, reanalyze, type TrackedAnalysis } from './analysis/incremental';
export { sameAnalysisInputs } from './analysis/same-analysis-inputs';

// Built on the analysis: comparing estates, the design review, what-if edits
export { diffEstates, type EstateDiff, type GrantChange } from './diff/diff';
export { isEmptyDiff } from './diff/empty';
export { grantIdentity } from './diff/grant-identity';
export { REVIEW_STATUSES, reviewEntryProblem, reviewStatusLabel } from './review/entry';
export { reviewSummary, type ReviewedFinding, type ReviewSummary } from './review/summary';
export {
  DATASTORE_CREDENTIAL_KINDS,
  ENDPOINT_AUTH_MODES,
  estateEdit,
  JOB_IDENTITY_TYPES,
  SERVICE_DATA_ACCESS_IDENTITIES,
  STORAGE_NETWORK_SETTINGS,
  type DatastoreCredentialKind,
  type EditName,
  type EditParams,
} from './edits';
export { removeReviewEntry, removeReviewEntryLabel } from './edits/remove-review-entry';
export { setReviewEntry, setReviewEntryLabel } from './edits/set-review-entry';
export { findEntity } from './edits/shared';
export { applyFixGrants, fixGrantsOf, type FixGrant } from './edits/apply-grants';

// io: reading inputs and writing outputs (one block: the io folders are being reorganised)
export { readInputs, type InputFile, type ReadInputsResult } from './io/inputs';
export type { ArmParameterInput } from './io/core/reader';
export { parseDeploymentTarget, type DeploymentTarget } from './io/deployment-target';
export type { WorkspaceOption } from './io/core/cross-format';
export { writeNativeEstate } from './io/native';
export {
  atOrAbove,
  writeAzScript,
  writeBicep,
  writeMarkdownReport,
  writeSarif,
  writeTerraform,
  type SeverityThreshold,
} from './io/writers';

// Questions: what can X do here, who can do A on S (routes through Azure ML), why was I refused, least role
export {
  explainRefusal,
  leastRoleEdit,
  whatCan,
  whoCan,
  type AccessRoute,
  type ExplainedRefusal,
  type WhatCanAnswer,
  type WhoCanAnswer,
} from './questions';

// Parts the app loads when it first needs them. Each loader's import() makes its own chunk, so the analysis, the
// role catalog, the readers, the writers and the diff stay out of the first paint's bundle (npm run size); the
// shells call these loaders rather than import() anything of the engine themselves.

/** Loads `analyze()` (the paths, rules and fixes). */
export const loadAnalysis = () => import('./on-demand/analysis');

/** Loads the analysis context and the role catalog (the complete built-in catalog is hundreds of kB). */
export const loadAnalysisContext = () => import('./on-demand/analysis-context');

/** Loads `readInputs()` with every input format. */
export const loadReaders = () => import('./on-demand/inputs');

/** Loads the native estate format alone (samples, share links, saving). */
export const loadNativeFormat = () => import('./on-demand/native');

/** Loads the report and fix writers. */
export const loadWriters = () => import('./on-demand/writers');

/** Loads `diffEstates()` and `comparePlan()`. */
export const loadDiff = () => import('./on-demand/diff');

/** Loads the questions: `whatCan()`, `whoCan()`, `explainRefusal()`, `leastRole()` and `leastRoleEdit()`. */
export const loadQuestions = () => import('./on-demand/questions');

// Collection (`aml-access-map collect`): the manifest it writes beside the files, and the redaction of responses.
export { dropCredentials } from './io/secrets';
export {
  COLLECTION_MANIFEST_KIND,
  type CollectedCall,
  type CollectedFact,
  type CollectionManifest,
  type UnreadableScope,
} from './io/collection-manifest';

// Plan versus reality (`aml-access-map diff --plan`).
export { comparePlan, isPlanMatched, type PlanComparison, type TwoWayFix } from './diff/plan';
export { unknownComputeTypeText } from './model/compute-kinds';
