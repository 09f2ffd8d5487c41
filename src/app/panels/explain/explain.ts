import { type AccessQuestion, allEntities, type AnalysisContext, type Entity, type EntityId, type Estate, type RbacIndex, type RoleCatalog, WELL_KNOWN_ACTIONS, findOperations, rolesGrantingAction, searchActions } from '../../../engine';
import { KIND_PRESENTATION } from '../../graph/entity-kinds';
import type { ExplainForm } from '../../store/app-state';

const PRINCIPAL_KINDS = new Set<Entity['kind']>(['user', 'group', 'servicePrincipal', 'userAssignedIdentity', 'systemAssignedIdentity']);

export interface Choice {
  /** What goes into the input: the name, or the id where two entities share the name. */
  value: string;
  /** What the list shows beside it. */
  label: string;
}

/** True for users, groups, service principals and managed identities. */
export function isPrincipal(entity: Entity): boolean {
  return PRINCIPAL_KINDS.has(entity.kind);
}

function referenceOf(entity: Entity, taken: ReadonlyMap<string, number>): string {
  const reference = 'armId' in entity && !isPrincipal(entity) ? entity.armId : entity.id;
  return (taken.get(entity.name.toLowerCase()) ?? 0) > 1 ? reference : entity.name;
}

function nameCounts(entities: readonly Entity[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entity of entities) counts.set(entity.name.toLowerCase(), (counts.get(entity.name.toLowerCase()) ?? 0) + 1);
  return counts;
}

/** Principals to pick from, by name (by id where a name is shared), sorted by name. */
export function principalChoices(estate: Estate): Choice[] {
  const principals = [...allEntities(estate)].filter(isPrincipal);
  const counts = nameCounts(principals);
  return principals
    .map((entity) => ({ value: referenceOf(entity, counts), label: KIND_PRESENTATION[entity.kind].label }))
    .sort((a, b) => a.value.localeCompare(b.value));
}

/** Scopes to pick from: every entity with an ARM id, by name (by ARM id where a name is shared), then the tenant root. */
export function scopeChoices(estate: Estate): Choice[] {
  const scopes = [...allEntities(estate)].filter((entity) => 'armId' in entity && !isPrincipal(entity));
  const counts = nameCounts(scopes);
  return [
    ...scopes
      .map((entity) => ({ value: referenceOf(entity, counts), label: KIND_PRESENTATION[entity.kind].label }))
      .sort((a, b) => a.value.localeCompare(b.value)),
    { value: '/', label: 'Tenant root' },
  ];
}

/** The text that names an entity in the explain form: its name when unique, else its id. */
export function referenceFor(estate: Estate, id: EntityId | string): string {
  const entities = [...allEntities(estate)];
  const entity = entities.find((candidate) => candidate.id === id);
  if (!entity) return id;
  const group = entities.filter((candidate) => isPrincipal(candidate) === isPrincipal(entity));
  return referenceOf(entity, nameCounts(group));
}

export interface ActionChoice extends Choice {
  /** True for a data action (granted only by DataActions). */
  data: boolean;
  /** What the provider says the operation does. */
  description: string;
}

const WELL_KNOWN = new Map(WELL_KNOWN_ACTIONS.map((action) => [`${action.action.toLowerCase()}|${action.data}`, action.label]));

/**
 * The action picker's list: operations of the action catalog matching every word of `query` (name, display
 * name or description), the product's own words for the well-known ones, and the provider's otherwise.
 */
export function actionChoices(query: string, limit = 8): ActionChoice[] {
  return searchActions(query, { limit }).map((op) => ({
    value: op.name,
    label: WELL_KNOWN.get(`${op.name.toLowerCase()}|${op.dataAction}`) ?? op.displayName,
    data: op.dataAction,
    description: op.description,
  }));
}

/** True when `action` is an operation of the action catalog in that plane (any casing). */
export function isCatalogAction(action: string, dataAction: boolean): boolean {
  return findOperations(action, dataAction).length > 0;
}

/** One row of "roles that grant this". */
export interface GrantingRoleRow {
  id: string;
  name: string;
  builtIn: boolean;
  /** Operations of the action catalog the role grants: the smaller, the closer to least privilege. */
  breadth: number;
  matchedPattern: string;
  condition?: string;
}

/** The roles (built-in and the estate's own) that grant the action in its plane, least first. */
export function grantingRoles(catalog: RoleCatalog, action: string, dataAction: boolean): GrantingRoleRow[] {
  return rolesGrantingAction(action, dataAction, catalog.all()).map((grant) => ({
    id: grant.role.id,
    name: grant.role.name,
    builtIn: catalog.isBuiltIn(grant.role.id),
    breadth: grant.breadth,
    matchedPattern: grant.matchedPattern,
    ...(grant.condition !== undefined ? { condition: grant.condition } : {}),
  }));
}

export type ExplainResolution =
  | { ready: true; question: AccessQuestion }
  | { ready: false; missing: string[] };

/** Turns the form into a question the RBAC index can answer, or says what is still missing or unknown. */
export function resolveExplainForm(form: ExplainForm, context: Pick<AnalysisContext, 'rbac'>): ExplainResolution {
  const index: RbacIndex = context.rbac;
  const missing: string[] = [];
  const principalText = form.principal.trim();
  const actionText = form.action.trim();
  const scopeText = form.scope.trim();
  const principal = principalText === '' ? undefined : index.resolvePrincipal(principalText);
  if (principalText === '') missing.push('Pick a principal.');
  else if (principal === undefined) missing.push(`No principal called “${principalText}” is in this estate.`);
  if (actionText === '') missing.push('Type or pick an action.');
  else if (!/^[\w.-]+\/[\w./-]+$/.test(actionText))
    missing.push(`“${actionText}” does not look like an action (Provider.Namespace/type/operation).`);
  const scope = scopeText === '' ? undefined : scopeText.startsWith('/') ? scopeText : index.resolveScope(scopeText);
  if (scopeText === '') missing.push('Pick a scope, or type an ARM id.');
  else if (scope === undefined) missing.push(`No scope called “${scopeText}” is in this estate.`);
  if (missing.length > 0 || principal === undefined || scope === undefined) return { ready: false, missing };
  return { ready: true, question: { principal, action: actionText, dataAction: form.dataAction, scope } };
}
