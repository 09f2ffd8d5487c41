// Public API of the RBAC evaluator. Other engine folders import from here rather than from the files.
export type {
  AccessQuestion,
  ConditionVerdict,
  Decision,
  DenyReason,
  ExclusionReason,
  GrantReason,
  GroupPath,
} from './types';
export { BUILT_IN_ROLES, builtInRoleAlias, findBuiltInRole, isBuiltInRoleId, type BuiltInPermission } from './builtin-roles';
export { ROLE_ALIASES, type RoleAlias } from './role-aliases';
export {
  PROVIDER_OPERATIONS,
  catalogProviders,
  checkActionName,
  coversProvider,
  findOperations,
  nearestActions,
  roleBreadth,
  rolesGrantingAction,
  searchActions,
  type ActionNameCheck,
  type GrantingRole,
  type ProviderOperation,
} from './action-catalog';
export { compilePattern, compiledPattern, firstMatch, matchesAction, type CompiledPattern } from './wildcard';
export { WELL_KNOWN_ACTIONS, createRoleCatalog, type RoleCatalog, type WellKnownAction } from './catalog';
export { ROOT_SCOPE, createScopeTree, scopeCuts, type ScopeTree, type ScopeTreeOptions } from './scope-tree';
export {
  buildRbacIndex,
  type DenyMatch,
  type GroupMembership,
  type HeldAssignment,
  type RbacIndex,
  type RbacIndexOptions,
  type RoleMatch,
} from './rbac-index';
export { check, mayGrant } from './check';
export { parseCondition, type ParsedCondition } from './conditions';
export { describeDecision } from './describe';
export {
  referenceCheck,
  referenceMatches,
  type ReferenceDecision,
  type ReferenceOptions,
} from './reference-evaluator';
