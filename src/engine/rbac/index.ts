// Public API of the RBAC evaluator. Other engine folders import from here rather than from the files.
export type { AccessQuestion, Decision } from './types';
export { BUILT_IN_ROLES } from './builtin-roles';
export { ROLE_ALIASES } from './role-aliases';
export { checkActionName, findOperations, PROVIDER_OPERATIONS, roleBreadth, rolesGrantingAction, searchActions } from './action-catalog';
export { matchesAction } from './wildcard';
export { WELL_KNOWN_ACTIONS, createRoleCatalog, type RoleCatalog } from './catalog';
export { buildRbacIndex, type RbacIndex } from './rbac-index';
export { allows, check, holdingsAlong, holdsNothingConditional, mayGrant, plainDenials } from './check';
export { parseCondition } from './conditions';
export { describeDecision } from './describe';
export { referenceCheck, type ReferenceDecision } from './reference-evaluator';
